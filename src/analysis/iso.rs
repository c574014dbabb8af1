//! The model-free check (issue 21): no reference, no inversion. For a task and a score
//! threshold, the models reaching it; among them the record-small staircase over release
//! dates; and the regression of ln N on days since the reference date, whose slope gives
//! the time in which the parameters needed for that score halve, `ln 2 / (−slope)`.
//! A pooled fit (one common slope, one intercept per threshold) gives one halving time.
//!
//! The regression reuses [`ols`] on `(t, −ln N)`: its "doubling" of −ln N is the halving
//! of N, with the same Student-t interval (n − 2 degrees of freedom) and unbounded ends.

use super::{Options, Regression, ols, student_t};
use crate::data::{AVERAGE, Dataset, Model};
use serde::{Deserialize, Serialize};

/// How many thresholds the check takes when none are given.
pub const DEFAULT_THRESHOLD_COUNT: usize = 4;

/// One threshold's staircase and line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Staircase {
    pub threshold: f64,
    /// Indices (into the dataset's models) of the staircase, in date order.
    pub models: Vec<usize>,
    /// How many models reach the threshold (within the dates).
    pub n_reaching: usize,
    /// The fit of −ln N on days: `doubling_days` is the halving time of N;
    /// `None` with fewer than two staircase models or one date.
    pub regression: Option<Regression>,
}

impl Staircase {
    /// ln N of the line at `t` days since the reference date.
    pub fn ln_n_at(&self, t: f64) -> Option<f64> {
        self.regression.as_ref().map(|r| -r.predict(t))
    }
}

/// One common slope over all staircases with a line, one intercept each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pooled {
    /// The common slope of ln N per day.
    pub slope_per_day: f64,
    pub slope_se: Option<f64>,
    /// Points over all staircases used.
    pub n_points: usize,
    /// Staircases used (those with a line).
    pub n_groups: usize,
    pub halving_days: Option<f64>,
    pub halving_days_low: Option<f64>,
    pub halving_days_high: Option<f64>,
    pub halving_high_unbounded: bool,
}

/// The check on every threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IsoResult {
    pub task: String,
    pub basis: super::Basis,
    pub staircases: Vec<Staircase>,
    pub pooled: Option<Pooled>,
}

/// The score a model has on the options' task (the mean of the selected benchmarks for
/// `average`), its size on the basis and its days since the reference date, when it has
/// all three and is within `--since`/`--until`.
pub fn eligible(model: &Model, options: &Options) -> Option<(f64, f64, f64)> {
    let benches: &[String] = if options.task == AVERAGE {
        &options.benchmarks
    } else {
        std::slice::from_ref(&options.task)
    };
    if benches.is_empty() {
        return None;
    }
    let mut sum = 0.0;
    for b in benches {
        sum += model.scores.get(b)?;
    }
    let score = sum / benches.len() as f64;
    let date = model.release_date?;
    if options.since.is_some_and(|s| date < s) || options.until.is_some_and(|u| date > u) {
        return None;
    }
    let n = options.basis.size_of(model)?;
    if !(n.is_finite() && n > 0.0 && score.is_finite()) {
        return None;
    }
    Some((score, n, (date - options.ref_date).num_days() as f64))
}

/// `count` evenly spaced thresholds strictly inside the range of scores the eligible
/// models reach, rounded to one decimal; empty when no model is eligible.
pub fn default_thresholds(dataset: &Dataset, options: &Options, count: usize) -> Vec<f64> {
    let scores: Vec<f64> = dataset
        .models
        .iter()
        .filter_map(|m| eligible(m, options).map(|e| e.0))
        .collect();
    let (lo, hi) = scores
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &s| {
            (a.min(s), b.max(s))
        });
    if scores.is_empty() || hi <= lo {
        return Vec::new();
    }
    (1..=count)
        .map(|k| {
            let v = lo + (hi - lo) * k as f64 / (count + 1) as f64;
            (v * 10.0).round() / 10.0
        })
        .collect()
}

