//! lm-evaluation-harness runs into models: the newest run per model (from the
//! timestamp in `results_<timestamp>.json`, else the `date` field), the metric used per
//! benchmark, the tasks left unused, and what the user must still supply.

use super::lm_eval::Run;
use super::report::{LoadReport, TableKind};
use super::{DataError, Model};
use std::collections::BTreeMap;

/// Turns runs (files already parsed) into models: the newest run per model, with a report.
pub fn models_from_runs(
    label: &str,
    runs: Vec<Run>,
) -> Result<(Vec<Model>, LoadReport), DataError> {
    let versions: Vec<bool> = runs.iter().map(|r| r.v04).collect();
    let version = match (versions.contains(&true), versions.contains(&false)) {
        (true, false) => "v0.4 metric keys",
        (false, true) => "older bare metric keys",
        _ => "v0.4 and older metric keys",
    };
    let mut report = LoadReport::new(label, format!("lm-evaluation-harness results ({version})"));
    report.kind = Some(TableKind::Models);
    report.rows_read = runs.len();
    report
        .units
        .push("scores: 0–1 fractions as the harness writes them, multiplied by 100".into());
    let mut newest: BTreeMap<String, Vec<Run>> = BTreeMap::new();
    for r in runs {
        newest.entry(r.model.clone()).or_default().push(r);
    }
    let mut models = Vec::new();
    let mut metrics: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unused: Vec<String> = Vec::new();
    for (name, mut runs) in newest {
        runs.sort_by(|a, b| {
            b.timestamp
                .total_cmp(&a.timestamp)
                .then(b.file.cmp(&a.file))
        });
        let run = runs.remove(0);
        if !runs.is_empty() {
            let older: Vec<&str> = runs.iter().map(|r| r.file.as_str()).collect();
            report.notes.push(format!(
                "{name}: kept the newest file {} (ignored older {})",
                run.file,
                older.join(", ")
            ));
        }
        if run.scores.is_empty() {
            report.warn(
                None,
                None,
                format!(
                    "{}: no task maps to mmlu, bbh, math, humaneval or mbpp; model skipped",
                    run.file
                ),
            );
            continue;
        }
        for (bench, (_, how)) in &run.scores {
            let list = metrics.entry(bench.clone()).or_default();
            if !list.contains(how) {
                list.push(how.clone());
            }
        }
        unused.extend(
            run.unused_tasks
                .iter()
                .filter(|t| !t.contains("stderr"))
                .cloned(),
        );
        models.push(Model {
            name,
            family: None,
            release_date: None,
            n_params: run.n_params,
            scores: run.scores.into_iter().map(|(b, (x, _))| (b, x)).collect(),
            n_params_active: None,
        });
    }
    for (bench, hows) in metrics {
        report
            .notes
            .push(format!("benchmark {bench} ← {}", hows.join(" | ")));
    }
    unused.sort();
    unused.dedup();
    if !unused.is_empty() {
        let shown: Vec<&str> = unused.iter().take(12).map(String::as_str).collect();
        report.notes.push(format!(
            "tasks not mapped to a benchmark: {}{}",
            shown.join(", "),
            if unused.len() > 12 { ", …" } else { "" }
        ));
    }
    if models.is_empty() {
        return Err(DataError::NoValidRows {
            path: label.to_string(),
            rows: report.rows_read,
            first: report
                .warnings
                .first()
                .map_or_else(|| "no results".into(), ToString::to_string),
        });
    }
    report.rows_kept = models.len();
    report.columns = vec![
        (
            "config.model_num_parameters".into(),
            "parameter count".into(),
        ),
        ("model_name / pretrained=".into(), "model name".into()),
    ];
    report.list_missing(&models);
    Ok((models, report))
}
