//! What an lm-evaluation-harness results file says about its model beyond the scores: a
//! model name from the file's path when the file has none (pre-0.4 BigScience/Megatron
//! outputs hold only `results` and `versions`), the last meaningful component of a local
//! checkpoint path used as the name, and runs limited to fewer samples than a task has
//! (`--limit`, or `n-samples` with `effective` < `original`).

use crate::data::model::SampleCount;
use crate::data::model::task_names::normalise_task;
use crate::data::model::tasks::task_def;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// File stems and folder names that say nothing about the model.
const GENERIC: &[&str] = &[
    "results",
    "result",
    "eval",
    "evals",
    "evaluation",
    "metrics",
    "scores",
    "output",
    "outputs",
    "out",
    "lm_eval",
    "lm-eval",
    "harness",
    "zero-shot",
    "five-shot",
    "few-shot",
];
/// Path components after the model's own folder in checkpoint layouts.
const AFTER_MODEL: &[&str] = &[
    "hf",
    "huggingface",
    "final",
    "latest",
    "model",
    "models",
    "pretrained",
    "snapshots",
    "main",
    "merged",
    "export",
    "exported",
    "actor",
    "weights",
    "lm",
    "ckpt",
    "checkpoints",
];

/// True for a name that is a local path rather than a hub id (`org/model`).
fn is_local_path(name: &str) -> bool {
    let b = name.as_bytes();
    name.starts_with(['/', '~', '.', '\\'])
        || name.contains('\\')
        || (b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
        || name.split('/').filter(|s| !s.is_empty()).count() > 2
}

/// A 40-hex-digit snapshot hash or similar id, not a name.
fn is_hash(s: &str) -> bool {
    s.len() >= 16 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The model name to show for a name the file gives: a local checkpoint path keeps its
/// last meaningful component (`D:\models\Qwen3-4B-sft` → `Qwen3-4B-sft`; a Hugging Face
/// cache's `models--Qwen--Qwen3-4B/snapshots/<hash>` → `Qwen/Qwen3-4B`), so the same
/// checkpoint seen from two machines is one model. A hub id stays as it is.
pub fn display_name(raw: &str) -> String {
    let raw = raw.trim();
    if !is_local_path(raw) {
        return raw.to_string();
    }
    let parts: Vec<&str> = raw.split(['/', '\\']).filter(|s| !s.is_empty()).collect();
    let mut meaningful = parts.iter().rev().filter(|p| {
        let l = p.to_ascii_lowercase();
        !AFTER_MODEL.contains(&l.as_str()) && !is_hash(p) && !l.ends_with(':') && l != "."
    });
    let last = meaningful.next();
    // A bare size (`…/LLaMA/huggingface/7B`) is named with the folder above it: `LLaMA-7B`.
    let bare_size = last
        .is_some_and(|p| crate::data::model::units::parse_size_text(p).is_ok_and(|v| v.is_some()));
    if bare_size && let (Some(size), Some(above)) = (last, meaningful.next()) {
        return format!("{above}-{size}");
    }
    match last {
        Some(p) => match p.strip_prefix("models--") {
            Some(rest) => rest.replacen("--", "/", 1),
            None => p.to_string(),
        },
        None => raw.to_string(),
    }
}

/// The model a results file without a model name is about, from its path as the harness
/// lays it out: `<output>/<org>__<model>/results_<time>.json` → `org/model` (its folder),
/// `<model>.json` or `<model>_results.json` → its name.
pub fn name_from_path(file: &str) -> Option<String> {
    let path = Path::new(file);
    let stem = path.file_stem()?.to_str()?;
    let cleaned = stem
        .trim_start_matches("results_")
        .trim_end_matches("_results")
        .trim_end_matches("-results");
    let generic = |s: &str| {
        let l = s.to_ascii_lowercase();
        GENERIC.contains(&l.as_str()) || l.starts_with("results") || l.is_empty()
    };
    let timestamp = cleaned.starts_with(|c: char| c.is_ascii_digit()) && cleaned.contains('-');
    let name = if !generic(cleaned) && !timestamp {
        cleaned.to_string()
    } else {
        path.ancestors()
            .skip(1)
            .filter_map(|a| a.file_name()?.to_str())
            .find(|d| !generic(d))?
            .to_string()
    };
    Some(name.replacen("__", "/", 1))
}

/// Samples scored per task where a run was limited: `n-samples` entries with fewer
/// effective than original samples, by task id (a known task sums its subtasks).
pub fn limited_samples(v: &Value) -> BTreeMap<String, SampleCount> {
    let mut out: BTreeMap<String, SampleCount> = BTreeMap::new();
    let Some(n) = v.get("n-samples").and_then(Value::as_object) else {
        return out;
    };
    for (task, counts) in n {
        let get = |k: &str| counts.get(k).and_then(Value::as_u64);
        let (Some(effective), Some(original)) = (get("effective"), get("original")) else {
            continue;
        };
        let id = task_of_sample_key(task);
        let slot = out.entry(id).or_insert(SampleCount {
            effective: 0,
            original: 0,
        });
        slot.effective += effective;
        slot.original += original;
    }
    out.retain(|_, c| c.effective < c.original);
    out
}

/// The task id an `n-samples` key counts for: the known task of which it is the task or a
/// subtask, else its own id.
fn task_of_sample_key(key: &str) -> String {
    let id = normalise_task(key);
    if task_def(&id).is_some() {
        return id;
    }
    crate::data::model::tasks::TASKS
        .iter()
        .find(|t| {
            t.subtasks.iter().any(|p| key.starts_with(p))
                || t.lm_eval
                    .iter()
                    .any(|n| key.starts_with(n) && key.as_bytes().get(n.len()) == Some(&b'_'))
        })
        .map_or(id, |t| t.id.to_string())
}

/// The `--limit` a run was given, when it was.
pub fn limit_of(v: &Value) -> Option<f64> {
    v.pointer("/config/limit")
        .and_then(Value::as_f64)
        .filter(|l| *l > 0.0)
}

/// "score from 10 of 1,267 samples".
pub fn describe_samples(c: &SampleCount) -> String {
    format!(
        "score from {} of {} samples",
        grouped(c.effective),
        grouped(c.original)
    )
}

fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_paths_keep_their_last_meaningful_component() {
        assert_eq!(display_name(r"D:\models\Qwen3-4B-sft"), "Qwen3-4B-sft");
        assert_eq!(
            display_name("/vfroot/x/ckpt/llama3.1-pro16-lr2e-5/hf"),
            "llama3.1-pro16-lr2e-5"
        );
        assert_eq!(
            display_name(
                "/root/.cache/huggingface/hub/models--Qwen--Qwen3-4B/snapshots/0123456789abcdef0123"
            ),
            "Qwen/Qwen3-4B"
        );
        assert_eq!(
            display_name("meta-llama/Llama-3.1-8B"),
            "meta-llama/Llama-3.1-8B"
        );
        assert_eq!(display_name("gpt2"), "gpt2");
        assert_eq!(
            display_name("/gaueko1/h/LLaMA/lm/huggingface/7B"),
            "LLaMA-7B"
        );
    }

    #[test]
    fn names_come_from_the_harness_layout() {
        assert_eq!(
            name_from_path("out/meta-llama__Llama-2-7b-hf/results_2024-05-01T10-00-00.json")
                .as_deref(),
            Some("meta-llama/Llama-2-7b-hf")
        );
        assert_eq!(
            name_from_path("runs/bloom-1b1.json").as_deref(),
            Some("bloom-1b1")
        );
        assert_eq!(
            name_from_path("runs/opt-1.3b/results.json").as_deref(),
            Some("opt-1.3b")
        );
        assert_eq!(
            describe_samples(&SampleCount {
                effective: 10,
                original: 1267
            }),
            "score from 10 of 1,267 samples"
        );
    }
}
