//! The status bar: the status text, running jobs with progress and cancel, the
//! bootstrap and sensitivity controls.

use super::DensingApp;
use super::commands::Command;
use super::uncertainty;
use crate::data::{Dataset, sample};
use std::sync::OnceLock;

impl DensingApp {
    pub(super) fn status_bar(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.label(&self.state.status);
            for (_, job) in &self.state.jobs.running {
                ui.separator();
                ui.label(&job.name);
                match job.progress() {
                    Some(p) => ui.add(
                        egui::ProgressBar::new(p)
                            .desired_width(120.0)
                            .show_percentage(),
                    ),
                    None => ui.spinner(),
                };
            }
            if self.state.jobs.is_busy() && ui.small_button("cancel").clicked() {
                out.push(Command::CancelJobs);
            }
            uncertainty::controls(ui, &self.state.uncertainty, out);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let (text, hover) = provenance(&self.state.dataset, self.state.options.d0_tokens);
                ui.label(egui::RichText::new(text).small())
                    .on_hover_text(hover);
            });
        });
    }
}

/// What is real and what is synthetic in the data shown, and what the densities are
/// relative to: the status bar's right-hand text and its tooltip.
pub fn provenance(d: &Dataset, d0_tokens: f64) -> (String, String) {
    static SAMPLE: OnceLock<Option<Dataset>> = OnceLock::new();
    let sample = SAMPLE.get_or_init(|| sample().ok()).as_ref();
    let models = match sample {
        Some(s) if s.models == d.models => "models: real public scores (sample)",
        _ => "models: from your files",
    };
    // "densities relative to …", as a sentence.
    let line = d
        .reference_line(d0_tokens)
        .replacen("densities", "Densities", 1);
    match &d.reference {
        Some(r) => (
            format!(
                "{models} · reference: {}, real; loss in {}",
                r.name, d.loss_unit
            ),
            format!(
                "{line}. The ladder and checkpoints are AllenAI's OLMo model ladder \
                 (real runs, Bhagia et al. 2024). Densities relative to it need the models' \
                 scores on its protocol: OLMES RC/cloze 5-shot accuracy \
                 (sample_data/models_rc.csv has such scores)."
            ),
        ),
        None => {
            let synthetic =
                sample.is_some_and(|s| s.ladder == d.ladder && s.checkpoints == d.checkpoints);
            let models = if models.ends_with("(sample)") {
                "models: real public scores"
            } else {
                models
            };
            let reference = if synthetic {
                "ladder & checkpoints: synthetic"
            } else {
                "ladder & checkpoints: from your files"
            };
            (
                format!("{models} · {reference}"),
                format!(
                    "{line}. See sample_data/README.md: the sample's release dates, \
                     sizes and scores are real, with sources; its ladder and sigmoid points are \
                     simulated from illustrative constants. File → Open reference ladder… \
                     measures the models against a real ladder (AllenAI's OLMo ladder)."
                ),
            )
        }
    }
}
