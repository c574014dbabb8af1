//! The bootstrap's results as intervals and bands (issue 6): percentile intervals of every
//! law parameter, each model's N̂ and ρ, the slope A and the doubling time `ln 2 / A`, and
//! the per-x percentile band of the regression line.

use super::{Analysis, Regression};
use crate::fit::percentile_interval;
use crate::law::TaskFit;
use crate::law::{LossLaw, Sigmoid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What one replicate yields: every model's N̂ and ρ (dataset order) and the regressions.
pub(super) struct Replicate {
    pub n_hat: Vec<Option<f64>>,
    pub density: Vec<Option<f64>>,
    pub regression: Option<Regression>,
    pub before: Option<Regression>,
    pub after: Option<Regression>,
}

/// How the bootstrap ran: the method in words, replicates asked for, seed and level.
pub(super) struct Run {
    pub method: String,
    /// The laws were held as edited by hand (models resampled only).
    pub laws_edited: bool,
    pub n_replicates: usize,
    pub seed: u64,
    pub level: f64,
}

/// A point estimate with its bootstrap percentile interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
}

impl Interval {
    fn of(estimate: f64, values: &[f64], level: f64) -> Option<Interval> {
        let (low, high) = percentile_interval(values, level)?;
        Some(Interval {
            estimate,
            low,
            high,
        })
    }

    pub fn contains(&self, v: f64) -> bool {
        self.low <= v && v <= self.high
    }
}

/// A band: at each x, the percentile interval of y over the replicates.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Band {
    pub x: Vec<f64>,
    pub low: Vec<f64>,
    pub high: Vec<f64>,
}

/// One task's law parameters with intervals, and the refits behind them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskIntervals {
    pub task: String,
    /// (name, interval) for E (Chinchilla form), a, alpha, b, beta, c, gamma, l, d.
    pub params: Vec<(String, Interval)>,
    pub n_failed_loss: usize,
    pub n_failed_sigmoid: usize,
    /// The converged refits (for curve bands).
    #[serde(skip)]
    pub loss_draws: Vec<LossLaw>,
    #[serde(skip)]
    pub sigmoid_draws: Vec<Sigmoid>,
}

impl TaskIntervals {
    pub(super) fn from_draws(
        task: &str,
        best: &TaskFit,
        loss: &[Option<LossLaw>],
        sigmoid: &[Option<Sigmoid>],
        level: f64,
    ) -> TaskIntervals {
        let loss_draws: Vec<LossLaw> = loss.iter().flatten().copied().collect();
        let sigmoid_draws: Vec<Sigmoid> = sigmoid.iter().flatten().copied().collect();
        let mut params = Vec::new();
        for (p, est) in best.params() {
            let vals: Vec<f64> = if p.is_loss() {
                let at = |d: &LossLaw| p.get(&TaskFit { loss: *d, ..*best });
                loss_draws.iter().map(at).collect()
            } else {
                let at = |d: &Sigmoid| {
                    p.get(&TaskFit {
                        sigmoid: *d,
                        ..*best
                    })
                };
                sigmoid_draws.iter().map(at).collect()
            };
            if let Some(i) = Interval::of(est, &vals, level) {
                params.push((p.name().to_string(), i));
            }
        }
        TaskIntervals {
            task: task.to_string(),
            params,
            n_failed_loss: loss.len() - loss_draws.len(),
            n_failed_sigmoid: sigmoid.len() - sigmoid_draws.len(),
            loss_draws,
            sigmoid_draws,
        }
    }

    /// The interval of one parameter by name.
    pub fn param(&self, name: &str) -> Option<&Interval> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, i)| i)
    }
}

/// One model's effective size and density intervals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelInterval {
    pub n_hat: Option<Interval>,
    pub density: Option<Interval>,
    /// Replicates in which the model had no density (its score fell outside a refit's
    /// domain); the interval is over the others.
    pub n_undefined: usize,
}

/// The slope's interval and the doubling time's interval it gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlopeIntervals {
    /// A per day.
    pub slope: Interval,
    /// `ln 2 / A_high`; `None` when the upper end of A is not positive.
    pub doubling_days_low: Option<f64>,
    /// `ln 2 / A_low`; `None` when unbounded.
    pub doubling_days_high: Option<f64>,
    /// True when the interval of A reaches 0 or below.
    pub doubling_high_unbounded: bool,
    /// Replicates with a regression.
    pub n_replicates: usize,
}

impl SlopeIntervals {
    fn of(estimate: Option<&Regression>, draws: &[f64], level: f64) -> Option<SlopeIntervals> {
        let slope = Interval::of(estimate?.slope_per_day, draws, level)?;
        let ln2 = std::f64::consts::LN_2;
        Some(SlopeIntervals {
            slope,
            doubling_days_low: (slope.high > 0.0).then(|| ln2 / slope.high),
            doubling_days_high: (slope.low > 0.0).then(|| ln2 / slope.low),
            doubling_high_unbounded: slope.low <= 0.0,
            n_replicates: draws.len(),
        })
    }
}

/// Slopes before and after a date, and their ratio, with intervals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakpointIntervals {
    pub date: NaiveDate,
    pub before: Option<SlopeIntervals>,
    pub after: Option<SlopeIntervals>,
    /// after / before.
    pub ratio: Option<Interval>,
}

