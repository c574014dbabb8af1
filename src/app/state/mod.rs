//! The window's state and the one place commands act on it. No drawing here, so tests
//! can drive it directly.
//!
//! Commands are handled by area (laws and options, data, sessions, exports, views; job
//! results in `results`); each handler returns what it [`Changed`], and the analysis is
//! recomputed once after a command, a batch of commands or a poll of the jobs.

mod changed;
mod data;
mod dates;
mod exports;
mod laws;
mod results;
mod sessions;
mod views;

pub use super::charts::Charts;
pub use changed::Changed;
pub use sessions::{PendingSession, Persisted};

use super::columns::ColumnsEditor;
use super::commands::{Command, Param, View};
use super::jobs::Jobs;
use crate::analysis::{Analysis, BootstrapOptions, Options, analyze};
use crate::chart::ChartView;
use crate::data::{Dataset, sample};
use crate::fit::{LossFit, LossFitOptions, SigmoidFit, SigmoidFitOptions};
use crate::io::session::{DataFile, Supplied};
use crate::law::Fits;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

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
    /// No native file dialog could be shown (said once in the status bar): every file
    /// action asks for a typed path.
    pub no_dialog: bool,
    /// The file action waiting for a typed path, when no dialog can be shown.
    pub path_prompt: Option<super::open::PathPrompt>,
    pub jobs: Jobs,
    /// The bootstrap job and its result, the sensitivity view (issue 6).
    pub uncertainty: super::uncertainty::UncertaintyState,
    /// The held-out predictions window of a reference ladder (issue 12).
    pub holdout: super::holdout::Holdout,
    undo: Vec<laws::Snapshot>,
    redo: Vec<laws::Snapshot>,
    last_edit_key: Option<String>,
    /// Bumped when the dataset changes, so late fit results of old data are dropped.
    generation: u64,
    /// Loads under way: the laws are fitted once they are all in (a models file and a
    /// ladder opened together are fitted once, on the data they make together).
    loads: usize,
    /// Fits asked for while loads were under way, started when the last one is in.
    fits_deferred: bool,
    /// Tasks whose laws no view needs now, fitted once the needed ones are in: the views
    /// wait for one or two fits, not for every task of an 11-task ladder (issue 23).
    fill_queue: Vec<String>,
    /// The needed tasks whose fits run before the queue's.
    fill_first: BTreeSet<String>,
    /// Fit jobs started since the state was made (tests check that none is duplicated).
    fits_started: u64,
    /// Analyses computed since the state was made.
    recomputes: u64,
}

impl AppState {
    /// The embedded sample, its fits started in the background.
    pub fn new(jobs: Jobs) -> Self {
        let mut s = Self::unfitted(jobs);
        s.fit_all_tasks();
        s
    }

    /// The embedded sample, its laws fitted only when the loads asked for next are in and
    /// still leave it (a window opened with files does not fit the sample's laws).
    pub fn deferred(jobs: Jobs) -> Self {
        let mut s = Self::unfitted(jobs);
        s.fits_deferred = true;
        s.pending.extend(s.data_tasks());
        s
    }

    fn unfitted(jobs: Jobs) -> Self {
        let dataset = sample().unwrap_or_default();
        let options = Options::default();
        let fits = Fits::default();
        let analysis = analyze(&dataset, &fits, &options);
        let charts = super::charts::build_charts(&dataset, &fits, &options, &analysis);
        AppState {
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
            path_prompt: None,
            jobs,
            uncertainty: Default::default(),
            holdout: Default::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit_key: None,
            generation: 0,
            loads: 0,
            fits_deferred: false,
            fill_queue: Vec::new(),
            fill_first: BTreeSet::new(),
            fits_started: 0,
            recomputes: 1,
        }
    }

    /// Acts on one command, then recomputes what it changed (once).
    pub fn apply(&mut self, command: Command) {
        let changed = self.handle(command);
        self.finish(changed);
    }

    /// Acts on a frame's commands in order, then recomputes once what any of them changed.
    pub fn apply_all(&mut self, commands: impl IntoIterator<Item = Command>) {
        let mut changed = Changed::NOTHING;
        for c in commands {
            if reads_results(&c) {
                // It starts from, or writes, the analysis and charts as they are now.
                self.finish(changed);
                changed = Changed::NOTHING;
            }
            let now = self.handle(c);
            if now.contains(Changed::GESTURE_END) {
                // Here, not at the end: a later edit in the same batch starts its own
                // undo step, and a drag it starts goes on into the next frame.
                self.last_edit_key = None;
            }
            changed |= now.without(Changed::GESTURE_END);
        }
        self.finish(changed);
    }

