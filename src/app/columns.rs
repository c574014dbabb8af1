//! The column editor: which column of the loaded (or refused) file holds each role and
//! benchmark, the kind of table and the unit of sizes, reloaded with those choices. The
//! choices are the loaders' `LoadOptions`, which sessions save with the file.

use super::commands::Command;
use crate::data::{
    LoadOptions, Role, SizeUnit, TableKind, benchmark_for_header, known_benchmarks,
    normalize_header,
};
use std::path::PathBuf;

/// Shown next to a role whose column is found by its header's name.
pub const BY_NAME: &str = "(by name)";

/// The file the editor is for, its headers, and the choices being made.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnsEditor {
    pub path: PathBuf,
    pub headers: Vec<String>,
    /// The choices as edited (sent with [`Command::LoadWithOptions`]).
    pub draft: LoadOptions,
    pub open: bool,
}

impl ColumnsEditor {
    pub fn new(path: PathBuf, headers: Vec<String>, options: LoadOptions, open: bool) -> Self {
        ColumnsEditor {
            path,
            headers,
            draft: options,
            open,
        }
    }
}

/// A role's name in the editor (also the accessible name of its choice box).
fn role_label(role: Role) -> &'static str {
    match role {
        Role::Model => "model name",
        Role::ReleaseDate => "release date",
        Role::Params => "parameters",
        Role::ParamsBillions => "parameters (billions)",
        Role::ParamsActive => "active parameters (MoE)",
        Role::Family => "family",
        Role::Tokens => "training tokens",
        Role::TrainingFlop => "training FLOP",
        Role::Loss => "loss",
        Role::Score => "score",
        Role::Task => "task",
    }
}

/// A choice box of the file's headers; `None` is "found by name", shown with the header
/// the name finds (`by_name`), if any.
fn header_choice(
    ui: &mut egui::Ui,
    label: &str,
    headers: &[String],
    by_name: Option<&str>,
    chosen: &mut Option<String>,
) {
    let shown = match (chosen.as_deref(), by_name) {
        (Some(h), _) => h.to_string(),
        (None, Some(h)) => format!("{BY_NAME}: {h}"),
        (None, None) => format!("{BY_NAME}: none"),
    };
    egui::ComboBox::from_label(label)
        .selected_text(shown)
        .width(180.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(chosen, None, BY_NAME)
                .on_hover_text("Found by the header's name (the loader's synonyms)");
            for h in headers {
                ui.selectable_value(chosen, Some(h.clone()), h);
            }
        });
}

/// The editor window, when open; edits change the draft, the button reloads with it.
pub fn window(ctx: &egui::Context, editor: &mut ColumnsEditor, out: &mut Vec<Command>) {
    let name = editor.path.file_name().map_or_else(
        || editor.path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let mut open = editor.open;
    egui::Window::new(format!("Columns of {name}"))
        .id(egui::Id::unique("columns_editor"))
        .open(&mut open)
        .default_width(420.0)
        .show(ctx, |ui| {
            ui.label(format!(
                "{} columns. Choose which column holds what when the headers do not say it.",
                editor.headers.len()
            ))
            .on_hover_text(format!(
                "{}\nThe choices are saved with the session and used when it reopens",
                editor.path.display()
            ));
            let normalized: Vec<String> =
                editor.headers.iter().map(|h| normalize_header(h)).collect();
            let roles = &mut editor.draft.roles;
            egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                let mut kind = roles.kind;
                egui::ComboBox::from_label("kind of table")
                    .selected_text(kind.map_or("(from its columns)", TableKind::describe))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut kind, None, "(from its columns)");
                        for k in TableKind::ALL {
                            ui.selectable_value(&mut kind, Some(k), k.describe());
                        }
                    });
                roles.kind = kind;
                ui.separator();
                for role in Role::ALL {
                    let mut chosen = roles.columns.get(&role).cloned();
                    let by_name = role.find(&normalized).map(|i| editor.headers[i].as_str());
                    header_choice(ui, role_label(role), &editor.headers, by_name, &mut chosen);
                    match chosen {
                        Some(h) => roles.columns.insert(role, h),
                        None => roles.columns.remove(&role),
                    };
                }
                let mut unit = roles.size_unit;
                egui::ComboBox::from_label("size unit")
                    .selected_text(unit.map_or("(guessed)", SizeUnit::describe))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut unit, None, "(guessed)")
                            .on_hover_text("Billions when every plain value is below 100,000");
                        for u in [SizeUnit::Raw, SizeUnit::Billions] {
                            ui.selectable_value(&mut unit, Some(u), u.describe());
                        }
                    });
                roles.size_unit = unit;
                ui.separator();
                ui.label("Benchmark columns (choosing any replaces those found by name):");
                for bench in known_benchmarks() {
                    let mut chosen = roles.benchmarks.get(bench).cloned();
                    let by_name = editor
                        .headers
                        .iter()
                        .find(|h| benchmark_for_header(h) == Some(bench))
                        .map(String::as_str);
                    let label = format!("benchmark {bench}");
                    header_choice(ui, &label, &editor.headers, by_name, &mut chosen);
                    match chosen {
                        Some(h) => roles.benchmarks.insert(bench.to_string(), h),
                        None => roles.benchmarks.remove(bench),
                    };
                }
            });
            ui.separator();
            ui.horizontal(|ui| {
                if ui
                    .button("reload with these columns")
                    .on_hover_text("Read the file again with these choices; a refused load keeps the current data")
                    .clicked()
                {
                    out.push(Command::LoadWithOptions {
                        path: editor.path.clone(),
                        options: editor.draft.clone(),
                    });
                }
                if ui
                    .button("all by name")
                    .on_hover_text("Forget the choices: every column found by its name")
                    .clicked()
                {
                    editor.draft = LoadOptions::default();
                }
            });
        });
    editor.open = open;
}
