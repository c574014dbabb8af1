//! Runs L-BFGS (argmin) from many starting points in parallel and keeps the best
//! converged run. A run counts as converged only when argmin reports
//! `SolverConverged` with a finite cost and finite parameters: argmin's L-BFGS can stop
//! on a NaN in its line search and still return `Ok` with the start values.

use super::objective::Objective;
use super::vector::Params;
use argmin::core::{CostFunction, Error, Executor, Gradient, State, TerminationReason};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use rayon::prelude::*;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Iteration cap of one L-BFGS run.
const MAX_ITERS: u64 = 400;
/// Memory of the L-BFGS approximation.
const LBFGS_MEMORY: usize = 7;
/// Evaluation budget of one run. argmin's More–Thuente line search has no evaluation cap
/// of its own and can loop for ever on a NaN; running out of budget ends the run as
/// not converged.
const MAX_EVALS: usize = 4_000;

/// Progress and cancellation shared with whoever started the fit (e.g. the window).
#[derive(Debug, Default)]
pub struct FitControl {
    /// Starts finished so far.
    pub done: AtomicUsize,
    /// Set to stop the fit early; the fit then returns `FitError::Cancelled`.
    pub cancel: AtomicBool,
}

/// What the multi-start search found.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    /// Best parameters (in the objective's own coordinates).
    pub x: Vec<f64>,
    pub objective: f64,
    /// Iterations of the best run.
    pub iterations: u64,
    pub n_starts: usize,
    pub n_converged: usize,
}

/// Adapts an [`Objective`] to argmin with `N` parameters by value ([`Params`]), caching
/// the last (x, cost, gradient): the line search asks for the cost and the gradient at
/// the same point one after the other. Nothing here allocates. Non-finite values and an
/// exhausted budget are errors, which end the run.
struct Problem<'a, O, const N: usize> {
    objective: &'a O,
    cache: Cell<Option<(Params<N>, f64, Params<N>)>>,
    evals: Cell<usize>,
}

impl<O: Objective, const N: usize> Problem<'_, O, N> {
    fn eval(&self, x: &Params<N>) -> Result<(f64, Params<N>), Error> {
        if let Some((cx, cost, grad)) = self.cache.get()
            && cx == *x
        {
            return Ok((cost, grad));
        }
        let evals = self.evals.get() + 1;
        self.evals.set(evals);
        if evals > MAX_EVALS {
            return Err(argmin::core::ArgminError::ConditionViolated {
                text: "evaluation budget spent".into(),
            }
            .into());
        }
        let mut grad = [0.0; N];
        let cost = self.objective.eval(&x.0, &mut grad);
        if !(cost.is_finite() && grad.iter().all(|g| g.is_finite())) {
            self.cache.set(None);
            return Err(argmin::core::ArgminError::InvalidParameter {
                text: "non-finite cost or gradient".into(),
            }
            .into());
        }
        self.cache.set(Some((*x, cost, Params(grad))));
        Ok((cost, Params(grad)))
    }
}

impl<O: Objective, const N: usize> CostFunction for Problem<'_, O, N> {
    type Param = Params<N>;
    type Output = f64;
    fn cost(&self, x: &Params<N>) -> Result<f64, Error> {
        Ok(self.eval(x)?.0)
    }
}

impl<O: Objective, const N: usize> Gradient for Problem<'_, O, N> {
    type Param = Params<N>;
    type Gradient = Params<N>;
    fn gradient(&self, x: &Params<N>) -> Result<Params<N>, Error> {
        Ok(self.eval(x)?.1)
    }
}

/// One L-BFGS run; `None` unless it converged to finite values.
fn run_one<O: Objective>(objective: &O, start: &[f64]) -> Option<(Vec<f64>, f64, u64)> {
    match start.len() {
        1 => run_fixed::<O, 1>(objective, start),
        2 => run_fixed::<O, 2>(objective, start),
        3 => run_fixed::<O, 3>(objective, start),
        4 => run_fixed::<O, 4>(objective, start),
        5 => run_fixed::<O, 5>(objective, start),
        6 => run_fixed::<O, 6>(objective, start),
        n => unreachable!("objectives of 1 to 6 parameters are supported, not {n}"),
    }
}

/// [`run_one`] with `N` parameters; `start` has length `N`.
fn run_fixed<O: Objective, const N: usize>(
    objective: &O,
    start: &[f64],
) -> Option<(Vec<f64>, f64, u64)> {
    let problem = Problem::<O, N> {
        objective,
        cache: Cell::new(None),
        evals: Cell::new(0),
    };
    let start = Params(<[f64; N]>::try_from(start).ok()?);
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), LBFGS_MEMORY);
    let result = Executor::new(problem, solver)
        .configure(|s| s.param(start).max_iters(MAX_ITERS))
        .timer(false)
        .run()
        .ok()?;
    let state = result.state();
    if state.get_termination_reason() != Some(&TerminationReason::SolverConverged) {
        return None;
    }
    let x = state.get_best_param()?.0;
    let cost = state.get_best_cost();
    (cost.is_finite() && x.iter().all(|v| v.is_finite()))
        .then(|| (x.to_vec(), cost, state.get_iter()))
}

/// Runs every start (in parallel on all cores) and keeps the lowest converged cost.
/// Returns `None` when nothing converged; `Err(())` when cancelled.
pub(crate) fn best_of<O: Objective>(
    objective: &O,
    starts: &[Vec<f64>],
    control: Option<&FitControl>,
) -> Result<Option<RunSummary>, ()> {
    let runs: Vec<Option<(Vec<f64>, f64, u64)>> = starts
        .par_iter()
        .map(|start| {
            if control.is_some_and(|c| c.cancel.load(Ordering::Relaxed)) {
                return None;
            }
            let run = run_one(objective, start);
            if let Some(c) = control {
                c.done.fetch_add(1, Ordering::Relaxed);
            }
            run
        })
        .collect();
    if control.is_some_and(|c| c.cancel.load(Ordering::Relaxed)) {
        return Err(());
    }
    let n_converged = runs.iter().flatten().count();
    let best = runs
        .into_iter()
        .flatten()
        .min_by(|a, b| a.1.total_cmp(&b.1));
    Ok(best.map(|(x, objective, iterations)| RunSummary {
        x,
        objective,
        iterations,
        n_starts: starts.len(),
        n_converged,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An objective that is NaN everywhere but at the start: argmin's line search would
    /// loop for ever on it; every run must end, none counted as converged.
    struct NanAway;
    impl Objective for NanAway {
        fn dim(&self) -> usize {
            2
        }
        fn eval(&self, x: &[f64], grad: &mut [f64]) -> f64 {
            grad.copy_from_slice(&[1.0, 1.0]);
            if x == [0.0, 0.0] { 1.0 } else { f64::NAN }
        }
    }

    #[test]
    fn nan_objective_converges_nowhere() {
        let control = FitControl::default();
        let out = best_of(&NanAway, &[vec![0.0, 0.0], vec![0.0, 0.0]], Some(&control)).unwrap();
        assert!(out.is_none());
        assert_eq!(control.done.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn cancel_stops_the_fit() {
        let control = FitControl::default();
        control.cancel.store(true, Ordering::Relaxed);
        assert!(best_of(&NanAway, &[vec![0.0, 0.0]], Some(&control)).is_err());
    }
}
