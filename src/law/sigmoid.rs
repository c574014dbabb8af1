//! The loss→score sigmoid (Xiao et al. 2024, arXiv 2412.04315, Eq. 3):
//! `S(L) = c / (1 + exp(-γ·(L − l))) + d`, with γ < 0 when the score rises as loss falls.

use super::{DomainError, check};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Sigmoid {
    /// Height of the score range (points).
    pub c: f64,
    /// Slope (per nat of loss); negative when score falls with loss.
    pub gamma: f64,
    /// Loss at the midpoint.
    pub l: f64,
    /// Floor of the score (points).
    pub d: f64,
}

impl Sigmoid {
    pub fn new(c: f64, gamma: f64, l: f64, d: f64) -> Self {
        Sigmoid { c, gamma, l, d }
    }

    /// Score predicted for a loss.
    pub fn score(&self, loss: f64) -> f64 {
        self.c / (1.0 + (-self.gamma * (loss - self.l)).exp()) + self.d
    }

    /// Checks that the sigmoid can be inverted (`c > 0`, `γ ≠ 0`, all finite).
    pub fn validate(&self) -> Result<(), DomainError> {
        check("c", self.c, self.c > 0.0, "positive")?;
        check("gamma", self.gamma, self.gamma != 0.0, "non-zero")?;
        check("l", self.l, true, "finite")?;
        check("d", self.d, true, "finite")
    }

    /// Implied loss `L̂ = l − (1/γ)·ln(c/(S − d) − 1)` (DESIGN §1.3), defined only for
    /// `d < S < c + d`. Scores outside are refused, never clipped. Computed as
    /// `l − (ln(c + d − S) − ln(S − d))/γ`, the same value without the cancellation of
    /// `c/(S − d) − 1` near the ceiling.
    pub fn loss_for_score(&self, score: f64) -> Result<f64, DomainError> {
        self.validate()?;
        check("score", score, true, "finite")?;
        if score <= self.d {
            return Err(DomainError::ScoreAtOrBelowFloor {
                score,
                floor: self.d,
            });
        }
        let ceiling = self.c + self.d;
        if score >= ceiling {
            return Err(DomainError::ScoreAtOrAboveCeiling { score, ceiling });
        }
        let log_odds = (ceiling - score).ln() - (score - self.d).ln();
        Ok(self.l - log_odds / self.gamma)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midpoint_is_half_height() {
        let s = Sigmoid::new(90.0, -12.8, 0.18, 5.0);
        assert!((s.score(0.18) - 50.0).abs() < 1e-12);
        assert!((s.loss_for_score(50.0).unwrap() - 0.18).abs() < 1e-12);
    }

    /// Near either asymptote: for a score `S` the exact log-odds are
    /// `ln((c + d − S)/(S − d))`. The gaps `95 − S` and `S − 5` below are exact in f64
    /// (Sterbenz), so the expected L̂ is known to ~1e-15; we ask 1e-12. The old form
    /// `ln(c/(S − d) − 1)` misses by ~1e-16/ε relative near the ceiling (1e-7 at ε = 1e-9),
    /// since `c/(S − d) − 1` is computed from two numbers near 1.
    #[test]
    fn inverse_keeps_digits_near_both_asymptotes() {
        let s = Sigmoid::new(90.0, -12.8, 0.18, 5.0);
        for eps in [1e-3f64, 1e-6, 1e-9, 1e-12] {
            let top_score = 95.0 - eps;
            let gap = 95.0 - top_score; // exact
            let expected_top = 0.18 - (gap.ln() - (90.0 - gap).ln()) / -12.8;
            let top = s.loss_for_score(top_score).unwrap();
            assert!(
                (top - expected_top).abs() < 1e-12,
                "ceiling ε={eps}: {top} vs {expected_top}"
            );
            let bottom_score = 5.0 + eps;
            let gap = bottom_score - 5.0; // exact
            let expected_bottom = 0.18 - ((90.0 - gap).ln() - gap.ln()) / -12.8;
            let bottom = s.loss_for_score(bottom_score).unwrap();
            assert!(
                (bottom - expected_bottom).abs() < 1e-12,
                "floor ε={eps}: {bottom} vs {expected_bottom}"
            );
        }
        assert!(s.loss_for_score(95.0).is_err() && s.loss_for_score(5.0).is_err());
    }
}
