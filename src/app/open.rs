//! Typed paths when no file dialog can be shown: without a desktop portal and zenity (a
//! bare X server, SSH forwarding, WSL) rfd returns at once without a path. Every file
//! action then opens this window, which says why, offers the field with a suggested
//! path, and sends what the dialog's answer would have sent.

use super::commands::Command;
use super::dialogs::Ask;
use std::path::PathBuf;
use std::time::Duration;

/// A dialog that returns without a path faster than this was never shown (a person
/// cannot cancel a dialog that fast).
pub const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

/// The file action waiting for a typed path.
#[derive(Debug, Clone, PartialEq)]
pub struct PathPrompt {
    pub ask: Ask,
    pub typed: String,
}

impl PathPrompt {
    /// The prompt for `ask`, its field holding `suggested` (where a save would go).
    pub fn new(ask: Ask, suggested: Option<PathBuf>) -> Self {
        PathPrompt {
            ask,
            typed: suggested.map_or_else(String::new, |p| p.display().to_string()),
        }
    }
}

/// The typed-path window; `prompt` becomes `None` when it is answered or closed.
pub fn window(ctx: &egui::Context, prompt: &mut Option<PathPrompt>, out: &mut Vec<Command>) {
    let Some(p) = prompt.as_mut() else {
        return;
    };
    let mut keep = true;
    let mut done = false;
    egui::Window::new(p.ask.title())
        .id(egui::Id::unique("typed_path"))
        .collapsible(false)
        .open(&mut keep)
        .show(ctx, |ui| {
            ui.label(format!(
                "No file dialog can be shown here (no desktop portal and no zenity).\n\
                 Type {}.",
                p.ask.what()
            ));
            if p.ask == Ask::Open {
                ui.label("You can also drop the file on this window, or start `densing PATH`.");
            }
            ui.horizontal(|ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(&mut p.typed)
                        .hint_text("/path/to/file")
                        .desired_width(380.0),
                );
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let verb = if p.ask.writes() { "Save" } else { "Open" };
                let clicked = ui.button(verb).clicked();
                let path = p.typed.trim();
                if (entered || clicked) && !path.is_empty() {
                    out.push(p.ask.command(PathBuf::from(path)));
                    done = true;
                }
            });
        });
    if done || !keep {
        *prompt = None;
    }
}
