//! Background jobs (DESIGN §7): fits and loads run on named threads, report progress
//! through shared counters and send their results back over a channel; the UI never
//! blocks on them.

use super::commands::FitWhat;
use crate::data::{Dataset, LoadOptions, LoadReport, Loaded, load_path, table_headers};
use crate::data::{LossPoint, ScorePoint};
use crate::fit::{
    FitControl, LossFit, LossFitOptions, SIGMOID_STARTS, SigmoidFit, SigmoidFitOptions,
    fit_loss_law, fit_sigmoid, loss_start_count,
};
use crate::io::session::{
    DataFile, FileStatus, Session, data_file, locate_data, read_session, restore_dataset,
};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What a job sends back.
pub enum JobResult {
    Fitted {
        generation: u64,
        task: String,
        loss: Option<Result<LossFit, String>>,
        sigmoid: Option<Result<SigmoidFit, String>>,
    },
    Loaded(LoadOutcome),
    /// A session read (and its data loaded), or what stops it from opening.
    Session {
        path: PathBuf,
        outcome: SessionOutcome,
    },
    /// A path chosen in a file dialog (empty when the dialog was cancelled).
    Answered {
        ask: super::dialogs::Ask,
        path: PathBuf,
    },
    /// The dialog returned at once without a path: none could be shown here.
    NoDialog {
        ask: super::dialogs::Ask,
        suggested: Option<PathBuf>,
    },
}

/// A load that finished.
pub struct LoadOutcome {
    pub path: PathBuf,
    /// What was read with one load report per file, or why it was refused.
    pub result: Result<(Loaded, Vec<LoadReport>), String>,
    /// The file's record for sessions (path, content hash, the options it was read with).
    pub file: Option<Box<DataFile>>,
    pub options: Box<LoadOptions>,
    /// The file's column headers, for the column editor (empty for folders and tool
    /// outputs, and for files that are not tables at all).
    pub headers: Vec<String>,
}

/// The session dialogs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    OpenSession,
    SaveSession,
    /// Where the session's data file with this index is now.
    Locate(usize),
    /// Where to save the sensitivity chart.
    ExportSensitivity,
}

/// What opening a session came to.
pub enum SessionOutcome {
    Opened {
        session: Box<Session>,
        dataset: Dataset,
        /// The data files as found now (paths and hashes).
        files: Vec<DataFile>,
    },
    /// Some data files are missing or changed: the user locates them or accepts.
    NeedsData {
        session: Box<Session>,
        statuses: Vec<FileStatus>,
    },
    Failed(String),
}

/// A running job as the status bar shows it.
pub struct RunningJob {
    pub name: String,
    pub control: Arc<FitControl>,
    /// Units of work (fit starts) in all; 0 when unknown.
    pub total: usize,
}

impl RunningJob {
    /// Fraction done, when known.
    pub fn progress(&self) -> Option<f32> {
        (self.total > 0)
            .then(|| self.control.done.load(Ordering::Relaxed) as f32 / self.total as f32)
    }
}

pub struct Jobs {
    pub(super) tx: Sender<(usize, JobResult)>,
    rx: Receiver<(usize, JobResult)>,
    next_id: usize,
    pub running: Vec<(usize, RunningJob)>,
    /// Woken when a job finishes (absent in headless tests, which poll).
    pub repaint: Option<egui::Context>,
    /// Whether a native file dialog may be shown: false once one could not be (or with
    /// `DENSING_NO_DIALOG` set, or in a test), and every file action asks for a typed path.
    pub native_dialogs: bool,
    /// While true, finished jobs are held back (tests deliver them in a chosen order).
    pub hold: bool,
    /// Results held back while `hold` is set, in the order they finished.
    pub held: Vec<JobResult>,
}

impl Default for Jobs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Jobs {
            tx,
            rx,
            next_id: 0,
            running: Vec::new(),
            repaint: None,
            native_dialogs: std::env::var_os("DENSING_NO_DIALOG").is_none(),
            hold: false,
            held: Vec::new(),
        }
    }
}

impl Jobs {
    pub fn is_busy(&self) -> bool {
        !self.running.is_empty() || !self.held.is_empty()
    }

    pub(super) fn spawn(
        &mut self,
        name: String,
        total: usize,
        work: impl FnOnce(&FitControl) -> JobResult + Send + 'static,
    ) {
        let id = self.next_id;
        self.next_id += 1;
        let control = Arc::new(FitControl::default());
        let (tx, ctl, repaint) = (self.tx.clone(), control.clone(), self.repaint.clone());
        let spawned = std::thread::Builder::new()
            .name(name.clone())
            .spawn(move || {
                let result = work(&ctl);
                let _ = tx.send((id, result));
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            });
        if spawned.is_ok() {
            self.running.push((
                id,
                RunningJob {
                    name,
                    control,
                    total,
                },
            ));
        }
    }

