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
    /// A cell: the View menu (drawn from `&self`) toggles it.
    pub show: std::cell::Cell<bool>,
    pub thresholds: String,
}

impl Default for IsoView {
    fn default() -> Self {
        IsoView {
            show: std::cell::Cell::new(START_ON_ISO.load(Ordering::Relaxed)),
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

/// The view in the central panel.
/// Its controls (back to the views, the thresholds) are drawn here, not in the panel, so
/// the default window looks as before.
pub fn view(ui: &mut egui::Ui, iso: &mut IsoView, state: &AppState) {
    ui.horizontal(|ui| {
        ui.strong("Model-free check");
        if ui
            .small_button("back to views")
            .on_hover_text("The four views (View → Model-free check shows this one)")
            .clicked()
        {
            iso.show.set(false);
        }
        ui.label("thresholds");
        ui.add(
            egui::TextEdit::singleline(&mut iso.thresholds)
                .hint_text("default: 4 inside the range")
                .desired_width(180.0),
        );
        if let Err(e) = iso.parsed() {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    });
    let thresholds = iso.parsed().unwrap_or_default();
    let inputs = crate::chart::ChartInputs {
        dataset: &state.dataset,
        fits: &state.fits,
        options: &state.options,
        analysis: &state.analysis,
    };
    let chart = crate::chart::iso_chart(inputs, &thresholds);
    // show_chart takes its notes out of the height it is given: the whole rest of the panel.
    let height = ui.available_height() - 4.0;
    plot::show_chart(
        ui,
        &chart,
        egui::Id::unique("densing_iso_plot"),
        height,
        usize::MAX,
        &Default::default(),
        false,
    );
}
