//! The Open LLM Leaderboard v2 `contents` table (Parquet or CSV; headers with spaces and
//! emoji such as `Average ⬆️`, `#Params (B)`). Its benchmarks — IFEval, BBH, MATH Lvl 5,
//! GPQA, MUSR, MMLU-PRO, as normalised 0–100 scores — are kept under their own names
//! (`olb2_*`), never as mmlu, math or bbh. Their `… Raw` columns (accuracies, 0–1) are the
//! tasks themselves (`ifeval`, `bbh`, `math_lvl5`, `gpqa`, `musr`, `mmlu_pro`), as the
//! leaderboard's flattened export names its `evaluations_<task>_value`: the same file
//! read from either export gives the same tasks on the same scale. One row per precision:
//! one is kept per model.

use super::columns::{RoleMap, header_index};
use super::leaderboard_roles::LayoutColumns;
use super::rows::{RowLog, Skip, describe_columns, opt_score, opt_size};
use super::table::{Cell, RawTable};
use crate::data::model::report::{LoadReport, TableKind};
use crate::data::model::units::{ScoreScale, SizeUnit};
use crate::data::model::{DataError, Model};
use std::collections::BTreeMap;

/// Leaderboard column → benchmark name in the dataset.
const BENCHMARKS: [(&str, &str); 6] = [
    ("IFEval", "olb2_ifeval"),
    ("BBH", "olb2_bbh"),
    ("MATH Lvl 5", "olb2_math_lvl5"),
    ("GPQA", "olb2_gpqa"),
    ("MUSR", "olb2_musr"),
    ("MMLU-PRO", "olb2_mmlu_pro"),
];
/// The `<column> Raw` accuracy of each → its task (the flattened export's names).
const RAW_BENCHMARKS: [(&str, &str); 6] = [
    ("IFEval Raw", "ifeval"),
    ("BBH Raw", "bbh"),
    ("MATH Lvl 5 Raw", "math_lvl5"),
    ("GPQA Raw", "gpqa"),
    ("MUSR Raw", "musr"),
    ("MMLU-PRO Raw", "mmlu_pro"),
];
/// Precisions in order of preference when a model has several rows.
const PRECISIONS: [&str; 3] = ["bfloat16", "float16", "float32"];

fn exact(t: &RawTable, name: &str) -> Option<usize> {
    t.headers.iter().position(|h| h == name)
}

/// Does this table look like the leaderboard's contents?
pub fn is_contents(t: &RawTable) -> bool {
    let named = (exact(t, "fullname").is_some() || exact(t, "eval_name").is_some())
        && exact(t, "Precision").is_some();
    named
        && BENCHMARKS
            .iter()
            .filter(|(c, _)| exact(t, c).is_some())
            .count()
            >= 3
}

fn precision_rank(p: &str) -> usize {
    PRECISIONS
        .iter()
        .position(|x| *x == p)
        .unwrap_or(PRECISIONS.len())
}

