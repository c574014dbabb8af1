//! Which runs and checkpoints of an OLMo ladder enter the fits, and the [`Dataset`] they
//! make: one ladder point per run and task (the final checkpoint, or the mean of the last
//! k), and the sigmoid's checkpoints (all, or every j-th, after skipping the first part).

use super::tasks::OLMO_TASKS;
use super::types::{OlmoLadder, OlmoRun};
use crate::data::model::loss_unit::LossUnit;
use crate::data::model::{CheckpointRow, Dataset, LadderRow, Reference};
use serde::{Deserialize, Serialize};

/// The choice of runs and checkpoints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LadderSelection {
    /// Chinchilla multiples whose runs enter the fits [default: 1, 2, 5, 10 — the paper
    /// keeps the 0.5×C runs out].
    pub multiples: Vec<f64>,
    /// Sizes whose runs enter (e.g. "190M"); empty: every size.
    pub sizes: Vec<String>,
    /// Only the runs `configs/final.json` marks for fitting (the paper's 16: 3B left out).
    pub paper_runs: bool,
    /// Ladder points: the mean of the last k checkpoints (1: the final checkpoint).
    pub last_k: usize,
    /// Sigmoid: every j-th checkpoint (1: all).
    pub every_j: usize,
    /// Sigmoid: the fraction of each run's first checkpoints left out (the paper: 0.1).
    pub skip_fraction: f64,
    /// Sigmoid: moving average of this many checkpoints over loss and accuracy (1: none;
    /// the paper: 5).
    pub moving_average: usize,
    /// Include the `-rerun` copies of the 1×C runs (evaluated twice as often).
    pub reruns: bool,
}

impl Default for LadderSelection {
    fn default() -> Self {
        LadderSelection {
            multiples: vec![1.0, 2.0, 5.0, 10.0],
            sizes: Vec::new(),
            paper_runs: false,
            last_k: 1,
            every_j: 1,
            skip_fraction: 0.0,
            moving_average: 1,
            reruns: false,
        }
    }
}

impl LadderSelection {
    /// The paper's choices (OLMo-ladder `step1.py`/`step2.py` as run for its figures:
    /// `--moving_avg 5`, `--skip_perc 0.1`, the runs of `configs/final.json`).
    pub fn paper() -> Self {
        LadderSelection {
            paper_runs: true,
            last_k: 5,
            skip_fraction: 0.1,
            moving_average: 5,
            ..LadderSelection::default()
        }
    }

    /// Whether a run enters the fits.
    pub fn takes(&self, ladder: &OlmoLadder, run: &OlmoRun) -> bool {
        let Some(k) = run.multiple else {
            return false;
        };
        if self.paper_runs && !ladder.paper_train.is_empty() {
            return ladder.paper_train.contains(&run.file);
        }
        (self.reruns || !run.rerun)
            && self.multiples.iter().any(|m| (m - k).abs() < 1e-9)
            && (self.sizes.is_empty()
                || self.sizes.iter().any(|s| s.eq_ignore_ascii_case(&run.size)))
    }

    /// One line for reports.
    pub fn describe(&self, ladder: &OlmoLadder) -> String {
        let n = ladder.runs.iter().filter(|r| self.takes(ladder, r)).count();
        let runs = if self.paper_runs && !ladder.paper_train.is_empty() {
            "the runs configs/final.json marks for fitting".to_string()
        } else {
            let m: Vec<String> = self.multiples.iter().map(|m| format!("{m}")).collect();
            format!("the {}xC runs", m.join("/"))
        };
        format!(
            "{n} runs ({runs}); ladder points: mean of the last {} checkpoint(s); sigmoid: every {} checkpoint(s), first {:.0}% skipped, moving average {}",
            self.last_k,
            self.every_j,
            100.0 * self.skip_fraction,
            self.moving_average
        )
    }
}

/// Trailing moving average as the paper's `moving_average` (the first points average
/// what there is).
pub fn moving_average(xs: &[f64], n: usize) -> Vec<f64> {
    let n = n.max(1);
    (0..xs.len())
        .map(|i| {
            let lo = (i + 1).saturating_sub(n);
            xs[lo..=i].iter().sum::<f64>() / (i + 1 - lo) as f64
        })
        .collect()
}

impl OlmoLadder {
    /// The dataset of the selected runs, every task, losses in bits per byte, scores in
    /// points (accuracy × 100).
    pub fn dataset(&self, sel: &LadderSelection) -> Dataset {
        let mut ladder = Vec::new();
        let mut checkpoints = Vec::new();
        for run in self.runs.iter().filter(|r| sel.takes(self, r)) {
            for task in OLMO_TASKS {
                if let Some((tokens, v)) = run.final_mean(task.id, sel.last_k) {
                    ladder.push(LadderRow {
                        task: task.id.to_string(),
                        n_params: run.n_params,
                        n_tokens: tokens,
                        loss: v.bpb,
                    });
                }
                for (loss, score) in sigmoid_points(run, task.id, sel) {
                    checkpoints.push(CheckpointRow {
                        task: task.id.to_string(),
                        loss,
                        score: 100.0 * score,
                    });
                }
            }
        }
        Dataset {
            models: Vec::new(),
            ladder,
            checkpoints,
            origin: format!("the OLMo ladder ({})", self.dir),
            loss_unit: LossUnit::BitsPerByte,
            checkpoint_unit: LossUnit::BitsPerByte,
            reference: Some(Reference {
                name: format!("the OLMo ladder ({})", self.dir),
                dir: self.dir.clone().into(),
                family: false,
            }),
        }
    }
}

/// A run's (bpb, accuracy 0–1) checkpoints for the sigmoid, as the selection says.
pub fn sigmoid_points(run: &OlmoRun, task: &str, sel: &LadderSelection) -> Vec<(f64, f64)> {
    let all: Vec<(f64, f64)> = run
        .checkpoints
        .iter()
        .filter_map(|c| c.tasks.get(task).map(|v| (v.bpb, v.acc)))
        .collect();
    let skip = (sel.skip_fraction.clamp(0.0, 1.0) * all.len() as f64).ceil() as usize;
    let kept = &all[skip.min(all.len())..];
    let xs: Vec<f64> = kept.iter().map(|p| p.0).collect();
    let ys: Vec<f64> = kept.iter().map(|p| p.1).collect();
    let (xs, ys) = (
        moving_average(&xs, sel.moving_average),
        moving_average(&ys, sel.moving_average),
    );
    let j = sel.every_j.max(1);
    // Every j-th, counted from the last so that the final checkpoint is always in.
    let n = xs.len();
    (0..n)
        .filter(|i| (n - 1 - i) % j == 0)
        .map(|i| (xs[i], ys[i]))
        .collect()
}
