//! A model family as the reference (issue 20): per task, the family's score against size
//! `S(N) = d + c / (1 + exp(−k (ln N − m)))`, inverted as
//! `ln N̂ = m − ln(c / (S − d) − 1) / k`. It is the loss→score [`Sigmoid`] with
//! `x = X0 − ln N` in place of the loss (so a score rising with size is `γ = −k < 0`,
//! `l = X0 − m`): the fitter of the sigmoid fits it (see `fit::family_fit`).

use super::{DomainError, Sigmoid, check};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The offset of the "loss" axis the sigmoid fitter sees: `x = X0 − ln N` is positive for
/// every size below 10^15 parameters.
pub const FAMILY_X0: f64 = 34.538_776_394_910_684; // ln 1e15

/// One task's score-against-size curve of a family.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FamilyCurve {
    /// Height (score points).
    pub c: f64,
    /// Slope per nat of ln N (positive when the score rises with size).
    pub k: f64,
    /// ln N at the midpoint.
    pub m: f64,
    /// Floor (score points): the task table's chance level where it gives one, else fitted.
    pub d: f64,
}

impl FamilyCurve {
    /// The curve of a sigmoid fitted on `x = X0 − ln N`.
    pub fn from_sigmoid(s: &Sigmoid) -> Self {
        FamilyCurve {
            c: s.c,
            k: -s.gamma,
            m: FAMILY_X0 - s.l,
            d: s.d,
        }
    }

    /// The same curve as a sigmoid on `x = X0 − ln N`.
    pub fn to_sigmoid(&self) -> Sigmoid {
        Sigmoid::new(self.c, -self.k, FAMILY_X0 - self.m, self.d)
    }

    /// Score predicted for a size `n` (raw parameter count).
    pub fn score(&self, n: f64) -> f64 {
        self.d + self.c / (1.0 + (-self.k * (n.ln() - self.m)).exp())
    }

    /// `ln N̂` for a score, defined only for `d < S < c + d` (refused, never clipped).
    pub fn ln_n_for_score(&self, score: f64) -> Result<f64, DomainError> {
        check("c", self.c, self.c > 0.0, "positive")?;
        check("k", self.k, self.k > 0.0, "positive")?;
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
        // ln(c/(S − d) − 1) without the cancellation near the ceiling.
        let log_odds = (ceiling - score).ln() - (score - self.d).ln();
        Ok(self.m - log_odds / self.k)
    }

    /// `d ln N̂ / dS` at a score inside `(d, c + d)`: `(1/(c + d − S) + 1/(S − d)) / k`.
    pub fn dln_n_dscore(&self, score: f64) -> f64 {
        (1.0 / (self.c + self.d - score) + 1.0 / (score - self.d)) / self.k
    }
}

/// A member of the family: its name, size and (per task) score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FamilyMember {
    pub name: String,
    pub n_params: f64,
}

/// One task of a family: the curve, or why there is none (a flat or falling family).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FamilyTask {
    /// The fitted curve; `None` when the fit is refused (see `refused`).
    pub curve: Option<FamilyCurve>,
    /// Why the family cannot serve as a reference on this task, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
    /// The members' (N, score) on this task.
    pub points: Vec<(f64, f64)>,
    /// The fit's residual sum of squares (score points²).
    pub rss: f64,
}

impl FamilyTask {
    /// Smallest and largest member size.
    pub fn n_range(&self) -> (f64, f64) {
        range(self.points.iter().map(|p| p.0))
    }

    /// Lowest and highest member score.
    pub fn score_range(&self) -> (f64, f64) {
        range(self.points.iter().map(|p| p.1))
    }
}

fn range(it: impl Iterator<Item = f64>) -> (f64, f64) {
    it.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

/// A family reference: its name, members and per-task curves.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FamilyFits {
    /// As the user named it (`Qwen2.5`, or the member list).
    pub name: String,
    pub members: Vec<FamilyMember>,
    pub tasks: BTreeMap<String, FamilyTask>,
}

impl FamilyFits {
    /// "Qwen2.5 (7 sizes, 0.5B–72B), same harness".
    pub fn describe(&self) -> String {
        let (lo, hi) = range(self.members.iter().map(|m| m.n_params));
        let mut sizes: Vec<u64> = self.members.iter().map(|m| m.n_params as u64).collect();
        sizes.sort_unstable();
        sizes.dedup();
        format!(
            "{} ({} sizes, {}–{}), same harness",
            self.name,
            sizes.len(),
            crate::format::format_count(lo),
            crate::format::format_count(hi)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curve_round_trips_and_matches_the_sigmoid() {
        let f = FamilyCurve {
            c: 60.0,
            k: 0.9,
            m: 22.0,
            d: 0.0,
        };
        let n = 7e9f64;
        let s = f.score(n);
        assert!((f.ln_n_for_score(s).unwrap() - n.ln()).abs() < 1e-9);
        let sig = f.to_sigmoid();
        assert!((sig.score(FAMILY_X0 - n.ln()) - s).abs() < 1e-9);
        let g = FamilyCurve::from_sigmoid(&sig);
        assert!(g.k == f.k && (g.m - f.m).abs() < 1e-12 && g.c == f.c && g.d == f.d);
        assert!((FAMILY_X0 - 1e15f64.ln()).abs() < 1e-12);
    }
}
