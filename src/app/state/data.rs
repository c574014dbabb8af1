//! Data: opening files and folders, the column editor, the embedded sample, values the
//! user supplies for models, and loads that finish.

use super::{AppState, Changed};
use crate::app::columns::ColumnsEditor;
use crate::app::commands::Command;
use crate::app::jobs::LoadOutcome;
use crate::data::{Dataset, LoadOptions, LoadReport, Loaded, reference_origin, sample};
use crate::io::session::{apply_supplied, looks_like_session};
use crate::law::Fits;
use std::path::Path;

/// Lines of load reports shown in the window; `densing inspect` prints every line.
const REPORT_LINES: usize = 200;

impl AppState {
    /// OpenDialog, OpenReferenceDialog, UseSyntheticReference, OpenPath, LoadWithOptions,
    /// EditColumns, OpenSample, SupplyModel.
    pub(super) fn apply_data(&mut self, command: Command) -> Changed {
        match command {
            Command::OpenDialog => self.jobs.pick_file(),
            Command::OpenReferenceDialog => self.jobs.pick_reference(),
            Command::OpenPath(path) if looks_like_session(&path) => {
                return self.handle(Command::OpenSession(path));
            }
            Command::OpenPath(path) => {
                self.status = format!("loading {}…", path.display());
                self.loads += 1;
                self.jobs.load(path, LoadOptions::default());
            }
            Command::LoadWithOptions { path, options } => {
                self.status = format!("loading {} with the chosen columns…", path.display());
                self.loads += 1;
                self.jobs.load(path, options);
            }
            Command::EditColumns => {
                if let Some(c) = &mut self.columns {
                    c.open = !c.open;
                } else {
                    self.status = "no table loaded yet: open a file to choose its columns".into();
                }
            }
            Command::OpenSample => {
                if let Ok(d) = sample() {
                    self.current_path = None;
                    self.sources.clear();
                    return self.replace_dataset(d, "embedded sample".into())
                        | Changed::GESTURE_END;
                }
            }
            Command::UseSyntheticReference => return self.use_synthetic_reference(),
            Command::UseFamilyReference(spec) => return self.use_family_reference(&spec),
            Command::SupplyModel { model, supplied } => {
                let entry = self.supplied.entry(model.clone()).or_default();
                entry.release_date = supplied.release_date.or(entry.release_date);
                if supplied.n_params.is_some() {
                    entry.n_params_active = supplied.n_params_active;
                }
                entry.n_params = supplied.n_params.or(entry.n_params);
                apply_supplied(&mut self.dataset, &self.supplied);
                self.status = format!("supplied a value for {model}");
                return Changed::ANALYSIS | Changed::GESTURE_END;
            }
            // Routed to the other areas by `AppState::handle`.
            _ => return Changed::NOTHING,
        }
        Changed::GESTURE_END
    }

    /// New data: the laws are refitted from scratch, edits and undo steps forgotten.
    pub(super) fn replace_dataset(&mut self, mut dataset: Dataset, status: String) -> Changed {
        apply_supplied(&mut dataset, &self.supplied);
        self.dataset = dataset;
        self.generation += 1;
        // No duplicate fits: those of the old data stop (a models file and a ladder opened
        // at start fitted the sample's laws alongside their own).
        self.jobs.cancel_fits();
        self.fits = Fits::default();
        self.slider_centres.clear();
        self.edited.clear();
        self.clear_history();
        self.fit_reports.clear();
        self.pending.clear();
        self.drop_queued_fits();
        self.status = status;
        self.fit_all_tasks();
        Changed::ANALYSIS
    }

