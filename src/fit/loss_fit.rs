//! Fitting a loss law to ladder points (N, D, L).
//!
//! Objective (Epoch AI, arXiv 2404.10102, §2): `Σᵢ Huber_δ(LSE(e', a' − α·ln Nᵢ, b' − β·ln Dᵢ) − ln Lᵢ)`
//! with `E = e^e'`, `A = e^a'`, `B = e^b'`; the paper form drops the `e'` term.

use super::kernel::{self, Columns};
use super::multistart::{FitControl, best_of};
use super::objective::{Objective, huber, huber_slope};
use super::{DEFAULT_LOSS_HUBER_DELTA, FitError, Grid};
use crate::data::LossPoint;
use crate::law::{LossForm, LossLaw};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LossFitOptions {
    pub form: LossForm,
    pub huber_delta: f64,
    pub grid: Grid,
    /// Drop this many highest-loss points before fitting (Epoch drops 5 outliers).
    pub exclude_top_loss: usize,
}

impl Default for LossFitOptions {
    fn default() -> Self {
        LossFitOptions {
            form: LossForm::Paper,
            huber_delta: DEFAULT_LOSS_HUBER_DELTA,
            grid: Grid::Epoch,
            exclude_top_loss: 0,
        }
    }
}

/// The result of a loss-law fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LossFit {
    pub law: LossLaw,
    /// Summed Huber loss at the optimum.
    pub objective: f64,
    pub iterations: u64,
    pub n_starts: usize,
    pub n_converged: usize,
    pub n_points: usize,
}

/// The objective over precomputed logs, as padded columns; no allocation in `eval`.
struct LossObjective {
    columns: Columns,
    delta: f64,
    with_e: bool,
}

impl LossObjective {
    fn new(points: &[LossPoint], delta: f64, with_e: bool) -> Self {
        let col = |f: fn(&LossPoint) -> f64| points.iter().map(|p| f(p).ln()).collect();
        LossObjective {
            columns: Columns::new(col(|p| p.n_params), col(|p| p.n_tokens), col(|p| p.loss)),
            delta,
            with_e,
        }
    }
}

impl Objective for LossObjective {
    fn dim(&self) -> usize {
        if self.with_e { 5 } else { 4 }
    }

    /// The direct form `E + A·N^-α + B·D^-β` (the same number as the log-sum-exp of the
    /// log-space terms), the scales exponentiated once per call, by the vectorised
    /// kernel; the log-sum-exp path when the kernel's sums leave the safe range.
    fn eval(&self, x: &[f64], grad: &mut [f64]) -> f64 {
        let (e, rest) = if self.with_e {
            (x[0], &x[1..])
        } else {
            (f64::NEG_INFINITY, x)
        };
        let (a, alpha, b, beta) = (rest[0], rest[1], rest[2], rest[3]);
        let big_e = if self.with_e { e.exp() } else { 0.0 };
        let pass = kernel::eval_best(
            &self.columns,
            big_e,
            a.exp(),
            alpha,
            b.exp(),
            beta,
            self.delta,
        );
        if !(pass.min_sum > 1e-300 && pass.max_sum < 1e300 && pass.cost.is_finite()) {
            return self.eval_lse(x, grad);
        }
        let o = usize::from(!self.with_e);
        grad.copy_from_slice(&pass.grad[o..]);
        pass.cost
    }
}

