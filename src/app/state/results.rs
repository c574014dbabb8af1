//! Jobs that finish: fits, loads, sessions and dialogs come back here, each handed to
//! the area it belongs to; the analysis is recomputed once per poll, whatever arrived.

use super::{AppState, Changed};
use crate::app::commands::Command;
use crate::app::jobs::{Dialog, JobResult};

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
        if arrived && !self.jobs.is_busy() && self.error.is_none() && self.status.starts_with("fit")
        {
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
            JobResult::SaveTo { path, .. }
            | JobResult::Chosen { path, .. }
            | JobResult::Picked(path)
                if path.as_os_str().is_empty() =>
            {
                Changed::NOTHING
            }
            JobResult::SaveTo { view, path } => self.handle(match view {
                Some(view) => Command::WriteChart { view, path },
                None => Command::WriteAllCharts(path),
            }),
            JobResult::Chosen { dialog, path } => self.handle(match dialog {
                Dialog::OpenSession => Command::OpenSession(path),
                Dialog::SaveSession => Command::WriteSession(path),
                Dialog::Locate(index) => Command::RelocateSessionFile { index, path },
                Dialog::ExportSensitivity => Command::WriteSensitivityChart(path),
            }),
            JobResult::Picked(path) => self.handle(Command::OpenPath(path)),
            JobResult::NoDialog => {
                self.no_dialog = true;
                self.status = "no file dialog could be shown: type a path, drop a file, or start `densing PATH`".into();
                Changed::NOTHING
            }
        }
    }
}
