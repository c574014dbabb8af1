//! A family's curve with its floor fixed at the task's chance level (issue 20: "`d` the
//! task's chance level where the task table knows it, else fitted"): least squares of
//! `S(N) = d + c/(1 + exp(−k(ln N − m)))` in `c, k, m` with `0 < c ≤ 100 − d`.
//!
//! For fixed `(k, m)` the residuals are linear in `c`, so its optimum is the clamped
//! linear least-squares value `c* = clamp(Σσᵢ(yᵢ − d) / Σσᵢ², 0, 100 − d)`; the profiled
//! objective in `(ln k, m)` is minimised by L-BFGS from a grid of starts. Its gradient is
//! the partial one at `c*` (envelope theorem: `∂f/∂c = 0` inside the bounds, and `c*` is
//! constant where a bound holds).

use super::multistart::best_of;
use super::{FitControl, FitError, Objective};
use crate::law::FamilyCurve;

/// The top of the score scale (percent).
const SCORE_TOP: f64 = 100.0;
/// Smallest height kept: a non-rising family gets a flat, refusable curve, not a NaN.
const MIN_HEIGHT: f64 = 1e-9;

/// Profiled least squares of the members' points with `d` fixed.
struct FixedFloor<'a> {
    ln_n: &'a [f64],
    score: &'a [f64],
    d: f64,
}

impl FixedFloor<'_> {
    /// The members' sigmoid values `σ(k(ln N − m))` for `(k, m)`, written to `out`.
    fn sigmoids(&self, k: f64, m: f64, out: &mut [f64]) {
        for (o, &x) in out.iter_mut().zip(self.ln_n) {
            let z = k * (x - m);
            *o = if z >= 0.0 {
                1.0 / (1.0 + (-z).exp())
            } else {
                let e = z.exp();
                e / (1.0 + e)
            };
        }
    }

    /// The best height for these sigmoid values.
    fn height(&self, sig: &[f64]) -> f64 {
        let (num, den) = sig
            .iter()
            .zip(self.score)
            .fold((0.0, 0.0), |(n, d), (&s, &y)| {
                (n + s * (y - self.d), d + s * s)
            });
        if den > 0.0 {
            (num / den).clamp(MIN_HEIGHT, SCORE_TOP - self.d)
        } else {
            MIN_HEIGHT
        }
    }

    /// The curve at parameters `[ln k, m]`.
    fn curve(&self, x: &[f64]) -> FamilyCurve {
        let (k, m) = (x[0].exp(), x[1]);
        let mut sig = vec![0.0; self.ln_n.len()];
        self.sigmoids(k, m, &mut sig);
        FamilyCurve {
            c: self.height(&sig),
            k,
            m,
            d: self.d,
        }
    }
}

/// At most this many members (a family has a handful; the buffer stays on the stack).
const MAX_MEMBERS: usize = 256;

impl Objective for FixedFloor<'_> {
    fn dim(&self) -> usize {
        2
    }

    fn eval(&self, x: &[f64], grad: &mut [f64]) -> f64 {
        let (k, m) = (x[0].exp(), x[1]);
        let mut buf = [0.0; MAX_MEMBERS];
        let sig = &mut buf[..self.ln_n.len()];
        self.sigmoids(k, m, sig);
        let c = self.height(sig);
        let (mut cost, mut g_lnk, mut g_m) = (0.0, 0.0, 0.0);
        for ((&s, &y), &ln_n) in sig.iter().zip(self.score).zip(self.ln_n) {
            let r = self.d + c * s - y;
            let slope = c * s * (1.0 - s);
            cost += 0.5 * r * r;
            // dS/d(ln k) = c σ(1−σ) k (ln N − m); dS/dm = −c σ(1−σ) k.
            g_lnk += r * slope * k * (ln_n - m);
            g_m -= r * slope * k;
        }
        grad[0] = g_lnk;
        grad[1] = g_m;
        cost
    }
}

