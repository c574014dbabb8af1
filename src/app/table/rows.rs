//! The models table's rows: which are shown (the filter), in which order (any column,
//! either way, stable: ties keep the file's order, missing values last both ways), and
//! the text of the cells that are numbers or words about the model.

use crate::analysis::{Exclusion, ModelResult};
use crate::app::state::AppState;
use crate::format::format_count;
use std::cmp::Ordering;

/// A column of the table; every one sorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum SortBy {
    /// The file's order (no header clicked yet).
    #[default]
    File,
    Name,
    Date,
    Params,
    Score,
    Loss,
    NHat,
    Density,
    Sensitivity,
    Frontier,
    Note,
}

/// A column: its header, what it sorts by, its fixed width and its header's tooltip.
pub struct ColumnDef {
    pub label: &'static str,
    pub key: SortBy,
    pub width: f32,
    pub hover: &'static str,
}

/// The table's columns in order. Widths are fixed (the note takes what is left), so they
/// do not change with the rows scrolled into view.
pub const COLUMNS: [ColumnDef; 10] = [
    col("model", SortBy::Name, 200.0, "the model's name"),
    col(
        "released",
        SortBy::Date,
        110.0,
        "release date (or the date the options chose)",
    ),
    col(
        "N",
        SortBy::Params,
        120.0,
        "parameter count (total; active for a mixture of experts)",
    ),
    col(
        "score",
        SortBy::Score,
        60.0,
        "the score inverted (the mean of the selected benchmarks for average)",
    ),
    col(
        "implied L",
        SortBy::Loss,
        72.0,
        "the loss the score implies on the reference's sigmoid",
    ),
    col(
        "N_eff",
        SortBy::NHat,
        80.0,
        "effective parameter size N̂: the reference size with that loss",
    ),
    col("ρ", SortBy::Density, 80.0, "capability density ρ = N̂ / N"),
    col(
        "sensitivity",
        SortBy::Sensitivity,
        88.0,
        "the factor one score point moves N̂ by; marked unreliable at the guard's threshold",
    ),
    col(
        "frontier",
        SortBy::Frontier,
        64.0,
        "on the density frontier (the regression's points)",
    ),
    col(
        "note",
        SortBy::Note,
        240.0,
        "why a model has no density, or what to know about it",
    ),
];

const fn col(label: &'static str, key: SortBy, width: f32, hover: &'static str) -> ColumnDef {
    ColumnDef {
        label,
        key,
        width,
        hover,
    }
}

/// Three significant digits, never rounded to zero: 0.0123, 1.23, 123, 1.23e4, 4.56e-5.
pub fn sig3(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    if x == 0.0 {
        return "0".into();
    }
    let exp = x.abs().log10().floor() as i32;
    if (-3..4).contains(&exp) {
        let decimals = (2 - exp).max(0) as usize;
        format!("{x:.decimals$}")
    } else {
        let s = format!("{x:.2e}");
        // 1.20e4 → 1.2e4, 1.00e4 → 1e4
        match s.split_once('e') {
            Some((m, e)) if m.contains('.') => {
                format!("{}e{e}", m.trim_end_matches('0').trim_end_matches('.'))
            }
            _ => s,
        }
    }
}

/// An effective size: with a suffix from 1K to 999T (772.9T), else three significant
/// digits (4.2e16, 0.0031): never "0" and never "1000000T".
pub fn n_hat_text(n: f64) -> String {
    if (1e3..1e15).contains(&n.abs()) {
        format_count(n)
    } else {
        sig3(n)
    }
}

/// How a row's note is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// Waiting for the laws (neutral, not a warning).
    Waiting,
    Warning,
}

/// The note of a model: "fitting…" while the laws it needs are being fitted (not the
/// exclusion that holds until they arrive), its exclusion, or an extrapolation.
pub fn note(state: &AppState, r: &ModelResult) -> (String, Tone) {
    match &r.excluded {
        Some(Exclusion::NoFits(task)) if state.pending.contains(task) => {
            (format!("fitting {task}…"), Tone::Waiting)
        }
        Some(e) => (format!("excluded: {e}"), Tone::Warning),
        None => match r.extrapolation {
            Some(b) if b > 1.0 => (
                format!("extrapolated: N̂ {}× beyond the reference's sizes", sig3(b)),
                Tone::Plain,
            ),
            _ => (String::new(), Tone::Plain),
        },
    }
}

/// The rows shown, as indices into the dataset's models: those whose name contains the
/// filter (any case), in the order of `sort`.
pub fn rows(state: &AppState, filter: &str, sort: SortBy, descending: bool) -> Vec<usize> {
    let models = &state.dataset.models;
    let results = &state.analysis.models;
    let filter = filter.to_lowercase();
    let mut rows: Vec<usize> = (0..models.len().min(results.len()))
        .filter(|&i| filter.is_empty() || models[i].name.to_lowercase().contains(&filter))
        .collect();
    let dir = |o: Ordering| if descending { o.reverse() } else { o };
    // Missing values last whichever way; ties in the file's order (the sort is stable).
    let number = |rows: &mut Vec<usize>, key: &dyn Fn(usize) -> Option<f64>| {
        rows.sort_by(|&a, &b| {
            let (a, b) = (
                key(a).filter(|v| !v.is_nan()),
                key(b).filter(|v| !v.is_nan()),
            );
            present(a.as_ref(), b.as_ref(), |x, y| dir(x.total_cmp(y)))
        })
    };
    match sort {
        SortBy::File if descending => rows.reverse(),
        SortBy::File => {}
        SortBy::Name => {
            let mut keyed: Vec<(usize, String)> = rows
                .iter()
                .map(|&i| (i, models[i].name.to_lowercase()))
                .collect();
            keyed.sort_by(|(i, a), (j, b)| {
                dir(a.cmp(b).then_with(|| models[*i].name.cmp(&models[*j].name)))
            });
            rows = keyed.into_iter().map(|(i, _)| i).collect();
        }
        SortBy::Date => rows.sort_by(|&a, &b| {
            let (x, y) = (results[a].release_date, results[b].release_date);
            present(x.as_ref(), y.as_ref(), |x, y| dir(x.cmp(y)))
        }),
        SortBy::Params => number(&mut rows, &|i| models[i].n_params),
        SortBy::Score => number(&mut rows, &|i| results[i].score),
        SortBy::Loss => number(&mut rows, &|i| results[i].loss_hat),
        SortBy::NHat => number(&mut rows, &|i| results[i].n_hat),
        SortBy::Density => number(&mut rows, &|i| results[i].density),
        SortBy::Sensitivity => number(&mut rows, &|i| results[i].sensitivity),
        // First the frontier, then the others; reversed, the others first (each part in
        // the file's order).
        SortBy::Frontier => rows.sort_by_key(|&i| results[i].on_frontier == descending),
        SortBy::Note => {
            let mut keyed: Vec<(usize, Option<String>)> = rows
                .iter()
                .map(|&i| {
                    (
                        i,
                        Some(note(state, &results[i]).0).filter(|s| !s.is_empty()),
                    )
                })
                .collect();
            keyed.sort_by(|(_, a), (_, b)| present(a.as_ref(), b.as_ref(), |x, y| dir(x.cmp(y))));
            rows = keyed.into_iter().map(|(i, _)| i).collect();
        }
    }
    rows
}

/// Present values before missing ones; two present values by `cmp`.
fn present<T>(a: Option<&T>, b: Option<&T>, cmp: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => cmp(a, b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
