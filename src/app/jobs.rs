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
    /// A path chosen in a session dialog (empty when cancelled).
    Chosen {
        dialog: Dialog,
        path: PathBuf,
    },
    Picked(PathBuf),
    /// The open dialog returned at once without a path: none could be shown.
    NoDialog,
    /// A save location chosen for an export (`None`: all charts into a folder).
    SaveTo {
        view: Option<super::commands::View>,
        path: PathBuf,
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
    tx: Sender<(usize, JobResult)>,
    rx: Receiver<(usize, JobResult)>,
    next_id: usize,
    pub running: Vec<(usize, RunningJob)>,
    /// Woken when a job finishes (absent in headless tests, which poll).
    pub repaint: Option<egui::Context>,
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
        }
    }
}

impl Jobs {
    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
    }

    fn spawn(
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

    /// A session or sensitivity-export dialog, off the UI thread.
    pub fn dialog(&mut self, dialog: Dialog, suggested: Option<PathBuf>) {
        self.spawn("session dialog".into(), 0, move |_| {
            let d = rfd::FileDialog::new();
            let path = match dialog {
                Dialog::OpenSession => d
                    .set_title("Open a session")
                    .add_filter("session", &["json"])
                    .pick_file(),
                Dialog::SaveSession => {
                    let name = suggested
                        .as_ref()
                        .and_then(|p| p.file_name())
                        .map_or("session.densing.json".into(), |n| {
                            n.to_string_lossy().into_owned()
                        });
                    d.set_title("Save the session")
                        .set_file_name(name)
                        .add_filter("session", &["json"])
                        .save_file()
                }
                Dialog::ExportSensitivity => d
                    .set_title("Export the sensitivity chart")
                    .set_file_name("sensitivity.svg")
                    .add_filter("SVG", &["svg"])
                    .add_filter("PNG", &["png"])
                    .save_file(),
                Dialog::Locate(_) => {
                    let name = suggested
                        .as_ref()
                        .and_then(|p| p.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    d.set_title(format!("Where is {name} now?"))
                        .set_file_name(name)
                        .pick_file()
                }
            };
            JobResult::Chosen {
                dialog,
                path: path.unwrap_or_default(),
            }
        });
    }

    /// Asks for a file with the native dialog, off the UI thread.
    pub fn pick_file(&mut self) {
        self.spawn("file dialog".into(), 0, |_| {
            let started = std::time::Instant::now();
            let picked = rfd::FileDialog::new()
                .set_title("Open a results table or data folder")
                .add_filter(
                    "tables",
                    &[
                        "csv", "tsv", "txt", "parquet", "json", "jsonl", "ndjson", "md",
                    ],
                )
                .pick_file();
            match picked {
                Some(p) => JobResult::Picked(p),
                None if started.elapsed() < super::open::NO_DIALOG_WITHIN => JobResult::NoDialog,
                None => JobResult::Picked(PathBuf::new()),
            }
        });
    }

    /// Asks for a reference ladder folder, off the UI thread.
    pub fn pick_reference(&mut self) {
        self.spawn("folder dialog".into(), 0, |_| {
            let picked = rfd::FileDialog::new()
                .set_title("Open a reference ladder folder (OLMo ladder-runs)")
                .pick_folder();
            JobResult::Picked(picked.unwrap_or_default())
        });
    }

    /// Asks where to save a chart (`view`) or a folder for all charts, off the UI thread.
    pub fn pick_save(&mut self, view: Option<super::commands::View>) {
        self.spawn("save dialog".into(), 0, move |_| {
            let dialog = rfd::FileDialog::new();
            let path = match view {
                Some(v) => dialog
                    .set_title("Export chart")
                    .set_file_name(format!("{}.svg", v.file_stem()))
                    .add_filter("SVG", &["svg"])
                    .add_filter("PNG", &["png"])
                    .save_file(),
                None => dialog
                    .set_title("Export all charts into a folder")
                    .pick_folder(),
            };
            JobResult::SaveTo {
                view,
                path: path.unwrap_or_default(),
            }
        });
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
        out
    }
}