impl LossObjective {
    /// The objective by log-sum-exp with `std` functions: slower, safe for any finite x.
    fn eval_lse(&self, x: &[f64], grad: &mut [f64]) -> f64 {
        // Coordinates: [e', a', α, b', β] or [a', α, b', β].
        let (e, rest) = if self.with_e {
            (x[0], &x[1..])
        } else {
            (f64::NEG_INFINITY, x)
        };
        let (a, alpha, b, beta) = (rest[0], rest[1], rest[2], rest[3]);
        let mut g = [0.0f64; 5];
        let mut cost = 0.0;
        let c = &self.columns;
        for i in (0..c.ln_n.len()).filter(|&i| c.weight[i] > 0.0) {
            let (ln_n, ln_d, ln_l) = (c.ln_n[i], c.ln_d[i], c.ln_l[i]);
            let u1 = a - alpha * ln_n;
            let u2 = b - beta * ln_d;
            let m = u1.max(u2).max(e);
            let w0 = if self.with_e { (e - m).exp() } else { 0.0 };
            let w1 = (u1 - m).exp();
            let w2 = (u2 - m).exp();
            let s = w0 + w1 + w2;
            let r = m + s.ln() - ln_l;
            cost += huber(r, self.delta);
            let h = huber_slope(r, self.delta) / s;
            g[0] += h * w0;
            g[1] += h * w1;
            g[2] -= h * w1 * ln_n;
            g[3] += h * w2;
            g[4] -= h * w2 * ln_d;
        }
        if self.with_e {
            grad.copy_from_slice(&g);
        } else {
            grad.copy_from_slice(&g[1..]);
        }
        cost
    }
}

/// Checks the points: finite and positive N, D and L.
fn check_points(points: &[LossPoint]) -> Result<(), FitError> {
    for (index, p) in points.iter().enumerate() {
        for (column, value) in [
            ("n_params", p.n_params),
            ("n_tokens", p.n_tokens),
            ("loss", p.loss),
        ] {
            if !value.is_finite() {
                return Err(FitError::NonFinite {
                    index,
                    column,
                    value,
                });
            }
            if value <= 0.0 {
                return Err(FitError::NonPositive {
                    index,
                    column,
                    value,
                });
            }
        }
    }
    Ok(())
}

/// The starting points of `grid` in the objective's coordinates.
fn starts(grid: Grid, with_e: bool) -> Vec<Vec<f64>> {
    let (exps, es, scales) = grid.axes();
    let es = if with_e { es } else { vec![f64::NAN] };
    let mut out = Vec::new();
    for &e in &es {
        for &a in &scales {
            for &b in &scales {
                for &alpha in &exps {
                    for &beta in &exps {
                        let mut x = vec![a, alpha, b, beta];
                        if with_e {
                            x.insert(0, e);
                        }
                        out.push(x);
                    }
                }
            }
        }
    }
    out
}

/// Fits a loss law to `points` from the grid in `options`.
pub fn fit_loss_law(
    points: &[LossPoint],
    options: &LossFitOptions,
    control: Option<&FitControl>,
) -> Result<LossFit, FitError> {
    fit_loss_law_from(points, options, None, control)
}

/// As [`fit_loss_law`]; with `warm`, runs one start from that law instead of the grid
/// (the bootstrap's warm start).
pub fn fit_loss_law_from(
    points: &[LossPoint],
    options: &LossFitOptions,
    warm: Option<&LossLaw>,
    control: Option<&FitControl>,
) -> Result<LossFit, FitError> {
    if !(options.huber_delta.is_finite() && options.huber_delta > 0.0) {
        return Err(FitError::BadOption {
            option: "huber-delta",
            reason: format!("must be a positive number, got {}", options.huber_delta),
        });
    }
    check_points(points)?;
    let mut kept: Vec<LossPoint> = points.to_vec();
    if options.exclude_top_loss > 0 {
        kept.sort_by(|p, q| q.loss.total_cmp(&p.loss));
        kept.drain(..options.exclude_top_loss.min(kept.len()));
    }
    let with_e = options.form == LossForm::Chinchilla;
    let needed = if with_e { 6 } else { 5 };
    if kept.len() < needed {
        return Err(FitError::TooFewPoints {
            what: "the loss law",
            needed,
            got: kept.len(),
        });
    }
    let objective = LossObjective::new(&kept, options.huber_delta, with_e);
    let starts = match warm {
        Some(law) => vec![to_coords(law, with_e)],
        None => starts(options.grid, with_e),
    };
    let summary = best_of(&objective, &starts, control)
        .map_err(|()| FitError::Cancelled)?
        .ok_or(FitError::NoConvergence {
            what: "loss law",
            starts: starts.len(),
        })?;
    let x = &summary.x;
    let law = if with_e {
        LossLaw::chinchilla(x[0].exp(), x[1].exp(), x[2], x[3].exp(), x[4])
    } else {
        LossLaw::paper(x[0].exp(), x[1], x[2].exp(), x[3])
    };
    Ok(LossFit {
        law,
        objective: summary.objective,
        iterations: summary.iterations,
        n_starts: summary.n_starts,
        n_converged: summary.n_converged,
        n_points: kept.len(),
    })
}

