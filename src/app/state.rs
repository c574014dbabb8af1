//! The window's state and the one place commands act on it. No drawing here, so tests
//! can drive it directly.

use super::columns::ColumnsEditor;
use super::commands::{Command, FitWhat, Param, View};
use super::jobs::{Dialog, JobResult, Jobs, SessionOutcome};
use crate::analysis::{Analysis, BootstrapOptions, Options, analyze};
use crate::chart::{self, Chart, ChartInputs, ChartView};
use crate::data::{Dataset, LoadOptions, sample};
use crate::fit::{LossFit, LossFitOptions, SigmoidFit, SigmoidFitOptions};
use crate::io::session::{
    DataFile, EditedParam, FileStatus, Session, Supplied, ViewState, apply_supplied,
    looks_like_session, write_session,
};
use crate::law::{Fits, TaskFit};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Size of exported charts (points; PNGs are written at twice this).
const EXPORT_SIZE: (u32, u32) = (1200, 800);

/// What undo restores.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    fits: Fits,
    edited: BTreeSet<(String, Param)>,
    options: Options,
}

/// The four charts of the current analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Charts {
    pub loss: Chart,
    pub sigmoid: Chart,
    pub inversion: Chart,
    pub density: Chart,
}

impl Charts {
    pub fn get(&self, view: View) -> &Chart {
        match view {
            View::Loss => &self.loss,
            View::Sigmoid => &self.sigmoid,
            View::Inversion => &self.inversion,
            View::Density => &self.density,
        }
    }
}

/// Saved by eframe between runs.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub recent: Vec<PathBuf>,
    pub last_path: Option<PathBuf>,
    pub options: Option<Options>,
    /// The session file the user saved to or opened last.
    pub session_path: Option<PathBuf>,
}

/// A session that cannot open until the user locates its data files or accepts changes.
pub struct PendingSession {
    pub path: PathBuf,
    pub session: Box<Session>,
    pub statuses: Vec<FileStatus>,
    pub relocated: BTreeMap<usize, PathBuf>,
}

pub struct AppState {
    pub dataset: Dataset,
    pub fits: Fits,
    /// (task, parameter) edited by hand since the last fit.
    pub edited: BTreeSet<(String, Param)>,
    pub options: Options,
    pub analysis: Analysis,
    pub charts: Charts,
    /// Tasks whose first fit is still running: their views show a spinner.
    pub pending: BTreeSet<String>,
    pub fit_reports: BTreeMap<String, (Option<LossFit>, Option<SigmoidFit>)>,
    pub loss_fit_options: LossFitOptions,
    /// Each parameter slider's centre (the fitted value, or the value at "reset range").
    pub slider_centres: BTreeMap<(String, Param), f64>,
    /// The sigmoid fits' options (the bootstrap's refits use both).
    pub sigmoid_fit_options: SigmoidFitOptions,
    pub error: Option<String>,
    pub status: String,
    pub load_report: String,
    pub show_load_report: bool,
    pub enlarged: Option<View>,
    pub recent: Vec<PathBuf>,
    pub current_path: Option<PathBuf>,
    /// The data files loaded since the embedded sample, in order (what a session saves).
    pub sources: Vec<DataFile>,
    /// Where Ctrl+S saves the session.
    pub session_path: Option<PathBuf>,
    /// Each chart's zoom and hidden series as on screen (exports use them).
    pub views: BTreeMap<View, ChartView>,
    /// Views whose plots take `views` on the next frame (after a session opened).
    pub restore_views: BTreeSet<View>,
    pub pending_session: Option<PendingSession>,
    /// The column editor of the last file loaded or refused (when it is a table).
    pub columns: Option<ColumnsEditor>,
    /// Release dates and sizes the user typed, by model name (kept across loads, saved in
    /// sessions).
    pub supplied: BTreeMap<String, Supplied>,
    /// Where the window autosaves the session (on exit and on a timer); none in tests.
    pub autosave_path: Option<PathBuf>,
    /// The native file dialog could not be shown: the window offers a typed path.
    pub no_dialog: bool,
    pub jobs: Jobs,
    /// The bootstrap job and its result, the sensitivity view (issue 6).
    pub uncertainty: super::uncertainty::UncertaintyState,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    last_edit_key: Option<String>,
    /// Bumped when the dataset changes, so late fit results of old data are dropped.
    generation: u64,
}