    /// Hands a command to its area; returns what changed (nothing is recomputed here).
    fn handle(&mut self, command: Command) -> Changed {
        use Command as C;
        match command {
            c @ (C::SetParam { .. }
            | C::SetOptions { .. }
            | C::Fit { .. }
            | C::FitAll
            | C::ResetSliderRanges { .. }
            | C::CancelJobs
            | C::Undo
            | C::Redo) => self.apply_laws(c),
            c @ (C::OpenDialog
            | C::OpenReferenceDialog
            | C::UseSyntheticReference
            | C::UseFamilyReference(_)
            | C::OpenPath(_)
            | C::LoadWithOptions { .. }
            | C::EditColumns
            | C::OpenSample
            | C::SupplyModel { .. }) => self.apply_data(c),
            C::JoinDatesDialog => {
                self.jobs.ask(crate::app::dialogs::Ask::Dates, None);
                Changed::NOTHING
            }
            C::JoinDates(path) => self.join_dates(&path),
            C::JoinEmbeddedDates => self.join_embedded_dates(),
            c @ (C::SaveSession
            | C::SaveSessionAsDialog
            | C::WriteSession(_)
            | C::OpenSessionDialog
            | C::OpenSession(_)
            | C::LocateSessionFileDialog(_)
            | C::RelocateSessionFile { .. }
            | C::AcceptChangedData
            | C::CancelSessionOpen) => self.apply_sessions(c),
            c @ (C::ExportChartDialog(_)
            | C::ExportAllDialog
            | C::WriteChart { .. }
            | C::WriteAllCharts(_)
            | C::ExportSensitivityDialog
            | C::WriteSensitivityChart(_)) => self.apply_exports(c),
            c @ (C::ToggleEnlarge(_)
            | C::ToggleLoadReport
            | C::DismissError
            | C::ViewChanged { .. }
            | C::Bootstrap
            | C::CancelBootstrap
            | C::ToggleSensitivity
            | C::ToggleHoldout
            | C::SetHoldout { .. }
            | C::RunHoldout
            | C::CancelHoldout) => self.apply_views(c),
        }
    }

    /// Recomputes what `changed` says, once.
    fn finish(&mut self, changed: Changed) {
        if changed.contains(Changed::GESTURE_END) {
            self.last_edit_key = None;
        }
        if changed.contains(Changed::ANALYSIS) {
            self.centre_new_sliders();
            self.analysis = analyze(&self.dataset, &self.fits, &self.options);
            self.recomputes += 1;
            let key = super::uncertainty::Key::of(&self.dataset, &self.fits, &self.options);
            self.uncertainty.forget_stale(&key);
        }
        if changed.contains(Changed::ANALYSIS) || changed.contains(Changed::CHARTS) {
            self.rebuild_charts();
        }
        if changed.contains(Changed::ANALYSIS) || changed.contains(Changed::SENSITIVITY) {
            self.uncertainty.refresh_sensitivity(
                &self.dataset,
                &self.fits,
                &self.options,
                self.jobs.repaint.clone(),
            );
        }
    }

    /// Recomputes the analysis and the charts (cheap: < 1 ms at 1,000 models); the
    /// sensitivity table, when shown, is brought up to date in the background.
    pub fn refresh(&mut self) {
        self.finish(Changed::ANALYSIS);
    }

    /// How many analyses were computed since the state was made (the first at start):
    /// tests check that one change recomputes once.
    pub fn recomputes(&self) -> u64 {
        self.recomputes
    }

    /// The fits waiting for the views' own tasks to be fitted first.
    pub fn queued_fits(&self) -> &[String] {
        &self.fill_queue
    }

    /// How many fit jobs were started since the state was made.
    pub fn fits_started(&self) -> u64 {
        self.fits_started
    }

    /// Ends a drag gesture: the next change starts a new undo step.
    pub fn end_gesture(&mut self) {
        self.last_edit_key = None;
    }

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

    /// True while the views wait for the first fit of a task they need.
    pub fn waiting(&self) -> bool {
        self.options
            .needed_tasks()
            .iter()
            .any(|t| self.pending.contains(t))
    }
}

/// Commands that start from the analysis or the charts as they are (a bootstrap, an
/// export): in a batch, the changes before them are recomputed first.
fn reads_results(command: &Command) -> bool {
    matches!(
        command,
        Command::Bootstrap
            | Command::WriteChart { .. }
            | Command::WriteAllCharts(_)
            | Command::WriteSensitivityChart(_)
    )
}
