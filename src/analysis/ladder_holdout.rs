//! Held-out prediction on a real ladder, as the OLMo ladder paper's figures (Bhagia et al.
//! 2024, arXiv 2412.04403): step 1 predicts a target's task loss from (N, D), step 2 its
//! accuracy from its actual task loss, and the chain its accuracy from (N, D).
//!
//! Two recipes. `Paper` follows the OLMo-ladder sources (`scripts/step1.py`, `step2.py`,
//! `scaling/fitting_functions.py`): step 1 is the Chinchilla form fitted by a Huber loss
//! (δ = 1e-3) of log residuals from one start (ln A = 3, ln B = 6, α = 0.1, β = 0.2,
//! E = 1) on the mean of each run's last 5 checkpoints; step 2 is a least-squares sigmoid
//! on every checkpoint after the first 10 %, smoothed by a 5-point moving average, with an
//! ideal point (loss 0, accuracy 100 %) added and the ceiling bounded by 100 %. `HuberLog`
//! is this app's own: the same form from its multi-start grid on the selection's points,
//! the sigmoid by its Huber fit bounded by 100 and the task's chance level.

use crate::data::{LadderSelection, OlmoLadder, sigmoid_points};
use crate::data::{LossPoint, ScorePoint};
use crate::fit::{
    BoundsReport, FitError, Grid, LossFitOptions, SigmoidFitOptions, fit_loss_law,
    fit_loss_law_from, fit_sigmoid,
};
use crate::law::{LossForm, LossLaw, Sigmoid};
use serde::{Deserialize, Serialize};

/// How the two steps are fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Recipe {
    /// The OLMo ladder paper's recipe (see the module documentation).
    #[default]
    Paper,
    /// This app's Huber-log multi-start fits, bounded sigmoid.
    HuberLog,
}

impl Recipe {
    pub fn name(self) -> &'static str {
        match self {
            Recipe::Paper => "paper",
            Recipe::HuberLog => "huber-log",
        }
    }

    pub fn parse(s: &str) -> Option<Recipe> {
        match s.to_ascii_lowercase().as_str() {
            "paper" | "olmo" => Some(Recipe::Paper),
            "huber-log" | "huber" | "ours" => Some(Recipe::HuberLog),
            _ => None,
        }
    }

    /// The selection the recipe uses by default.
    pub fn selection(self) -> LadderSelection {
        match self {
            Recipe::Paper => LadderSelection::paper(),
            Recipe::HuberLog => LadderSelection::default(),
        }
    }
}

/// One step's actual and predicted value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    pub actual: f64,
    pub predicted: f64,
}

impl Prediction {
    /// `(predicted − actual)/actual`, the paper's relative error.
    pub fn rel_error(&self) -> f64 {
        (self.predicted - self.actual) / self.actual
    }
}

/// One task's held-out result. Losses in bits per byte, accuracies as fractions (0–1), as
/// the paper's tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskHoldout {
    pub task: String,
    pub step1: Prediction,
    pub step2: Prediction,
    pub chained: Prediction,
    pub loss_law: LossLaw,
    pub sigmoid: Sigmoid,
    pub bounds: BoundsReport,
    pub n_loss_points: usize,
    pub n_sigmoid_points: usize,
    /// Step 1 came from the multi-start grid (always for `HuberLog`; for `Paper` only when
    /// the paper's single start did not converge).
    pub step1_from_grid: bool,
}

/// The paper's starting point for step 1 (OLMo-ladder `step1.py`, `p0`).
pub fn paper_start() -> LossLaw {
    LossLaw::chinchilla(1.0, 3f64.exp(), 0.1, 6f64.exp(), 0.2)
}

/// Why a held-out prediction could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HoldoutError {
    #[error("no target '{target}' in {dir} (targets: {available})")]
    NoTarget {
        target: String,
        dir: String,
        available: String,
    },
    #[error("task {task}: the target has no values for it")]
    NoTargetValue { task: String },
    #[error("task {task}, {step}: {error}")]
    Fit {
        task: String,
        step: &'static str,
        error: FitError,
    },
}

/// The last-k mean the paper compares against ("Actual": the mean of the last 5 rows).
pub const TARGET_LAST_K: usize = 5;

