//! lm-evaluation-harness runs into models: the runs of one model (several results files,
//! per-task files, re-runs) merged into one model, task by task, the latest run winning
//! for a task (from the timestamp in `results_<timestamp>.json`, else the `date` field),
//! with a warning naming both files; the metric used per task, the tasks left unused, and
//! what the user must still supply.

use super::lm_eval::Run;
use crate::data::model::report::{LoadReport, TableKind};
use crate::data::model::{DataError, Model};
use std::collections::BTreeMap;

/// Where a merged task value came from.
struct Source {
    value: f64,
    how: String,
    file: String,
    samples: Option<crate::data::model::SampleCount>,
    limited: bool,
}

/// Turns runs (files already parsed) into models, one per model name, with a report.
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
    let mut by_model: BTreeMap<String, Vec<Run>> = BTreeMap::new();
    for r in runs {
        by_model.entry(r.model.clone()).or_default().push(r);
    }
    let mut models = Vec::new();
    let mut metrics: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unused: Vec<String> = Vec::new();
    for (name, mut runs) in by_model {
        // Limited runs (`--limit`) first, then oldest first, so that a full run replaces a
        // limited one and a later run an earlier one, task by task.
        runs.sort_by(|a, b| {
            b.limited
                .cmp(&a.limited)
                .then(a.timestamp.total_cmp(&b.timestamp))
                .then(a.file.cmp(&b.file))
        });
        let mut merged: BTreeMap<String, Source> = BTreeMap::new();
        let mut n_params = None;
        for run in &runs {
            report
                .notes
                .extend(run.notes.iter().map(|n| format!("{}: {n}", run.file)));
            for w in &run.warnings {
                report.warn(None, None, w.clone());
            }
            if run.limited {
                report.warn(
                    None,
                    None,
                    format!(
                        "{}: a limited run (--limit or fewer samples than the tasks have): its scores are marked, and a full run of the same task is preferred",
                        run.file
                    ),
                );
            }
            n_params = run.n_params.or(n_params);
            let mut replaced: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for (task, (value, how)) in &run.scores {
                let new = Source {
                    value: *value,
                    how: how.clone(),
                    file: run.file.clone(),
                    samples: run.samples.get(task).copied(),
                    limited: run.limited,
                };
                if let Some(old) = merged.insert(task.clone(), new) {
                    if old.limited && !run.limited {
                        report.notes.push(format!(
                            "{name}: {} (a full run) replaces the limited run {} for {task}",
                            run.file, old.file
                        ));
                        continue;
                    }
                    let list = replaced.entry(leak_file(&runs, &old.file)).or_default();
                    list.push(task.as_str());
                }
            }
            for (older, tasks) in replaced {
                report.warn(
                    None,
                    None,
                    format!(
                        "{name}: {} (later) replaces {older} for {} task{}: {}",
                        run.file,
                        tasks.len(),
                        if tasks.len() == 1 { "" } else { "s" },
                        short(&tasks)
                    ),
                );
            }
            unused.extend(
                run.unused_tasks
                    .iter()
                    .filter(|t| !t.contains("stderr"))
                    .cloned(),
            );
        }
        if runs.len() > 1 {
            let files: Vec<&str> = runs.iter().map(|r| r.file.as_str()).collect();
            report.notes.push(format!(
                "{name}: {} files merged, oldest first: {}",
                runs.len(),
                files.join(", ")
            ));
        }
        if merged.is_empty() {
            let files: Vec<&str> = runs.iter().map(|r| r.file.as_str()).collect();
            report.warn(
                None,
                None,
                format!(
                    "{}: no task with a 0–1 score (tasks: {}); model {name} skipped",
                    files.join(", "),
                    short(
                        &runs[0]
                            .unused_tasks
                            .iter()
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                    )
                ),
            );
            continue;
        }
        for (task, src) in &merged {
            let list = metrics.entry(task.clone()).or_default();
            if !list.contains(&src.how) {
                list.push(src.how.clone());
            }
        }
        let mut model = Model {
            name,
            family: None,
            release_date: None,
            n_params,
            n_params_active: None,
            ..Default::default()
        };
        for (task, src) in &merged {
            if let Some(c) = src.samples {
                report.notes.push(format!(
                    "{}: {task}: {} ({})",
                    model.name,
                    super::lm_eval_names::describe_samples(&c),
                    src.file
                ));
                model.info.samples.insert(task.clone(), c);
            }
        }
        if let Some((base, kind)) = runs.iter().rev().find_map(|r| r.base.clone()) {
            model.info.base_model = Some(base);
            model.info.derived_kind = kind;
        }
        model.scores = merged.into_iter().map(|(t, s)| (t, s.value)).collect();
        models.push(model);
    }
    for (task, hows) in metrics {
        report
            .notes
            .push(format!("task {task} ← {}", hows.join(" | ")));
    }
    unused.sort();
    unused.dedup();
    if !unused.is_empty() {
        report.notes.push(format!(
            "tasks without a 0–1 score, or read into another task: {}",
            short(&unused.iter().map(String::as_str).collect::<Vec<_>>())
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
        (
            "model_name / pretrained= / model".into(),
            "model name".into(),
        ),
    ];
    report.list_missing(&models);
    Ok((models, report))
}

/// The file name of a run, borrowed from the runs (for the replacement warnings).
fn leak_file<'a>(runs: &'a [Run], file: &str) -> &'a str {
    runs.iter()
        .map(|r| r.file.as_str())
        .find(|f| *f == file)
        .unwrap_or("")
}

fn short(names: &[&str]) -> String {
    const SHOWN: usize = 12;
    let mut s = names[..names.len().min(SHOWN)].join(", ");
    if names.len() > SHOWN {
        s.push_str(&format!(", … ({} more)", names.len() - SHOWN));
    }
    s
}
