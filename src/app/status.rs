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
            capped(ui, &self.state.status, 320.0);
            jobs_progress(ui, &self.state.jobs.running, out);
            uncertainty::controls(ui, &self.state.uncertainty, out);
            // What is left, and no more: the reference text is cut (whole on hover), never
            // drawn over the controls at its left.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let (text, hover) = provenance(&self.state.dataset, self.state.options.d0_tokens);
                ui.add(egui::Label::new(egui::RichText::new(text).small()).truncate())
                    .on_hover_text(hover);
            });
        });
    }
}

/// A label of at most `width` (cut with "…", the whole on hover).
fn capped(ui: &mut egui::Ui, text: &str, width: f32) {
    ui.scope(|ui| {
        ui.set_max_width(width);
        ui.add(egui::Label::new(text).truncate());
    });
}

/// The running jobs as one compact bar: how many, their mean progress, each on hover,
/// and one cancel (not a bar per task running off the window's edge).
fn jobs_progress(
    ui: &mut egui::Ui,
    running: &[(usize, crate::app::jobs::RunningJob)],
    out: &mut Vec<Command>,
) {
    if running.is_empty() {
        return;
    }
    ui.separator();
    let known: Vec<f32> = running.iter().filter_map(|(_, j)| j.progress()).collect();
    let names: Vec<&str> = running.iter().map(|(_, j)| j.name.as_str()).collect();
    let what = match names.as_slice() {
        [one] => one.to_string(),
        many => format!("{} jobs", many.len()),
    };
    let hover = running
        .iter()
        .map(|(_, j)| match j.progress() {
            Some(p) => format!("{}: {:.0}%", j.name, 100.0 * p),
            None => j.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let r = if known.is_empty() {
        ui.horizontal(|ui| {
            ui.spinner();
            capped(ui, &what, 160.0);
        })
        .response
    } else {
        let p = known.iter().sum::<f32>() / known.len() as f32;
        ui.add(
            egui::ProgressBar::new(p)
                .desired_width(140.0)
                .text(format!("{what} {:.0}%", 100.0 * p)),
        )
    };
    r.on_hover_text(hover);
    if ui.small_button("cancel").clicked() {
        out.push(Command::CancelJobs);
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