impl AppState {
    /// The embedded sample, its fits started in the background.
    pub fn new(jobs: Jobs) -> Self {
        let dataset = sample().unwrap_or_default();
        let options = Options::default();
        let fits = Fits::default();
        let analysis = analyze(&dataset, &fits, &options);
        let charts = build_charts(&dataset, &fits, &options, &analysis);
        let mut s = AppState {
            load_report: format!(
                "Embedded sample: {}.\nModels are real (public scores with sources); ladder and checkpoints are synthetic.",
                dataset.origin
            ),
            dataset,
            fits,
            edited: BTreeSet::new(),
            options,
            analysis,
            charts,
            pending: BTreeSet::new(),
            fit_reports: BTreeMap::new(),
            loss_fit_options: LossFitOptions::default(),
            sigmoid_fit_options: SigmoidFitOptions::default(),
            slider_centres: BTreeMap::new(),
            error: None,
            status: "embedded sample".into(),
            show_load_report: false,
            enlarged: None,
            recent: Vec::new(),
            current_path: None,
            sources: Vec::new(),
            session_path: None,
            views: BTreeMap::new(),
            restore_views: BTreeSet::new(),
            pending_session: None,
            columns: None,
            supplied: BTreeMap::new(),
            autosave_path: None,
            no_dialog: false,
            jobs,
            uncertainty: Default::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit_key: None,
            generation: 0,
        };
        s.fit_all_tasks();
        s
    }

    /// The options of the window's fits.
    /// The sigmoid fit options of the loaded reference: a real one (bits per byte) is
    /// bounded by 100 and each task's chance level, for its fits and their bootstrap.
    fn sigmoid_options(&self) -> SigmoidFitOptions {
        if self.dataset.loss_unit == crate::data::LossUnit::BitsPerByte {
            self.sigmoid_fit_options.with_chance_bounds()
        } else {
            self.sigmoid_fit_options
        }
    }

    /// The bootstrap of what the window shows: refits with the fits' own options; when a
    /// needed task's parameters were edited by hand, a refit of the data would not be the
    /// laws shown, so the laws are held as edited and only the models are resampled.
    pub fn bootstrap_options(&self) -> BootstrapOptions {
        let needed = self.options.needed_tasks();
        let edited = self.edited.iter().any(|(t, _)| needed.contains(t));
        BootstrapOptions {
            n_replicates: super::uncertainty::REPLICATES,
            refit_laws: !edited,
            laws_edited: edited,
            loss_fit: self.loss_fit_options,
            sigmoid_fit: self.sigmoid_options(),
            ..BootstrapOptions::default()
        }
    }

    /// Tasks that have ladder points or checkpoints in the data.
    pub fn data_tasks(&self) -> BTreeSet<String> {
        let d = &self.dataset;
        d.ladder
            .iter()
            .map(|r| r.task.clone())
            .chain(d.checkpoints.iter().map(|r| r.task.clone()))
            .collect()
    }

