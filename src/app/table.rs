//! The models table: sortable, filterable; excluded models with their reason.

use super::commands::Command;
use super::state::AppState;
use crate::data::{parse_date_cell, parse_size_parts, today};
use crate::format::format_count;
use crate::io::session::Supplied;
use chrono::NaiveDate;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    File,
    Name,
    Date,
    Params,
    Density,
}

#[derive(Default)]
pub struct TableState {
    pub sort: SortBy,
    pub descending: bool,
    pub filter: String,
    /// Text being typed into a missing date or size cell, by (model, column).
    pub typing: BTreeMap<(String, Column), String>,
}

/// The columns a user can supply a value for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Date,
    Params,
}

/// A release date typed by the user, in any shape the loaders read (`YYYY-MM-DD`,
/// `YYYY-MM`, `Mon YYYY`, Unix seconds) and, as in a file, not after today.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_date_cell(text).filter(|d| *d <= today())
}

/// A parameter count typed by the user: a plain count (`7e9`) or with a suffix (`7B`,
/// `1.3B`, `350M`, `1.2T`, read as the loaders read them), or a mixture of experts' total
/// and active counts (`30B-A3B`); the total and, for the latter, the active count. Sizes
/// without a total (`8x7B`, `A22B`) are refused: they need one.
pub fn parse_size(text: &str) -> Result<(f64, Option<f64>), String> {
    let expected =
        "expected a positive count such as 7B, 1.3B, 350M or 7e9, or total and active as 30B-A3B";
    let (n, active) = match parse_size_parts(text) {
        Some(p) => match p.total {
            Some(n) => (n, p.active),
            None => {
                return Err(format!(
                    "'{}' is a mixture-of-experts size without its total: {expected}",
                    text.trim()
                ));
            }
        },
        None => (
            text.trim()
                .parse::<f64>()
                .map_err(|_| expected.to_string())?,
            None,
        ),
    };
    let positive = |v: f64| v.is_finite() && v > 0.0;
    if positive(n) && active.is_none_or(|a| positive(a) && a <= n) {
        Ok((n, active))
    } else {
        Err(expected.into())
    }
}

/// A missing date or size: a field to type it in; Enter supplies it.
fn supply_cell(
    ui: &mut egui::Ui,
    t: &mut TableState,
    model: &str,
    column: Column,
    out: &mut Vec<Command>,
) {
    let key = (model.to_string(), column);
    let text = t.typing.entry(key.clone()).or_default();
    let hint = match column {
        Column::Date => "YYYY-MM-DD",
        Column::Params => "e.g. 7B",
    };
    let parsed: Result<Supplied, String> = match column {
        Column::Date => parse_date(text)
            .map(|d| Supplied {
                release_date: Some(d),
                ..Supplied::default()
            })
            .ok_or_else(|| {
                "expected a date not after today: YYYY-MM-DD, YYYY-MM or Mon YYYY".to_string()
            }),
        Column::Params => parse_size(text).map(|(n, active)| Supplied {
            release_date: None,
            n_params: Some(n),
            n_params_active: active,
        }),
    };
    let bad = !text.is_empty() && parsed.is_err();
    let mut edit = egui::TextEdit::singleline(text)
        .hint_text(hint)
        .desired_width(90.0);
    if bad {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let label = match column {
        Column::Date => format!("release date of {model}"),
        Column::Params => format!("parameters of {model}"),
    };
    let r = ui.add(edit).on_hover_text(match &parsed {
        Err(e) if bad => e.clone(),
        _ => format!("Missing in the file: type the {label} and press Enter"),
    });
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
    if r.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && let Ok(supplied) = parsed
    {
        t.typing.remove(&key);
        out.push(Command::SupplyModel {
            model: model.to_string(),
            supplied,
        });
    }
}

fn opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map_or_else(|| "–".into(), f)
}

