//! Per-model effective size and density (DESIGN §1.3–1.4).

pub use super::exclusion::Exclusion;
use super::filters::DateKind;
use super::guards::{self, ReferenceRange};
use super::{Aggregate, Options};
use crate::data::{AVERAGE, Model};
use crate::law::DomainError;
use crate::law::Fits;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// The factor one score point moves N̂ by, `exp(|d ln N̂/dS|)` (issue 20).
    #[serde(default)]
    pub sensitivity: Option<f64>,
    /// The score lies outside the reference's measured scores: how far N̂ lies beyond its
    /// sizes (1 when inside them). `None`: an interpolation.
    #[serde(default)]
    pub extrapolation: Option<f64>,
    /// The sensitivity reaches the guard's threshold: drawn hollow, left out of the
    /// regression unless asked.
    #[serde(default)]
    pub unreliable: bool,
}

/// Score of one benchmark, or why there is none.
fn score_of(model: &Model, bench: &str) -> Result<f64, Exclusion> {
    model
        .scores
        .get(bench)
        .copied()
        .ok_or_else(|| Exclusion::MissingBenchmark(bench.to_string()))
}

/// One inversion: L̂ (a ladder only), N̂, and `d ln N̂ / dS`.
struct Inversion {
    loss_hat: Option<f64>,
    n_hat: f64,
    dln_ds: f64,
    extrapolation: Option<f64>,
}

type Ranges = BTreeMap<String, ReferenceRange>;

/// Inverts `score` through the reference of `task` (the family's curve when the reference
/// is a family, else the ladder's two laws), with the guards.
fn invert(
    fits: &Fits,
    ranges: &Ranges,
    task: &str,
    score: f64,
    options: &Options,
) -> Result<Inversion, Exclusion> {
    let domain = |error| Exclusion::Domain {
        task: task.to_string(),
        error,
    };
    let range = ranges.get(task);
    if let Some((chance, fitted)) = range.and_then(|r| Some((r.chance?, r.chance_fitted)))
        && score < chance + options.guards.chance_margin
    {
        return Err(Exclusion::NearChance {
            task: task.to_string(),
            score,
            chance,
            margin: options.guards.chance_margin,
            fitted,
        });
    }
    let family = fits.family.as_ref().and_then(|f| f.tasks.get(task));
    let (loss_hat, n_hat, dln_ds) = match family {
        Some(ft) => {
            let curve = match (&ft.curve, &ft.refused) {
                (Some(c), None) => c,
                (_, Some(reason)) => {
                    return Err(Exclusion::FamilyRefused {
                        task: task.to_string(),
                        reason: reason.clone(),
                    });
                }
                (None, None) => return Err(Exclusion::NoFits(task.to_string())),
            };
            let ln_n = curve.ln_n_for_score(score).map_err(domain)?;
            let n_hat = ln_n.exp();
            if !(n_hat.is_finite() && n_hat.is_normal()) {
                return Err(domain(DomainError::EffectiveSizeOutOfRange {
                    log10_n_hat: ln_n / std::f64::consts::LN_10,
                    alpha: f64::NAN,
                }));
            }
            (None, n_hat, curve.dln_n_dscore(score))
        }
        None => {
            let fit = fits
                .tasks
                .get(task)
                .ok_or_else(|| Exclusion::NoFits(task.to_string()))?;
            let loss_hat = fit.sigmoid.loss_for_score(score).map_err(domain)?;
            let n_hat = fit
                .loss
                .effective_params(loss_hat, options.d0_tokens)
                .map_err(domain)?;
            let dln = guards::ladder_dln_n_dscore(fit, score, loss_hat, options.d0_tokens);
            (Some(loss_hat), n_hat, dln)
        }
    };
    let mut extrapolation = None;
    if let Some(r) = range
        && (score < r.score_min || score > r.score_max)
    {
        let beyond = guards::beyond(r, n_hat);
        let factor = options.guards.extrapolation_factor;
        if beyond > factor && (r.family || options.guards.exclude_ladder_extrapolation) {
            return Err(Exclusion::FarExtrapolation {
                task: task.to_string(),
                n_hat,
                beyond,
                factor,
            });
        }
        extrapolation = Some(beyond);
    }
    Ok(Inversion {
        loss_hat,
        n_hat,
        dln_ds,
        extrapolation,
    })
}

