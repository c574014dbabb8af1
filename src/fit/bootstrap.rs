//! Non-parametric bootstrap of the fitted laws (DESIGN §1, "Uncertainty"): resample the
//! points with replacement and refit, warm-started from the best fit (one L-BFGS run per
//! replicate, not the start grid). Replicate `i` draws from its own ChaCha stream
//! (`seed`, stream `i`), so the result does not depend on how rayon schedules the work:
//! the same seed gives the same draws, bit for bit. When the warm start does not
//! converge (argmin stops on a line-search failure or the iteration cap), the resample is
//! refitted from a start grid (the loss law's coarse grid, the sigmoid's own grid), so
//! the kept replicates are not only the easy ones; a refit that converges from neither is
//! kept as `None` and counted, never replaced by the best fit.

use super::multistart::FitControl;
use super::{FitError, LossFitOptions, SigmoidFitOptions};
use super::{fit_loss_law_from, fit_sigmoid_from};
use crate::data::{LossPoint, ScorePoint};
use crate::law::{LossLaw, Sigmoid};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::sync::atomic::Ordering;

/// Stream offsets, so the ladder, checkpoint and model resamples of one replicate are
/// independent of each other.
pub const LADDER_STREAM: u64 = 0;
pub const CHECKPOINT_STREAM: u64 = 1 << 40;
pub const MODEL_STREAM: u64 = 2 << 40;

/// The random source of replicate `index` of one kind of resample.
pub fn replicate_rng(seed: u64, stream_offset: u64, index: usize) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream_offset + index as u64);
    rng
}

/// `n` indices drawn uniformly with replacement from `0..n`.
pub fn resample_indices(rng: &mut ChaCha8Rng, n: usize) -> Vec<usize> {
    (0..n).map(|_| rng.random_range(0..n)).collect()
}

/// The refitted laws of every replicate (`None`: the refit did not converge).
#[derive(Debug, Clone, PartialEq)]
pub struct Draws<T> {
    pub draws: Vec<Option<T>>,
}

impl<T> Draws<T> {
    /// Replicates whose refit did not converge.
    pub fn n_failed(&self) -> usize {
        self.draws.iter().filter(|d| d.is_none()).count()
    }
}

/// Runs `n_replicates` resample-and-refit replicates in parallel. `refit` gets the
/// resampled points and returns `Ok(None)` when the refit did not converge.
fn run<P: Copy + Send + Sync, T: Send>(
    points: &[P],
    n_replicates: usize,
    seed: u64,
    stream: u64,
    control: Option<&FitControl>,
    refit: impl Fn(&[P]) -> Result<Option<T>, FitError> + Sync,
) -> Result<Draws<T>, FitError> {
    let draw = |rng: &mut ChaCha8Rng| -> Vec<P> {
        resample_indices(rng, points.len())
            .into_iter()
            .map(|k| points[k])
            .collect()
    };
    run_with(n_replicates, seed, stream, control, draw, refit)
}

/// As [`run`], with the replicate's points made by `draw` from its random stream.
fn run_with<P: Send, T: Send>(
    n_replicates: usize,
    seed: u64,
    stream: u64,
    control: Option<&FitControl>,
    draw: impl Fn(&mut ChaCha8Rng) -> Vec<P> + Sync,
    refit: impl Fn(&[P]) -> Result<Option<T>, FitError> + Sync,
) -> Result<Draws<T>, FitError> {
    let cancelled = || control.is_some_and(|c| c.cancel.load(Ordering::Relaxed));
    let draws: Result<Vec<Option<T>>, FitError> = (0..n_replicates)
        .into_par_iter()
        .map(|i| {
            if cancelled() {
                return Err(FitError::Cancelled);
            }
            let sample = draw(&mut replicate_rng(seed, stream, i));
            let out = refit(&sample);
            if let Some(c) = control {
                c.done.fetch_add(1, Ordering::Relaxed);
            }
            out
        })
        .collect();
    if cancelled() {
        return Err(FitError::Cancelled);
    }
    Ok(Draws { draws: draws? })
}