fn to_coords(law: &LossLaw, with_e: bool) -> Vec<f64> {
    let mut x = vec![law.a.ln(), law.alpha, law.b.ln(), law.beta];
    if with_e {
        x.insert(0, law.e.max(1e-12).ln());
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The analytic gradient agrees with central differences.
    #[test]
    fn gradient_matches_finite_differences() {
        for with_e in [false, true] {
            let pts: Vec<LossPoint> = [
                (15.0f64, 20.0f64, 0.9),
                (18.0, 22.0, 0.5),
                (20.0, 25.0, 0.3),
            ]
            .iter()
            .map(|&(n, d, loss)| LossPoint {
                n_params: n.exp(),
                n_tokens: d.exp(),
                loss,
            })
            .collect();
            let obj = LossObjective::new(&pts, 0.05, with_e);
            let x: Vec<f64> = if with_e {
                vec![-1.0, 3.0, 0.25, 2.5, 0.2]
            } else {
                vec![3.0, 0.25, 2.5, 0.2]
            };
            let mut g = vec![0.0; x.len()];
            obj.eval(&x, &mut g);
            for i in 0..x.len() {
                let h = 1e-6;
                let (mut xp, mut xm) = (x.clone(), x.clone());
                xp[i] += h;
                xm[i] -= h;
                let mut scratch = vec![0.0; x.len()];
                let fd = (obj.eval(&xp, &mut scratch) - obj.eval(&xm, &mut scratch)) / (2.0 * h);
                assert!(
                    (fd - g[i]).abs() < 1e-6 * (1.0 + fd.abs()),
                    "coord {i}: {fd} vs {}",
                    g[i]
                );
            }
        }
    }

    /// The vectorised path and the log-sum-exp path compute the same objective.
    #[test]
    fn fast_and_safe_paths_agree() {
        let pts: Vec<LossPoint> = (0..150)
            .map(|i| LossPoint {
                n_params: 1e7 * 1.05f64.powi(i),
                n_tokens: 2e8 * 1.06f64.powi(i),
                loss: 2.0 + 0.01 * (i % 7) as f64,
            })
            .collect();
        for with_e in [false, true] {
            let obj = LossObjective::new(&pts, 1e-3, with_e);
            let x: Vec<f64> = if with_e {
                vec![0.6, 6.2, 0.34, 7.6, 0.37]
            } else {
                vec![6.2, 0.34, 7.6, 0.37]
            };
            let (mut g1, mut g2) = (vec![0.0; x.len()], vec![0.0; x.len()]);
            let (c1, c2) = (obj.eval(&x, &mut g1), obj.eval_lse(&x, &mut g2));
            assert!((c1 / c2 - 1.0).abs() < 1e-12, "{c1} vs {c2}");
            for (a, b) in g1.iter().zip(&g2) {
                assert!((a - b).abs() < 1e-12 * (1.0 + b.abs()), "{a} vs {b}");
            }
            // Far out (A = e^700) the kernel would overflow: eval falls back, stays finite.
            let mut far = x.clone();
            far[usize::from(with_e)] = 700.0;
            assert!(obj.eval(&far, &mut g1).is_finite());
        }
    }
}
