//! The model-free view (issue 21) in the window: the chart of `chart::iso_chart` for the
//! thresholds typed in the panel, in place of the four views while it is shown.

use super::plot;
use super::state::AppState;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by `densing --view iso` before the window opens (e.g. for `--screenshot`).
static START_ON_ISO: AtomicBool = AtomicBool::new(false);

/// Opens the window on the model-free view.
pub fn start_on_iso() {
    START_ON_ISO.store(true, Ordering::Relaxed);
}

/// Whether the view shows and the thresholds as typed (empty: the defaults).
#[derive(Debug, Clone)]
pub struct IsoView {
    pub show: bool,
    pub thresholds: String,
}

impl Default for IsoView {
    fn default() -> Self {
        IsoView {
            show: START_ON_ISO.load(Ordering::Relaxed),
            thresholds: String::new(),
        }
    }
}

impl IsoView {
    /// The thresholds typed, comma- or space-separated; `Err` names the first that is not
    /// a number. Empty: the defaults.
    pub fn parsed(&self) -> Result<Vec<f64>, String> {
        self.thresholds
            .split([',', ' ', ';'])
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                s.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("'{}' is not a score", s.trim()))
            })
            .collect()
    }
}

/// The panel's part: the toggle and the thresholds field.
pub fn panel(ui: &mut egui::Ui, iso: &mut IsoView) {
    ui.separator();
    ui.horizontal(|ui| {
        let label = if iso.show {
            "back to views"
        } else {
            "model-free check"
        };
        if ui
            .small_button(label)
            .on_hover_text("The smallest model reaching each score over release dates, and how fast its size halves (no reference needed)")
            .clicked()
        {
            iso.show = !iso.show;
        }
    });
    ui.horizontal(|ui| {
        ui.label("thresholds");
        ui.add(
            egui::TextEdit::singleline(&mut iso.thresholds)
                .hint_text("default: 4 inside the range")
                .desired_width(150.0),
        );
    });
    if let Err(e) = iso.parsed() {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
}

/// The view in the central panel.
pub fn view(ui: &mut egui::Ui, iso: &IsoView, state: &AppState) {
    ui.strong("Model-free check");
    let thresholds = iso.parsed().unwrap_or_default();
    let inputs = crate::chart::ChartInputs {
        dataset: &state.dataset,
        fits: &state.fits,
        options: &state.options,
        analysis: &state.analysis,
    };
    let chart = crate::chart::iso_chart(inputs, &thresholds);
    let height = ui.available_height() - 20.0 * (chart.notes.len() as f32 + 1.0);
    plot::show_chart(
        ui,
        &chart,
        egui::Id::unique("densing_iso_plot"),
        height,
        &Default::default(),
        false,
    );
}
