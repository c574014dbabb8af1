//! Bootstrap intervals of the whole analysis (issue 6): each replicate refits every
//! needed task's loss law on resampled ladder points and its sigmoid on resampled
//! checkpoints (warm-started from the given fits), re-inverts every model, then resamples
//! the models and recomputes the frontier and the regression. Percentile intervals come
//! from the replicates whose refits all converged; failed replicates are counted.

use super::{Analysis, ModelResult, Options, density, frontier};
use crate::data::Dataset;
use crate::fit::bootstrap::{MODEL_STREAM, replicate_rng, resample_indices};
use crate::fit::{FitControl, FitError, LossFitOptions, SigmoidFitOptions};
use crate::fit::{bootstrap_loss_law, bootstrap_sigmoid};
use crate::law::Fits;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::atomic::Ordering;
use thiserror::Error;

use super::uncertainty_summary::{Replicate, Run, TaskIntervals, Uncertainty};
pub use super::uncertainty_summary::{curve_band, loss_band, sigmoid_band};

/// How to bootstrap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BootstrapOptions {
    pub n_replicates: usize,
    pub seed: u64,
    /// Central coverage of the intervals (0.95).
    pub level: f64,
    /// Resample the ladder and checkpoints and refit the laws; when false (laws given as
    /// constants) only the models are resampled.
    pub refit_laws: bool,
    /// The laws were edited by hand (only meaningful with `refit_laws` false): the
    /// method then says that the laws are held as edited, not refitted.
    pub laws_edited: bool,
    /// The options of the point fit, which every refit uses (the loss law's form is each
    /// task's own).
    pub loss_fit: LossFitOptions,
    pub sigmoid_fit: SigmoidFitOptions,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            n_replicates: 1000,
            seed: 0,
            level: 0.95,
            refit_laws: true,
            laws_edited: false,
            loss_fit: LossFitOptions::default(),
            sigmoid_fit: SigmoidFitOptions::default(),
        }
    }
}

impl BootstrapOptions {
    /// Steps the [`FitControl`] counter reaches when the bootstrap of `options` ends.
    pub fn total_steps(&self, options: &Options) -> usize {
        let fits = if self.refit_laws {
            2 * options.needed_tasks().len()
        } else {
            0
        };
        self.n_replicates * (fits + 1)
    }

