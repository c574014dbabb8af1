//! The status bar: the status text, running jobs with progress and cancel, the
//! bootstrap and sensitivity controls.

use super::DensingApp;
use super::commands::Command;
use super::uncertainty;

impl DensingApp {
    pub(super) fn status_bar(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.label(&self.state.status);
            for (_, job) in &self.state.jobs.running {
                ui.separator();
                ui.label(&job.name);
                match job.progress() {
                    Some(p) => ui.add(egui::ProgressBar::new(p).desired_width(120.0).show_percentage()),
                    None => ui.spinner(),
                };
            }
            if self.state.jobs.is_busy() && ui.small_button("cancel").clicked() {
                out.push(Command::CancelJobs);
            }
            uncertainty::controls(ui, &self.state.uncertainty, out);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(egui::RichText::new("models: real public scores · ladder & checkpoints: synthetic").small())
                    .on_hover_text("See sample_data/README.md: release dates, sizes and scores are real, with sources; the ladder and sigmoid points are simulated from illustrative constants.");
            });
        });
    }
}
