//! Per-model effective size and density (DESIGN §1.3–1.4).

use super::filters::DateKind;
use super::{Aggregate, Options};
use crate::data::{AVERAGE, Model};
use crate::law::DomainError;
use crate::law::Fits;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a model has no density. Shown to users as the model's exclusion reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Exclusion {
    NoReleaseDate,
    NoParams,
    /// The `average` task with an empty benchmark selection: no score to invert.
    NoBenchmarkSelected,
    /// ρ = N̂/N is not a finite positive number (N̂ or N at the edge of f64).
    DensityOutOfRange {
        n_hat: f64,
        n_params: f64,
    },
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
    /// Left out by `--only` / `--exclude`, with the filter word.
    Filtered(String),
    /// The inference basis without the model's tokens per answer on the task.
    NoTokensPerAnswer(String),
    /// The inference basis without the reference's tokens per answer (T_ref) on the task.
    NoReferenceTokens(String),
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exclusion::NoReleaseDate => write!(f, "no release date"),
            Exclusion::NoParams => write!(f, "no parameter count"),
            Exclusion::NoBenchmarkSelected => {
                write!(f, "no benchmark selected for the average")
            }
            Exclusion::DensityOutOfRange { n_hat, n_params } => write!(
                f,
                "density N̂/N = {n_hat:e}/{n_params:e} is outside the range of a 64-bit float"
            ),
            Exclusion::BeforeSince(d) => write!(f, "released before the --since date {d}"),
            Exclusion::AfterUntil(d) => write!(f, "released after the --until date {d}"),
            Exclusion::MissingBenchmark(b) => write!(f, "no score for {b}"),
            Exclusion::NoFits(t) => write!(
                f,
                "no reference laws for {t}: load a ladder and checkpoints, or a params file"
            ),
            Exclusion::Domain { task, error } => write!(f, "{task}: {error}"),
            Exclusion::Filtered(why) => write!(f, "filtered: {why}"),
            Exclusion::NoTokensPerAnswer(t) => write!(
                f,
                "no tokens per answer on {t} (the inference basis needs a tokens_per_answer column)"
            ),
            Exclusion::NoReferenceTokens(t) => write!(
                f,
                "the reference gives no tokens per answer on {t}: give T_ref (--t-ref)"
            ),
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
    /// The kind of date `release_date` is: a release date, or (with `--dates-from`) a hub
    /// upload or submission date.
    #[serde(default, skip_serializing_if = "DateKind::is_release")]
    pub date_kind: DateKind,
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
    let (date, date_kind) = options.dates_from.date_of(model);
    let days_since_ref = date.map(|d| (d - options.ref_date).num_days() as f64);
    let mut out = ModelResult {
        release_date: date,
        n_params: options.basis.size_of(model),
        score: None,
        loss_hat: None,
        n_hat: None,
        density: None,
        days_since_ref,
        excluded: None,
        on_frontier: false,
        date_kind,
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
    let benches: &[String] = if options.task == AVERAGE {
        &options.benchmarks
    } else {
        std::slice::from_ref(&options.task)
    };
    if benches.is_empty() {
        return Err(Exclusion::NoBenchmarkSelected);
    }
    let mut sum = 0.0;
    let mut missing: Vec<&str> = Vec::new();
    for b in benches {
        match model.scores.get(b) {
            Some(v) => sum += v,
            None => missing.push(b),
        }
    }
    // The score shows whenever the model has every selected benchmark, even when it has
    // no density (no date, no size, no laws).
    let score = (missing.is_empty() && !benches.is_empty()).then(|| sum / benches.len() as f64);
    out.score = score;
    if let Some(why) = super::filters::filtered_out(model, &options.only, &options.exclude) {
        return Err(Exclusion::Filtered(why));
    }
    let date = out.release_date.ok_or(Exclusion::NoReleaseDate)?;
    if let Some(since) = options.since.filter(|s| date < *s) {
        return Err(Exclusion::BeforeSince(since));
    }
    if let Some(until) = options.until.filter(|u| date > *u) {
        return Err(Exclusion::AfterUntil(until));
    }
    let n_params = options.basis.size_of(model).ok_or(Exclusion::NoParams)?;
    let Some(score) = score else {
        return Err(Exclusion::MissingBenchmark(missing.join(", ")));
    };
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
    let density = n_hat / (n_params * super::inference::cost_factor(model, options)?);
    // ln ρ must be finite for the frontier and the regression.
    if !(density.is_finite() && density > 0.0) {
        return Err(Exclusion::DensityOutOfRange { n_hat, n_params });
    }
    out.n_hat = Some(n_hat);
    out.density = Some(density);
    Ok(())
}
