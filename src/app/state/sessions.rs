//! Sessions: saving, opening (with data files to locate or changes to accept), the
//! autosave, and what eframe keeps between runs.

use super::{AppState, Changed};
use crate::app::commands::{Command, Param, View};
use crate::app::jobs::{Dialog, SessionOutcome};
use crate::data::Dataset;
use crate::io::session::{DataFile, EditedParam, FileStatus, Session, ViewState, write_session};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Saved by eframe between runs.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub recent: Vec<PathBuf>,
    pub last_path: Option<PathBuf>,
    pub options: Option<crate::analysis::Options>,
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

impl AppState {
    /// SaveSession, SaveSessionAsDialog, WriteSession, OpenSessionDialog, OpenSession,
    /// LocateSessionFileDialog, RelocateSessionFile, AcceptChangedData, CancelSessionOpen.
    /// Sessions open in the background: nothing changes until they arrive.
    pub(super) fn apply_sessions(&mut self, command: Command) -> Changed {
        match command {
            Command::SaveSession => {
                return match self.session_path.clone() {
                    Some(p) => self.handle(Command::WriteSession(p)),
                    None => self.handle(Command::SaveSessionAsDialog),
                };
            }
            Command::SaveSessionAsDialog => {
                let suggested = self.session_path.clone().or_else(|| {
                    self.suggest_save(crate::app::dialogs::Ask::Session(Dialog::SaveSession))
                });
                self.jobs.dialog(Dialog::SaveSession, suggested);
            }
            Command::WriteSession(path) => match write_session(&path, &self.session()) {
                Ok(()) => {
                    self.status = format!("saved session {}", path.display());
                    self.session_path = Some(path);
                }
                Err(e) => self.error = Some(e.to_string()),
            },
            Command::OpenSessionDialog => self.jobs.dialog(Dialog::OpenSession, None),
            Command::OpenSession(path) => {
                self.status = format!("opening session {}…", path.display());
                self.pending_session = None;
                self.jobs.open_session(path, BTreeMap::new(), false);
            }
            Command::LocateSessionFileDialog(index) => {
                let suggested = self
                    .pending_session
                    .as_ref()
                    .and_then(|p| p.session.data.get(index))
                    .map(|f| f.path.clone());
                self.jobs.dialog(Dialog::Locate(index), suggested);
            }
            Command::RelocateSessionFile { index, path } => {
                if let Some(mut p) = self.pending_session.take() {
                    p.relocated.insert(index, path);
                    self.status = format!("opening session {}…", p.path.display());
                    self.jobs.open_session(p.path, p.relocated, false);
                }
            }
            Command::AcceptChangedData => {
                if let Some(p) = self.pending_session.take() {
                    self.status = format!("opening session {}…", p.path.display());
                    self.jobs.open_session(p.path, p.relocated, true);
                }
            }
            Command::CancelSessionOpen => {
                let was_pending = self.pending_session.take().is_some();
                if was_pending {
                    self.status = "session not opened; the current state stays".into();
                }
            }
            // Routed to the other areas by `AppState::handle`.
            _ => {}
        }
        Changed::NOTHING
    }

    /// Everything a session file holds, as it is now.
    pub fn session(&self) -> Session {
        let mut s = Session::new(
            self.sources.clone(),
            self.fits.clone(),
            self.options.clone(),
        );
        s.supplied = self.supplied.clone();
        s.fit_reports = self
            .fit_reports
            .iter()
            .map(|(task, (loss, sigmoid))| {
                let report = crate::io::session::FitReport {
                    loss: loss.clone(),
                    sigmoid: sigmoid.clone(),
                };
                (task.clone(), report)
            })
            .collect();
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

    pub fn persisted(&self) -> Persisted {
        Persisted {
            recent: self.recent.clone(),
            last_path: self.current_path.clone(),
            options: Some(self.options.clone()),
            session_path: self.session_path.clone(),
        }
    }

    /// Takes in what opening a session came to.
    pub(super) fn take_session(&mut self, path: PathBuf, outcome: SessionOutcome) -> Changed {
        match outcome {
            SessionOutcome::Opened {
                session,
                dataset,
                files,
            } => return self.restore_session(path, *session, dataset, files),
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
        }
        Changed::NOTHING
    }

    /// Takes in an opened session: its data, laws (no refit), edits, options and view.
    fn restore_session(
        &mut self,
        path: PathBuf,
        session: Session,
        dataset: Dataset,
        files: Vec<DataFile>,
    ) -> Changed {
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
        self.clear_history();
        self.last_edit_key = None;
        // The fit report lines of the laws restored (the fits are not rerun).
        self.fit_reports = session
            .fit_reports
            .into_iter()
            .filter(|(task, _)| self.fits.tasks.contains_key(task))
            .map(|(task, r)| (task, (r.loss, r.sigmoid)))
            .collect();
        self.pending.clear();
        self.drop_queued_fits();
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
        Changed::ANALYSIS
    }
}