/// Fits `c, k, m` of the members' `(N, score)` points with the floor fixed at `d`; `None`
/// when no start converged.
pub(super) fn fit_fixed_floor(
    points: &[(f64, f64)],
    d: f64,
    control: Option<&FitControl>,
) -> Result<Option<FamilyCurve>, FitError> {
    if !(d.is_finite() && d < SCORE_TOP) {
        return Err(FitError::BadOption {
            option: "family floor",
            reason: format!("the floor d must be a score below {SCORE_TOP}, got {d}"),
        });
    }
    if points.len() > MAX_MEMBERS {
        return Err(FitError::BadOption {
            option: "family members",
            reason: format!(
                "a family's curve takes at most {MAX_MEMBERS} members, got {}",
                points.len()
            ),
        });
    }
    let ln_n: Vec<f64> = points.iter().map(|p| p.0.ln()).collect();
    let score: Vec<f64> = points.iter().map(|p| p.1).collect();
    let (lo, hi) = ln_n
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    let objective = FixedFloor {
        ln_n: &ln_n,
        score: &score,
        d,
    };
    // Slopes from a tenth to ten per nat; midpoints from below the smallest member to
    // well above the largest (a family still far from its ceiling has m beyond it).
    let mut starts = Vec::new();
    for k in [0.1f64, 0.3, 0.6, 1.0, 2.0, 4.0, 10.0] {
        for j in 0..8 {
            let m = (lo - 1.0) + (hi - lo + 5.0) * j as f64 / 7.0;
            starts.push(vec![k.ln(), m]);
        }
    }
    let best = best_of(&objective, &starts, control).map_err(|()| FitError::Cancelled)?;
    Ok(best.map(|run| objective.curve(&run.x)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Points on a known curve (c 55, k 0.8, m ln 5e9, d 10) come back to 1e-6.
    #[test]
    fn points_on_a_curve_are_fitted_back() {
        let truth = FamilyCurve {
            c: 55.0,
            k: 0.8,
            m: 5e9f64.ln(),
            d: 10.0,
        };
        let points: Vec<(f64, f64)> = [0.5e9, 1.5e9, 3e9, 7e9, 14e9, 32e9, 72e9]
            .iter()
            .map(|&n| (n, truth.score(n)))
            .collect();
        let fit = fit_fixed_floor(&points, 10.0, None).unwrap().unwrap();
        assert!((fit.c / truth.c - 1.0).abs() < 1e-6, "{fit:?}");
        assert!((fit.k / truth.k - 1.0).abs() < 1e-6, "{fit:?}");
        assert!((fit.m - truth.m).abs() < 1e-6, "{fit:?}");
        assert_eq!(fit.d, 10.0);
    }

    /// The profiled gradient matches central differences of the profiled cost.
    #[test]
    fn the_gradient_matches_finite_differences() {
        let points = [
            (1e9, 20.0),
            (3e9, 31.0),
            (1e10, 44.0),
            (3e10, 52.0),
            (7e10, 60.0),
        ];
        let ln_n: Vec<f64> = points.iter().map(|p| f64::ln(p.0)).collect();
        let score: Vec<f64> = points.iter().map(|p| p.1).collect();
        let f = FixedFloor {
            ln_n: &ln_n,
            score: &score,
            d: 10.0,
        };
        let x = [0.9f64.ln(), 22.5];
        let mut g = [0.0; 2];
        f.eval(&x, &mut g);
        for i in 0..2 {
            let (mut a, mut b) = (x, x);
            a[i] += 1e-6;
            b[i] -= 1e-6;
            let mut scratch = [0.0; 2];
            let fd = (f.eval(&a, &mut scratch) - f.eval(&b, &mut scratch)) / 2e-6;
            assert!(
                (fd - g[i]).abs() < 1e-5 * fd.abs().max(1.0),
                "{i}: {fd} vs {}",
                g[i]
            );
        }
    }

    /// The height never passes the top of the scale: scores near 100 clamp c at 100 − d.
    #[test]
    fn the_height_is_bounded_by_the_scale() {
        let points = [
            (1e9, 80.0),
            (3e9, 95.0),
            (1e10, 99.5),
            (3e10, 99.9),
            (7e10, 100.0),
        ];
        let fit = fit_fixed_floor(&points, 25.0, None).unwrap().unwrap();
        assert!(fit.c <= 75.0 + 1e-12, "{fit:?}");
    }
}