/// Everything the bootstrap says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Uncertainty {
    /// The interval method, in words (the JSON names it).
    pub method: String,
    pub n_replicates: usize,
    pub seed: u64,
    pub level: f64,
    /// Replicates dropped because some law refit did not converge.
    pub n_failed_refits: usize,
    pub laws: Vec<TaskIntervals>,
    /// One per dataset model, in dataset order.
    pub models: Vec<ModelInterval>,
    pub regression: Option<SlopeIntervals>,
    /// The regression line's band in (days since ref, ln ρ) over the dates of the models
    /// with a density.
    pub regression_band: Option<Band>,
    pub breakpoint: Option<BreakpointIntervals>,
    /// The laws were held as edited by hand and only the models resampled (the method
    /// says so in words; this is the flag views read). Not in the JSON, which has `method`.
    #[serde(skip)]
    pub laws_edited: bool,
}

impl Uncertainty {
    pub(super) fn summarise(
        analysis: &Analysis,
        run: Run,
        laws: Vec<TaskIntervals>,
        reps: &[&Replicate],
        breakpoint: Option<NaiveDate>,
    ) -> Uncertainty {
        let level = run.level;
        let models = (0..analysis.models.len())
            .map(|k| {
                let m = &analysis.models[k];
                let n_hat: Vec<f64> = reps.iter().filter_map(|r| r.n_hat[k]).collect();
                let rho: Vec<f64> = reps.iter().filter_map(|r| r.density[k]).collect();
                ModelInterval {
                    n_hat: m.n_hat.and_then(|e| Interval::of(e, &n_hat, level)),
                    density: m.density.and_then(|e| Interval::of(e, &rho, level)),
                    n_undefined: reps.len() - rho.len(),
                }
            })
            .collect();
        let slopes = |f: fn(&Replicate) -> Option<&Regression>| -> Vec<f64> {
            reps.iter()
                .filter_map(|r| f(r).map(|g| g.slope_per_day))
                .collect()
        };
        let est = analysis.regression.as_ref();
        let regression = SlopeIntervals::of(est, &slopes(|r| r.regression.as_ref()), level);
        let regression_band = est.map(|_| {
            // Over every model with a density, as the density view draws the line.
            let days: Vec<f64> = analysis
                .models
                .iter()
                .filter(|m| m.density.is_some())
                .filter_map(|m| m.days_since_ref)
                .collect();
            let (lo, hi) = days
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |a, &d| {
                    (a.0.min(d), a.1.max(d))
                });
            let xs: Vec<f64> = (0..60).map(|i| lo + (hi - lo) * i as f64 / 59.0).collect();
            let lines: Vec<&Regression> =
                reps.iter().filter_map(|r| r.regression.as_ref()).collect();
            curve_band(&lines, &xs, level, |r, x| r.predict(x))
        });
        let breakpoint = breakpoint
            .zip(analysis.breakpoint.as_ref())
            .map(|(date, b)| {
                let ratios: Vec<f64> = reps
                    .iter()
                    .filter_map(|r| {
                        Some(r.after.as_ref()?.slope_per_day / r.before.as_ref()?.slope_per_day)
                    })
                    .collect();
                BreakpointIntervals {
                    date,
                    before: SlopeIntervals::of(
                        b.before.as_ref(),
                        &slopes(|r| r.before.as_ref()),
                        level,
                    ),
                    after: SlopeIntervals::of(
                        b.after.as_ref(),
                        &slopes(|r| r.after.as_ref()),
                        level,
                    ),
                    ratio: b.ratio.and_then(|e| Interval::of(e, &ratios, level)),
                }
            });
        Uncertainty {
            laws_edited: run.laws_edited,
            method: run.method,
            n_replicates: run.n_replicates,
            seed: run.seed,
            level,
            n_failed_refits: run.n_replicates - reps.len(),
            laws,
            models,
            regression,
            regression_band,
            breakpoint,
        }
    }
}

/// Per-x percentile band of `f(draw, x)` over the draws.
pub fn curve_band<T>(draws: &[&T], xs: &[f64], level: f64, f: impl Fn(&T, f64) -> f64) -> Band {
    let (mut low, mut high) = (Vec::new(), Vec::new());
    let mut x_kept = Vec::new();
    for &x in xs {
        let ys: Vec<f64> = draws.iter().map(|d| f(d, x)).collect();
        if let Some((lo, hi)) = percentile_interval(&ys, level) {
            x_kept.push(x);
            low.push(lo);
            high.push(hi);
        }
    }
    Band {
        x: x_kept,
        low,
        high,
    }
}

/// Bands of a task's fitted curves: the loss law along `n_tokens` at one size, and the
/// sigmoid along `losses`.
pub fn loss_band(draws: &[LossLaw], n_params: f64, n_tokens: &[f64], level: f64) -> Band {
    let refs: Vec<&LossLaw> = draws.iter().collect();
    curve_band(&refs, n_tokens, level, |l, d| l.loss(n_params, d))
}

pub fn sigmoid_band(draws: &[Sigmoid], losses: &[f64], level: f64) -> Band {
    let refs: Vec<&Sigmoid> = draws.iter().collect();
    curve_band(&refs, losses, level, |s, l| s.score(l))
}
