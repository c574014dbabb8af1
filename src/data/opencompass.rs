//! OpenCompass `summary_<timestamp>.csv`: wide, one row per dataset
//! (`dataset,version,metric,mode,<model>,<model>…`), scores 0–100, `-` for missing.
//! Datasets naming a benchmark (`mmlu`, `bbh`, `math`, `openai_humaneval`,
//! `sanitized_mbpp`, …) become scores; the rest are listed as unused.

use super::columns::{benchmark_for_header, normalize_header};
use super::report::{LoadReport, TableKind};
use super::table::{Cell, RawTable};
use super::{DataError, Model};
use std::collections::BTreeMap;

const FIXED: [&str; 4] = ["dataset", "version", "metric", "mode"];

/// Does this table look like an OpenCompass summary?
pub fn is_summary(t: &RawTable) -> bool {
    t.headers.len() > FIXED.len()
        && t.headers
            .iter()
            .zip(FIXED)
            .all(|(h, f)| normalize_header(h) == f)
}

/// Reads the summary: one model per column after the first four.
pub fn models_from_summary(t: &RawTable) -> Result<(Vec<Model>, LoadReport), DataError> {
    let mut report = LoadReport::new(&t.path, "OpenCompass summary (wide CSV)");
    report.kind = Some(TableKind::Models);
    report.rows_read = t.n_rows();
    report
        .units
        .push("scores: 0–100 points as OpenCompass writes them; '-' is missing".into());
    report.columns = t
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            (
                h.clone(),
                if i < FIXED.len() {
                    FIXED[i].to_string()
                } else {
                    "model".to_string()
                },
            )
        })
        .collect();
    let mut models: Vec<Model> = t.headers[FIXED.len()..]
        .iter()
        .map(|name| Model {
            name: name.trim().to_string(),
            family: None,
            release_date: None,
            n_params: None,
            scores: BTreeMap::new(),
            n_params_active: None,
        })
        .collect();
    let mut unused = Vec::new();
    let mut kept_rows = 0;
    let mut seen: Vec<&str> = Vec::new();
    for row in 0..t.n_rows() {
        let at = t.rows[row];
        let dataset = t.cell(0, row).shown();
        let Some(bench) = benchmark_for_header(&dataset) else {
            if !dataset.is_empty() && !dataset.starts_with('-') {
                unused.push(dataset);
            }
            continue;
        };
        let metric = t.cell(2, row).shown();
        if seen.contains(&bench) {
            report.warn(Some(at), Some("dataset"), format!("'{dataset}' ({metric}) repeats benchmark {bench}; the first row is kept, this row skipped"));
            continue;
        }
        kept_rows += 1;
        seen.push(bench);
        report.notes.push(format!(
            "benchmark {bench} ← dataset {dataset}, metric {metric}, mode {}",
            t.cell(3, row).shown()
        ));
        for (k, model) in models.iter_mut().enumerate() {
            let col = FIXED.len() + k;
            let cell = t.cell(col, row);
            let value = match cell {
                Cell::Missing => continue,
                Cell::Text(s) if s.as_str() == "-" => continue,
                c => c.number(),
            };
            match value {
                Some(v) if v.is_finite() && (0.0..=100.0).contains(&v) => {
                    model.scores.insert(bench.to_string(), v);
                }
                _ => report.warn(
                    Some(at),
                    Some(t.headers[col].as_str()),
                    format!(
                        "got '{}', expected a score between 0 and 100 or '-'; cell skipped",
                        cell.shown()
                    ),
                ),
            }
        }
    }
    if !unused.is_empty() {
        report.notes.push(format!(
            "datasets not mapped to a benchmark: {}",
            unused.join(", ")
        ));
    }
    let before = models.len();
    models.retain(|m| !m.scores.is_empty());
    if models.len() < before {
        report.warn(
            None,
            None,
            format!(
                "{} model column(s) with no score on a mapped benchmark; skipped",
                before - models.len()
            ),
        );
    }
    if kept_rows == 0 || models.is_empty() {
        return Err(DataError::NoValidRows {
            path: t.path.clone(),
            rows: t.n_rows(),
            first: format!(
                "no dataset row maps to a benchmark with a score (datasets: {})",
                unused.join(", ")
            ),
        });
    }
    report.rows_kept = kept_rows;
    report.list_missing(&models);
    Ok((models, report))
}
