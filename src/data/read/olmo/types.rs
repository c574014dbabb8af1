//! The OLMo ladder's runs and checkpoints as loaded (the readers are [`super::ladder`] and
//! [`super::run`]).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Non-embedding parameter counts of the ladder's architectures (OLMo's count; the real
/// ladder README reproduces each from its architecture: total = N + 100,352·d_model).
/// The OLMo-2 1B target shares the ladder 1B's architecture.
pub const OLMO_N: &[(&str, f64)] = &[
    ("190M", 190_354_176.0),
    ("370M", 371_262_464.0),
    ("760M", 758_220_288.0),
    ("1B", 1_279_395_840.0),
    ("3B", 3_169_537_280.0),
    ("7B", 6_887_575_552.0),
    ("13B", 13_202_396_160.0),
];

/// A task's loss (bits per byte) and accuracy (0–1) at one checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TaskValue {
    pub bpb: f64,
    pub acc: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OlmoCheckpoint {
    pub step: f64,
    pub tokens: f64,
    pub tasks: BTreeMap<String, TaskValue>,
}

/// One training run (a ladder point) or one held-out target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OlmoRun {
    /// File stem, e.g. `190M-1xC` or `peteish13_eval_final`.
    pub file: String,
    /// Size label: `190M` … `3B` for ladder runs, `1B`, `7B`, `13B` for targets.
    pub size: String,
    /// Chinchilla multiple k (tokens = k·20·N); `None` for a target.
    pub multiple: Option<f64>,
    pub rerun: bool,
    pub n_params: f64,
    pub checkpoints: Vec<OlmoCheckpoint>,
}

impl OlmoRun {
    pub fn is_target(&self) -> bool {
        self.multiple.is_none()
    }

    /// Final tokens and the mean bpb and accuracy of `task` over the last `k` checkpoints
    /// that have it (`k` ≥ 1); `None` when no checkpoint has the task.
    pub fn final_mean(&self, task: &str, k: usize) -> Option<(f64, TaskValue)> {
        let with: Vec<(f64, TaskValue)> = self
            .checkpoints
            .iter()
            .filter_map(|c| c.tasks.get(task).map(|v| (c.tokens, *v)))
            .collect();
        let last = with.last()?.0;
        let tail = &with[with.len().saturating_sub(k.max(1))..];
        let m = tail.len() as f64;
        let bpb = tail.iter().map(|(_, v)| v.bpb).sum::<f64>() / m;
        let acc = tail.iter().map(|(_, v)| v.acc).sum::<f64>() / m;
        Some((last, TaskValue { bpb, acc }))
    }
}

/// A loaded ladder folder.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OlmoLadder {
    pub dir: String,
    pub runs: Vec<OlmoRun>,
    /// File stems `configs/final.json` marks for fitting (mode "train"); empty without it.
    pub paper_train: Vec<String>,
}

impl OlmoLadder {
    pub fn target(&self, size: &str) -> Option<&OlmoRun> {
        let s = size.trim().to_ascii_uppercase();
        self.runs.iter().find(|r| r.is_target() && r.size == s)
    }
}
