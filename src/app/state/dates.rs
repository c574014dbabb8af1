//! File → "Join release dates…": a dates table's release dates joined onto the models
//! without one (by normalised name, as `--dates` does), the join's lines added to the load
//! report.

use super::{AppState, Changed};
use crate::data::model::dates_join::{DatesJoin, join_dates, join_embedded};
use crate::data::read::dates_table::{embedded_dates, read_dates_file};
use std::path::Path;

impl AppState {
    /// Joins the dates table at `path`; a table that cannot be read leaves the data as
    /// they were and says why.
    pub(super) fn join_dates(&mut self, path: &Path) -> Changed {
        if path.as_os_str().is_empty() {
            return Changed::NOTHING;
        }
        let (entries, report) = match read_dates_file(path) {
            Ok(r) => r,
            Err(e) => {
                self.error = Some(e.to_string());
                self.status = "dates table refused; data unchanged".into();
                return Changed::NOTHING;
            }
        };
        let join = join_dates(
            &mut self.dataset.models,
            &entries,
            &path.display().to_string(),
        );
        let mut lines: Vec<String> = report
            .warnings
            .iter()
            .map(|w| format!("{}: {w}", report.path))
            .collect();
        lines.extend(join.lines());
        // Then the embedded base-model dates, as `densing report --dates` does.
        if let Some(embedded) = self.join_embedded() {
            lines.extend(embedded.lines());
        }
        self.status = format!(
            "{} models got a release date from {}",
            join.dated.len(),
            path.display()
        );
        self.report_join(lines);
        self.error = None;
        Changed::ANALYSIS | Changed::GESTURE_END
    }

    /// Joins the embedded base-model release dates onto the models without one, as
    /// `densing report --dates-from` does on the same data (so both give the same dates).
    pub(super) fn join_embedded_dates(&mut self) -> Changed {
        let Some(join) = self.join_embedded() else {
            return Changed::NOTHING;
        };
        self.status = format!(
            "{} models got a release date from the embedded base-model dates",
            join.dated.len()
        );
        self.report_join(join.lines());
        Changed::ANALYSIS | Changed::GESTURE_END
    }

    /// The embedded base-model dates joined onto the user's models without a release date
    /// (never onto the embedded sample, as the command line joins them only with `--data`);
    /// `None` when no model got a date.
    fn join_embedded(&mut self) -> Option<DatesJoin> {
        let own_models = self
            .sources
            .iter()
            .any(|f| !super::data::is_reference_folder(&f.path));
        if !own_models || self.dataset.models.iter().all(|m| m.release_date.is_some()) {
            return None;
        }
        let join = join_embedded(&mut self.dataset.models, &embedded_dates());
        (!join.dated.is_empty()).then_some(join)
    }

    /// Adds a join's lines to the load report and shows it.
    fn report_join(&mut self, lines: Vec<String>) {
        self.load_report.push_str(&format!(
            "\n\nRelease dates joined:\n{}\n",
            lines.join("\n")
        ));
        self.show_load_report = true;
    }
}
