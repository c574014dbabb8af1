//! The observations the fitters read: ladder points (N, D, loss) for the loss law and
//! checkpoints (loss, score) for the sigmoid. Plain values built from a dataset's ladder and
//! checkpoint rows ([`super::Dataset::loss_points`], [`super::Dataset::score_points`]).

use serde::{Deserialize, Serialize};

/// One ladder observation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LossPoint {
    pub n_params: f64,
    pub n_tokens: f64,
    pub loss: f64,
}

/// One checkpoint observation: loss and benchmark score (0–100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScorePoint {
    pub loss: f64,
    pub score: f64,
}
