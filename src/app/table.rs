//! The models table: sortable, filterable; excluded models with their reason.

use super::state::AppState;
use crate::chart::format_count;

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
}

fn opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map_or_else(|| "–".into(), f)
}

pub fn show(ui: &mut egui::Ui, state: &AppState, t: &mut TableState) {
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
                        ui.label(r.release_date.map_or("–".into(), |d| d.to_string()));
                        ui.label(opt(r.n_params, format_count));
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