/// Every model's result (the guards' ranges computed once).
pub(super) fn evaluate_all(
    dataset: &crate::data::Dataset,
    fits: &Fits,
    options: &Options,
) -> Vec<ModelResult> {
    let ranges = guards::ranges(dataset, fits, options);
    dataset
        .models
        .iter()
        .map(|m| evaluate(m, fits, &ranges, options))
        .collect()
}

fn evaluate(model: &Model, fits: &Fits, ranges: &Ranges, options: &Options) -> ModelResult {
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
        sensitivity: None,
        extrapolation: None,
        unreliable: false,
    };
    if let Err(reason) = fill(&mut out, model, fits, ranges, options) {
        out.excluded = Some(reason);
    }
    out
}

fn fill(
    out: &mut ModelResult,
    model: &Model,
    fits: &Fits,
    ranges: &Ranges,
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
    // Only the regression needs a date (issue 20): an undated model still gets N̂ and ρ.
    let date = out.release_date;
    if let Some(since) = options.since.filter(|s| date.is_some_and(|d| d < *s)) {
        return Err(Exclusion::BeforeSince(since));
    }
    if let Some(until) = options.until.filter(|u| date.is_some_and(|d| d > *u)) {
        return Err(Exclusion::AfterUntil(until));
    }
    let n_params = options.basis.size_of(model).ok_or(Exclusion::NoParams)?;
    let Some(score) = score else {
        return Err(Exclusion::MissingBenchmark(missing.join(", ")));
    };
    let inv = match options.aggregate {
        Aggregate::MeanScore => invert(fits, ranges, &options.task, score, options)?,
        Aggregate::GeoMeanDensity if benches.len() == 1 => {
            invert(fits, ranges, &benches[0], score, options)?
        }
        Aggregate::GeoMeanDensity => {
            // ln N̂ is the mean of the benchmarks' ln N̂: one point on benchmark b moves
            // it by (d ln N̂_b/dS_b)/B; the sensitivity is the largest of these.
            let k = benches.len() as f64;
            let (mut log_sum, mut dln, mut extrapolation) = (0.0, 0.0f64, None::<f64>);
            for b in benches {
                let one = invert(fits, ranges, b, score_of(model, b)?, options)?;
                log_sum += one.n_hat.ln();
                dln = dln.max(one.dln_ds.abs() / k);
                if let Some(e) = one.extrapolation {
                    extrapolation = Some(extrapolation.map_or(e, |x| x.max(e)));
                }
            }
            Inversion {
                loss_hat: None,
                n_hat: (log_sum / k).exp(),
                dln_ds: dln,
                extrapolation,
            }
        }
    };
    out.loss_hat = inv.loss_hat;
    let n_hat = inv.n_hat;
    let density = n_hat / (n_params * super::inference::cost_factor(model, options)?);
    // ln ρ must be finite for the frontier and the regression.
    if !(density.is_finite() && density > 0.0) {
        return Err(Exclusion::DensityOutOfRange { n_hat, n_params });
    }
    out.n_hat = Some(n_hat);
    out.density = Some(density);
    let sensitivity = inv.dln_ds.abs().exp();
    out.sensitivity = Some(sensitivity);
    // NaN sensitivity counts as unreliable.
    out.unreliable = sensitivity.is_nan() || sensitivity >= options.guards.unreliable_factor;
    out.extrapolation = inv.extrapolation;
    if let Some(family) = &fits.family
        && family.members.iter().any(|m| m.name == model.name)
    {
        return Err(Exclusion::ReferenceMember(family.name.clone()));
    }
    if date.is_none() {
        return Err(Exclusion::NoReleaseDate);
    }
    Ok(())
}