    /// Fits one task's laws in the background.
    pub fn fit(
        &mut self,
        generation: u64,
        task: String,
        what: FitWhat,
        points: (Vec<LossPoint>, Vec<ScorePoint>),
        (loss_options, sigmoid_options): (LossFitOptions, SigmoidFitOptions),
    ) {
        let do_loss = what != FitWhat::Sigmoid;
        let do_sigmoid = what != FitWhat::Loss;
        let total = if do_loss {
            loss_start_count(loss_options.form, loss_options.grid)
        } else {
            0
        } + if do_sigmoid { SIGMOID_STARTS } else { 0 };
        let name = format!("fit {task}");
        self.spawn(name, total, move |ctl| {
            let (ladder, checkpoints) = points;
            let loss = do_loss.then(|| {
                fit_loss_law(&ladder, &loss_options, Some(ctl)).map_err(|e| e.to_string())
            });
            let sigmoid = do_sigmoid.then(|| {
                fit_sigmoid(&checkpoints, &sigmoid_options, Some(ctl)).map_err(|e| e.to_string())
            });
            JobResult::Fitted {
                generation,
                task,
                loss,
                sigmoid,
            }
        });
    }

    /// Loads a file or folder in the background with the caller's column choices.
    pub fn load(&mut self, path: PathBuf, options: LoadOptions) {
        let name = format!("load {}", path.display());
        self.spawn(name, 0, move |_| {
            let result = load_path(&path, &options);
            let headers = match &result {
                Ok(o) if path.is_file() && o.reports.len() == 1 => o.reports[0]
                    .columns
                    .iter()
                    .map(|(h, _)| h.clone())
                    .collect(),
                Err(_) if path.is_file() => table_headers(&path).unwrap_or_default(),
                _ => Vec::new(),
            };
            let file = result
                .is_ok()
                .then(|| data_file(&path).ok())
                .flatten()
                .map(|f| {
                    Box::new(DataFile {
                        load_options: options.clone(),
                        ..f
                    })
                });
            JobResult::Loaded(LoadOutcome {
                result: result
                    .map(|o| (o.loaded, o.reports))
                    .map_err(|e| e.to_string()),
                path,
                file,
                options: Box::new(options),
                headers,
            })
        });
    }

    /// Reads a session and loads its data files in the background; `relocated` are data
    /// files the user located, `accept_changed` opens it although files changed.
    pub fn open_session(
        &mut self,
        path: PathBuf,
        relocated: BTreeMap<usize, PathBuf>,
        accept_changed: bool,
    ) {
        let name = format!("open session {}", path.display());
        self.spawn(name, 0, move |_| {
            let outcome = match read_session(&path) {
                Err(e) => SessionOutcome::Failed(e.to_string()),
                Ok(session) => {
                    let statuses = locate_data(&path, &session, &relocated);
                    let blocked = statuses.iter().any(|s| match s {
                        FileStatus::Missing => true,
                        FileStatus::Changed(_) => !accept_changed,
                        FileStatus::Found(_) => false,
                    });
                    if blocked {
                        SessionOutcome::NeedsData {
                            session: Box::new(session),
                            statuses,
                        }
                    } else {
                        match restore_dataset(&path, &session, &statuses, accept_changed) {
                            Ok((dataset, files)) => SessionOutcome::Opened {
                                session: Box::new(session),
                                dataset,
                                files,
                            },
                            Err(e) => SessionOutcome::Failed(e.to_string()),
                        }
                    }
                }
            };
            JobResult::Session { path, outcome }
        });
    }

    /// Asks the running fits to stop (their data were replaced: their results would be
    /// dropped anyway, and they would take the cores from the new fits).
    pub fn cancel_fits(&self) {
        for (_, job) in self
            .running
            .iter()
            .filter(|(_, j)| j.name.starts_with("fit "))
        {
            job.control.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Asks every running job to stop.
    pub fn cancel_all(&self) {
        for (_, job) in &self.running {
            job.control.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Results of the jobs that finished since the last call.
    pub fn finished(&mut self) -> Vec<JobResult> {
        let mut out = Vec::new();
        while let Ok((id, result)) = self.rx.try_recv() {
            self.running.retain(|(j, _)| *j != id);
            out.push(result);
        }
        if self.hold {
            self.held.append(&mut out);
            return out;
        }
        let mut all = std::mem::take(&mut self.held);
        all.append(&mut out);
        all
    }
}
