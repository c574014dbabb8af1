//! Opening without a file dialog: when the native dialog cannot be shown (no desktop
//! portal and no zenity, as on a bare X server, rfd returns at once without a path), the
//! window says so and offers what works: a typed path, a dropped file, `densing PATH`.

use super::commands::Command;
use std::path::PathBuf;
use std::time::Duration;

/// A dialog that returns without a path faster than this was never shown (a person
/// cannot cancel a dialog that fast).
pub const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

/// What the "open a path" window keeps between frames.
#[derive(Default)]
pub struct OpenByPath {
    pub typed: String,
}

/// The window shown while `state.no_dialog` is set; closing it clears the flag.
pub fn window(ctx: &egui::Context, open: &mut bool, buf: &mut OpenByPath, out: &mut Vec<Command>) {
    let mut keep = true;
    egui::Window::new("Open a file")
        .collapsible(false)
        .open(&mut keep)
        .show(ctx, |ui| {
            ui.label(
                "No file dialog could be shown here (no desktop portal and no zenity).\n\
                 Type the path of a table, a results file, a data folder or a session,\n\
                 drop the file on this window, or start the window with `densing PATH`.",
            );
            ui.horizontal(|ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(&mut buf.typed)
                        .hint_text("/path/to/results.csv")
                        .desired_width(360.0),
                );
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let clicked = ui.button("Open").clicked();
                let path = buf.typed.trim();
                if (entered || clicked) && !path.is_empty() {
                    out.push(Command::OpenPath(PathBuf::from(path)));
                    buf.typed.clear();
                    *open = false;
                }
            });
        });
    if !keep {
        *open = false;
    }
}