/// Maps a refit's result: a non-convergence (or a resample too degenerate to fit) is a
/// failed replicate; any other error (bad options or points) is the caller's.
fn failed_is_none<T>(r: Result<T, FitError>) -> Result<Option<T>, FitError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(FitError::NoConvergence { .. } | FitError::TooFewPoints { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Bootstrap of a loss-law fit: `n_replicates` resamples of the ladder points, each
/// refitted by one L-BFGS run from `best`.
pub fn bootstrap_loss_law(
    points: &[LossPoint],
    options: &LossFitOptions,
    best: &LossLaw,
    n_replicates: usize,
    seed: u64,
    control: Option<&FitControl>,
) -> Result<Draws<LossLaw>, FitError> {
    // Checks the options and points once, with the caller's error.
    fit_loss_law_from(points, options, Some(best), None)?;
    // Fallback when the warm start does not converge: the coarse grid (81 or 243 starts).
    let coarse = LossFitOptions {
        grid: super::Grid::Coarse,
        ..*options
    };
    run(
        points,
        n_replicates,
        seed,
        LADDER_STREAM,
        control,
        |s| match failed_is_none(fit_loss_law_from(s, options, Some(best), None).map(|f| f.law))? {
            Some(law) => Ok(Some(law)),
            None => failed_is_none(fit_loss_law_from(s, &coarse, None, None).map(|f| f.law)),
        },
    )
}

/// Bootstrap of a sigmoid fit: resamples of the checkpoints, each refitted from `best`.
pub fn bootstrap_sigmoid(
    points: &[ScorePoint],
    options: &SigmoidFitOptions,
    best: &Sigmoid,
    n_replicates: usize,
    seed: u64,
    control: Option<&FitControl>,
) -> Result<Draws<Sigmoid>, FitError> {
    fit_sigmoid_from(points, options, Some(best), None)?;
    run(
        points,
        n_replicates,
        seed,
        CHECKPOINT_STREAM,
        control,
        |s| {
            match failed_is_none(fit_sigmoid_from(s, options, Some(best), None).map(|f| f.sigmoid))?
            {
                Some(sigmoid) => Ok(Some(sigmoid)),
                // Fallback: the sigmoid's own 120-start grid on this resample.
                None => failed_is_none(fit_sigmoid_from(s, options, None, None).map(|f| f.sigmoid)),
            }
        },
    )
}

/// Percentile of `values` (need not be sorted) by linear interpolation (Hyndman–Fan
/// type 7); `None` when empty.
pub fn percentile(values: &[f64], q: f64) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(super::quantile::quantile_of_sorted(&v, q))
}

/// The central `level` percentile interval (e.g. 0.95 → 2.5th and 97.5th percentiles).
pub fn percentile_interval(values: &[f64], level: f64) -> Option<(f64, f64)> {
    let tail = (1.0 - level) / 2.0;
    Some((percentile(values, tail)?, percentile(values, 1.0 - tail)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_like_numpy() {
        // numpy.percentile([1, 2, 3, 4], [25, 50]) = [1.75, 2.5] (linear method).
        assert_eq!(percentile(&[4.0, 1.0, 3.0, 2.0], 0.25), Some(1.75));
        assert_eq!(percentile(&[4.0, 1.0, 3.0, 2.0], 0.5), Some(2.5));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[test]
    fn streams_are_independent_of_order() {
        let a = resample_indices(&mut replicate_rng(7, LADDER_STREAM, 3), 10);
        let _ = resample_indices(&mut replicate_rng(7, LADDER_STREAM, 2), 10);
        let b = resample_indices(&mut replicate_rng(7, LADDER_STREAM, 3), 10);
        assert_eq!(a, b);
        assert_ne!(
            a,
            resample_indices(&mut replicate_rng(7, MODEL_STREAM, 3), 10)
        );
    }
}
