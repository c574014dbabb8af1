//! The density view's overlays and the inference basis in the window (issue 21 items 2–4):
//! the View menu toggles the parent → child arrows and the published slopes (the chart
//! data, and so the export, follow the options); the panel offers the inference basis only
//! where the data gives tokens per answer, with its T_ref.

use super::commands::Command;
use crate::analysis::{Basis, Options};
use crate::data::Dataset;

/// The View menu's two toggles.
pub(super) fn view_menu_items(ui: &mut egui::Ui, o: &Options, out: &mut Vec<Command>) {
    ui.separator();
    let mut toggle = |on: bool, text: &str, hover: &str, key: &'static str| {
        if ui.selectable_label(on, text).on_hover_text(hover).clicked() {
            let mut options = o.clone();
            match key {
                "lineage_arrows" => options.lineage_arrows = !on,
                _ => options.published_slopes = !on,
            }
            out.push(Command::SetOptions { options, key });
        }
    };
    toggle(
        o.lineage_arrows,
        "Density: parent -> child arrows",
        "An arrow from each model to the models made from it (base_model), both with a density",
        "lineage_arrows",
    );
    toggle(
        o.published_slopes,
        "Density: published doubling times",
        "The paper's doubling times (arXiv 95–99 d, drawn at 97; journal about 106 d) as dashed \
         lines through the frontier's centre",
        "published_slopes",
    );
}

/// Whether the panel offers a basis: the inference basis only when a model gives tokens
/// per answer (or it is already chosen).
pub(super) fn basis_offered(b: Basis, o: &Options, dataset: &Dataset) -> bool {
    b != Basis::Inference
        || o.basis == Basis::Inference
        || dataset
            .models
            .iter()
            .any(|m| !m.info.tokens_per_answer.is_empty())
}

/// T_ref of the inference basis, when it is chosen.
pub(super) fn t_ref_field(ui: &mut egui::Ui, o: &Options, out: &mut Vec<Command>) {
    if o.basis != Basis::Inference {
        return;
    }
    let mut t = o.t_ref.unwrap_or(0.0);
    let changed = ui
        .horizontal(|ui| {
            let r = ui.add(egui::DragValue::new(&mut t).range(0.0..=1e7).speed(1.0));
            ui.label("T_ref tokens per answer")
                .on_hover_text("ρ_inf = N_eff·T_ref / (N_active·T); 0: none given");
            r.changed()
        })
        .inner;
    if changed {
        let mut options = o.clone();
        options.t_ref = (t > 0.0).then_some(t);
        out.push(Command::SetOptions {
            options,
            key: "t_ref",
        });
    }
}
