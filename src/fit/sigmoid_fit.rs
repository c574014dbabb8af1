//! Fitting the loss→score sigmoid `S(L) = c/(1 + exp(−γ(L − l))) + d` to checkpoint
//! points (L, S): summed Huber loss of score residuals, `c = e^c'` in log space,
//! L-BFGS from a grid built from the data's own loss and score ranges.

use super::multistart::{FitControl, best_of};
use super::objective::Objective;
use super::sigmoid_bounds::{BoundsReport, Transform};
use super::sigmoid_kernel::{self, ScoreColumns};
use super::{DEFAULT_SIGMOID_HUBER_DELTA, FitError};
use crate::data::ScorePoint;
use crate::law::Sigmoid;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SigmoidFitOptions {
    /// Huber δ in score points.
    pub huber_delta: f64,
    /// Upper bound of the ceiling `c + d` (the score's maximum, 100), if any.
    pub ceiling: Option<f64>,
    /// Lower bound of the floor `d` (the task's chance level), if any.
    pub floor: Option<f64>,
    /// When fitting a dataset's tasks, bound each floor by the task's chance level
    /// ([`crate::data::chance_points`]) where it defines one.
    pub chance_floor: bool,
}

impl Default for SigmoidFitOptions {
    fn default() -> Self {
        SigmoidFitOptions {
            huber_delta: DEFAULT_SIGMOID_HUBER_DELTA,
            ceiling: None,
            floor: None,
            chance_floor: false,
        }
    }
}

impl SigmoidFitOptions {
    /// These options bounded by the score's maximum (100 points) and, per task (see
    /// [`Self::for_task`]), by its chance level where the task defines one.
    pub fn with_chance_bounds(self) -> Self {
        SigmoidFitOptions {
            ceiling: Some(100.0),
            chance_floor: true,
            ..self
        }
    }

    /// Bounded by 100 and, per task, by its chance level (for a real reference's fits).
    pub fn bounded_by_chance() -> Self {
        SigmoidFitOptions::default().with_chance_bounds()
    }

    /// The options for one task: with `chance_floor`, the floor is that task's chance
    /// level. Every fit of a task (the point fit and its bootstrap refits) goes through
    /// this, so the refits are bounded as the fit they resample.
    pub fn for_task(&self, task: &str) -> Self {
        if self.chance_floor {
            SigmoidFitOptions {
                floor: crate::data::chance_points(task),
                ..*self
            }
        } else {
            *self
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SigmoidFit {
    pub sigmoid: Sigmoid,
    pub objective: f64,
    pub iterations: u64,
    pub n_starts: usize,
    pub n_converged: usize,
    pub n_points: usize,
    /// The bounds and whether the optimum sits on them.
    #[serde(default)]
    pub bounds: BoundsReport,
}

struct SigmoidObjective {
    columns: ScoreColumns,
    delta: f64,
    transform: Transform,
}

impl SigmoidObjective {
    fn new(points: &[ScorePoint], delta: f64, transform: Transform) -> Self {
        SigmoidObjective {
            columns: ScoreColumns::new(
                points.iter().map(|p| p.loss).collect(),
                points.iter().map(|p| p.score).collect(),
            ),
            delta,
            transform,
        }
    }
}

impl Objective for SigmoidObjective {
    fn dim(&self) -> usize {
        4
    }

    /// One vectorised pass ([`sigmoid_kernel`]) in the natural coordinates `(c, γ, l, d)`,
    /// mapped through the bounds' Jacobian.
    fn eval(&self, x: &[f64], grad: &mut [f64]) -> f64 {
        let (c, d, jac) = self.transform.forward(x[0], x[3]);
        let (cost, g) = sigmoid_kernel::eval_best(&self.columns, c, x[1], x[2], d, self.delta);
        let (dc, dd) = (g[0], g[3]);
        grad.copy_from_slice(&[dc * jac[0], g[1], g[2], dc * jac[1] + dd * jac[2]]);
        cost
    }
}

/// The data-driven start grid: c ∈ {1, 1.5, 2.5}×score span; γ ∈ {−2, −5, −10, −20}/loss
/// span; l at the 10/30/50/70/90% loss quantiles; d ∈ {min score, min − span/4}.
fn starts(points: &[ScorePoint], t: &Transform) -> Vec<Vec<f64>> {
    let mut losses: Vec<f64> = points.iter().map(|p| p.loss).collect();
    losses.sort_by(f64::total_cmp);
    let (s_min, s_max) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.score), hi.max(p.score))
        });
    let s_span = (s_max - s_min).max(1e-6);
    let l_span = (losses[losses.len() - 1] - losses[0]).max(1e-6);
    let mut out = Vec::new();
    for c in [1.0, 1.5, 2.5] {
        for g in [-2.0, -5.0, -10.0, -20.0] {
            for q in [0.1, 0.3, 0.5, 0.7, 0.9] {
                for d in [s_min, s_min - 0.25 * s_span] {
                    let (x0, x3) = t.inverse(c * s_span, d, s_span);
                    out.push(vec![
                        x0,
                        g / l_span,
                        super::quantile::quantile_of_sorted(&losses, q),
                        x3,
                    ]);
                }
            }
        }
    }
    out
}

