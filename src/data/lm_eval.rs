//! lm-evaluation-harness results: one `results_<timestamp>.json` or a whole output
//! folder (`<output>/<org>__<model>/results_<timestamp>.json`, searched recursively,
//! the newest file kept per model). Metric keys of v0.4 (`"acc,none"`) and the bare keys
//! of older versions (`"acc"`); scores are 0–1 fractions, stored ×100. N comes from
//! `config.model_num_parameters`; release dates never appear, so the report asks for them.

use super::DataError;
use chrono::NaiveDateTime;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One benchmark: the tasks that give it (first found wins), the subtask prefixes to
/// average when no group value is present, and the metrics in order of preference.
struct Mapping {
    bench: &'static str,
    tasks: &'static [&'static str],
    subtasks: &'static [&'static str],
    metrics: &'static [&'static str],
}

const MAPPINGS: &[Mapping] = &[
    Mapping {
        bench: "mmlu",
        tasks: &["mmlu"],
        subtasks: &["mmlu_", "hendrycksTest-"],
        metrics: &["acc"],
    },
    Mapping {
        bench: "bbh",
        tasks: &["bbh", "bbh_cot_fewshot", "bbh_fewshot"],
        subtasks: &["bbh_cot_fewshot_", "bbh_fewshot_"],
        metrics: &["exact_match"],
    },
    Mapping {
        bench: "math",
        tasks: &["minerva_math", "hendrycks_math"],
        subtasks: &["minerva_math_", "hendrycks_math_"],
        metrics: &["exact_match", "math_verify"],
    },
    Mapping {
        bench: "humaneval",
        tasks: &["humaneval"],
        subtasks: &[],
        metrics: &["pass@1", "pass_at_1"],
    },
    Mapping {
        bench: "mbpp",
        tasks: &["mbpp"],
        subtasks: &[],
        metrics: &["pass_at_1", "pass@1"],
    },
];

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
    /// Benchmark → (score in points, how it was obtained).
    pub scores: BTreeMap<String, (f64, String)>,
    pub unused_tasks: Vec<String>,
    pub v04: bool,
    /// Seconds since the epoch, from the file name or the `date` field (0 if neither).
    pub timestamp: f64,
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
        .find_map(|t| t.get(name))
        .and_then(Value::as_object)?;
    metrics.iter().find_map(|m| metric(entry, m))
}

fn score_of(
    m: &Mapping,
    tables: &[&Map<String, Value>],
    used: &mut Vec<String>,
) -> Option<(f64, String)> {
    for task in m.tasks {
        if let Some((key, v)) = task_metric(tables, task, m.metrics) {
            used.push(task.to_string());
            let subtasks = tables[0]
                .keys()
                .filter(|k| m.subtasks.iter().any(|p| k.starts_with(p)));
            used.extend(subtasks.cloned());
            return Some((v, format!("task {task}, metric {key}")));
        }
    }
    let mut subjects: Vec<(&String, f64)> = Vec::new();
    for (name, entry) in tables[0] {
        let is_subject =
            m.subtasks.iter().any(|p| name.starts_with(p)) && !MMLU_GROUPS.contains(&name.as_str());
        if let (true, Some(obj)) = (is_subject, entry.as_object())
            && let Some((_, v)) = m.metrics.iter().find_map(|k| metric(obj, k))
        {
            subjects.push((name, v));
        }
    }
    if subjects.is_empty() {
        return None;
    }
    used.extend(subjects.iter().map(|(n, _)| n.to_string()));
    let mean = subjects.iter().map(|(_, v)| v).sum::<f64>() / subjects.len() as f64;
    Some((
        mean,
        format!(
            "unweighted mean of {} subtasks ({}…), metric {}",
            subjects.len(),
            subjects[0].0,
            m.metrics[0]
        ),
    ))
}

/// The model's name: `model_name`, else `pretrained=` in `config.model_args`.
fn model_name(v: &Value) -> Option<String> {
    if let Some(n) = v
        .get("model_name")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
    {
        return Some(n.to_string());
    }
    match v.pointer("/config/model_args")? {
        Value::String(args) => args.split(',').find_map(|kv| {
            let (k, val) = kv.split_once('=')?;
            (k.trim() == "pretrained" && !val.trim().is_empty()).then(|| val.trim().to_string())
        }),
        Value::Object(map) => map
            .get("pretrained")
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    }
}

fn timestamp(file: &str, v: &Value) -> f64 {
    let stem = std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    if let Some(ts) = stem.strip_prefix("results_")
        && let Ok(t) = NaiveDateTime::parse_from_str(ts, "%Y-%m-%dT%H-%M-%S%.f")
    {
        return t.and_utc().timestamp() as f64;
    }
    v.get("date").and_then(Value::as_f64).unwrap_or(0.0)
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
    let model = model_name(v).ok_or_else(|| {
        not("no model name (expected \"model_name\" or pretrained=… in config.model_args)")
    })?;
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
    for m in MAPPINGS {
        if let Some((x, how)) = score_of(m, &tables, &mut used)
            && x.is_finite()
        {
            scores.insert(m.bench.to_string(), (x * 100.0, how));
        }
    }
    let unused_tasks = results
        .keys()
        .filter(|k| !used.contains(*k))
        .cloned()
        .collect();
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
        v04,
        timestamp: timestamp(file, v),
    })
}