    /// Takes in a finished load: merged into the data, or refused with the previous data
    /// kept (and the column editor offered for a table).
    pub(super) fn take_load(&mut self, load: LoadOutcome) -> Changed {
        let LoadOutcome {
            path,
            result,
            file,
            options,
            headers,
        } = load;
        let (loaded, reports) = match result {
            Ok(r) => r,
            Err(e) => {
                // The previous data stay as they were.
                if headers.is_empty() {
                    if self.columns.as_ref().is_some_and(|c| c.path == path) {
                        self.columns = None;
                    }
                    self.error = Some(e);
                } else {
                    self.columns = Some(ColumnsEditor::new(path, headers, *options, true));
                    self.error = Some(format!(
                        "{e}\nChoose which column holds what in the \"Columns\" window, then reload."
                    ));
                }
                self.status = "load failed; previous data kept".into();
                self.load_done();
                return Changed::NOTHING;
            }
        };
        let was_open = self
            .columns
            .as_ref()
            .is_some_and(|c| c.open && c.path == path);
        self.columns = (!headers.is_empty())
            .then(|| ColumnsEditor::new(path.clone(), headers, *options, was_open));
        self.show_load_report |= reports
            .iter()
            .any(|r| !r.warnings.is_empty() || !r.to_supply.is_empty());
        if loaded.is_reference_for(&self.dataset) {
            // A reference ladder replaces the previous reference, not the models' files:
            // the session keeps both (models first, then the reference).
            self.sources.retain(|f| !is_reference_folder(&f.path));
        } else if matches!(loaded, Loaded::Folder(_)) {
            self.sources.clear();
        }
        self.sources
            .retain(|f| Some(&f.path) != file.as_ref().map(|f| &f.path));
        self.sources.extend(file.map(|f| *f));
        let summary = loaded.summary();
        let d = loaded.merge_into(&self.dataset, &path);
        // A reference ladder without the current view task: show its first task
        // (MMLU for the OLMo ladder).
        if !d.ladder.iter().any(|r| r.task == self.options.view_task())
            && let Some(t) = d
                .ladder
                .iter()
                .find(|r| r.task == "mmlu")
                .or(d.ladder.first())
        {
            self.options.task = t.task.clone();
        }
        self.load_report = format!(
            "{}: read {summary}.\nData now: {} models, {} ladder points, {} checkpoints.\n\n{}",
            path.display(),
            d.models.len(),
            d.ladder.len(),
            d.checkpoints.len(),
            reports_text(&reports, &path)
        );
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(8);
        self.current_path = Some(path.clone());
        self.error = None;
        self.loads = self.loads.saturating_sub(1);
        // The laws are fitted here, or after the last of the loads under way.
        let changed = self.replace_dataset(d, format!("loaded {}", path.display()));
        super::super::startup::apply_startup(self);
        changed
    }
}

/// A reference ladder folder among the data files (an OLMo ladder-runs folder).
pub(super) fn is_reference_folder(path: &Path) -> bool {
    path.is_dir() && crate::data::runs_dir(path).is_some()
}

impl AppState {
    /// Back to the embedded synthetic ladder and checkpoints as the reference, keeping the
    /// models: the reference folder leaves the session's data files.
    fn use_synthetic_reference(&mut self) -> Changed {
        if self.dataset.reference.is_none() {
            self.status = "the reference is already the data's own ladder".into();
            return Changed::NOTHING;
        }
        let Ok(s) = sample() else {
            return Changed::NOTHING;
        };
        let mut d = self.dataset.clone();
        d.ladder = s.ladder;
        d.checkpoints = s.checkpoints;
        d.loss_unit = s.loss_unit;
        d.checkpoint_unit = s.checkpoint_unit;
        d.reference = None;
        d.origin = reference_origin(&d.origin, "the embedded synthetic ladder");
        if !d.ladder.iter().any(|r| r.task == self.options.view_task()) {
            self.options.task = crate::data::AVERAGE.into();
        }
        self.sources.retain(|f| !is_reference_folder(&f.path));
        self.replace_dataset(d, "reference: the embedded synthetic ladder".into())
            | Changed::GESTURE_END
    }
}

impl AppState {
    /// A model family of the data as the reference (issue 20), fitted on every task the
    /// models have (so that changing the task needs no refit): the same entry point as
    /// `--reference family:SPEC`. The fit is a handful of 4-parameter curves on the
    /// members' points (milliseconds), so it runs here rather than as a job.
    fn use_family_reference(&mut self, spec: &str) -> Changed {
        let mut d = self.dataset.clone();
        let mut tasks: Vec<String> = d
            .models
            .iter()
            .flat_map(|m| m.scores.keys().cloned())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        tasks.push(crate::data::AVERAGE.into());
        let benchmarks = self.options.benchmarks.clone();
        match crate::fit::family_reference(&mut d, spec, &tasks, &benchmarks, None) {
            Ok(family) => {
                let name = family.describe();
                self.sources.retain(|f| !is_reference_folder(&f.path));
                let changed = self.replace_dataset(d, format!("reference: the family {name}"));
                self.fits.family = Some(family);
                self.error = None;
                changed | Changed::GESTURE_END
            }
            Err(e) => {
                self.error = Some(e.to_string());
                self.status = "the family reference was refused; the reference is unchanged".into();
                Changed::NOTHING
            }
        }
    }
}

/// The load reports as shown in the window, cut after [`REPORT_LINES`] lines (the
/// window's font has no arrow glyphs: `->` and `<-` stand for the report's `→` and `←`).
fn reports_text(reports: &[LoadReport], path: &Path) -> String {
    let text: String = reports
        .iter()
        .map(|r| format!("{r}\n").replace('→', "->").replace('←', "<-"))
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= REPORT_LINES {
        return text;
    }
    format!(
        "{}\n… {} more lines (`densing inspect {}` prints them all)",
        lines[..REPORT_LINES].join("\n"),
        lines.len() - REPORT_LINES,
        path.display()
    )
}
