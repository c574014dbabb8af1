//! What the window shows: an enlarged view, the load report, the error, each chart's
//! zoom, the bootstrap's bands and the sensitivity view.

use super::{AppState, Changed};
use crate::app::commands::Command;

impl AppState {
    /// ToggleEnlarge, ToggleLoadReport, DismissError, ViewChanged, Bootstrap,
    /// CancelBootstrap, ToggleSensitivity.
    pub(super) fn apply_views(&mut self, command: Command) -> Changed {
        match command {
            Command::ToggleEnlarge(v) => {
                self.enlarged = if self.enlarged == Some(v) {
                    None
                } else {
                    Some(v)
                };
            }
            Command::ToggleLoadReport => self.show_load_report = !self.show_load_report,
            Command::DismissError => self.error = None,
            Command::ViewChanged { view, view_state } => {
                if view_state.is_default() {
                    self.views.remove(&view);
                } else {
                    self.views.insert(view, view_state);
                }
            }
            // The bootstrap's bands are drawn when it finishes (`poll_jobs`).
            Command::Bootstrap => {
                let inputs = (&self.dataset, &self.fits, &self.options, &self.analysis);
                let boot = self.bootstrap_options();
                self.uncertainty
                    .start(inputs, boot, self.jobs.repaint.clone());
                return Changed::GESTURE_END;
            }
            Command::CancelBootstrap => {
                self.uncertainty.cancel();
                return Changed::GESTURE_END;
            }
            Command::ToggleSensitivity => {
                self.uncertainty.show_sensitivity = !self.uncertainty.show_sensitivity;
                return Changed::SENSITIVITY | Changed::GESTURE_END;
            }
            // Routed to the other areas by `AppState::handle`.
            _ => {}
        }
        Changed::NOTHING
    }
}
