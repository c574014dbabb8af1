//! File → Reference family: the model families found in the data (one organisation and
//! name stem with at least four sizes), each a reference (issue 20).

use super::DensingApp;
use super::commands::Command;
use crate::data::find_families;

/// At most this many families are listed (largest first).
const LISTED: usize = 24;

impl DensingApp {
    pub(super) fn family_menu(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let models = &self.state.dataset.models;
        ui.menu_button("Reference family", |ui| {
            let families = find_families(models);
            if families.is_empty() {
                ui.label("No family in the data (one stem with ≥ 4 sizes)");
                return;
            }
            ui.label(format!(
                "{} families in the data: densities become relative to the chosen one",
                families.len()
            ));
            for f in families.iter().take(LISTED) {
                let sizes: Vec<String> = f
                    .members
                    .iter()
                    .filter_map(|&i| models[i].n_params)
                    .map(crate::format::format_count)
                    .collect();
                if ui
                    .button(format!("{} ({} sizes)", f.stem, f.members.len()))
                    .on_hover_text(format!(
                        "Members: {}.\nTheir scores against size, per task, become the reference \
                         (same harness as the other models' scores needed)",
                        sizes.join(", ")
                    ))
                    .clicked()
                {
                    out.push(Command::UseFamilyReference(f.stem.clone()));
                }
            }
        });
    }
}
