//! Exports: the charts as on screen and the sensitivity chart, to SVG or PNG. Writing a
//! file changes nothing the analysis depends on.

use super::{AppState, Changed};
use crate::app::commands::{Command, View};
use crate::app::jobs::Dialog;
use crate::chart::Chart;
use std::path::Path;

/// Size of exported charts (points; PNGs are written at twice this).
const EXPORT_SIZE: (u32, u32) = (1200, 800);

impl AppState {
    /// ExportChartDialog, ExportAllDialog, WriteChart, WriteAllCharts,
    /// ExportSensitivityDialog, WriteSensitivityChart.
    pub(super) fn apply_exports(&mut self, command: Command) -> Changed {
        match command {
            Command::ExportChartDialog(v) => {
                let ask = crate::app::dialogs::Ask::Chart(Some(v));
                self.jobs.ask(ask, self.suggest_save(ask));
            }
            Command::ExportAllDialog => {
                let ask = crate::app::dialogs::Ask::Chart(None);
                self.jobs.ask(ask, self.suggest_save(ask));
            }
            Command::WriteChart { view, path } => {
                self.write_chart(view, &path);
            }
            Command::WriteAllCharts(dir) => {
                let mut written = 0;
                for v in View::ALL {
                    for ext in ["svg", "png"] {
                        written += usize::from(
                            self.write_chart(v, &dir.join(format!("{}.{ext}", v.file_stem()))),
                        );
                    }
                }
                if written == 8 {
                    self.status = format!("wrote 8 charts to {}", dir.display());
                }
            }
            Command::ExportSensitivityDialog => {
                let ask = crate::app::dialogs::Ask::Session(Dialog::ExportSensitivity);
                self.jobs.ask(ask, self.suggest_save(ask));
            }
            Command::WriteSensitivityChart(path) => {
                match self.uncertainty.sensitivity_chart().cloned() {
                    Some(c) => {
                        self.write_any_chart(&c, &path);
                    }
                    None => self.error = Some("no sensitivity chart to export yet".into()),
                }
            }
            // Routed to the other areas by `AppState::handle`.
            _ => {}
        }
        Changed::NOTHING
    }

    /// Writes the chart on screen to `path` (PNG when the extension says so, else SVG);
    /// an error is shown once. Returns true on success.
    pub fn write_chart(&mut self, view: View, path: &Path) -> bool {
        let chart = self.chart_as_shown(view);
        self.write_any_chart(&chart, path)
    }

    /// Writes `chart` to `path` (PNG when the extension says so, else SVG).
    fn write_any_chart(&mut self, chart: &Chart, path: &Path) -> bool {
        let png = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"));
        let result = if png {
            crate::io::write_png(chart, EXPORT_SIZE, 2.0, path)
        } else {
            crate::io::write_svg(chart, EXPORT_SIZE, path)
        };
        match result {
            Ok(()) => {
                self.status = format!("wrote {}", path.display());
                true
            }
            Err(e) => {
                self.error = Some(e.to_string());
                false
            }
        }
    }
}