/// Fits both steps of `task` on the selected runs and predicts `target`.
pub fn ladder_holdout(
    ladder: &OlmoLadder,
    target: &str,
    task: &str,
    recipe: Recipe,
    sel: &LadderSelection,
) -> Result<TaskHoldout, HoldoutError> {
    let t = ladder
        .target(target)
        .ok_or_else(|| HoldoutError::NoTarget {
            target: target.into(),
            dir: ladder.dir.clone(),
            available: ladder
                .runs
                .iter()
                .filter(|r| r.is_target())
                .map(|r| r.size.clone())
                .collect::<Vec<_>>()
                .join(", "),
        })?;
    let (t_tokens, actual) = t
        .final_mean(task, TARGET_LAST_K)
        .ok_or_else(|| HoldoutError::NoTargetValue { task: task.into() })?;
    let fit_err = |step, error| HoldoutError::Fit {
        task: task.into(),
        step,
        error,
    };
    let runs: Vec<_> = ladder
        .runs
        .iter()
        .filter(|r| sel.takes(ladder, r))
        .collect();
    let loss_points: Vec<LossPoint> = runs
        .iter()
        .filter_map(|r| {
            let (d, v) = r.final_mean(task, sel.last_k)?;
            Some(LossPoint {
                n_params: r.n_params,
                n_tokens: d,
                loss: v.bpb,
            })
        })
        .collect();
    let loss_options = LossFitOptions {
        form: LossForm::Chinchilla,
        huber_delta: 1e-3,
        grid: Grid::Epoch,
        exclude_top_loss: 0,
    };
    // The paper's single start; where our L-BFGS does not converge from it (its
    // L-BFGS-B always returns its last iterate), the multi-start grid instead, reported.
    let mut step1_from_grid = recipe == Recipe::HuberLog;
    let loss_fit = match recipe {
        Recipe::Paper => {
            match fit_loss_law_from(&loss_points, &loss_options, Some(&paper_start()), None) {
                Err(FitError::NoConvergence { .. }) => {
                    step1_from_grid = true;
                    fit_loss_law(&loss_points, &loss_options, None)
                }
                other => other,
            }
        }
        Recipe::HuberLog => fit_loss_law(&loss_points, &loss_options, None),
    }
    .map_err(|e| fit_err("step 1 (loss law)", e))?;
    let mut score_points: Vec<ScorePoint> = runs
        .iter()
        .flat_map(|r| sigmoid_points(r, task, sel))
        .map(|(loss, acc)| ScorePoint {
            loss,
            score: 100.0 * acc,
        })
        .collect();
    let sigmoid_options = match recipe {
        Recipe::Paper => {
            // The ideal point (the paper's loss 0; our fitter needs a positive loss).
            score_points.push(ScorePoint {
                loss: 1e-9,
                score: 100.0,
            });
            // Least squares: a Huber δ far beyond any residual.
            SigmoidFitOptions {
                huber_delta: 1e6,
                ceiling: Some(100.0),
                floor: None,
                chance_floor: false,
            }
        }
        Recipe::HuberLog => SigmoidFitOptions::bounded_by_chance().for_task(task),
    };
    let sig_fit = fit_sigmoid(&score_points, &sigmoid_options, None)
        .map_err(|e| fit_err("step 2 (sigmoid)", e))?;
    let law = loss_fit.law;
    let sg = sig_fit.sigmoid;
    let step1_pred = law.loss(t.n_params, t_tokens);
    Ok(TaskHoldout {
        task: task.into(),
        step1: Prediction {
            actual: actual.bpb,
            predicted: step1_pred,
        },
        step2: Prediction {
            actual: actual.acc,
            predicted: sg.score(actual.bpb) / 100.0,
        },
        chained: Prediction {
            actual: actual.acc,
            predicted: sg.score(step1_pred) / 100.0,
        },
        loss_law: law,
        sigmoid: sg,
        bounds: sig_fit.bounds,
        n_loss_points: loss_points.len(),
        n_sigmoid_points: score_points.len(),
        step1_from_grid,
    })
}

/// The paper's published (actual, predicted) of one task and step, from
/// `figures/{step1,step2,chained}_main.csv` (columns Task, Actual, Pred, …).
pub fn paper_figure(text: &str, figure_key: &str) -> Option<Prediction> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next()?.split(',').collect();
    let col = |n: &str| header.iter().position(|h| h.trim() == n);
    let (ti, ai, pi) = (col("Task")?, col("Actual")?, col("Pred")?);
    lines.find_map(|l| {
        let f: Vec<&str> = l.split(',').collect();
        (f.get(ti)?.trim() == figure_key).then(|| {
            Some(Prediction {
                actual: f.get(ai)?.trim().parse().ok()?,
                predicted: f.get(pi)?.trim().parse().ok()?,
            })
        })?
    })
}