    /// The interval method in words, as the summary and its JSON name it.
    pub fn method(&self) -> String {
        let what = if self.refit_laws {
            "ladder points, sigmoid checkpoints and models resampled; laws refitted warm-started from the best fit, with its fit options"
        } else if self.laws_edited {
            "models resampled; laws held as edited by hand (a refit of the data would not be the laws shown)"
        } else {
            "models resampled; laws held at the given constants"
        };
        format!(
            "{:.0}% bootstrap percentile interval, {} replicates, seed {} ({what})",
            self.level * 100.0,
            self.n_replicates,
            self.seed
        )
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum UncertaintyError {
    #[error("bootstrap: {0}")]
    BadOption(String),
    #[error("bootstrap: no fitted laws for task {0}")]
    NoFits(String),
    #[error("bootstrap, task {task}, {law}: {error}")]
    Fit {
        task: String,
        law: &'static str,
        error: FitError,
    },
    #[error("the bootstrap was cancelled")]
    Cancelled,
}

/// One replicate's laws per needed task (`None`: some refit failed).
type ReplicateFits = Option<Fits>;

/// Refits every needed task's laws `n` times; replicate `i` of every task goes into
/// `Fits` number `i`.
fn refit_laws(
    dataset: &Dataset,
    fits: &Fits,
    options: &Options,
    boot: &BootstrapOptions,
    control: Option<&FitControl>,
) -> Result<(Vec<ReplicateFits>, Vec<TaskIntervals>), UncertaintyError> {
    let mut out: Vec<ReplicateFits> = vec![Some(fits.clone()); boot.n_replicates];
    let mut tasks = Vec::new();
    for task in options.needed_tasks() {
        let best = fits
            .tasks
            .get(&task)
            .ok_or_else(|| UncertaintyError::NoFits(task.clone()))?;
        let err = |law, error| match error {
            FitError::Cancelled => UncertaintyError::Cancelled,
            error => UncertaintyError::Fit {
                task: task.clone(),
                law,
                error,
            },
        };
        let loss_options = LossFitOptions {
            form: best.loss.form,
            ..boot.loss_fit
        };
        let (n, seed) = (boot.n_replicates, boot.seed);
        let loss = bootstrap_loss_law(
            &dataset.loss_points(&task),
            &loss_options,
            &best.loss,
            n,
            seed,
            control,
        )
        .map_err(|e| err("loss law (ladder points)", e))?;
        let sigmoid = bootstrap_sigmoid(
            &dataset.score_points(&task),
            &boot.sigmoid_fit.for_task(&task),
            &best.sigmoid,
            n,
            seed,
            control,
        )
        .map_err(|e| err("sigmoid (checkpoints)", e))?;
        for (i, slot) in out.iter_mut().enumerate() {
            let drawn = (loss.draws[i], sigmoid.draws[i]);
            match (slot.as_mut(), drawn) {
                (Some(f), (Some(l), Some(s))) => {
                    let t = f.tasks.entry(task.clone()).or_insert(*best);
                    (t.loss, t.sigmoid) = (l, s);
                }
                _ => *slot = None,
            }
        }
        tasks.push(TaskIntervals::from_draws(
            &task,
            best,
            &loss.draws,
            &sigmoid.draws,
            boot.level,
        ));
    }
    Ok((out, tasks))
}

fn replicate(
    dataset: &Dataset,
    fits: &Fits,
    options: &Options,
    seed: u64,
    index: usize,
) -> Replicate {
    let models = density::evaluate_all(dataset, fits, options);
    // The regression leaves unreliable densities out, as the point estimate's does.
    let masked = super::guards::for_regression(&models, options);
    let base = masked.as_deref().unwrap_or(&models);
    let picks = resample_indices(&mut replicate_rng(seed, MODEL_STREAM, index), models.len());
    let resampled: Vec<ModelResult> = picks.iter().map(|&k| base[k].clone()).collect();
    let (_, regression, breakpoint) = frontier::frontier_and_regressions(&resampled, options);
    let (before, after) = breakpoint.map_or((None, None), |b| (b.before, b.after));
    Replicate {
        n_hat: models.iter().map(|m| m.n_hat).collect(),
        density: models.iter().map(|m| m.density).collect(),
        regression,
        before,
        after,
    }
}

/// Bootstraps the analysis of `(dataset, fits, options)`; `analysis` is its point
/// estimate (`analyze` of the same inputs). Progress and cancel through `control`.
pub fn bootstrap(
    dataset: &Dataset,
    fits: &Fits,
    options: &Options,
    analysis: &Analysis,
    boot: &BootstrapOptions,
    control: Option<&FitControl>,
) -> Result<Uncertainty, UncertaintyError> {
    if boot.n_replicates < 2 {
        return Err(UncertaintyError::BadOption(format!(
            "need at least 2 replicates, got {}",
            boot.n_replicates
        )));
    }
    if !(boot.level > 0.0 && boot.level < 1.0) {
        return Err(UncertaintyError::BadOption(format!(
            "the interval level must be in (0, 1), got {}",
            boot.level
        )));
    }
    let (fits_draws, laws) = if boot.refit_laws {
        refit_laws(dataset, fits, options, boot, control)?
    } else {
        (vec![Some(fits.clone()); boot.n_replicates], Vec::new())
    };
    let cancelled = || control.is_some_and(|c| c.cancel.load(Ordering::Relaxed));
    let reps: Vec<Option<Replicate>> = fits_draws
        .par_iter()
        .enumerate()
        .map(|(i, f)| {
            if cancelled() {
                return None;
            }
            let r = f
                .as_ref()
                .map(|f| replicate(dataset, f, options, boot.seed, i));
            if let Some(c) = control {
                c.done.fetch_add(1, Ordering::Relaxed);
            }
            r
        })
        .collect();
    if cancelled() {
        return Err(UncertaintyError::Cancelled);
    }
    let ok: Vec<&Replicate> = reps.iter().flatten().collect();
    let run = Run {
        method: boot.method(),
        laws_edited: !boot.refit_laws && boot.laws_edited,
        n_replicates: boot.n_replicates,
        seed: boot.seed,
        level: boot.level,
    };
    Ok(Uncertainty::summarise(
        analysis,
        run,
        laws,
        &ok,
        options.breakpoint,
    ))
}
