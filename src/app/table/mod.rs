//! The models table: one row per model of the file, for files of thousands of models. Only
//! the rows in view are laid out; the header stays above them; columns have fixed widths
//! (not the widths of the rows in view); every column sorts; the filter says how many
//! rows it shows; excluded models give their reason, models whose laws are still being
//! fitted say so.

mod entry;
pub mod rows;

pub use entry::{parse_date, parse_size};
pub use rows::{COLUMNS, SortBy, Tone};

use super::commands::Command;
use super::state::AppState;
use crate::format::format_count;
use egui::{Align, Layout, Rect, Sense, UiBuilder, pos2, vec2};
use std::collections::BTreeMap;

#[derive(Default)]
pub struct TableState {
    pub sort: SortBy,
    pub descending: bool,
    pub filter: String,
    /// Text being typed into a missing date or size cell, by (model, column).
    pub typing: BTreeMap<(String, Column), String>,
    /// The rows shown and what they were computed from (the analysis, sort and filter):
    /// a frame of a 10,000-row table sorts only when one of those changed.
    cache: Option<(RowsKey, Vec<usize>)>,
    /// The rows laid out in the last frame (tests check that only those in view are).
    pub laid_out: std::ops::Range<usize>,
}

#[derive(PartialEq)]
struct RowsKey {
    recomputes: u64,
    models: usize,
    pending: usize,
    sort: SortBy,
    descending: bool,
    filter: String,
}

/// The columns a user can supply a value for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Date,
    Params,
}

impl TableState {
    /// The rows shown, in order (indices into the dataset's models).
    pub fn rows(&mut self, state: &AppState) -> &[usize] {
        let key = RowsKey {
            recomputes: state.recomputes(),
            models: state.dataset.models.len(),
            pending: state.pending.len(),
            sort: self.sort,
            descending: self.descending,
            filter: self.filter.clone(),
        };
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let rows = rows::rows(state, &self.filter, self.sort, self.descending);
            self.cache = Some((key, rows));
        }
        self.cache.as_ref().map_or(&[], |(_, r)| r)
    }

    /// A click on a column's header: sorts by it, or reverses it when it is the sort.
    pub fn click(&mut self, key: SortBy) {
        self.descending = self.sort == key && !self.descending;
        self.sort = key;
    }
}

/// The line above the table: the filter, how many rows it shows, and on a file with no
/// dates the ways to give them.
fn summary(ui: &mut egui::Ui, state: &AppState, t: &mut TableState, out: &mut Vec<Command>) {
    let shown = t.rows(state).len();
    ui.horizontal(|ui| {
        let l = ui.label("filter");
        ui.add(
            egui::TextEdit::singleline(&mut t.filter)
                .hint_text("model name")
                .desired_width(160.0),
        )
        .labelled_by(l.id);
        let results = &state.analysis.models;
        let n = results.iter().filter(|m| m.density.is_some()).count();
        ui.label(format!(
            "{shown} of {} shown · {n} with a density · {} on the frontier",
            state.dataset.models.len(),
            state.analysis.frontier.len()
        ));
    });
    let models = &state.analysis.models;
    if !models.is_empty() && models.iter().all(|m| m.release_date.is_none()) {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "No model has a release date, so none has a density over time. Give dates:",
            );
            if ui
                .add_enabled(
                    state.columns.is_some(),
                    egui::Button::new("choose the date column…"),
                )
                .on_disabled_hover_text("the file has no table of columns to choose from")
                .clicked()
            {
                out.push(Command::EditColumns);
            }
            if ui.button("join a dates table…").clicked() {
                out.push(Command::JoinDatesDialog);
            }
            ui.label(
                "or type them in the 'released' cells; on the command line, \
                 --dates-from upload uses a leaderboard's hub upload dates.",
            );
        });
    }
}

/// The widths of the columns: fixed, the note taking what the others leave (at least its
/// own width).
fn widths(available: f32, gap: f32) -> [f32; COLUMNS.len()] {
    let mut w = COLUMNS.map(|c| c.width + gap);
    let fixed: f32 = w[..w.len() - 1].iter().sum();
    let last = w.len() - 1;
    w[last] = w[last].max(available - fixed);
    w
}

/// One row's cells at fixed x positions, each clipped to its cell.
fn cells(
    ui: &mut egui::Ui,
    widths: &[f32],
    height: f32,
    stripe: bool,
    mut cell: impl FnMut(&mut egui::Ui, usize),
) {
    let total: f32 = widths.iter().sum();
    let (rect, _) = ui.allocate_exact_size(vec2(total, height), Sense::hover());
    if stripe {
        ui.painter()
            .rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
    }
    let gap = ui.spacing().item_spacing.x;
    let mut x = rect.left();
    for (c, w) in widths.iter().enumerate() {
        let r = Rect::from_min_size(pos2(x, rect.top()), vec2(w - gap, height));
        let mut child = ui.new_child(
            UiBuilder::new()
                .max_rect(r)
                .layout(Layout::left_to_right(Align::Center)),
        );
        child.set_clip_rect(r.intersect(ui.clip_rect()));
        cell(&mut child, c);
        x += w;
    }
}

