//! The window's bootstrap and sensitivity (issue 6): the bootstrap runs on its own thread
//! with a progress bar and cancel; when it finishes, its band and interval are drawn on
//! the density view until the data, laws or options change. The sensitivity view replaces
//! the four views while it is open; its table is swept in [`super::sensitivity`].

use super::charts::Charts;
use super::commands::Command;
pub use super::inputs::Key;
use crate::analysis::{
    Analysis, BootstrapOptions, Options, Uncertainty, UncertaintyError, bootstrap,
};
use crate::chart::{Chart, add_density_band, add_loss_bands, add_sigmoid_band};
use crate::data::Dataset;
use crate::fit::FitControl;
use crate::law::Fits;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, channel};

/// Replicates of the window's bootstrap (DESIGN §9: 1,000 in the background).
pub const REPLICATES: usize = 1000;
/// Name of the band series (the chart layer's).
pub use crate::chart::BAND_NAME;
/// The bootstrap's doubling-time interval in words (the chart layer's note).
pub use crate::chart::bootstrap_note as interval_text;

struct Running {
    control: Arc<FitControl>,
    total: usize,
    key: Key,
    rx: Receiver<Result<Uncertainty, UncertaintyError>>,
}

#[derive(Default)]
pub struct UncertaintyState {
    running: Option<Running>,
    result: Option<(Key, Uncertainty)>,
    /// The last outcome in words (finished, cancelled, failed).
    pub message: Option<String>,
    /// The inputs `message` is about: it is cleared when they are no longer the window's.
    message_key: Option<Key>,
    pub show_sensitivity: bool,
    /// The sensitivity table, swept off the UI thread.
    pub sweep: super::sensitivity::Sweep,
}

impl UncertaintyState {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    pub fn progress(&self) -> Option<f32> {
        let r = self.running.as_ref()?;
        Some(r.control.done.load(Ordering::Relaxed) as f32 / r.total.max(1) as f32)
    }

    /// The finished bootstrap, if it belongs to `key`.
    pub fn current(&self, key: &Key) -> Option<&Uncertainty> {
        self.result
            .as_ref()
            .filter(|(k, _)| k == key)
            .map(|(_, u)| u)
    }

    /// Starts a bootstrap of the current analysis (replacing a running one).
    pub fn start(
        &mut self,
        inputs: (&Dataset, &Fits, &Options, &Analysis),
        boot: BootstrapOptions,
        repaint: Option<egui::Context>,
    ) {
        self.cancel();
        let (dataset, fits, options, analysis) = inputs;
        let control = Arc::new(FitControl::default());
        let (tx, rx) = channel();
        let total = boot.total_steps(options);
        let key = Key::of(dataset, fits, options);
        let (d, f, o, a, ctl) = (
            dataset.clone(),
            fits.clone(),
            options.clone(),
            analysis.clone(),
            control.clone(),
        );
        let spawned = std::thread::Builder::new()
            .name("bootstrap".into())
            .spawn(move || {
                let _ = tx.send(bootstrap(&d, &f, &o, &a, &boot, Some(&ctl)));
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => {
                self.message = None;
                self.running = Some(Running {
                    control,
                    total,
                    key,
                    rx,
                })
            }
            Err(e) => {
                self.message = Some(format!("bootstrap could not start: {e}"));
                self.message_key = Some(Key::of(dataset, fits, options));
            }
        }
    }

    /// Forgets the outcome and the result of other inputs than `key` (new data, a
    /// reference switch, a reopened session, an edited law): the status bar says nothing
    /// of a bootstrap of what is no longer shown, as the bands are no longer drawn.
    pub fn forget_stale(&mut self, key: &Key) {
        if self.message_key.as_ref().is_some_and(|k| k != key) {
            self.message = None;
            self.message_key = None;
        }
        if self.result.as_ref().is_some_and(|(k, _)| k != key) {
            self.result = None;
        }
    }

    pub fn cancel(&self) {
        if let Some(r) = &self.running {
            r.control.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Takes in a finished bootstrap; true when one finished.
    pub fn poll(&mut self) -> bool {
        let Some(r) = &self.running else { return false };
        let Ok(out) = r.rx.try_recv() else {
            return false;
        };
        let key = r.key.clone();
        self.running = None;
        self.message_key = Some(key.clone());
        self.message = Some(match out {
            Ok(u) => {
                let text = interval_text(&u);
                self.result = Some((key, u));
                text
            }
            Err(UncertaintyError::Cancelled) => "bootstrap cancelled".into(),
            Err(e) => e.to_string(),
        });
        true
    }

    /// Draws the bootstrap's bands (regression line, the view task's loss curves and
    /// sigmoid) and the doubling-time interval on the charts, when current; the bands are
    /// the chart layer's, as `densing export --bootstrap` draws them.
    pub fn decorate(&self, charts: &mut Charts, dataset: &Dataset, key: &Key) {
        let Some(u) = self.current(key) else { return };
        let task = key.options().view_task();
        add_density_band(&mut charts.density, u, key.options());
        add_loss_bands(&mut charts.loss, u, dataset, &task);
        add_sigmoid_band(&mut charts.sigmoid, u, dataset, &task);
    }

    /// The sensitivity chart shown, if any (perhaps of older inputs while a sweep runs).
    pub fn sensitivity_chart(&self) -> Option<&Chart> {
        self.sweep.table().map(|t| &t.chart)
    }

    /// Asks for the sensitivity table of these inputs when the view is open; it is swept
    /// in the background (see [`super::sensitivity`]).
    pub fn refresh_sensitivity(
        &mut self,
        dataset: &Dataset,
        fits: &Fits,
        options: &Options,
        repaint: Option<egui::Context>,
    ) {
        if self.show_sensitivity {
            self.sweep.request((dataset, fits, options), repaint);
        }
    }

    /// Takes in a finished sensitivity table; true when one arrived.
    pub fn poll_sensitivity(&mut self) -> bool {
        self.sweep.poll()
    }

    /// True while the sensitivity view waits for the table of the current inputs.
    pub fn sensitivity_updating(&self) -> bool {
        self.show_sensitivity && self.sweep.updating()
    }
}

/// The status-bar controls: start, progress, cancel, the last outcome, the sensitivity view.
pub fn controls(ui: &mut egui::Ui, st: &UncertaintyState, out: &mut Vec<Command>) {
    ui.separator();
    match st.progress() {
        Some(p) => {
            ui.label("bootstrap");
            ui.add(
                egui::ProgressBar::new(p)
                    .desired_width(120.0)
                    .show_percentage(),
            );
            if ui.small_button("cancel bootstrap").clicked() {
                out.push(Command::CancelBootstrap);
            }
        }
        None => {
            if ui
                .small_button("bootstrap")
                .on_hover_text("Resample ladder, checkpoints and models 1,000 times; draw the intervals on the density view")
                .clicked()
            {
                out.push(Command::Bootstrap);
            }
            if let Some(m) = &st.message {
                ui.label(egui::RichText::new(m).small());
            }
        }
    }
    let label = if st.show_sensitivity {
        "back to views"
    } else {
        "sensitivity"
    };
    if ui
        .small_button(label)
        .on_hover_text("The doubling time under each D0, frontier rule, benchmark set, and with each frontier model left out")
        .clicked()
    {
        out.push(Command::ToggleSensitivity);
    }
}
