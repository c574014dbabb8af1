//! lm-evaluation-harness results: one results file (any name: recognised by content) or
//! a whole output folder (runs of one model merged, see `lm_eval_runs`). Metric keys of
//! v0.4 (`"acc,none"`) and the bare keys of older versions (`"acc"`); the tasks and
//! metrics come from the one table in `tasks`, and every other task with a 0–1 score is
//! kept under its own name. Scores are stored ×100. N comes from
//! `config.model_num_parameters`; release dates never appear, so the report asks for them.

use crate::data::model::DataError;
use crate::data::model::tasks::{OTHER_METRICS, TASKS, TaskDef};
use chrono::NaiveDateTime;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// MMLU's category groups (v0.4), which are not subjects.
const MMLU_GROUPS: [&str; 4] = [
    "mmlu_stem",
    "mmlu_humanities",
    "mmlu_social_sciences",
    "mmlu_other",
];
/// Filters of v0.4 metric keys (`metric,filter`), in order of preference.
const FILTERS: [&str; 5] = [
    "none",
    "strict-match",
    "get-answer",
    "create_test",
    "flexible-extract",
];

/// Is this JSON an lm-evaluation-harness results file?
pub fn is_results(v: &Value) -> bool {
    v.get("results").is_some()
}

/// One results file, understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub file: String,
    pub model: String,
    pub n_params: Option<f64>,
    /// Task → (score in points, how it was obtained).
    pub scores: BTreeMap<String, (f64, String)>,
    pub unused_tasks: Vec<String>,
    /// Values not read, and why.
    pub notes: Vec<String>,
    pub v04: bool,
    /// Seconds since the epoch, from the file name or the `date` field (0 if neither).
    pub timestamp: f64,
    /// Warnings for the load report (a name taken from the path).
    pub warnings: Vec<String>,
    /// Tasks scored on fewer samples than they have (`--limit`), by task id.
    pub samples: BTreeMap<String, crate::data::model::SampleCount>,
    /// The run was limited (`config.limit` or fewer effective samples): a full run of the
    /// same task is preferred whatever the timestamps.
    pub limited: bool,
    /// The base model `model_args` name (with the kind where known), issue 21.
    pub base: Option<(String, Option<String>)>,
}

/// A metric value of a task: v0.4 `metric,filter` keys (preferred filters first) or the
/// bare key of older versions. Stderr entries (possibly `"N/A"`) are never read.
fn metric(task: &Map<String, Value>, base: &str) -> Option<(String, f64)> {
    if let Some(v) = task.get(base).and_then(Value::as_f64) {
        return Some((base.to_string(), v));
    }
    let prefix = format!("{base},");
    let mut keyed: Vec<(usize, &String, f64)> = task
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .filter_map(|(k, v)| {
            let filter = &k[prefix.len()..];
            let rank = FILTERS
                .iter()
                .position(|f| *f == filter)
                .unwrap_or(FILTERS.len());
            v.as_f64().map(|x| (rank, k, x))
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    keyed.first().map(|(_, k, v)| ((*k).clone(), *v))
}

fn task_metric(
    tasks: &[&Map<String, Value>],
    name: &str,
    metrics: &[&str],
) -> Option<(String, f64)> {
    let entry = tasks
        .iter()
        .find_map(|t| {
            t.get(name).or_else(|| {
                t.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v)
            })
        })
        .and_then(Value::as_object)?;
    metrics.iter().find_map(|m| metric(entry, m))
}

/// Is `name` a task (or a subtask) of another known task than `def`: `mmlu_pro_law` is
/// not an MMLU subject.
fn claimed_by_other(def: &TaskDef, name: &str) -> bool {
    TASKS.iter().filter(|t| t.id != def.id).any(|t| {
        t.lm_eval.iter().any(|n| {
            name == *n || (name.starts_with(n) && name.as_bytes().get(n.len()) == Some(&b'_'))
        })
    })
}

fn score_of(
    def: &TaskDef,
    tables: &[&Map<String, Value>],
    used: &mut Vec<String>,
) -> Option<(f64, String)> {
    let is_subtask = |name: &str| {
        def.subtasks.iter().any(|p| name.starts_with(p))
            && !MMLU_GROUPS.contains(&name)
            && !def.lm_eval.contains(&name)
            && !claimed_by_other(def, name)
    };
    for task in def.lm_eval {
        if let Some((key, v)) = task_metric(tables, task, def.metrics) {
            used.push(task.to_string());
            let subtasks = tables[0].keys().filter(|k| is_subtask(k));
            used.extend(subtasks.cloned());
            return Some((v, format!("task {task}, metric {key}")));
        }
    }
    let mut subjects: Vec<(&String, f64, String)> = Vec::new();
    for (name, entry) in tables[0] {
        if let (true, Some(obj)) = (is_subtask(name), entry.as_object())
            && let Some((key, v)) = def.metrics.iter().find_map(|k| metric(obj, k))
        {
            subjects.push((name, v, key));
        }
    }
    if subjects.is_empty() {
        return None;
    }
    used.extend(subjects.iter().map(|(n, ..)| n.to_string()));
    // A group entry without a score (`"leaderboard_bbh": {" ": " "}`) is read through its
    // subtasks.
    used.extend(
        def.lm_eval
            .iter()
            .filter(|t| tables[0].contains_key(**t))
            .map(|t| t.to_string()),
    );
    let mean = subjects.iter().map(|(_, v, _)| v).sum::<f64>() / subjects.len() as f64;
    Some((
        mean,
        format!(
            "unweighted mean of {} subtasks ({}…), metric {}",
            subjects.len(),
            subjects[0].0,
            subjects[0].2
        ),
    ))
}

/// The model's name: `model_name`, else `pretrained=` in `config.model_args` (a string or
/// an object; a `revision` other than `main` is appended after `@`), else a top-level
/// `model` string (wrappers around the harness).
fn model_name(v: &Value) -> Option<String> {
    if let Some(n) = v
        .get("model_name")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
    {
        return Some(n.trim().to_string());
    }
    let (pretrained, revision) = match v.pointer("/config/model_args") {
        Some(Value::String(args)) => {
            let get = |key: &str| {
                args.split(',').find_map(|kv| {
                    let (k, val) = kv.split_once('=')?;
                    (k.trim() == key && !val.trim().is_empty()).then(|| val.trim().to_string())
                })
            };
            (get("pretrained"), get("revision"))
        }
        Some(Value::Object(map)) => {
            let get = |key: &str| {
                map.get(key)
                    .and_then(Value::as_str)
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| s.trim().to_string())
            };
            (get("pretrained"), get("revision"))
        }
        _ => (None, None),
    };
    match (pretrained, revision) {
        (Some(p), Some(r)) if r != "main" => Some(format!("{p}@{r}")),
        (Some(p), _) => Some(p),
        (None, _) => v
            .get("model")
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().to_string()),
    }
}

