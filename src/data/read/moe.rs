//! Mixture-of-experts sizes: the active (per-token) parameter count, read from a column
//! (`n_params_active`, `active_params`), from size text (`30B-A3B`, `A22B`, `17B-16E`) or
//! from the model name (`Qwen3-30B-A3B-Base`). A model known to be a mixture of experts —
//! by an `architecture`/`MoE` column, or a name or size like `8x7B` — whose active count
//! is not given is listed in the load report's "still needed", never guessed.

use super::columns::{Role, RoleMap, locate};
use super::rows::{Skip, opt_size, plain_numbers};
use super::table::{Cell, RawTable};
use crate::data::model::report::LoadReport;
use crate::data::model::tasks::normalize_header;
use crate::data::model::units::{SizeParts, SizeUnit, moe_parts_of_name, parse_size_parts};
use crate::data::model::{DataError, Model};

/// The columns that say something about experts.
#[derive(Debug, Default)]
pub(super) struct MoeColumns {
    /// The active-count column and the unit of its plain numbers.
    active: Option<(usize, SizeUnit)>,
    /// A column flagging mixtures of experts (`architecture` = `moe`, `MoE` = true).
    flag: Option<usize>,
}

/// Finds the active-count and flag columns, records their roles and units.
pub(super) fn moe_columns(
    t: &RawTable,
    roles: &RoleMap,
    assigned: &mut Vec<(usize, String)>,
    report: &mut LoadReport,
) -> Result<MoeColumns, DataError> {
    let mut cols = MoeColumns::default();
    if let Some(c) = locate(&t.path, &t.headers, roles, Role::ParamsActive)? {
        t.check_usable(c, "numbers or sizes like 3B")?;
        let header = normalize_header(&t.headers[c]);
        let (unit, why) = match roles.size_unit {
            Some(u) => (u, "set by the caller"),
            None if header.ends_with('b') => (SizeUnit::Billions, "the header says billions"),
            None => match SizeUnit::guess(plain_numbers(t, c)) {
                SizeUnit::Billions => (SizeUnit::Billions, "every plain value is below 100,000"),
                SizeUnit::Raw => (SizeUnit::Raw, "values of 100,000 and more"),
            },
        };
        report.units.push(format!(
            "column '{}': active parameters per token (mixture of experts), {} ({why}); empty = dense",
            t.headers[c],
            unit.describe()
        ));
        assigned.push((c, "active parameter count".into()));
        cols.active = Some((c, unit));
    }
    cols.flag = t
        .headers
        .iter()
        .position(|h| matches!(normalize_header(h).as_str(), "architecture" | "moe"))
        .filter(|c| !assigned.iter().any(|(a, _)| a == c));
    if let Some(c) = cols.flag {
        assigned.push((c, "mixture-of-experts flag".into()));
    }
    Ok(cols)
}

/// True when a flag cell says "mixture of experts".
pub(super) fn flagged(cell: &Cell) -> bool {
    match cell {
        Cell::Number(v) => *v == 1.0,
        Cell::Text(t) => {
            let t = t.trim().to_ascii_lowercase();
            matches!(
                t.as_str(),
                "moe" | "true" | "yes" | "1" | "mixture-of-experts"
            )
        }
        Cell::Missing => false,
    }
}

/// Sets `model.n_params_active` from the row (column, then size text, then name) and
/// returns what the report must ask for when the model is a mixture of experts of
/// unknown active count. Refuses an active count above the total.
pub(super) fn read_active(
    t: &RawTable,
    row: usize,
    cols: &MoeColumns,
    size_col: Option<usize>,
    model: &mut Model,
) -> Result<Option<String>, Skip> {
    if let Some((c, unit)) = cols.active
        && let Some(v) = opt_size(t, c, row, unit)?
    {
        if model.n_params.is_some_and(|n| v > n * (1.0 + 1e-9)) {
            return Err(Skip::new(
                t,
                c,
                row,
                "an active count not above the total parameter count",
            ));
        }
        model.n_params_active = Some(v);
        return Ok(None);
    }
    let from_size = size_col
        .and_then(|c| match t.cell(c, row) {
            Cell::Text(s) => parse_size_parts(s).map(|p| (p, s.to_string())),
            _ => None,
        })
        .filter(|(p, _)| p.is_moe());
    let parts =
        from_size.or_else(|| moe_parts_of_name(&model.name).map(|p| (p, model.name.clone())));
    let flag = cols.flag.is_some_and(|c| flagged(t.cell(c, row)));
    Ok(apply(model, parts, flag))
}

/// Applies parts read from text (and a flag) to a model; the "still needed" line when
/// the active count stays unknown.
pub(super) fn apply(
    model: &mut Model,
    parts: Option<(SizeParts, String)>,
    flag: bool,
) -> Option<String> {
    let active = parts.as_ref().and_then(|(p, _)| p.active);
    if let Some(a) = active
        && model.n_params.is_none_or(|n| a <= n * (1.0 + 1e-9))
    {
        model.n_params_active = Some(a);
        return None;
    }
    let why = match (&parts, flag) {
        (Some((_, text)), _) => format!("'{text}' names a mixture of experts"),
        (None, true) => "flagged as a mixture of experts".to_string(),
        (None, false) => return None,
    };
    Some(format!(
        "{}: the active parameter count ({why}; give it in an n_params_active column — not guessed, the total is used on both bases)",
        model.name
    ))
}

/// For loaders without an active-count column: the active count from the model's name
/// (`Qwen3-30B-A3B`), or the "still needed" line for a mixture of experts (`8x7B`, a flag).
pub(super) fn from_name(model: &mut Model, flag: bool) -> Option<String> {
    let parts = moe_parts_of_name(&model.name).map(|p| (p, model.name.clone()));
    apply(model, parts, flag)
}
