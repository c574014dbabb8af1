//! Held-out checks (issue 6; the paper held out its two largest reference models): fit the
//! loss law without one ladder size (by default the largest) and predict that size's
//! losses; fit the sigmoid without the highest-scoring checkpoints and predict their
//! scores. Both fits run from the full start grid, as a fresh fit would.

use super::{FitControl, FitError, LossFitOptions, SigmoidFitOptions};
use super::{fit_loss_law, fit_sigmoid};
use crate::data::{LossPoint, ScorePoint};
use crate::law::{LossLaw, Sigmoid};
use serde::{Deserialize, Serialize};

/// One held-out point: what was observed and what the fit without it predicts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HeldOutPoint {
    /// Tokens (loss law) or loss (sigmoid): where the prediction is made.
    pub x: f64,
    pub observed: f64,
    pub predicted: f64,
}

impl HeldOutPoint {
    /// `predicted / observed − 1`.
    pub fn relative_error(&self) -> f64 {
        self.predicted / self.observed - 1.0
    }
}

/// The loss law's held-out check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LossHoldout {
    /// The ladder size left out of the fit.
    pub held_out_n_params: f64,
    pub n_fit_points: usize,
    pub law: LossLaw,
    pub points: Vec<HeldOutPoint>,
    /// Mean of |predicted/observed − 1| over the held-out points.
    pub mean_abs_rel_error: f64,
    pub max_abs_rel_error: f64,
}

/// The sigmoid's held-out check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SigmoidHoldout {
    pub n_held_out: usize,
    pub n_fit_points: usize,
    pub sigmoid: Sigmoid,
    pub points: Vec<HeldOutPoint>,
    /// Mean |predicted − observed| in score points.
    pub mean_abs_error_points: f64,
    pub max_abs_error_points: f64,
}

/// Fits `points` without ladder size `held_out` (the largest when `None`) and predicts it.
/// A size matches when it is within 1e-6 (relative) of `held_out`.
pub fn holdout_loss(
    points: &[LossPoint],
    options: &LossFitOptions,
    held_out: Option<f64>,
    control: Option<&FitControl>,
) -> Result<LossHoldout, FitError> {
    let largest = points.iter().map(|p| p.n_params).fold(f64::NAN, f64::max);
    let size = held_out.unwrap_or(largest);
    let same = |n: f64| (n / size - 1.0).abs() < 1e-6;
    let (held, kept): (Vec<LossPoint>, Vec<LossPoint>) =
        points.iter().partition(|p| same(p.n_params));
    if held.is_empty() {
        let mut sizes: Vec<f64> = points.iter().map(|p| p.n_params).collect();
        sizes.sort_by(f64::total_cmp);
        sizes.dedup();
        return Err(FitError::BadOption {
            option: "holdout size",
            reason: format!("no ladder points of size {size} (the sizes are {sizes:?})"),
        });
    }
    let fit = fit_loss_law(&kept, options, control)?;
    let out: Vec<HeldOutPoint> = held
        .iter()
        .map(|p| HeldOutPoint {
            x: p.n_tokens,
            observed: p.loss,
            predicted: fit.law.loss(p.n_params, p.n_tokens),
        })
        .collect();
    let errs: Vec<f64> = out.iter().map(|p| p.relative_error().abs()).collect();
    Ok(LossHoldout {
        held_out_n_params: size,
        n_fit_points: kept.len(),
        law: fit.law,
        mean_abs_rel_error: errs.iter().sum::<f64>() / errs.len() as f64,
        max_abs_rel_error: errs.iter().copied().fold(0.0, f64::max),
        points: out,
    })
}

/// Fits the sigmoid without the `n_top` highest-scoring checkpoints and predicts them.
pub fn holdout_sigmoid(
    points: &[ScorePoint],
    options: &SigmoidFitOptions,
    n_top: usize,
    control: Option<&FitControl>,
) -> Result<SigmoidHoldout, FitError> {
    if n_top == 0 || n_top >= points.len() {
        return Err(FitError::BadOption {
            option: "holdout top-k",
            reason: format!(
                "must be between 1 and {} (the checkpoints less one), got {n_top}",
                points.len().saturating_sub(1)
            ),
        });
    }
    let mut sorted = points.to_vec();
    sorted.sort_by(|a, b| b.score.total_cmp(&a.score));
    let (held, kept) = sorted.split_at(n_top);
    let fit = fit_sigmoid(kept, options, control)?;
    let out: Vec<HeldOutPoint> = held
        .iter()
        .map(|p| HeldOutPoint {
            x: p.loss,
            observed: p.score,
            predicted: fit.sigmoid.score(p.loss),
        })
        .collect();
    let errs: Vec<f64> = out
        .iter()
        .map(|p| (p.predicted - p.observed).abs())
        .collect();
    Ok(SigmoidHoldout {
        n_held_out: n_top,
        n_fit_points: kept.len(),
        sigmoid: fit.sigmoid,
        mean_abs_error_points: errs.iter().sum::<f64>() / errs.len() as f64,
        max_abs_error_points: errs.iter().copied().fold(0.0, f64::max),
        points: out,
    })
}
