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
    /// `d < S < c + d`. Scores outside are refused, never clipped.
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
        Ok(self.l - (self.c / (score - self.d) - 1.0).ln() / self.gamma)
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
}