fn timestamp(file: &str, v: &Value) -> f64 {
    let stem = std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    if let Some(ts) = stem.strip_prefix("results_") {
        for fmt in ["%Y-%m-%dT%H-%M-%S%.f", "%Y-%m-%dT%H-%M-%S"] {
            if let Ok(t) = NaiveDateTime::parse_from_str(ts, fmt) {
                return t.and_utc().timestamp_micros() as f64 / 1e6;
            }
        }
    }
    v.get("date").and_then(Value::as_f64).unwrap_or(0.0)
}

/// The score of a task this table does not know: the first metric of [`OTHER_METRICS`]
/// it has.
fn other_score(entry: &Map<String, Value>) -> Option<(String, f64)> {
    OTHER_METRICS.iter().find_map(|m| metric(entry, m))
}

/// Keeps a 0–1 value as points, or notes why it is not read.
fn keep(
    scores: &mut BTreeMap<String, (f64, String)>,
    notes: &mut Vec<String>,
    task: &str,
    x: f64,
    how: String,
) {
    if x.is_finite() && (0.0..=1.0).contains(&x) {
        scores.insert(task.to_string(), (x * 100.0, how));
    } else {
        notes.push(format!(
            "task {task}: {how} is {x}, not a 0–1 fraction; not read"
        ));
    }
}

/// Reads one results JSON value.
pub fn parse_run(file: &str, v: &Value) -> Result<Run, DataError> {
    let not = |reason: &str| DataError::NotATable {
        path: file.to_string(),
        reason: reason.to_string(),
    };
    let results = v.get("results").and_then(Value::as_object).ok_or_else(|| {
        not("no \"results\" object (expected lm-evaluation-harness output: {\"results\": {task: {metric: value}}, \"config\": …})")
    })?;
    let mut warnings = Vec::new();
    let mut notes = Vec::new();
    let model = match model_name(v) {
        Some(raw) => {
            let shown = super::lm_eval_names::display_name(&raw);
            if shown != raw {
                notes.push(format!("model name '{shown}' from the local path '{raw}'"));
            }
            shown
        }
        // Pre-0.4 outputs (only `results` and `versions`): the model is in the path.
        None if v.get("config").is_none() => {
            let name = super::lm_eval_names::name_from_path(file).ok_or_else(|| {
                not("no model name, and none in the file's path (expected \"model_name\", pretrained=… in config.model_args, or \"model\")")
            })?;
            warnings.push(format!(
                "{file}: no model name in the file (no config); named '{name}' from its path"
            ));
            name
        }
        None => {
            return Err(not(
                "no model name (expected \"model_name\", pretrained=… in config.model_args, or \"model\")",
            ));
        }
    };
    let (model, base) = super::lm_eval_base::base_of(v, model);
    let mut tables = vec![results];
    if let Some(groups) = v.get("groups").and_then(Value::as_object) {
        tables.push(groups);
    }
    let v04 = results
        .values()
        .filter_map(Value::as_object)
        .any(|t| t.keys().any(|k| k.contains(',')));
    let mut used = Vec::new();
    let mut scores = BTreeMap::new();
    for def in TASKS {
        if let Some((x, how)) = score_of(def, &tables, &mut used) {
            keep(&mut scores, &mut notes, def.id, x, how);
        }
    }
    let mut unused_tasks = Vec::new();
    for (name, entry) in results {
        if used.contains(name) || name.trim().is_empty() {
            continue;
        }
        let found = entry.as_object().and_then(other_score);
        // One id per task whatever its case (`MBPP` is `mbpp`, `MedQA_0-shot` is
        // `medqa_0-shot`).
        let id = crate::data::model::task_names::normalise_task(name);
        match found {
            Some((key, x)) if !scores.contains_key(id.as_str()) => {
                let how = format!("task {name}, metric {key}");
                keep(&mut scores, &mut notes, &id, x, how);
            }
            _ => unused_tasks.push(name.clone()),
        }
    }
    let n_params = v
        .pointer("/config/model_num_parameters")
        .and_then(Value::as_f64)
        .filter(|n| n.is_finite() && *n > 0.0);
    Ok(Run {
        file: file.to_string(),
        model,
        n_params,
        scores,
        unused_tasks,
        notes,
        v04,
        timestamp: timestamp(file, v),
        warnings,
        limited: super::lm_eval_names::limit_of(v).is_some()
            || !super::lm_eval_names::limited_samples(v).is_empty(),
        samples: super::lm_eval_names::limited_samples(v),
        base,
    })
}
