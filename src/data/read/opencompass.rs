//! OpenCompass summaries, `summary_<timestamp>.csv` or the Markdown table of
//! `summary_<timestamp>.md`: wide, one row per dataset
//! (`dataset,version,metric,mode,<model>,<model>…`), scores 0–100, `-` for missing.
//! Datasets naming a known task (`mmlu`, `bbh`, `math`, `openai_humaneval`,
//! `sanitized_mbpp`, …) take its id; any other dataset with scores is kept under its own
//! name.

use super::table::RawTable;
use crate::data::model::name_size::size_of_name;
use crate::data::model::report::{LoadReport, TableKind};
use crate::data::model::task_names::task_for_name;
use crate::data::model::tasks::normalize_header;
use crate::data::model::{DataError, Model};
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
    let mut report = LoadReport::new(
        &t.path,
        format!("OpenCompass summary ({})", t.format.name()),
    );
    report.kind = Some(TableKind::Models);
    report.rows_read = t.n_rows() + t.skipped.len();
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
            ..Default::default()
        })
        .collect();
    let mut unused = Vec::new();
    let mut kept_rows = 0;
    let mut seen: Vec<String> = Vec::new();
    for row in 0..t.n_rows() {
        let at = t.rows[row];
        let dataset = t.cell(0, row).shown();
        let has_score = (FIXED.len()..t.headers.len()).any(|c| !t.cell(c, row).is_blank());
        if dataset.is_empty() || dataset.starts_with('-') || !has_score {
            if !dataset.is_empty() && !dataset.starts_with('-') {
                unused.push(dataset);
            }
            continue;
        }
        let known = task_for_name(&dataset);
        let task = known.map_or_else(|| dataset.trim().to_lowercase(), str::to_string);
        let metric = t.cell(2, row).shown();
        if seen.contains(&task) {
            report.warn(Some(at), Some("dataset"), format!("'{dataset}' ({metric}) repeats task {task}; the first row is kept, this row skipped"));
            continue;
        }
        kept_rows += 1;
        report.notes.push(format!(
            "task {task} ← dataset {dataset}, metric {metric}, mode {}{}",
            t.cell(3, row).shown(),
            if known.is_some() {
                ""
            } else {
                " (kept under its own name)"
            }
        ));
        for (k, model) in models.iter_mut().enumerate() {
            let col = FIXED.len() + k;
            let cell = t.cell(col, row);
            if cell.is_blank() {
                continue;
            }
            match cell.number() {
                Some(v) if v.is_finite() && (0.0..=100.0).contains(&v) => {
                    model.scores.insert(task.clone(), v);
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
        seen.push(task);
    }
    for (at, why) in &t.skipped {
        report.warn(Some(*at), None, format!("{why}; row skipped"));
    }
    if !unused.is_empty() {
        report
            .notes
            .push(format!("datasets without any score: {}", unused.join(", ")));
    }
    let before = models.len();
    models.retain(|m| !m.scores.is_empty());
    if models.len() < before {
        report.warn(
            None,
            None,
            format!(
                "{} model column(s) with no score; skipped",
                before - models.len()
            ),
        );
    }
    // An abbr writes the size (`internlm2-7b-hf`, `llama-3_1-8b-instruct-turbomind`).
    let sized = models
        .iter_mut()
        .filter_map(|m| {
            m.n_params = size_of_name(&m.name);
            m.n_params
        })
        .count();
    report.units.push(format!(
        "parameter counts: the size written in each model's abbr (like -7b-), {sized} of {} abbrs write one",
        models.len()
    ));
    if kept_rows == 0 || models.is_empty() {
        return Err(DataError::NoValidRows {
            path: t.path.clone(),
            rows: t.n_rows(),
            first: format!(
                "no dataset row has a score (datasets: {})",
                unused.join(", ")
            ),
        });
    }
    report.rows_kept = kept_rows;
    report.list_missing(&models);
    Ok((models, report))
}
