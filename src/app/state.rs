//! The window's state and the one place commands act on it. No drawing here, so tests
//! can drive it directly.

use super::commands::{Command, FitWhat, Param, View};
use super::jobs::{JobResult, Jobs};
use crate::analysis::{Analysis, Fits, Options, TaskFit, analyze};
use crate::chart::{self, Chart, ChartInputs};
use crate::data::{Dataset, sample};
use crate::fit::{LossFit, LossFitOptions, SigmoidFit};
use crate::law::{LossForm, LossLaw, Sigmoid};
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
    pub error: Option<String>,
    pub status: String,
    pub load_report: String,
    pub show_load_report: bool,
    pub enlarged: Option<View>,
    pub recent: Vec<PathBuf>,
    pub current_path: Option<PathBuf>,
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
            error: None,
            status: "embedded sample".into(),
            show_load_report: false,
            enlarged: None,
            recent: Vec::new(),
            current_path: None,
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

    /// Recomputes the analysis and the charts (cheap: < 1 ms at 1,000 models).
    pub fn refresh(&mut self) {
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
                set_param(fit, param, value);
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
            Command::OpenPath(path) => {
                self.status = format!("loading {}…", path.display());
                self.jobs.load(path);
            }
            Command::OpenSample => {
                if let Ok(d) = sample() {
                    self.current_path = None;
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
            Command::Bootstrap => {
                let inputs = (&self.dataset, &self.fits, &self.options, &self.analysis);
                self.uncertainty.start(inputs, self.jobs.repaint.clone());
            }
            Command::CancelBootstrap => self.uncertainty.cancel(),
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
        let chart = self.charts.get(view);
        let png = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"));
        let result = if png {
            chart::write_png(chart, EXPORT_SIZE, 2.0, path)
        } else {
            chart::write_svg(chart, EXPORT_SIZE, path)
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

    /// Ends a drag gesture: the next change starts a new undo step.
    pub fn end_gesture(&mut self) {
        self.last_edit_key = None;
    }

    fn replace_dataset(&mut self, dataset: Dataset, status: String) {
        self.dataset = dataset;
        self.generation += 1;
        self.fits = Fits::default();
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
        let points = (
            self.dataset.loss_points(&task),
            self.dataset.score_points(&task),
        );
        if !self.fits.tasks.contains_key(&task) {
            self.pending.insert(task.clone());
        }
        self.status = format!("fitting {task}…");
        self.jobs
            .fit(self.generation, task, what, points, self.loss_fit_options);
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
            JobResult::Loaded { path, result } => match result {
                Ok(loaded) => {
                    let summary = loaded.summary();
                    let d = loaded.merge_into(&self.dataset, &path);
                    self.load_report = format!(
                        "{}: read {summary}.\nData now: {} models, {} ladder points, {} checkpoints.",
                        path.display(),
                        d.models.len(),
                        d.ladder.len(),
                        d.checkpoints.len()
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
                    self.error = Some(e);
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
            JobResult::Picked(path) => {
                if !path.as_os_str().is_empty() {
                    self.apply(Command::OpenPath(path));
                }
            }
        }
    }

    pub fn persisted(&self) -> Persisted {
        Persisted {
            recent: self.recent.clone(),
            last_path: self.current_path.clone(),
            options: Some(self.options.clone()),
        }
    }
}

fn set_param(fit: &mut TaskFit, param: Param, value: f64) {
    let (l, s): (&mut LossLaw, &mut Sigmoid) = (&mut fit.loss, &mut fit.sigmoid);
    match param {
        Param::E => {
            l.e = value;
            l.form = LossForm::Chinchilla;
        }
        Param::A => l.a = value,
        Param::Alpha => l.alpha = value,
        Param::B => l.b = value,
        Param::Beta => l.beta = value,
        Param::C => s.c = value,
        Param::Gamma => s.gamma = value,
        Param::L => s.l = value,
        Param::D => s.d = value,
    }
}

/// The value of a parameter.
pub fn get_param(fit: &TaskFit, param: Param) -> f64 {
    let (l, s) = (&fit.loss, &fit.sigmoid);
    match param {
        Param::E => l.e,
        Param::A => l.a,
        Param::Alpha => l.alpha,
        Param::B => l.b,
        Param::Beta => l.beta,
        Param::C => s.c,
        Param::Gamma => s.gamma,
        Param::L => s.l,
        Param::D => s.d,
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
