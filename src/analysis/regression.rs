//! Ordinary least squares of ln ρ on days since the reference date (DESIGN §1.5):
//! `ln ρ = A·t + B`, doubling time `ln 2 / A`, and the 95% interval of the doubling time
//! from the Student-t interval of A with n − 2 degrees of freedom.

use super::student_t;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Regression {
    /// A, per day.
    pub slope_per_day: f64,
    /// B, ln ρ at the reference date.
    pub intercept: f64,
    pub r2: f64,
    /// Standard error of A; `None` with only two points.
    pub slope_se: Option<f64>,
    pub n_points: usize,
    /// `ln 2 / A`; `None` when A ≤ 0 (density does not grow).
    pub doubling_days: Option<f64>,
    /// `ln 2 / (A + t·se)`; `None` when that bound is not positive or se is unknown.
    pub doubling_days_low: Option<f64>,
    /// `ln 2 / (A − t·se)`; `None` when unbounded (A − t·se ≤ 0) or se is unknown.
    pub doubling_days_high: Option<f64>,
    /// True when the interval of A reaches 0 or below: the upper end is unbounded.
    pub doubling_high_unbounded: bool,
    /// Mean of the x values, their sum of squared deviations and the residual standard
    /// deviation (n − 2 degrees of freedom): what the confidence band of the line needs.
    pub mean_x: f64,
    pub sxx: f64,
    pub residual_sd: Option<f64>,
}

impl Regression {
    /// The fitted line at x.
    pub fn predict(&self, x: f64) -> f64 {
        self.slope_per_day * x + self.intercept
    }

    /// Half-width of the 95% confidence band of the fitted mean at x:
    /// `t·s·sqrt(1/n + (x − x̄)²/Sxx)`; `None` with only two points.
    pub fn band_half_width(&self, x: f64) -> Option<f64> {
        let s = self.residual_sd?;
        let n = self.n_points as f64;
        let t = student_t::quantile(0.975, n - 2.0);
        Some(t * s * (1.0 / n + (x - self.mean_x).powi(2) / self.sxx).sqrt())
    }
}

/// Fits `y = A·x + B` to `(x, y)` points; `None` with fewer than 2 points or when all x
/// are equal.
pub fn ols(points: &[(f64, f64)]) -> Option<Regression> {
    let n = points.len();
    if n < 2 {
        return None;
    }
    let nf = n as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / nf;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / nf;
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for &(x, y) in points {
        let (dx, dy) = (x - mean_x, y - mean_y);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    if sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let intercept = mean_y - slope * mean_x;
    let ssr: f64 = points
        .iter()
        .map(|&(x, y)| {
            let r = y - (slope * x + intercept);
            r * r
        })
        .sum();
    let r2 = if syy > 0.0 { 1.0 - ssr / syy } else { 1.0 };
    let residual_sd = (n > 2).then(|| (ssr / (nf - 2.0)).sqrt());
    let slope_se = residual_sd.map(|s| s / sxx.sqrt());
    let ln2 = std::f64::consts::LN_2;
    let doubling_days = (slope > 0.0).then(|| ln2 / slope);
    let (mut low, mut high, mut unbounded) = (None, None, false);
    if let Some(se) = slope_se {
        let t = student_t::quantile(0.975, nf - 2.0);
        let (a_lo, a_hi) = (slope - t * se, slope + t * se);
        low = (a_hi > 0.0).then(|| ln2 / a_hi);
        if a_lo > 0.0 {
            high = Some(ln2 / a_lo);
        } else {
            unbounded = true;
        }
    }
    Some(Regression {
        slope_per_day: slope,
        intercept,
        r2,
        slope_se,
        n_points: n,
        doubling_days,
        doubling_days_low: low,
        doubling_days_high: high,
        doubling_high_unbounded: unbounded,
        mean_x,
        sxx,
        residual_sd,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_line_is_recovered() {
        let pts: Vec<(f64, f64)> = (0..5)
            .map(|i| (i as f64 * 100.0, 0.007 * i as f64 * 100.0 - 2.0))
            .collect();
        let r = ols(&pts).unwrap();
        assert!((r.slope_per_day - 0.007).abs() < 1e-15);
        assert!((r.intercept + 2.0).abs() < 1e-12);
        assert!((r.r2 - 1.0).abs() < 1e-12);
        assert!((r.doubling_days.unwrap() - std::f64::consts::LN_2 / 0.007).abs() < 1e-9);
    }

    #[test]
    fn too_few_or_degenerate_points_give_none() {
        assert!(ols(&[(1.0, 2.0)]).is_none());
        assert!(ols(&[(1.0, 2.0), (1.0, 3.0)]).is_none());
        let two = ols(&[(0.0, 0.0), (1.0, 1.0)]).unwrap();
        assert!(two.slope_se.is_none() && two.doubling_days_high.is_none());
    }
}