/// The staircase of one threshold: the models reaching it sorted by release date (the
/// smallest first at one date, then by name); a model joins when strictly smaller than
/// every model already on the staircase.
pub fn staircase(dataset: &Dataset, options: &Options, threshold: f64) -> Staircase {
    let mut reaching: Vec<(usize, f64, f64)> = dataset
        .models
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            eligible(m, options)
                .filter(|e| e.0 >= threshold)
                .map(|(_, n, t)| (i, n, t))
        })
        .collect();
    reaching.sort_by(|a, b| {
        a.2.total_cmp(&b.2)
            .then(a.1.total_cmp(&b.1))
            .then_with(|| dataset.models[a.0].name.cmp(&dataset.models[b.0].name))
    });
    let mut models = Vec::new();
    let mut points = Vec::new();
    let mut smallest = f64::INFINITY;
    for &(i, n, t) in &reaching {
        if n < smallest {
            smallest = n;
            models.push(i);
            points.push((t, -n.ln()));
        }
    }
    Staircase {
        threshold,
        models,
        n_reaching: reaching.len(),
        regression: ols(&points),
    }
}

/// The check on each threshold and the pooled halving time.
pub fn iso(dataset: &Dataset, options: &Options, thresholds: &[f64]) -> IsoResult {
    let staircases: Vec<Staircase> = thresholds
        .iter()
        .map(|&t| staircase(dataset, options, t))
        .collect();
    let pooled = pooled(dataset, options, &staircases);
    IsoResult {
        task: options.task.clone(),
        basis: options.basis,
        staircases,
        pooled,
    }
}

/// Least squares of ln N = a·t + b_g (one intercept per staircase with a line): the
/// within-group slope Σ Sxy / Σ Sxx, its standard error with n − G − 1 degrees of
/// freedom, and the halving time `ln 2 / (−a)` with its 95% Student-t interval.
fn pooled(dataset: &Dataset, options: &Options, staircases: &[Staircase]) -> Option<Pooled> {
    let (mut sxx, mut sxy, mut syy, mut n, mut g) = (0.0, 0.0, 0.0, 0usize, 0usize);
    for s in staircases.iter().filter(|s| s.regression.is_some()) {
        let pts: Vec<(f64, f64)> = s
            .models
            .iter()
            .filter_map(|&i| eligible(&dataset.models[i], options).map(|(_, n, t)| (t, n.ln())))
            .collect();
        let k = pts.len() as f64;
        let mx = pts.iter().map(|p| p.0).sum::<f64>() / k;
        let my = pts.iter().map(|p| p.1).sum::<f64>() / k;
        for (x, y) in pts {
            sxx += (x - mx) * (x - mx);
            sxy += (x - mx) * (y - my);
            syy += (y - my) * (y - my);
        }
        n += s.models.len();
        g += 1;
    }
    if g == 0 || sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let dof = n as f64 - g as f64 - 1.0;
    let slope_se = (dof > 0.0).then(|| ((syy - slope * sxy).max(0.0) / dof / sxx).sqrt());
    let ln2 = std::f64::consts::LN_2;
    let halving_days = (slope < 0.0).then(|| ln2 / -slope);
    let (mut low, mut high, mut unbounded) = (None, None, false);
    if let Some(se) = slope_se {
        let t = student_t::quantile(0.975, dof);
        // −slope ranges over [−slope − t·se, −slope + t·se].
        let (fast, slow) = (-slope + t * se, -slope - t * se);
        low = (fast > 0.0).then(|| ln2 / fast);
        if slow > 0.0 {
            high = Some(ln2 / slow);
        } else {
            unbounded = true;
        }
    }
    Some(Pooled {
        slope_per_day: slope,
        slope_se,
        n_points: n,
        n_groups: g,
        halving_days,
        halving_days_low: low,
        halving_days_high: high,
        halving_high_unbounded: unbounded,
    })
}

#[cfg(test)]
#[path = "iso_tests.rs"]
mod tests;
