//! The menu bar: File, Edit, Fit, View.

use super::DensingApp;
use super::commands::{Command, View};

impl DensingApp {
    pub(super) fn menu_bar(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("Open…").shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    out.push(Command::OpenDialog);
                }
                if ui.button("Open the embedded sample").clicked() {
                    out.push(Command::OpenSample);
                }
                if ui
                    .button("Open reference ladder…")
                    .on_hover_text(
                        "A real reference ladder folder (OLMo ladder-runs): the current models' \
                         densities become relative to it (scores must be on its protocol)",
                    )
                    .clicked()
                {
                    out.push(Command::OpenReferenceDialog);
                }
                if ui
                    .button("Join release dates…")
                    .on_hover_text(
                        "A dates table (a model and a release-date column, no scores): its dates \
                         go to the models without one, matched by name; the load report lists \
                         what matched, what did not, and any conflict",
                    )
                    .clicked()
                {
                    out.push(Command::JoinDatesDialog);
                }
                if ui
                    .add_enabled(
                        self.state.dataset.reference.is_some(),
                        egui::Button::new("Use the synthetic reference"),
                    )
                    .on_hover_text(
                        "Measure the models against the embedded synthetic ladder again \
                         (the loaded reference ladder is dropped; the models stay)",
                    )
                    .clicked()
                {
                    out.push(Command::UseSyntheticReference);
                }
                self.family_menu(ui, out);
                if ui
                    .add(egui::Button::new("Held-out predictions…").shortcut_text("Ctrl+H"))
                    .on_hover_text(
                        "The reference ladder's held-out targets (OLMo-2 1B, 7B, 13B): step 1, \
                         step 2 and chained, ours beside the OLMo ladder paper's",
                    )
                    .clicked()
                {
                    out.push(Command::ToggleHoldout);
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Open session…").shortcut_text("Ctrl+Shift+O"))
                    .on_hover_text("Open a saved session: its data files, laws, options and view")
                    .clicked()
                {
                    out.push(Command::OpenSessionDialog);
                }
                if ui
                    .add(egui::Button::new("Save session").shortcut_text("Ctrl+S"))
                    .on_hover_text(match &self.state.session_path {
                        Some(p) => format!("Save to {}", p.display()),
                        None => "Choose where to save the session".into(),
                    })
                    .clicked()
                {
                    out.push(Command::SaveSession);
                }
                if ui
                    .add(egui::Button::new("Save session as…").shortcut_text("Ctrl+Shift+S"))
                    .clicked()
                {
                    out.push(Command::SaveSessionAsDialog);
                }
                ui.separator();
                ui.menu_button("Recent", |ui| {
                    if self.state.recent.is_empty() {
                        ui.label("none yet");
                    }
                    for p in &self.state.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Command::OpenPath(p.clone()));
                        }
                    }
                });
                if ui
                    .add(egui::Button::new("Export all charts…").shortcut_text("Ctrl+E"))
                    .clicked()
                {
                    out.push(Command::ExportAllDialog);
                }
                if ui.button("Load report").clicked() {
                    out.push(Command::ToggleLoadReport);
                }
                if ui
                    .add_enabled(
                        self.state.columns.is_some(),
                        egui::Button::new("Choose columns…").shortcut_text("Ctrl+K"),
                    )
                    .on_hover_text(
                        "Say which column of the last file holds each role, then reload it",
                    )
                    .on_disabled_hover_text("Open a table first")
                    .clicked()
                {
                    out.push(Command::EditColumns);
                }
            });
            ui.menu_button("Edit", |ui| {
                if ui
                    .add_enabled(
                        self.state.can_undo(),
                        egui::Button::new("Undo").shortcut_text("Ctrl+Z"),
                    )
                    .clicked()
                {
                    out.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        self.state.can_redo(),
                        egui::Button::new("Redo").shortcut_text("Ctrl+Shift+Z"),
                    )
                    .clicked()
                {
                    out.push(Command::Redo);
                }
            });
            ui.menu_button("Fit", |ui| {
                if ui
                    .add(egui::Button::new("Fit all tasks").shortcut_text("Ctrl+R"))
                    .clicked()
                {
                    out.push(Command::FitAll);
                }
                if ui
                    .add_enabled(
                        self.state.jobs.is_busy(),
                        egui::Button::new("Cancel running fits"),
                    )
                    .clicked()
                {
                    out.push(Command::CancelJobs);
                }
            });
            ui.menu_button("View", |ui| {
                for v in View::ALL {
                    let on = self.state.enlarged == Some(v);
                    if ui
                        .selectable_label(on, format!("Enlarge {}", v.title()))
                        .clicked()
                    {
                        out.push(Command::ToggleEnlarge(v));
                    }
                }
                let iso = self.iso.show.get();
                if ui.selectable_label(iso, "Model-free check").clicked() {
                    self.iso.show.set(!iso);
                }
                super::overlays::view_menu_items(ui, &self.state.options, out);
            });
        });
    }
}
