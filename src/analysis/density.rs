//! Per-model effective size and density (DESIGN §1.3–1.4).

use super::{Aggregate, Fits, Options};
use crate::data::{AVERAGE, Model};
use crate::law::DomainError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a model has no density. Shown to users as the model's exclusion reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Exclusion {
    NoReleaseDate,
    NoParams,
    BeforeSince(NaiveDate),
    AfterUntil(NaiveDate),
    /// The selected benchmarks the model has no score for, comma-separated.
    MissingBenchmark(String),
    NoFits(String),
    /// The inversion failed; `task` names the fits it went through.
    Domain {
        task: String,
        error: DomainError,
    },
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exclusion::NoReleaseDate => write!(f, "no release date"),
            Exclusion::NoParams => write!(f, "no parameter count"),
            Exclusion::BeforeSince(d) => write!(f, "released before the --since date {d}"),
            Exclusion::AfterUntil(d) => write!(f, "released after the --until date {d}"),
            Exclusion::MissingBenchmark(b) => write!(f, "no score for {b}"),
            Exclusion::NoFits(t) => write!(f, "no fitted laws for task {t}"),
            Exclusion::Domain { task, error } => write!(f, "{task}: {error}"),
        }
    }
}

/// What the analysis says about one model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelResult {
    pub release_date: Option<NaiveDate>,
    /// The parameter count the density divides by (total or active, per the basis).
    pub n_params: Option<f64>,
    /// The score inverted (the mean of the selected benchmarks for `average`).
    pub score: Option<f64>,
    /// Implied loss L̂; `None` under the geometric-mean aggregation (one per benchmark).
    pub loss_hat: Option<f64>,
    /// Effective parameter size N̂.
    pub n_hat: Option<f64>,
    /// ρ = N̂ / N.
    pub density: Option<f64>,
    pub days_since_ref: Option<f64>,
    pub excluded: Option<Exclusion>,
    pub on_frontier: bool,
}

/// Score of one benchmark, or why there is none.
fn score_of(model: &Model, bench: &str) -> Result<f64, Exclusion> {
    model
        .scores
        .get(bench)
        .copied()
        .ok_or_else(|| Exclusion::MissingBenchmark(bench.to_string()))
}

/// Inverts `score` through the fits of `task`: (L̂, N̂).
fn invert(fits: &Fits, task: &str, score: f64, d0: f64) -> Result<(f64, f64), Exclusion> {
    let fit = fits
        .tasks
        .get(task)
        .ok_or_else(|| Exclusion::NoFits(task.to_string()))?;
    let domain = |error| Exclusion::Domain {
        task: task.to_string(),
        error,
    };
    let loss_hat = fit.sigmoid.loss_for_score(score).map_err(domain)?;
    let n_hat = fit.loss.effective_params(loss_hat, d0).map_err(domain)?;
    Ok((loss_hat, n_hat))
}

pub(super) fn evaluate(model: &Model, fits: &Fits, options: &Options) -> ModelResult {
    let days_since_ref = model
        .release_date
        .map(|d| (d - options.ref_date).num_days() as f64);
    let mut out = ModelResult {
        release_date: model.release_date,
        n_params: options.basis.size_of(model),
        score: None,
        loss_hat: None,
        n_hat: None,
        density: None,
        days_since_ref,
        excluded: None,
        on_frontier: false,
    };
    if let Err(reason) = fill(&mut out, model, fits, options) {
        out.excluded = Some(reason);
    }
    out
}

fn fill(
    out: &mut ModelResult,
    model: &Model,
    fits: &Fits,
    options: &Options,
) -> Result<(), Exclusion> {
    let date = model.release_date.ok_or(Exclusion::NoReleaseDate)?;
    if let Some(since) = options.since.filter(|s| date < *s) {
        return Err(Exclusion::BeforeSince(since));
    }
    if let Some(until) = options.until.filter(|u| date > *u) {
        return Err(Exclusion::AfterUntil(until));
    }
    let n_params = options.basis.size_of(model).ok_or(Exclusion::NoParams)?;
    let benches: &[String] = if options.task == AVERAGE {
        &options.benchmarks
    } else {
        std::slice::from_ref(&options.task)
    };
    let mut sum = 0.0;
    let mut missing: Vec<&str> = Vec::new();
    for b in benches {
        match model.scores.get(b) {
            Some(v) => sum += v,
            None => missing.push(b),
        }
    }
    if !missing.is_empty() {
        return Err(Exclusion::MissingBenchmark(missing.join(", ")));
    }
    let score = sum / benches.len() as f64;
    out.score = Some(score);
    let n_hat = match options.aggregate {
        Aggregate::MeanScore => {
            let (loss_hat, n_hat) = invert(fits, &options.task, score, options.d0_tokens)?;
            out.loss_hat = Some(loss_hat);
            n_hat
        }
        Aggregate::GeoMeanDensity if benches.len() == 1 => {
            let (loss_hat, n_hat) = invert(fits, &benches[0], score, options.d0_tokens)?;
            out.loss_hat = Some(loss_hat);
            n_hat
        }
        Aggregate::GeoMeanDensity => {
            let mut log_sum = 0.0;
            for b in benches {
                log_sum += invert(fits, b, score_of(model, b)?, options.d0_tokens)?
                    .1
                    .ln();
            }
            (log_sum / benches.len() as f64).exp()
        }
    };
    out.n_hat = Some(n_hat);
    out.density = Some(n_hat / n_params);
    Ok(())
}
