//! Jobs that finish: fits, loads, sessions and dialogs come back here, each handed to
//! the area it belongs to; the analysis is recomputed once per poll, whatever arrived.

use super::{AppState, Changed};
use crate::app::jobs::JobResult;
use crate::app::open::PathPrompt;
use std::path::PathBuf;

impl AppState {
    /// Takes in finished jobs (and a finished bootstrap or sensitivity table); returns
    /// true when anything arrived.
    pub fn poll_jobs(&mut self) -> bool {
        let results = self.jobs.finished();
        let bootstrap_done = self.uncertainty.poll();
        let swept = self.uncertainty.poll_sensitivity() | self.holdout.poll();
        let arrived = bootstrap_done || !results.is_empty();
        let mut changed = if bootstrap_done {
            Changed::CHARTS
        } else {
            Changed::NOTHING
        };
        for r in results {
            changed |= self.take_result(r);
        }
        self.finish(changed);
        let fit_words = self.status.starts_with("fit") || self.status.starts_with("ready: laws");
        if arrived && !self.jobs.is_busy() && self.error.is_none() && fit_words {
            // The same words whichever fit finished last.
            let tasks: Vec<&str> = self.fits.tasks.keys().map(String::as_str).collect();
            self.status = format!("ready: laws fitted for {}", tasks.join(", "));
        }
        arrived || swept
    }

    fn take_result(&mut self, result: JobResult) -> Changed {
        match result {
            JobResult::Fitted {
                generation,
                task,
                loss,
                sigmoid,
            } => self.take_fit(generation, task, loss, sigmoid),
            JobResult::Loaded(load) => self.take_load(load),
            JobResult::Session { path, outcome } => self.take_session(path, outcome),
            // An empty path: the dialog was cancelled.
            JobResult::Answered { path, .. } if path.as_os_str().is_empty() => Changed::NOTHING,
            JobResult::Answered { ask, path } => self.handle(ask.command(path)),
            JobResult::NoDialog { ask, suggested } => {
                if !self.no_dialog {
                    // Said once; from now on every file action asks for a typed path.
                    self.no_dialog = true;
                    self.jobs.native_dialogs = false;
                    self.status =
                        "no file dialog can be shown here: file actions ask for a typed path"
                            .into();
                }
                let suggested = suggested.or_else(|| ask.writes().then(|| ask.default_path()));
                let suggested = suggested.map(|p| self.save_dir().join(p));
                self.path_prompt = Some(PathPrompt::new(ask, suggested));
                Changed::NOTHING
            }
        }
    }
}

impl AppState {
    /// Where saves go when nothing else says: beside the session, else beside the data
    /// file, else the home folder (not the working directory a launcher chose).
    pub fn save_dir(&self) -> PathBuf {
        let beside = |p: &PathBuf| {
            p.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map(PathBuf::from)
        };
        self.session_path
            .as_ref()
            .and_then(beside)
            .or_else(|| self.current_path.as_ref().and_then(beside))
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .unwrap_or_default()
    }
}

impl AppState {
    /// What a save dialog suggests: its default name in [`Self::save_dir`] (the native
    /// dialog opens in that folder, not in the working directory).
    pub fn suggest_save(&self, ask: crate::app::dialogs::Ask) -> Option<PathBuf> {
        Some(self.save_dir().join(ask.default_path()))
    }
}
