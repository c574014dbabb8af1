//! Which columns of a models table hold benchmark scores: the caller's (`--column
//! TASK=HEADER`, the column editor), else every header the one resolver
//! ([`crate::data::model::task_names::task_for_name`]) names, a `… Raw` column preferred over
//! the normalised one of the same task, then every other column whose values look like
//! scores and whose header is no known role, kept as a task under its own name.

use super::columns::{Role, RoleMap, benchmark_for_header, header_index, unknown_column};
use super::table::{Cell, RawTable};
use crate::data::model::DataError;
use crate::data::model::task_names::{is_raw_header, normalise_task, task_id_of_header};
use crate::data::model::tasks::normalize_header;

/// Normalised headers that are never scores although their values may look like them.
const NOT_SCORES: &[&str] = &[
    "rank",
    "id",
    "index",
    "no",
    "year",
    "month",
    "day",
    "likes",
    "downloads",
    "version",
    "seed",
    "step",
    "steps",
    "epoch",
    "epochs",
    "shots",
    "nshot",
    "fewshot",
    "batch",
    "batchsize",
    "layers",
    "heads",
    "lr",
    "learningrate",
    "average",
    "avg",
    "mean",
    "architecture",
    "moe",
    "precision",
    "type",
    "license",
    "hub",
    "hubhearts",
    "co2cost",
    "time",
    "hours",
    "price",
    "cost",
    "temperature",
    "topp",
    "topk",
    "ctx",
    "contextlength",
    "parametersactive",
    "experts",
    "nexperts",
    "count",
    "samples",
    "nsamples",
    "limit",
];
/// Parts of normalised headers that mark a column as not a score (`MMLU stderr`).
const NOT_SCORE_PARTS: &[&str] = &[
    "stderr",
    "std",
    "rank",
    "error",
    "ci95",
    "count",
    "tokensperanswer",
];

/// The benchmark columns, each with its task id.
pub(crate) fn benchmark_columns(
    t: &RawTable,
    roles: &RoleMap,
) -> Result<Vec<(usize, String)>, DataError> {
    if !roles.benchmarks.is_empty() {
        return roles
            .benchmarks
            .iter()
            .map(|(bench, name)| {
                header_index(&t.headers, name)
                    .map(|c| (c, normalise_task(bench)))
                    .ok_or_else(|| {
                        unknown_column(&t.path, &t.headers, &format!("benchmark {bench}"), name)
                    })
            })
            .collect();
    }
    let mut out: Vec<(usize, String)> = Vec::new();
    for (c, h) in t.headers.iter().enumerate() {
        let Some(b) = benchmark_for_header(h).or_else(|| flattened_benchmark(t, h)) else {
            continue;
        };
        match out.iter_mut().find(|(_, o)| o == b) {
            // `BBH Raw` beside `BBH`: the raw accuracy is the benchmark's own score.
            Some(slot) if is_raw_header(h) && !is_raw_header(&t.headers[slot.0]) => slot.0 = c,
            Some(_) => {}
            None => out.push((c, b.to_string())),
        }
    }
    let chosen: Vec<usize> = roles
        .columns
        .values()
        .filter_map(|name| header_index(&t.headers, name))
        .collect();
    for (c, h) in t.headers.iter().enumerate() {
        if out.iter().any(|(o, _)| *o == c)
            || chosen.contains(&c)
            || benchmark_for_header(h).is_some()
        {
            continue;
        }
        let id = task_id_of_header(h);
        if is_other_score(t, c) && !out.iter().any(|(_, o)| *o == id) {
            out.push((c, id));
        }
    }
    if out.is_empty() {
        return Err(DataError::MissingColumn {
            path: t.path.clone(),
            role: "a benchmark score",
            expected: format!(
                "{}, or any column of scores (0–1 or 0–100) that is not {}",
                super::columns::known_benchmarks()
                    .collect::<Vec<_>>()
                    .join(", "),
                "a name, date, size or count"
            ),
        });
    }
    Ok(out)
}

/// A column not named for a known task or role that holds scores: every filled cell a
/// number between 0 and 100, at least one, and not a row count (1, 2, 3, …).
fn is_other_score(t: &RawTable, col: usize) -> bool {
    let norm = normalize_header(&t.headers[col]);
    if norm.is_empty()
        || norm.len() > 40
        || NOT_SCORES.contains(&norm.as_str())
        || NOT_SCORE_PARTS.iter().any(|p| norm.contains(p))
        || Role::ALL
            .iter()
            .any(|r| r.synonyms().contains(&norm.as_str()))
        || norm.starts_with("source")
        || t.unusable.iter().any(|(c, _)| *c == col)
    {
        return false;
    }
    let mut values = Vec::new();
    for cell in &t.columns[col] {
        if cell.is_blank() {
            continue;
        }
        match cell.number() {
            Some(v) if v.is_finite() && (0.0..=100.0).contains(&v) => values.push(v),
            _ => return false,
        }
    }
    if values.is_empty()
        || matches!(t.columns[col].first(), Some(Cell::Text(s)) if s.ends_with('%') )
    {
        return false;
    }
    let counts_rows = values.len() > 1
        && values
            .iter()
            .enumerate()
            .all(|(i, v)| *v == (i + 1) as f64 || *v == i as f64);
    !counts_rows
}

/// A flattened JSON export's score column, `evaluations_<bench>_value`, beside
/// `evaluations_<bench>_name` (the Open LLM Leaderboard API as CSV): the task the name
/// cell says (`MATH Level 5` → `math_lvl5`), else the one `<bench>` says.
fn flattened_benchmark(t: &RawTable, header: &str) -> Option<&'static str> {
    let bench = header
        .strip_prefix("evaluations_")?
        .strip_suffix("_value")?;
    let name_col = t.headers.iter().position(|h| {
        h.strip_prefix("evaluations_")
            .and_then(|r| r.strip_suffix("_name"))
            == Some(bench)
    });
    let named = name_col.and_then(|c| {
        t.columns[c]
            .iter()
            .find(|cell| !cell.is_blank())
            .and_then(|cell| benchmark_for_header(&cell.shown()))
    });
    named.or_else(|| benchmark_for_header(bench))
}
