//! What the window shows: an enlarged view, the load report, the error, each chart's
//! zoom, the bootstrap's bands, the sensitivity view and the held-out window.

use super::{AppState, Changed};
use crate::app::charts::build_charts;
use crate::app::commands::{Command, View};
use crate::app::inputs::Key;
use crate::chart::Chart;

impl AppState {
    /// ToggleEnlarge, ToggleLoadReport, DismissError, ViewChanged, Bootstrap,
    /// CancelBootstrap, ToggleSensitivity, and the held-out window's commands.
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
            Command::ToggleHoldout => self.holdout.open = !self.holdout.open,
            Command::SetHoldout { target, recipe } => {
                self.holdout.target = target;
                self.holdout.recipe = recipe;
            }
            Command::RunHoldout => match self.dataset.reference.as_ref().map(|r| r.dir.clone()) {
                Some(dir) => self.holdout.start(&dir, self.jobs.repaint.clone()),
                None => {
                    self.error = Some(
                        "no reference ladder is loaded: File → Open reference ladder… first".into(),
                    )
                }
            },
            Command::CancelHoldout => self.holdout.cancel(),
            Command::ToggleSensitivity => {
                self.uncertainty.show_sensitivity = !self.uncertainty.show_sensitivity;
                return Changed::SENSITIVITY | Changed::GESTURE_END;
            }
            // Routed to the other areas by `AppState::handle`.
            _ => {}
        }
        Changed::NOTHING
    }

    /// A view's chart as on screen: its zoom and hidden series applied.
    pub fn chart_as_shown(&self, view: View) -> Chart {
        match self.views.get(&view) {
            Some(v) => self.charts.get(view).with_view(v),
            None => self.charts.get(view).clone(),
        }
    }

    /// Rebuilds the charts from the analysis as it is, with the bootstrap's bands when
    /// they belong to it.
    pub(super) fn rebuild_charts(&mut self) {
        self.charts = build_charts(&self.dataset, &self.fits, &self.options, &self.analysis);
        let key = Key::of(&self.dataset, &self.fits, &self.options);
        self.uncertainty
            .decorate(&mut self.charts, &self.dataset, &key);
    }
}
