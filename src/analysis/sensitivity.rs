//! Sensitivity of the doubling time to each choice (issue 6): the data budget D₀ swept
//! over 1e11–1e13 tokens, each frontier rule, each benchmark set and aggregation with
//! fits, and each frontier model left out (which models carry the result). Every case is
//! the full analysis re-run with one choice changed; its interval is the regression's
//! Student-t interval, or a models-resampled bootstrap when asked.

use super::{Aggregate, BootstrapOptions, FrontierRule, Options, analyze, bootstrap};
use crate::data::{AVERAGE, BENCHMARKS, Dataset};
use crate::law::Fits;
use serde::{Deserialize, Serialize};

/// The D₀ values swept by default (tokens): 1e11 to 1e13, three per decade.
pub const D0_SWEEP_TOKENS: [f64; 7] = [1e11, 2e11, 5e11, 1e12, 2e12, 5e12, 1e13];

/// One case of the sensitivity table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivityRow {
    /// `baseline`, `d0`, `frontier`, `benchmarks` or `leave-one-out`.
    pub group: String,
    pub case: String,
    /// Models on the frontier (points of the regression).
    pub n_frontier: usize,
    pub slope_per_day: Option<f64>,
    pub doubling_days: Option<f64>,
    pub doubling_days_low: Option<f64>,
    pub doubling_days_high: Option<f64>,
    pub doubling_high_unbounded: bool,
}

/// How to compute the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivityOptions {
    pub d0_tokens: Vec<f64>,
    /// Models-resampled bootstrap intervals (laws held fixed) instead of Student-t.
    pub bootstrap: Option<BootstrapOptions>,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        SensitivityOptions {
            d0_tokens: D0_SWEEP_TOKENS.to_vec(),
            bootstrap: None,
        }
    }
}

impl SensitivityOptions {
    /// The interval method, in words.
    pub fn method(&self) -> String {
        match &self.bootstrap {
            Some(b) => format!(
                "95% bootstrap percentile interval, models resampled, laws fixed, {} replicates, seed {}",
                b.n_replicates, b.seed
            ),
            None => "95% Student-t interval of the slope, n - 2 degrees of freedom".into(),
        }
    }
}

fn row(
    group: &str,
    case: String,
    data: &Dataset,
    fits: &Fits,
    o: &Options,
    s: &SensitivityOptions,
) -> SensitivityRow {
    let a = analyze(data, fits, o);
    let mut out = SensitivityRow {
        group: group.into(),
        case,
        n_frontier: a.frontier.len(),
        slope_per_day: None,
        doubling_days: None,
        doubling_days_low: None,
        doubling_days_high: None,
        doubling_high_unbounded: true,
    };
    let Some(r) = &a.regression else { return out };
    out.slope_per_day = Some(r.slope_per_day);
    out.doubling_days = r.doubling_days;
    match &s.bootstrap {
        None => {
            out.doubling_days_low = r.doubling_days_low;
            out.doubling_days_high = r.doubling_days_high;
            out.doubling_high_unbounded = r.doubling_high_unbounded;
        }
        Some(b) => {
            let b = BootstrapOptions {
                refit_laws: false,
                ..*b
            };
            if let Some(i) = bootstrap(data, fits, o, &a, &b, None)
                .ok()
                .and_then(|u| u.regression)
            {
                out.doubling_days_low = i.doubling_days_low;
                out.doubling_days_high = i.doubling_days_high;
                out.doubling_high_unbounded = i.doubling_high_unbounded;
            }
        }
    }
    out
}

/// The sensitivity table of `(dataset, fits, options)`: the baseline first, then each
/// group. Benchmark cases appear only for tasks `fits` has laws for.
pub fn sensitivity(
    dataset: &Dataset,
    fits: &Fits,
    options: &Options,
    s: &SensitivityOptions,
) -> Vec<SensitivityRow> {
    let mut rows = vec![row(
        "baseline",
        "as chosen".into(),
        dataset,
        fits,
        options,
        s,
    )];
    for &d0 in &s.d0_tokens {
        let o = Options {
            d0_tokens: d0,
            ..options.clone()
        };
        let case = format!("D0 = {}", crate::format::format_count(d0));
        rows.push(row("d0", case, dataset, fits, &o, s));
    }
    for rule in [
        FrontierRule::Record,
        FrontierRule::All,
        FrontierRule::Quantile(0.9),
    ] {
        let o = Options {
            frontier: rule,
            ..options.clone()
        };
        rows.push(row("frontier", rule.label(), dataset, fits, &o, s));
    }
    let has = |t: &str| fits.tasks.contains_key(t);
    let all_benchmarks: Vec<String> = BENCHMARKS.iter().map(|b| b.to_string()).collect();
    let mut sets: Vec<(String, String, Aggregate, Vec<String>)> = Vec::new();
    if has(AVERAGE) {
        sets.push((
            "average, mean-score".into(),
            AVERAGE.into(),
            Aggregate::MeanScore,
            all_benchmarks.clone(),
        ));
    }
    if all_benchmarks.iter().all(|b| has(b)) {
        sets.push((
            "average, geo-mean-density".into(),
            AVERAGE.into(),
            Aggregate::GeoMeanDensity,
            all_benchmarks.clone(),
        ));
    }
    for b in BENCHMARKS.iter().filter(|b| has(b)) {
        sets.push((
            b.to_string(),
            b.to_string(),
            Aggregate::MeanScore,
            all_benchmarks.clone(),
        ));
    }
    for (case, task, aggregate, benchmarks) in sets {
        let o = Options {
            task,
            aggregate,
            benchmarks,
            ..options.clone()
        };
        rows.push(row("benchmarks", case, dataset, fits, &o, s));
    }
    for &k in &analyze(dataset, fits, options).frontier {
        let mut d = dataset.clone();
        let name = d.models.remove(k).name;
        rows.push(row(
            "leave-one-out",
            format!("without {name}"),
            &d,
            fits,
            options,
            s,
        ));
    }
    rows
}
