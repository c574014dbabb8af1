//! The analysis (DESIGN §1.3–1.5, §2): a pure function of (dataset, fits, options) giving
//! each model's implied loss, effective size and density (or why it has none), the
//! frontier and the regression of ln ρ on time. Fast enough to run every frame.

mod density;
mod frontier;
pub mod ladder_holdout;
mod regression;
mod sensitivity;
pub mod student_t;
pub mod uncertainty;
mod uncertainty_summary;

pub use density::{Exclusion, ModelResult};
pub use frontier::FrontierRule;
pub use regression::{Regression, ols};
pub use sensitivity::{D0_SWEEP_TOKENS, SensitivityOptions, SensitivityRow, sensitivity};
pub use uncertainty::{BootstrapOptions, UncertaintyError, bootstrap};
pub use uncertainty_summary::{
    Band, BreakpointIntervals, Interval, ModelInterval, SlopeIntervals, TaskIntervals, Uncertainty,
};

use crate::data::{AVERAGE, BENCHMARKS, Dataset};
use crate::law::{LossLaw, Sigmoid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The paper's default data budget D₀: 1T tokens.
pub const DEFAULT_D0_TOKENS: f64 = 1e12;
/// ChatGPT's release, the paper's breakpoint.
pub const CHATGPT_DATE: (i32, u32, u32) = (2022, 11, 30);

/// The two laws of one task.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TaskFit {
    pub loss: LossLaw,
    pub sigmoid: Sigmoid,
}

/// Fits per task (`average`, `mmlu`, …).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Fits {
    pub tasks: BTreeMap<String, TaskFit>,
}

/// How scores of several benchmarks become one density (DESIGN §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregate {
    /// Mean of the selected benchmarks' scores, inverted through the `average` fits.
    #[default]
    MeanScore,
    /// Per-benchmark densities combined by geometric mean (needs every benchmark's fits).
    GeoMeanDensity,
}

impl Aggregate {
    pub fn name(self) -> &'static str {
        match self {
            Aggregate::MeanScore => "mean-score",
            Aggregate::GeoMeanDensity => "geo-mean-density",
        }
    }
}

/// Every user choice the analysis depends on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// `average` or one benchmark.
    pub task: String,
    /// The benchmarks the `average` task combines.
    pub benchmarks: Vec<String>,
    pub aggregate: Aggregate,
    pub frontier: FrontierRule,
    pub d0_tokens: f64,
    pub ref_date: NaiveDate,
    pub breakpoint: Option<NaiveDate>,
    /// Models released before this date are left out.
    pub since: Option<NaiveDate>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            task: AVERAGE.into(),
            benchmarks: BENCHMARKS.iter().map(|b| b.to_string()).collect(),
            aggregate: Aggregate::MeanScore,
            frontier: FrontierRule::Record,
            d0_tokens: DEFAULT_D0_TOKENS,
            ref_date: NaiveDate::from_ymd_opt(2023, 2, 24).expect("valid constant date"),
            breakpoint: None,
            since: None,
        }
    }
}

impl Options {
    /// The tasks whose fits this analysis needs.
    pub fn needed_tasks(&self) -> Vec<String> {
        if self.task == AVERAGE && self.aggregate == Aggregate::GeoMeanDensity {
            self.benchmarks.clone()
        } else {
            vec![self.task.clone()]
        }
    }

    /// The task whose laws the loss and sigmoid views show (and export): the first
    /// needed task.
    pub fn view_task(&self) -> String {
        self.needed_tasks()
            .into_iter()
            .next()
            .unwrap_or_else(|| AVERAGE.to_string())
    }
}

/// Slopes on each side of a breakpoint date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakpointFit {
    pub date: NaiveDate,
    pub before: Option<Regression>,
    pub after: Option<Regression>,
    /// after slope / before slope, when both exist.
    pub ratio: Option<f64>,
}

/// The result of the analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// One entry per dataset model, in dataset order.
    pub models: Vec<ModelResult>,
    /// Indices (into `models`) of the frontier, in date order.
    pub frontier: Vec<usize>,
    /// The regression on the frontier; `None` with fewer than 2 frontier models.
    pub regression: Option<Regression>,
    pub breakpoint: Option<BreakpointFit>,
}

/// Runs the analysis. Pure: the same inputs give the same output, bit for bit.
pub fn analyze(dataset: &Dataset, fits: &Fits, options: &Options) -> Analysis {
    let mut models: Vec<ModelResult> = dataset
        .models
        .iter()
        .map(|m| density::evaluate(m, fits, options))
        .collect();
    let frontier = frontier::select(&models, options.frontier);
    for &i in &frontier {
        models[i].on_frontier = true;
    }
    let points = |keep: &dyn Fn(&ModelResult) -> bool| -> Vec<(f64, f64)> {
        frontier
            .iter()
            .map(|&i| &models[i])
            .filter(|m| keep(m))
            .filter_map(|m| Some((m.days_since_ref?, m.density?.ln())))
            .collect()
    };
    let regression = ols(&points(&|_| true));
    let breakpoint = options.breakpoint.map(|date| {
        let before = ols(&points(&|m| m.release_date.is_some_and(|d| d < date)));
        let after = ols(&points(&|m| m.release_date.is_some_and(|d| d >= date)));
        let ratio = match (&before, &after) {
            (Some(b), Some(a)) => Some(a.slope_per_day / b.slope_per_day),
            _ => None,
        };
        BreakpointFit {
            date,
            before,
            after,
            ratio,
        }
    });
    Analysis {
        models,
        frontier,
        regression,
        breakpoint,
    }
}