/// Reads the contents table; `roles` (the caller's column choices) change the roles of
/// the columns they name inside this layout (see [`super::leaderboard_roles`]).
pub fn models_from_contents(
    t: &RawTable,
    roles: &RoleMap,
) -> Result<(Vec<Model>, LoadReport), DataError> {
    let mut report = LoadReport::new(
        &t.path,
        format!("Open LLM Leaderboard v2 contents ({})", t.format.name()),
    );
    report.kind = Some(TableKind::Models);
    let own =
        LayoutColumns {
            name: exact(t, "fullname")
                .or_else(|| exact(t, "eval_name"))
                .unwrap_or(0),
            params: header_index(&t.headers, "#Params (B)").map(|c| (c, SizeUnit::Billions)),
            date: None,
            family: None,
            benches: BENCHMARKS
                .iter()
                .filter_map(|(c, b)| exact(t, c).map(|i| (i, b.to_string(), ScoreScale::Points)))
                .chain(RAW_BENCHMARKS.iter().filter_map(|(c, b)| {
                    exact(t, c).map(|i| (i, b.to_string(), ScoreScale::Fraction))
                }))
                .collect(),
        };
    let cols = super::leaderboard_roles::apply(t, roles, own, &mut report)?;
    let name_col = cols.name;
    let precision_col = exact(t, "Precision").unwrap_or(0);
    let params_col = cols.params;
    let average_col = t.headers.iter().position(|h| h.starts_with("Average"));
    let benches = &cols.benches;
    let mut assigned = vec![
        (name_col, "model name".to_string()),
        (
            precision_col,
            "precision (one row kept per model)".to_string(),
        ),
    ];
    if let Some((c, unit)) = params_col {
        assigned.push((c, format!("parameter count ({})", unit.describe())));
        report
            .units
            .push(format!("column '{}': {}", t.headers[c], unit.describe()));
    }
    if let Some(c) = cols.date {
        t.check_usable(c, "dates")?;
        assigned.push((c, "release date".into()));
    }
    if let Some(c) = cols.family {
        assigned.push((c, "family".into()));
    }
    let info_cols = super::leaderboard_info::InfoColumns::find(t, true);
    let mut moe_col = exact(t, "MoE");
    if let Some(c) = moe_col {
        match super::leaderboard_info::moe_trusted(t, &info_cols) {
            Ok(()) => assigned.push((c, "mixture-of-experts flag".into())),
            Err(why) => {
                report.warn(None, Some(t.headers[c].as_str()), why);
                assigned.push((c, "mixture-of-experts flag, not trusted".into()));
                moe_col = None;
            }
        }
    }
    assigned.extend(info_cols.assigned(t));
    for (c, b, _) in benches {
        t.check_usable(*c, "scores")?;
        assigned.push((*c, format!("benchmark {b}")));
    }
    report.units.push("benchmark columns: the leaderboard's normalised scores, 0–100 points (random-guess baseline removed), as olb2_*; its '… Raw' accuracies, 0–1 in the file, ×100, as the tasks themselves".into());
    report.notes.push("IFEval, BBH, MATH Lvl 5, GPQA, MUSR and MMLU-PRO normalised are kept as olb2_* benchmarks (not the paper's mmlu, bbh or math); their Raw columns are ifeval, bbh, math_lvl5, gpqa, musr, mmlu_pro, as in the leaderboard's flattened export".into());
    describe_columns(t, &assigned, &mut report);

    // Best row per model: preferred precision, then higher average, then first.
    let mut best: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    let mut order = Vec::new();
    let mut log = RowLog::new();
    for row in 0..t.n_rows() {
        let name = match t.cell(name_col, row) {
            Cell::Missing => None,
            Cell::Text(s) if s.contains('<') => super::models::link_text(s),
            c => Some(c.shown()),
        };
        let Some(name) = name else {
            log.skip(t.rows[row], Skip::new(t, name_col, row, "a model name"));
            continue;
        };
        let precision = t.cell(precision_col, row).shown();
        let avg = |r: usize| {
            average_col
                .and_then(|c| t.cell(c, r).number())
                .unwrap_or(f64::NEG_INFINITY)
        };
        match best.get_mut(&name) {
            None => {
                order.push(name.clone());
                best.insert(name, (row, vec![precision]));
            }
            Some((kept, seen)) => {
                seen.push(precision.clone());
                let old = t.cell(precision_col, *kept).shown();
                let better =
                    (precision_rank(&precision), -avg(row)) < (precision_rank(&old), -avg(*kept));
                if better {
                    *kept = row;
                }
            }
        }
    }
    let mut models = Vec::new();
    let mut kept_rows = Vec::new();
    for name in order {
        let (row, seen) = &best[&name];
        let kept_precision = t.cell(precision_col, *row).shown();
        if seen.len() > 1 {
            report.notes.push(format!(
                "{name}: kept the {kept_precision} row (rows: {})",
                seen.join(", ")
            ));
        }
        let read = || -> Result<Model, Skip> {
            let n_params = match params_col {
                Some((c, unit)) => opt_size(t, c, *row, unit)?,
                None => None,
            };
            let mut scores = BTreeMap::new();
            for (c, b, scale) in benches {
                if let Some(v) = opt_score(t, *c, *row, *scale)? {
                    scores.insert(b.to_string(), v);
                }
            }
            let release_date = match cols.date {
                Some(c) if !t.cell(c, *row).is_blank() => Some(
                    super::models::date_of(t.cell(c, *row))
                        .ok_or_else(|| Skip::new(t, c, *row, "a date"))?,
                ),
                _ => None,
            };
            let family = cols
                .family
                .map(|c| t.cell(c, *row).shown())
                .filter(|f| !f.is_empty());
            Ok(Model {
                name: name.clone(),
                family,
                release_date,
                n_params,
                scores,
                n_params_active: None,
                ..Default::default()
            })
        };
        match read() {
            Ok(mut m) => {
                let flag = moe_col.is_some_and(|c| super::moe::flagged(t.cell(c, *row)));
                report.to_supply.extend(super::moe::from_name(&mut m, flag));
                models.push(m);
                kept_rows.push(*row);
            }
            Err(skip) => log.skip(t.rows[*row], skip),
        }
    }
    log.finish(t, models.len(), &mut report)?;
    super::leaderboard_info::fill(t, &info_cols, &mut models, &kept_rows, &mut report);
    let coarse = params_col.is_some_and(|(c, unit)| {
        super::size_buckets::fix_coarse_sizes(t, c, unit, &mut models, &kept_rows, &mut report)
    });
    if let Some((c, _)) = params_col
        && !coarse
        && let Some(note) = super::rows::size_sentinel_note(t, c)
    {
        report.warn(None, Some(t.headers[c].as_str()), note);
    }
    report.list_missing(&models);
    Ok((models, report))
}
