//! Fitting the laws (DESIGN §1, "Fitting"): the recipe of Epoch AI's Chinchilla
//! replication (Besiroglu et al. 2024, arXiv 2404.10102) — summed Huber loss of log
//! residuals, scale parameters in log space, L-BFGS (argmin) from a grid of starts,
//! best converged run kept. The sigmoid is fitted the same way on score residuals.

pub mod bootstrap;
mod family_fit;
mod family_fixed;
mod family_reference;
mod grid;
mod holdout;
mod kernel;
mod loss_fit;
mod multistart;
mod objective;
mod quantile;
mod sigmoid_bounds;
mod sigmoid_fit;
mod sigmoid_kernel;
mod tasks;
mod vector;

pub use bootstrap::{
    Draws, bootstrap_loss_law, bootstrap_sigmoid, percentile, percentile_interval,
};
pub use family_fit::{
    FLAT_RISE_POINTS, MIN_FAMILY_POINTS, family_chance, fit_family, fit_family_task,
};
pub use family_reference::{FamilyRefError, family_reference};
pub use grid::Grid;
pub use holdout::{HeldOutPoint, LossHoldout, SigmoidHoldout, holdout_loss, holdout_sigmoid};
pub use loss_fit::{LossFit, LossFitOptions, fit_loss_law, fit_loss_law_from};
pub use multistart::{FitControl, RunSummary};
pub use objective::{Objective, huber, huber_slope};
pub use quantile::quantile_of_sorted;
pub use sigmoid_bounds::{ACTIVE_TOLERANCE, BoundsReport};
pub use sigmoid_fit::{SigmoidFit, SigmoidFitOptions, fit_sigmoid, fit_sigmoid_from};
pub use tasks::{TaskFitError, TaskReports, fit_tasks};

use thiserror::Error;

/// Default Huber δ for the log residuals of the loss laws (Epoch AI's value).
pub const DEFAULT_LOSS_HUBER_DELTA: f64 = 1e-3;
/// Default Huber δ for the sigmoid's score residuals, in score points (0–100 scale):
/// about one point, the size of benchmark noise, so larger misses count linearly.
pub const DEFAULT_SIGMOID_HUBER_DELTA: f64 = 1.0;

/// Starts of a loss-law fit on `grid` (for progress bars).
pub fn loss_start_count(form: crate::law::LossForm, grid: Grid) -> usize {
    let (exps, es, scales) = grid.axes();
    let base = exps.len().pow(2) * scales.len().pow(2);
    if form == crate::law::LossForm::Chinchilla {
        base * es.len()
    } else {
        base
    }
}

/// Starts of a sigmoid fit (its grid is 3 × 4 × 5 × 2).
pub const SIGMOID_STARTS: usize = 120;

/// Why a fit could not be made.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum FitError {
    #[error("too few points to fit {what}: need at least {needed}, got {got}")]
    TooFewPoints {
        what: &'static str,
        needed: usize,
        got: usize,
    },
    #[error("point {index} has a non-finite {column} ({value})")]
    NonFinite {
        index: usize,
        column: &'static str,
        value: f64,
    },
    #[error("point {index} has a non-positive {column} ({value}); it must be > 0")]
    NonPositive {
        index: usize,
        column: &'static str,
        value: f64,
    },
    #[error("invalid fit option {option}: {reason}")]
    BadOption {
        option: &'static str,
        reason: String,
    },
    #[error("the {what} fit converged from none of its {starts} starting points")]
    NoConvergence { what: &'static str, starts: usize },
    #[error("{0}")]
    UnitMismatch(String),
    #[error("the fit was cancelled")]
    Cancelled,
}
