//! Synthetic data from known constants (DESIGN §5): a reference ladder on the paper's
//! Table 1 design and sigmoid checkpoints, with seeded noise. Used to make the sample's
//! synthetic files and by the recovery tests.

use crate::data::{CheckpointRow, LadderRow};
use crate::law::Fits;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use std::fmt::Write;

/// Non-embedding parameters of the paper's six reference models (arXiv 2412.04315, Table 1).
pub const LADDER_SIZES: [f64; 6] = [
    5_247_232.0,
    31_470_080.0,
    106_196_736.0,
    245_416_960.0,
    476_852_480.0,
    828_225_024.0,
];
/// Training tokens as multiples of N (the paper: {10, 15, 20, 30, 40, 60} × N).
pub const TOKEN_MULTIPLES: [f64; 6] = [10.0, 15.0, 20.0, 30.0, 40.0, 60.0];
/// Checkpoints per task.
pub const CHECKPOINTS_PER_TASK: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimOptions {
    pub seed: u64,
    /// σ of the multiplicative log-normal noise on ladder losses.
    pub loss_sigma: f64,
    /// σ of the additive normal noise on checkpoint scores (points).
    pub score_sigma: f64,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            seed: 0,
            loss_sigma: 0.01,
            score_sigma: 1.0,
        }
    }
}

/// The loss range over which a sigmoid's score moves: from where it has risen 5% of the
/// way to where it has risen 95%, the low end kept above l/4 so losses stay positive.
pub fn moving_loss_range(s: &crate::law::Sigmoid) -> (f64, f64) {
    // Fraction f of the height is reached at L = l − ln(1/f − 1)/γ.
    let at = |f: f64| s.l - (1.0 / f - 1.0).ln() / s.gamma;
    let (x, y) = (at(0.05), at(0.95));
    let (lo, hi) = (x.min(y), x.max(y));
    (lo.max(0.25 * s.l.abs()), hi)
}

/// Simulates every task of `fits` (in task-name order, one seeded stream).
pub fn simulate(fits: &Fits, options: &SimOptions) -> (Vec<LadderRow>, Vec<CheckpointRow>) {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut normal = move || -> f64 { StandardNormal.sample(&mut rng) };
    let mut ladder = Vec::new();
    let mut checkpoints = Vec::new();
    for (task, fit) in &fits.tasks {
        for &n in &LADDER_SIZES {
            for &m in &TOKEN_MULTIPLES {
                let d = m * n;
                let loss = fit.loss.loss(n, d) * (options.loss_sigma * normal()).exp();
                ladder.push(LadderRow {
                    task: task.clone(),
                    n_params: n,
                    n_tokens: d,
                    loss,
                });
            }
        }
        let (lo, hi) = moving_loss_range(&fit.sigmoid);
        for i in 0..CHECKPOINTS_PER_TASK {
            let loss = lo + (hi - lo) * i as f64 / (CHECKPOINTS_PER_TASK - 1) as f64;
            let score = fit.sigmoid.score(loss) + options.score_sigma * normal();
            checkpoints.push(CheckpointRow {
                task: task.clone(),
                loss,
                score,
            });
        }
    }
    (ladder, checkpoints)
}

/// `task,n_params,n_tokens,loss` CSV text.
pub fn ladder_csv(rows: &[LadderRow]) -> String {
    let mut s = String::from("task,n_params,n_tokens,loss\n");
    for r in rows {
        let _ = writeln!(s, "{},{},{},{}", r.task, r.n_params, r.n_tokens, r.loss);
    }
    s
}

/// `task,loss,score` CSV text.
pub fn checkpoints_csv(rows: &[CheckpointRow]) -> String {
    let mut s = String::from("task,loss,score\n");
    for r in rows {
        let _ = writeln!(s, "{},{},{}", r.task, r.loss, r.score);
    }
    s
}

/// `n` synthetic evaluated models for load and speed tests: release dates spread over
/// 2022–2025, sizes log-uniform in 1B–100B, each benchmark's score uniform in 10–80.
pub fn synthetic_models(n: usize, seed: u64) -> Vec<crate::data::Model> {
    use rand::Rng;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default();
    (0..n)
        .map(|i| {
            let days = rng.random_range(0..4 * 365);
            let n_params = 10f64.powf(rng.random_range(9.0..11.0));
            let scores = crate::data::BENCHMARKS
                .iter()
                .map(|b| (b.to_string(), rng.random_range(10.0..80.0)))
                .collect();
            crate::data::Model {
                name: format!("synthetic-{i}"),
                family: None,
                release_date: Some(start + chrono::Days::new(days)),
                n_params: Some(n_params),
                scores,
                n_params_active: None,
                ..Default::default()
            }
        })
        .collect()
}
