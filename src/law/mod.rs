//! The formulas of the method (DESIGN §1.1–1.3): loss laws, the loss→score sigmoid and
//! their inverses. Pure functions; every domain violation is a typed [`DomainError`].

mod family;
mod loss;
mod sigmoid;
mod task;

pub use family::{FAMILY_X0, FamilyCurve, FamilyFits, FamilyMember, FamilyTask};
pub use loss::{LossForm, LossLaw};
pub use sigmoid::Sigmoid;
pub use task::{Fits, Param, TaskFit};

use thiserror::Error;

/// Why an inversion has no answer. The `Display` text is what users see as a model's
/// exclusion reason, so it names the condition that failed.
#[derive(Debug, Clone, PartialEq, Error, serde::Serialize, serde::Deserialize)]
pub enum DomainError {
    #[error("score {score} is at or above the sigmoid ceiling c + d = {ceiling}")]
    ScoreAtOrAboveCeiling { score: f64, ceiling: f64 },
    #[error("score {score} is at or below the sigmoid floor d = {floor}")]
    ScoreAtOrBelowFloor { score: f64, floor: f64 },
    #[error("implied loss {loss} is at or below the data-term floor {floor} at D0")]
    LossBelowDataFloor { loss: f64, floor: f64 },
    #[error(
        "effective size N̂ = 10^{log10_n_hat:.1} is outside the range of a 64-bit float (alpha = {alpha}: N̂ = ((L̂ − floor)/a)^(−1/alpha) over- or underflows)"
    )]
    EffectiveSizeOutOfRange { log10_n_hat: f64, alpha: f64 },
    #[error("{what} must be {expected}, got {value}")]
    BadInput {
        what: String,
        expected: String,
        value: f64,
    },
}

/// Checks one parameter or input value; used by both laws.
pub(crate) fn check(
    what: &'static str,
    value: f64,
    ok: bool,
    expected: &'static str,
) -> Result<(), DomainError> {
    if value.is_finite() && ok {
        Ok(())
    } else {
        Err(DomainError::BadInput {
            what: what.to_string(),
            expected: expected.to_string(),
            value,
        })
    }
}