    /// The task whose laws the loss and sigmoid views show.
    pub fn view_task(&self) -> String {
        self.options.view_task()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// True while the views wait for the first fit of a task they need.
    pub fn waiting(&self) -> bool {
        self.options
            .needed_tasks()
            .iter()
            .any(|t| self.pending.contains(t))
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            fits: self.fits.clone(),
            edited: self.edited.clone(),
            options: self.options.clone(),
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.fits = s.fits;
        self.edited = s.edited;
        self.options = s.options;
    }

    /// Records the state before a change; repeated changes with the same key (a drag)
    /// make one undo step.
    fn checkpoint(&mut self, key: Option<String>) {
        if key.is_some() && key == self.last_edit_key {
            return;
        }
        self.undo.push(self.snapshot());
        self.redo.clear();
        self.last_edit_key = key;
    }

    /// The centre of a parameter's slider range (the current value if none is set).
    pub fn slider_centre(&self, task: &str, param: Param) -> Option<f64> {
        let fit = self.fits.tasks.get(task)?;
        Some(
            self.slider_centres
                .get(&(task.to_string(), param))
                .copied()
                .unwrap_or_else(|| param.get(fit)),
        )
    }

    /// Centres the sliders of `params` of `task` on their current values.
    fn centre_sliders(&mut self, task: &str, params: &[Param]) {
        if let Some(fit) = self.fits.tasks.get(task) {
            for &p in params {
                self.slider_centres
                    .insert((task.to_string(), p), p.get(fit));
            }
        }
    }

    /// Recomputes the analysis and the charts (cheap: < 1 ms at 1,000 models).
    pub fn refresh(&mut self) {
        // Laws that arrived without a fit (a session, params) get their sliders centred.
        for (task, fit) in &self.fits.tasks {
            for p in Param::LOSS.into_iter().chain(Param::SIGMOID) {
                self.slider_centres
                    .entry((task.clone(), p))
                    .or_insert_with(|| p.get(fit));
            }
        }
        self.analysis = analyze(&self.dataset, &self.fits, &self.options);
        self.charts = build_charts(&self.dataset, &self.fits, &self.options, &self.analysis);
        let key = super::uncertainty::Key::of(&self.dataset, &self.fits, &self.options);
        self.uncertainty
            .decorate(&mut self.charts, &self.dataset, &key);
        self.uncertainty
            .refresh_sensitivity(&self.dataset, &self.fits, &self.options);
    }

    pub fn apply(&mut self, command: Command) {
        let is_edit = matches!(
            command,
            Command::SetParam { .. } | Command::SetOptions { .. }
        );
        match command {
            Command::SetParam { task, param, value } => {
                if !value.is_finite() {
                    return;
                }
                let Some(fit) = self.fits.tasks.get(&task).copied() else {
                    return;
                };
                self.checkpoint(Some(format!("{task}/{param:?}")));
                let fit = self.fits.tasks.entry(task.clone()).or_insert(fit);
                param.set(fit, value);
                self.edited.insert((task, param));
            }
            Command::SetOptions { options, key } => {
                if options != self.options {
                    self.checkpoint(Some(format!("options/{key}")));
                    let old_tasks = self.options.needed_tasks();
                    self.options = options;
                    if self.options.needed_tasks() != old_tasks {
                        self.fit_missing();
                    }
                }
            }
            Command::Fit { task, what } => {
                let what = if self.fits.tasks.contains_key(&task) {
                    what
                } else {
                    FitWhat::Both
                };
                self.start_fit(task, what);
            }
            Command::FitAll => self.fit_all_tasks(),
            Command::CancelJobs => {
                self.jobs.cancel_all();
                self.status = "cancelling…".into();
            }
            Command::Undo => {
                if let Some(s) = self.undo.pop() {
                    self.redo.push(self.snapshot());
                    self.restore(s);
                    self.last_edit_key = None;
                }
            }
            Command::Redo => {
                if let Some(s) = self.redo.pop() {
                    self.undo.push(self.snapshot());
                    self.restore(s);
                    self.last_edit_key = None;
                }
            }
            Command::OpenDialog => self.jobs.pick_file(),
            Command::OpenReferenceDialog => self.jobs.pick_reference(),
            Command::OpenPath(path) if looks_like_session(&path) => {
                self.apply(Command::OpenSession(path));
                return;
            }
            Command::OpenPath(path) => {
                self.status = format!("loading {}…", path.display());
                self.jobs.load(path, LoadOptions::default());
            }
            Command::LoadWithOptions { path, options } => {
                self.status = format!("loading {} with the chosen columns…", path.display());
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
                    self.replace_dataset(d, "embedded sample".into());
                }
            }
            Command::ToggleEnlarge(v) => {
                self.enlarged = if self.enlarged == Some(v) {
                    None
                } else {
                    Some(v)
                };
                return;
            }
            Command::ExportChartDialog(v) => {
                self.jobs.pick_save(Some(v));
                return;
            }
            Command::ExportAllDialog => {
                self.jobs.pick_save(None);
                return;
            }
            Command::WriteChart { view, path } => {
                self.write_chart(view, &path);
                return;
            }
            Command::WriteAllCharts(dir) => {
                let mut written = 0;
                for v in View::ALL {
                    for ext in ["svg", "png"] {
                        written += usize::from(
                            self.write_chart(v, &dir.join(format!("{}.{ext}", v.file_stem()))),
                        );
                    }
                }
                if written == 8 {
                    self.status = format!("wrote 8 charts to {}", dir.display());
                }
                return;
            }
            Command::ToggleLoadReport => {
                self.show_load_report = !self.show_load_report;
                return;
            }
            Command::DismissError => {
                self.error = None;
                return;
            }
            Command::SupplyModel { model, supplied } => {
                let entry = self.supplied.entry(model.clone()).or_default();
                entry.release_date = supplied.release_date.or(entry.release_date);
                if supplied.n_params.is_some() {
                    entry.n_params_active = supplied.n_params_active;
                }
                entry.n_params = supplied.n_params.or(entry.n_params);
                apply_supplied(&mut self.dataset, &self.supplied);
                self.status = format!("supplied a value for {model}");
            }
            Command::ViewChanged { view, view_state } => {
                if view_state.is_default() {
                    self.views.remove(&view);
                } else {
                    self.views.insert(view, view_state);
                }
                return;
            }
            Command::SaveSession => {
                match self.session_path.clone() {
                    Some(p) => self.apply(Command::WriteSession(p)),
                    None => self.apply(Command::SaveSessionAsDialog),
                }
                return;
            }
            Command::SaveSessionAsDialog => {
                let suggested = self.session_path.clone();
                self.jobs.dialog(Dialog::SaveSession, suggested);
                return;
            }
            Command::WriteSession(path) => {
                match write_session(&path, &self.session()) {
                    Ok(()) => {
                        self.status = format!("saved session {}", path.display());
                        self.session_path = Some(path);
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
                return;
            }
            Command::OpenSessionDialog => {
                self.jobs.dialog(Dialog::OpenSession, None);
                return;
            }
            Command::OpenSession(path) => {
                self.status = format!("opening session {}…", path.display());
                self.pending_session = None;
                self.jobs.open_session(path, BTreeMap::new(), false);
                return;
            }
            Command::LocateSessionFileDialog(index) => {
                let suggested = self
                    .pending_session
                    .as_ref()
                    .and_then(|p| p.session.data.get(index))
                    .map(|f| f.path.clone());
                self.jobs.dialog(Dialog::Locate(index), suggested);
                return;
            }
            Command::RelocateSessionFile { index, path } => {
                if let Some(mut p) = self.pending_session.take() {
                    p.relocated.insert(index, path);
                    self.status = format!("opening session {}…", p.path.display());
                    self.jobs.open_session(p.path, p.relocated, false);
                }
                return;
            }
            Command::AcceptChangedData => {
                if let Some(p) = self.pending_session.take() {
                    self.status = format!("opening session {}…", p.path.display());
                    self.jobs.open_session(p.path, p.relocated, true);
                }
                return;
            }
            Command::CancelSessionOpen => {
                if self.pending_session.take().is_some() {
                    self.status = "session not opened; the current state stays".into();
                }
                return;
            }
            Command::Bootstrap => {
                let inputs = (&self.dataset, &self.fits, &self.options, &self.analysis);
                let boot = self.bootstrap_options();
                self.uncertainty
                    .start(inputs, boot, self.jobs.repaint.clone());
            }
            Command::CancelBootstrap => self.uncertainty.cancel(),
            Command::ResetSliderRanges { task } => {
                let all: Vec<Param> = Param::LOSS.into_iter().chain(Param::SIGMOID).collect();
                self.centre_sliders(&task, &all);
                return;
            }
            Command::ExportSensitivityDialog => {
                self.jobs.dialog(Dialog::ExportSensitivity, None);
                return;
            }
            Command::WriteSensitivityChart(path) => {
                match self.uncertainty.sensitivity_chart().cloned() {
                    Some(c) => {
                        self.write_any_chart(&c, &path);
                    }
                    None => self.error = Some("no sensitivity chart to export yet".into()),
                }
                return;
            }
            Command::ToggleSensitivity => {
                self.uncertainty.show_sensitivity = !self.uncertainty.show_sensitivity;
            }
        }
        if !is_edit {
            self.last_edit_key = None;
        }
        self.refresh();
    }

    /// Writes the chart on screen to `path` (PNG when the extension says so, else SVG);
    /// an error is shown once. Returns true on success.
    pub fn write_chart(&mut self, view: View, path: &std::path::Path) -> bool {
        let chart = self.chart_as_shown(view);
        self.write_any_chart(&chart, path)
    }

    /// Writes `chart` to `path` (PNG when the extension says so, else SVG).
    fn write_any_chart(&mut self, chart: &Chart, path: &std::path::Path) -> bool {
        let png = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"));
        let result = if png {
            crate::io::write_png(chart, EXPORT_SIZE, 2.0, path)
        } else {
            crate::io::write_svg(chart, EXPORT_SIZE, path)
        };
        match result {
            Ok(()) => {
                self.status = format!("wrote {}", path.display());
                true
            }
            Err(e) => {
                self.error = Some(e.to_string());
                false
            }
        }
    }

    /// A view's chart as on screen: its zoom and hidden series applied.
    pub fn chart_as_shown(&self, view: View) -> Chart {
        match self.views.get(&view) {
            Some(v) => self.charts.get(view).with_view(v),
            None => self.charts.get(view).clone(),
        }
    }

    /// Everything a session file holds, as it is now.
    pub fn session(&self) -> Session {
        let mut s = Session::new(
            self.sources.clone(),
            self.fits.clone(),
            self.options.clone(),
        );
        s.supplied = self.supplied.clone();
        s.edited = self
            .edited
            .iter()
            .map(|(task, p)| EditedParam {
                task: task.clone(),
                param: p.name().into(),
            })
            .collect();
        s.view = ViewState {
            enlarged: self.enlarged.map(|v| v.file_stem().into()),
            charts: self
                .views
                .iter()
                .map(|(v, c)| (v.file_stem().to_string(), c.clone()))
                .collect(),
        };
        s
    }

    /// Writes the session to the autosave file, if there is one; false if that failed
    /// (the error is shown once).
    pub fn autosave(&mut self) -> bool {
        let Some(path) = self.autosave_path.clone() else {
            return true;
        };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        match write_session(&path, &self.session()) {
            Ok(()) => true,
            Err(e) => {
                self.error = Some(format!("autosave failed: {e}"));
                false
            }
        }
    }

    /// Takes in an opened session: its data, laws (no refit), edits, options and view.
    fn restore_session(
        &mut self,
        path: PathBuf,
        session: Session,
        dataset: Dataset,
        files: Vec<DataFile>,
    ) {
        self.dataset = dataset;
        self.supplied = session.supplied;
        self.generation += 1;
        self.jobs.cancel_all();
        self.fits = session.fits;
        self.edited = session
            .edited
            .iter()
            .filter_map(|e| Param::from_name(&e.param).map(|p| (e.task.clone(), p)))
            .collect();
        self.options = session.options;
        self.undo.clear();
        self.redo.clear();
        self.last_edit_key = None;
        self.fit_reports.clear();
        self.pending.clear();
        self.pending_session = None;
        self.sources = files;
        self.current_path = self.sources.last().map(|f| f.path.clone());
        self.enlarged = session.view.enlarged.as_deref().and_then(View::from_stem);
        self.views = session
            .view
            .charts
            .into_iter()
            .filter_map(|(k, v)| View::from_stem(&k).map(|view| (view, v)))
            .collect();
        self.restore_views = View::ALL.into_iter().collect();
        self.error = None;
        self.load_report = format!(
            "Session {}: {} data file(s) replayed onto the embedded sample.\nData now: {} models, {} ladder points, {} checkpoints.",
            path.display(),
            self.sources.len(),
            self.dataset.models.len(),
            self.dataset.ladder.len(),
            self.dataset.checkpoints.len()
        );
        if Some(&path) == self.autosave_path.as_ref() {
            self.status = "restored the last session (autosave)".into();
        } else {
            self.status = format!("opened session {}", path.display());
            self.session_path = Some(path);
        }
        self.slider_centres.clear();
        self.fit_missing();
        self.refresh();
    }

    /// Ends a drag gesture: the next change starts a new undo step.
    pub fn end_gesture(&mut self) {
        self.last_edit_key = None;
    }

    fn replace_dataset(&mut self, mut dataset: Dataset, status: String) {
        apply_supplied(&mut dataset, &self.supplied);
        self.dataset = dataset;
        self.generation += 1;
        self.fits = Fits::default();
        self.slider_centres.clear();
        self.edited.clear();
        self.undo.clear();
        self.redo.clear();
        self.fit_reports.clear();
        self.pending.clear();
        self.status = status;
        self.fit_all_tasks();
        self.refresh();
    }

    /// Starts fits for every task with data (and keeps the views waiting for them).
    fn fit_all_tasks(&mut self) {
        for task in self.data_tasks() {
            self.start_fit(task, FitWhat::Both);
        }
    }

    /// Starts fits for needed tasks that have data but no fits yet.
    fn fit_missing(&mut self) {
        let have = self.data_tasks();
        for task in self.options.needed_tasks() {
            if have.contains(&task)
                && !self.fits.tasks.contains_key(&task)
                && !self.pending.contains(&task)
            {
                self.start_fit(task, FitWhat::Both);
            }
        }
    }

    fn start_fit(&mut self, task: String, what: FitWhat) {
        if let Err(reason) = self.dataset.unit() {
            self.error = Some(format!("task {task}: {reason}"));
            return;
        }
        // A real reference (bits per byte) is bounded by 100 and the task's chance level.
        let sigmoid_options = self.sigmoid_options().for_task(&task);
        let points = (
            self.dataset.loss_points(&task),
            self.dataset.score_points(&task),
        );
        if !self.fits.tasks.contains_key(&task) {
            self.pending.insert(task.clone());
        }
        self.status = format!("fitting {task}…");
        self.jobs.fit(
            self.generation,
            task,
            what,
            points,
            (self.loss_fit_options, sigmoid_options),
        );
    }

    /// Takes in finished jobs; returns true when anything changed.
    pub fn poll_jobs(&mut self) -> bool {
        let results = self.jobs.finished();
        let changed = self.uncertainty.poll() | !results.is_empty();
        for r in results {
            self.take_result(r);
        }
        if changed {
            self.refresh();
            if !self.jobs.is_busy() && self.error.is_none() && self.status.starts_with("fit") {
                // The same words whichever fit finished last.
                let tasks: Vec<&str> = self.fits.tasks.keys().map(String::as_str).collect();
                self.status = format!("ready: laws fitted for {}", tasks.join(", "));
            }
        }
        changed
    }

    fn take_result(&mut self, result: JobResult) {
        match result {
            JobResult::Fitted {
                generation,
                task,
                loss,
                sigmoid,
            } => {
                if generation != self.generation {
                    return;
                }
                self.pending.remove(&task);
                let err = |e: &String| format!("fit of task {task} failed: {e}");
                if let Some(Err(e)) = &loss {
                    self.error = Some(err(e));
                }
                if let Some(Err(e)) = &sigmoid {
                    self.error = Some(err(e));
                }
                let new_loss = loss.and_then(Result::ok);
                let new_sigmoid = sigmoid.and_then(Result::ok);
                if new_loss.is_none() && new_sigmoid.is_none() {
                    return;
                }
                let current = self.fits.tasks.get(&task).copied();
                let law = new_loss.as_ref().map(|f| f.law).or(current.map(|c| c.loss));
                let sig = new_sigmoid
                    .as_ref()
                    .map(|f| f.sigmoid)
                    .or(current.map(|c| c.sigmoid));
                let (Some(loss), Some(sigmoid)) = (law, sig) else {
                    return;
                };
                if current.is_some() {
                    self.checkpoint(None);
                }
                self.fits
                    .tasks
                    .insert(task.clone(), TaskFit { loss, sigmoid });
                // "fit" rescales the refitted law's sliders around the new values.
                if new_loss.is_some() {
                    self.centre_sliders(&task, &Param::LOSS);
                }
                if new_sigmoid.is_some() {
                    self.centre_sliders(&task, &Param::SIGMOID);
                }
                self.edited.retain(|(t, p)| {
                    t != &task
                        || (p.is_loss() && new_loss.is_none())
                        || (!p.is_loss() && new_sigmoid.is_none())
                });
                let entry = self.fit_reports.entry(task.clone()).or_default();
                if new_loss.is_some() {
                    entry.0 = new_loss;
                }
                if new_sigmoid.is_some() {
                    entry.1 = new_sigmoid;
                }
                self.status = format!("fitted {task}");
            }
            JobResult::Loaded {
                path,
                result,
                file,
                options,
                headers,
            } => match result {
                Ok((loaded, reports)) => {
                    let was_open = self
                        .columns
                        .as_ref()
                        .is_some_and(|c| c.open && c.path == path);
                    self.columns = (!headers.is_empty())
                        .then(|| ColumnsEditor::new(path.clone(), headers, *options, was_open));
                    self.show_load_report |= reports
                        .iter()
                        .any(|r| !r.warnings.is_empty() || !r.to_supply.is_empty());
                    if matches!(loaded, crate::data::Loaded::Folder(_)) {
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
                    self.replace_dataset(d, format!("loaded {}", path.display()));
                }
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
                }
            },
            JobResult::SaveTo { view, path } => {
                if !path.as_os_str().is_empty() {
                    match view {
                        Some(v) => self.apply(Command::WriteChart { view: v, path }),
                        None => self.apply(Command::WriteAllCharts(path)),
                    }
                }
            }
            JobResult::Session { path, outcome } => match outcome {
                SessionOutcome::Opened {
                    session,
                    dataset,
                    files,
                } => self.restore_session(path, *session, dataset, files),
                SessionOutcome::NeedsData { session, statuses } => {
                    self.status = "the session's data files need attention".into();
                    self.pending_session = Some(PendingSession {
                        path,
                        session,
                        statuses,
                        relocated: BTreeMap::new(),
                    });
                }
                SessionOutcome::Failed(e) => {
                    self.error = Some(e);
                    self.status = "session not opened; the current state stays".into();
                }
            },
            JobResult::Chosen { dialog, path } => {
                if !path.as_os_str().is_empty() {
                    self.apply(match dialog {
                        Dialog::OpenSession => Command::OpenSession(path),
                        Dialog::SaveSession => Command::WriteSession(path),
                        Dialog::Locate(index) => Command::RelocateSessionFile { index, path },
                        Dialog::ExportSensitivity => Command::WriteSensitivityChart(path),
                    });
                }
            }
            JobResult::Picked(path) => {
                if !path.as_os_str().is_empty() {
                    self.apply(Command::OpenPath(path));
                }
            }
            JobResult::NoDialog => {
                self.no_dialog = true;
                self.status = "no file dialog could be shown: type a path, drop a file, or start `densing PATH`".into();
            }
        }
    }

    pub fn persisted(&self) -> Persisted {
        Persisted {
            recent: self.recent.clone(),
            last_path: self.current_path.clone(),
            options: Some(self.options.clone()),
            session_path: self.session_path.clone(),
        }
    }
}

fn build_charts(dataset: &Dataset, fits: &Fits, options: &Options, analysis: &Analysis) -> Charts {
    let inputs = ChartInputs {
        dataset,
        fits,
        options,
        analysis,
    };
    let task = options.view_task();
    Charts {
        loss: chart::loss_chart(inputs, &task),
        sigmoid: chart::sigmoid_chart(inputs, &task),
        inversion: chart::inversion_chart(inputs),
        density: chart::density_chart(inputs),
    }
}

/// Lines of load reports shown in the window; `densing inspect` prints every line.
const REPORT_LINES: usize = 200;

/// The load reports as shown in the window, cut after [`REPORT_LINES`] lines (the
/// window's font has no arrow glyph: `->` stands for the report's `→`).
fn reports_text(reports: &[crate::data::LoadReport], path: &std::path::Path) -> String {
    let text: String = reports
        .iter()
        .map(|r| format!("{r}\n").replace('→', "->"))
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
