//! Keyboard shortcuts and dropped files, as commands.

use super::DensingApp;
use super::commands::Command;

impl DensingApp {
    pub(super) fn shortcuts(&self, ctx: &egui::Context) -> Vec<Command> {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let mut out = Vec::new();
        let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        ctx.input_mut(|i| {
            if i.consume_shortcut(&KeyboardShortcut::new(ctrl_shift, Key::Z)) {
                out.push(Command::Redo);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Z)) {
                out.push(Command::Undo);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)) {
                out.push(Command::Redo);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(ctrl_shift, Key::S)) {
                out.push(Command::SaveSessionAsDialog);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::S)) {
                out.push(Command::SaveSession);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(ctrl_shift, Key::O)) {
                out.push(Command::OpenSessionDialog);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O)) {
                out.push(Command::OpenDialog);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)) {
                out.push(Command::ExportAllDialog);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::R)) {
                out.push(Command::FitAll);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::H)) {
                out.push(Command::ToggleHoldout);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::K)) {
                out.push(Command::EditColumns);
            }
            for f in &i.raw.dropped_files {
                let p = f.path();
                if !p.as_os_str().is_empty() {
                    out.push(Command::OpenPath(p.to_path_buf()));
                }
            }
        });
        out
    }
}