pub fn show(ui: &mut egui::Ui, state: &AppState, t: &mut TableState, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let l = ui.label("filter");
        ui.add(
            egui::TextEdit::singleline(&mut t.filter)
                .hint_text("model name")
                .desired_width(160.0),
        )
        .labelled_by(l.id);
        let n = state
            .analysis
            .models
            .iter()
            .filter(|m| m.density.is_some())
            .count();
        ui.label(format!(
            "{} models, {n} with a density, {} on the frontier",
            state.dataset.models.len(),
            state.analysis.frontier.len()
        ));
    });
    let filter = t.filter.to_lowercase();
    let mut rows: Vec<usize> = (0..state.dataset.models.len())
        .filter(|&i| {
            filter.is_empty()
                || state.dataset.models[i]
                    .name
                    .to_lowercase()
                    .contains(&filter)
        })
        .collect();
    let (models, results) = (&state.dataset.models, &state.analysis.models);
    match t.sort {
        SortBy::File => {}
        SortBy::Name => rows.sort_by(|&a, &b| models[a].name.cmp(&models[b].name)),
        SortBy::Date => rows.sort_by_key(|&i| models[i].release_date),
        SortBy::Params => rows.sort_by(|&a, &b| {
            results[a]
                .n_params
                .unwrap_or(0.0)
                .total_cmp(&results[b].n_params.unwrap_or(0.0))
        }),
        SortBy::Density => rows.sort_by(|&a, &b| {
            results[a]
                .density
                .unwrap_or(-1.0)
                .total_cmp(&results[b].density.unwrap_or(-1.0))
        }),
    }
    if t.descending {
        rows.reverse();
    }
    // Only the visible rows are laid out, so a 100,000-row table costs what 20 rows do.
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::both().auto_shrink(false).show_rows(
        ui,
        row_height,
        rows.len() + 1,
        |ui, range| {
            egui::Grid::new("models_table")
                .striped(true)
                .num_columns(9)
                .min_row_height(ui.spacing().interact_size.y)
                .show(ui, |ui| {
                    for (label, key) in [
                        ("model", Some(SortBy::Name)),
                        ("released", Some(SortBy::Date)),
                        ("N", Some(SortBy::Params)),
                        ("score", None),
                        ("implied L", None),
                        ("N_eff", None),
                        ("ρ", Some(SortBy::Density)),
                        ("frontier", None),
                        ("note", None),
                    ] {
                        match key {
                            Some(k) => {
                                let arrow = if t.sort == k {
                                    if t.descending { " v" } else { " ^" }
                                } else {
                                    ""
                                };
                                if ui
                                    .button(format!("{label}{arrow}"))
                                    .on_hover_text("sort")
                                    .clicked()
                                {
                                    t.descending = t.sort == k && !t.descending;
                                    t.sort = k;
                                }
                            }
                            None => {
                                ui.strong(label);
                            }
                        }
                    }
                    ui.end_row();
                    let first = range.start.saturating_sub(1);
                    let last = range.end.saturating_sub(1).min(rows.len());
                    for &i in &rows[first..last] {
                        let (m, r) = (&models[i], &results[i]);
                        ui.label(&m.name);
                        let supplied = state.supplied.get(&m.name);
                        let mark = |typed: bool| if typed { " (typed)" } else { "" };
                        match r.release_date {
                            Some(d) => {
                                let typed = supplied.is_some_and(|s| s.release_date.is_some());
                                ui.label(format!("{d}{}", mark(typed)));
                            }
                            None => supply_cell(ui, t, &m.name, Column::Date, out),
                        }
                        match m.n_params {
                            Some(n) => {
                                let typed = supplied.is_some_and(|s| s.n_params.is_some());
                                let active = match m.n_params_active.filter(|_| m.is_moe()) {
                                    Some(a) => format!(" ({} active)", format_count(a)),
                                    None => String::new(),
                                };
                                ui.label(format!("{}{active}{}", format_count(n), mark(typed)));
                            }
                            None => supply_cell(ui, t, &m.name, Column::Params, out),
                        }
                        ui.label(opt(r.score, |v| format!("{v:.2}")));
                        ui.label(opt(r.loss_hat, |v| format!("{v:.4}")));
                        ui.label(opt(r.n_hat, format_count));
                        ui.label(opt(r.density, |v| format!("{v:.3}")));
                        ui.label(if r.on_frontier { "yes" } else { "" });
                        match &r.excluded {
                            Some(e) => ui.colored_label(
                                ui.visuals().warn_fg_color,
                                format!("excluded: {e}"),
                            ),
                            None => ui.label(""),
                        };
                        ui.end_row();
                    }
                });
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_dates_as_people_type_them() {
        assert_eq!(parse_size("7B"), Ok((7e9, None)));
        assert_eq!(parse_size(" 1.3b "), Ok((1.3e9, None)));
        assert_eq!(parse_size("350M"), Ok((350e6, None)));
        assert_eq!(parse_size("7e9"), Ok((7e9, None)));
        assert_eq!(parse_size("30B-A3B"), Ok((30e9, Some(3e9))));
        for moe in ["8x7B", "A22B", "17B-16E"] {
            assert!(parse_size(moe).unwrap_err().contains("mixture-of-experts"));
        }
        assert!(parse_size("3B-A30B").is_err(), "active above the total");
        assert!(parse_size("-3B").is_err() && parse_size("B").is_err());
        assert_eq!(
            parse_date("2024-07-18"),
            NaiveDate::from_ymd_opt(2024, 7, 18)
        );
        assert_eq!(parse_date("2024-07"), NaiveDate::from_ymd_opt(2024, 7, 1));
        assert_eq!(parse_date("July 2024"), NaiveDate::from_ymd_opt(2024, 7, 1));
        assert_eq!(
            parse_date("2024/07/18"),
            NaiveDate::from_ymd_opt(2024, 7, 18)
        );
        assert_eq!(parse_date("2999-01-01"), None, "a future date is refused");
        assert_eq!(parse_date("18.07.2024"), None);
    }
}
