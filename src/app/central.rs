//! The central panel: the session bar, the error, the load report, and the four views
//! (or one enlarged, or the sensitivity view).

use super::commands::{Command, View};
use super::{DensingApp, plot, sensitivity};
use crate::io::session;

impl DensingApp {
    pub(super) fn view(
        &self,
        ui: &mut egui::Ui,
        view: View,
        height: f32,
        max_notes: usize,
        out: &mut Vec<Command>,
        shown: &mut Vec<View>,
    ) {
        let top = ui.cursor().top();
        let id = egui::Id::unique(("densing_plot", view));
        ui.horizontal(|ui| {
            ui.strong(view.title());
            let label = if self.state.enlarged == Some(view) {
                "back to grid"
            } else {
                "enlarge"
            };
            if ui
                .small_button(label)
                .on_hover_text("Show this view alone")
                .clicked()
            {
                out.push(Command::ToggleEnlarge(view));
            }
            if ui
                .small_button("export")
                .on_hover_text("Save this chart as SVG or PNG")
                .clicked()
            {
                out.push(Command::ExportChartDialog(view));
            }
            let open = plot::legend_open(ui.ctx(), id);
            if ui
                .small_button(if open { "hide legend" } else { "legend" })
                .on_hover_text("Show or hide this view's legend (beside the plot)")
                .clicked()
            {
                plot::toggle_legend(ui.ctx(), id);
            }
        });
        if self.state.waiting() {
            ui.vertical_centered(|ui| {
                ui.add_space(height * 0.35);
                ui.spinner();
                ui.label("fitting the laws…");
            });
            return;
        }
        let current = self.state.views.get(&view).cloned().unwrap_or_default();
        let restore = self.state.restore_views.contains(&view);
        let chart = self.state.charts.get(view);
        let rest = height - (ui.cursor().top() - top) - 4.0;
        if let Some(now) = plot::show_chart(ui, chart, id, rest, max_notes, &current, restore) {
            shown.push(view);
            if now != current {
                out.push(Command::ViewChanged {
                    view,
                    view_state: now,
                });
            }
        }
    }

    /// The heights of the grid's two rows in `avail` points, and how many note lines each
    /// view may write: each row gets the room its notes take (the view with more notes in
    /// it) and half of what is left for plots. When that leaves a plot shorter than
    /// `MIN_PLOT`, the notes are cut to 3 lines, then 2 (the rest on hover), so a laptop
    /// screen keeps plots that can be read.
    fn row_heights(&self, avail: f32) -> ([f32; 2], usize) {
        const NOTE: f32 = 15.0;
        const MIN_PLOT: f32 = 170.0;
        let layout = |max_notes: usize| {
            let notes = |v: View| {
                if self.state.waiting() {
                    0.0
                } else {
                    plot::note_lines(self.state.charts.get(v), max_notes) as f32 * NOTE
                }
            };
            let rows = [
                notes(View::ALL[0]).max(notes(View::ALL[1])),
                notes(View::ALL[2]).max(notes(View::ALL[3])),
            ];
            let plots = (avail - 8.0 - rows[0] - rows[1]) / 2.0;
            (rows, plots)
        };
        let max_notes = [usize::MAX, 3]
            .into_iter()
            .find(|&m| layout(m).1 >= MIN_PLOT)
            .unwrap_or(2);
        let (rows, plots) = layout(max_notes);
        let plots = plots.max(110.0);
        ([rows[0] + plots, rows[1] + plots], max_notes)
    }

    /// The bar that asks for a session's missing or changed data files.
    fn pending_session(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let Some(p) = &self.state.pending_session else {
            return;
        };
        egui::Frame::new()
            .fill(ui.visuals().extreme_bg_color)
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.label(format!("Session {}:", p.path.display()));
                let mut any_changed = false;
                for (i, (f, st)) in p.session.data.iter().zip(&p.statuses).enumerate() {
                    let what = match st {
                        session::FileStatus::Found(_) => continue,
                        session::FileStatus::Missing => "is missing (moved or deleted)",
                        session::FileStatus::Changed(_) => {
                            any_changed = true;
                            "changed since the session was saved (its content hash differs)"
                        }
                    };
                    ui.horizontal(|ui| {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("data file {} {what}", f.path.display()),
                        );
                        if ui
                            .small_button(format!("locate {}", i + 1))
                            .on_hover_text("Point to where this file is now")
                            .clicked()
                        {
                            out.push(Command::LocateSessionFileDialog(i));
                        }
                    });
                }
                ui.horizontal(|ui| {
                    if any_changed
                        && ui
                            .button("open with the changed files")
                            .on_hover_text("The analysis may differ from the one saved")
                            .clicked()
                    {
                        out.push(Command::AcceptChangedData);
                    }
                    if ui.button("cancel").clicked() {
                        out.push(Command::CancelSessionOpen);
                    }
                });
            });
    }

    pub(super) fn central(&self, ui: &mut egui::Ui, out: &mut Vec<Command>, shown: &mut Vec<View>) {
        self.pending_session(ui, out);
        if let Some(err) = &self.state.error {
            egui::Frame::new()
                .fill(ui.visuals().extreme_bg_color)
                .inner_margin(6.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.colored_label(ui.visuals().error_fg_color, format!("Error: {err}"));
                        if ui.small_button("dismiss").clicked() {
                            out.push(Command::DismissError);
                        }
                    });
                });
        }
        if self.state.show_load_report {
            // Bounded (a fifth of the views' height at most) and closable, so the views
            // keep their room (issue 22, item 3).
            let max_h = (ui.available_height() * 0.2).clamp(60.0, 220.0);
            ui.group(|ui| {
                ui.horizontal(|ui| {
                    ui.strong("Load report");
                    if ui
                        .small_button("close")
                        .on_hover_text("Hide the load report (File → Load report shows it again)")
                        .clicked()
                    {
                        out.push(Command::ToggleLoadReport);
                    }
                });
                egui::ScrollArea::vertical()
                    .id_salt("load_report")
                    .max_height(max_h)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(&self.state.load_report)
                    });
            });
        }
        if self.state.uncertainty.show_sensitivity {
            return sensitivity::view(ui, &self.state.uncertainty.sweep, out);
        }
        let avail = ui.available_size();
        match self.state.enlarged {
            Some(v) => self.view(ui, v, avail.y, usize::MAX, out, shown),
            None => {
                let (heights, max_notes) = self.row_heights(avail.y);
                let w = (avail.x / 2.0 - 8.0).max(150.0);
                egui::Grid::new("views")
                    .num_columns(2)
                    .spacing([8.0, 8.0])
                    .show(ui, |ui| {
                        for (i, v) in View::ALL.into_iter().enumerate() {
                            let h = heights[i / 2];
                            ui.allocate_ui(egui::vec2(w, h), |ui| {
                                ui.set_min_size(egui::vec2(w, h));
                                ui.set_max_height(h);
                                ui.vertical(|ui| self.view(ui, v, h, max_notes, out, shown));
                            });
                            if i % 2 == 1 {
                                ui.end_row();
                            }
                        }
                    });
            }
        }
    }
}