pub fn show(ui: &mut egui::Ui, state: &AppState, t: &mut TableState, out: &mut Vec<Command>) {
    summary(ui, state, t, out);
    let rows = t.rows(state).to_vec();
    let gap = ui.spacing().item_spacing.x;
    let widths = widths(ui.available_width(), gap);
    let height = ui.spacing().interact_size.y;
    let (models, results) = (&state.dataset.models, &state.analysis.models);
    egui::ScrollArea::horizontal()
        .id_salt("models_table_x")
        .auto_shrink(false)
        .show(ui, |ui| {
            // The header: outside the rows' scroll area, so it stays in view.
            cells(ui, &widths, height, false, |ui, c| {
                let col = &COLUMNS[c];
                let arrow = match (t.sort == col.key, t.descending) {
                    (true, false) => " ^",
                    (true, true) => " v",
                    _ => "",
                };
                let text = egui::RichText::new(format!("{}{arrow}", col.label)).strong();
                let r = ui
                    .add(egui::Button::new(text).frame(false))
                    .on_hover_text(format!("{}; click to sort, again to reverse", col.hover));
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("sort by {}", col.label),
                    )
                });
                if r.clicked() {
                    t.click(col.key);
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("models_table_y")
                .auto_shrink(false)
                .show_rows(ui, height, rows.len(), |ui, range| {
                    t.laid_out = range.clone();
                    for (k, &i) in rows[range.clone()].iter().enumerate() {
                        let (m, r) = (&models[i], &results[i]);
                        cells(ui, &widths, height, (range.start + k) % 2 == 1, |ui, c| {
                            row_cell(ui, state, t, m, r, c, out)
                        });
                    }
                });
        });
}

/// The text of a cell that only shows (truncated to its width; the whole on hover).
fn text(ui: &mut egui::Ui, s: impl Into<egui::WidgetText>) -> egui::Response {
    ui.add(egui::Label::new(s).truncate())
}

fn row_cell(
    ui: &mut egui::Ui,
    state: &AppState,
    t: &mut TableState,
    m: &crate::data::Model,
    r: &crate::analysis::ModelResult,
    c: usize,
    out: &mut Vec<Command>,
) {
    let opt = |v: Option<f64>, f: &dyn Fn(f64) -> String| v.map_or_else(|| "–".into(), f);
    let supplied = state.supplied.get(&m.name);
    let mark = |typed: bool| if typed { " (typed)" } else { "" };
    match COLUMNS[c].key {
        SortBy::Name | SortBy::File => {
            text(ui, m.name.as_str());
        }
        SortBy::Date => match r.release_date {
            Some(d) => {
                let typed = supplied.is_some_and(|s| s.release_date.is_some());
                text(ui, format!("{d}{}", mark(typed)));
            }
            None => entry::supply_cell(ui, t, &m.name, Column::Date, out),
        },
        SortBy::Params => match m.n_params {
            Some(n) => {
                let typed = supplied.is_some_and(|s| s.n_params.is_some());
                let active = match m.n_params_active.filter(|_| m.is_moe()) {
                    Some(a) => format!(" ({} active)", format_count(a)),
                    None => String::new(),
                };
                text(ui, format!("{}{active}{}", format_count(n), mark(typed)));
            }
            None => entry::supply_cell(ui, t, &m.name, Column::Params, out),
        },
        SortBy::Score => {
            text(ui, opt(r.score, &|v| format!("{v:.2}")));
        }
        SortBy::Loss => {
            text(ui, opt(r.loss_hat, &|v| format!("{v:.4}")));
        }
        SortBy::NHat => {
            text(ui, opt(r.n_hat, &rows::n_hat_text));
        }
        SortBy::Density => {
            text(ui, opt(r.density, &rows::sig3));
        }
        SortBy::Sensitivity => match r.sensitivity {
            Some(s) if r.unreliable => {
                text(
                    ui,
                    egui::RichText::new(format!("{}× unreliable", rows::sig3(s)))
                        .color(ui.visuals().warn_fg_color),
                )
                .on_hover_text(
                    "One score point moves N̂ by this factor or more (the guard's threshold): \
                     drawn hollow, left out of the frontier and the regression unless asked",
                );
            }
            s => {
                text(ui, opt(s, &|v| format!("{}×", rows::sig3(v))));
            }
        },
        SortBy::Frontier => {
            text(ui, if r.on_frontier { "yes" } else { "" });
        }
        SortBy::Note => {
            let (note, tone) = rows::note(state, r);
            let color = match tone {
                Tone::Plain => ui.visuals().text_color(),
                Tone::Waiting => ui.visuals().weak_text_color(),
                Tone::Warning => ui.visuals().warn_fg_color,
            };
            text(ui, egui::RichText::new(note).color(color));
        }
    }
}