/// Fits the sigmoid to checkpoint points.
pub fn fit_sigmoid(
    points: &[ScorePoint],
    options: &SigmoidFitOptions,
    control: Option<&FitControl>,
) -> Result<SigmoidFit, FitError> {
    fit_sigmoid_from(points, options, None, control)
}

/// As [`fit_sigmoid`]; with `warm`, one start from that sigmoid instead of the grid.
pub fn fit_sigmoid_from(
    points: &[ScorePoint],
    options: &SigmoidFitOptions,
    warm: Option<&Sigmoid>,
    control: Option<&FitControl>,
) -> Result<SigmoidFit, FitError> {
    if !(options.huber_delta.is_finite() && options.huber_delta > 0.0) {
        return Err(FitError::BadOption {
            option: "huber-delta",
            reason: format!("must be a positive number, got {}", options.huber_delta),
        });
    }
    for (index, p) in points.iter().enumerate() {
        for (column, value) in [("loss", p.loss), ("score", p.score)] {
            if !value.is_finite() {
                return Err(FitError::NonFinite {
                    index,
                    column,
                    value,
                });
            }
        }
        if p.loss <= 0.0 {
            return Err(FitError::NonPositive {
                index,
                column: "loss",
                value: p.loss,
            });
        }
    }
    if points.len() < 5 {
        return Err(FitError::TooFewPoints {
            what: "the sigmoid",
            needed: 5,
            got: points.len(),
        });
    }
    if let (Some(m), Some(f)) = (options.ceiling, options.floor)
        && m <= f
    {
        return Err(FitError::BadOption {
            option: "sigmoid bounds",
            reason: format!("the ceiling bound {m} must be above the floor bound {f}"),
        });
    }
    let transform = Transform {
        ceiling: options.ceiling,
        floor: options.floor,
    };
    let objective = SigmoidObjective::new(points, options.huber_delta, transform);
    let span = {
        let (lo, hi) = points
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p.score), hi.max(p.score))
            });
        (hi - lo).max(1e-6)
    };
    let starts = match warm {
        Some(s) => {
            let (x0, x3) = transform.inverse(s.c, s.d, span);
            vec![vec![x0, s.gamma, s.l, x3]]
        }
        None => starts(points, &transform),
    };
    let summary = best_of(&objective, &starts, control)
        .map_err(|()| FitError::Cancelled)?
        .ok_or(FitError::NoConvergence {
            what: "sigmoid",
            starts: starts.len(),
        })?;
    let x = &summary.x;
    let (c, d, _) = transform.forward(x[0], x[3]);
    Ok(SigmoidFit {
        sigmoid: Sigmoid::new(c, x[1], x[2], d),
        bounds: transform.report(c, d),
        objective: summary.objective,
        iterations: summary.iterations,
        n_starts: summary.n_starts,
        n_converged: summary.n_converged,
        n_points: points.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tasks_options_take_its_chance_floor_only_when_asked() {
        // Chance levels of the task table (`data::chance_points`): 4-way MMLU 25 points,
        // 2-way PIQA 50; a task without one keeps no floor.
        let bounded = SigmoidFitOptions::bounded_by_chance();
        assert_eq!(bounded.for_task("mmlu").floor, Some(25.0));
        assert_eq!(bounded.for_task("piqa").floor, Some(50.0));
        assert_eq!(bounded.for_task("gsm8k").floor, None);
        assert_eq!(bounded.for_task("mmlu").ceiling, Some(100.0));
        let plain = SigmoidFitOptions::default();
        assert_eq!(plain.for_task("mmlu"), plain);
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let pts = [(0.1, 70.0), (0.2, 45.0), (0.35, 12.0)]
            .map(|(loss, score)| ScorePoint { loss, score });
        let obj = SigmoidObjective::new(
            &pts,
            2.0,
            Transform {
                ceiling: None,
                floor: None,
            },
        );
        let x = vec![90f64.ln(), -12.0, 0.19, 4.0];
        let mut g = vec![0.0; 4];
        obj.eval(&x, &mut g);
        for i in 0..4 {
            let h = 1e-6;
            let (mut xp, mut xm) = (x.clone(), x.clone());
            xp[i] += h;
            xm[i] -= h;
            let mut scratch = vec![0.0; 4];
            let fd = (obj.eval(&xp, &mut scratch) - obj.eval(&xm, &mut scratch)) / (2.0 * h);
            assert!(
                (fd - g[i]).abs() < 1e-5 * (1.0 + fd.abs()),
                "coord {i}: {fd} vs {}",
                g[i]
            );
        }
    }

    /// The vectorised pass gives the former scalar objective (the system `exp`, the stable
    /// two-branch logistic) to 1e-12 relative, near the data and far out on both sides of
    /// the logistic, and on a count of points that needs padding.
    #[test]
    fn vectorised_pass_matches_the_scalar_formula() {
        use crate::fit::{huber, huber_slope};
        let pts: Vec<ScorePoint> = (0..37)
            .map(|i| ScorePoint {
                loss: 0.4 + 0.03 * i as f64,
                score: 20.0 + 50.0 / (1.0 + (8.0 * (0.03 * i as f64 - 0.5)).exp()) + (i % 3) as f64,
            })
            .collect();
        let t = Transform {
            ceiling: None,
            floor: None,
        };
        let obj = SigmoidObjective::new(&pts, 1.0, t);
        for x in [
            [50f64.ln(), -8.0, 0.9, 20.0],
            [5f64.ln(), -2000.0, 0.1, -3.0],
            [300f64.ln(), 900.0, 1.5, 40.0],
        ] {
            let (c, d, jac) = t.forward(x[0], x[3]);
            let (gamma, l) = (x[1], x[2]);
            let (mut cost, mut g) = (0.0, [0.0f64; 4]);
            for p in &pts {
                let dl = p.loss - l;
                let z = -gamma * dl;
                let s = if z > 0.0 {
                    (-z).exp() / (1.0 + (-z).exp())
                } else {
                    1.0 / (1.0 + z.exp())
                };
                let r = c * s + d - p.score;
                cost += huber(r, 1.0);
                let h = huber_slope(r, 1.0);
                g[0] += h * s;
                g[1] += h * c * s * (1.0 - s) * dl;
                g[2] -= h * c * s * (1.0 - s) * gamma;
                g[3] += h;
            }
            let want = [g[0] * jac[0], g[1], g[2], g[0] * jac[1] + g[3] * jac[2]];
            let mut got = [0.0; 4];
            let got_cost = obj.eval(&x, &mut got);
            assert!(
                (got_cost / cost - 1.0).abs() < 1e-12,
                "{got_cost} vs {cost}"
            );
            for (a, b) in got.iter().zip(&want) {
                let scale = want.iter().fold(1.0f64, |m, v| m.max(v.abs()));
                assert!((a - b).abs() < 1e-12 * scale, "{a} vs {b} at {x:?}");
            }
        }
    }
}
