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

static START_ON_LINEAGE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `densing --view lineage`: open on the density view with the parent → child arrows and
/// the published slopes.
pub fn start_on_lineage() {
    START_ON_LINEAGE.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The task on which most parent–child pairs both have a score (the current one when it
/// ties), so the arrows have densities to join.
fn lineage_task(dataset: &Dataset, current: &str) -> String {
    let links: Vec<(&crate::data::Model, &crate::data::Model)> = dataset
        .models
        .iter()
        .filter_map(|m| {
            let base = m.info.base_model.as_deref()?;
            let p = dataset
                .models
                .iter()
                .find(|p| p.name == base && p.name != m.name)?;
            Some((m, p))
        })
        .collect();
    let count = |t: &str| {
        links
            .iter()
            .filter(|(c, p)| c.scores.contains_key(t) && p.scores.contains_key(t))
            .count()
    };
    let mut best = (count(current), current.to_string());
    for t in crate::data::tasks_present(dataset) {
        let n = count(&t);
        if n > best.0 {
            best = (n, t);
        }
    }
    best.1
}

/// Applies `--view lineage` to a new window's state.
pub(super) fn apply_start(state: &mut super::state::AppState) {
    if !START_ON_LINEAGE.load(std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    let mut options = state.options.clone();
    options.lineage_arrows = true;
    options.published_slopes = true;
    options.task = lineage_task(&state.dataset, &options.task);
    state.apply(Command::SetOptions {
        options,
        key: "lineage view",
    });
    state.apply(Command::ToggleEnlarge(super::commands::View::Density));
}
