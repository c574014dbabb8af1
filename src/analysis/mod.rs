//! The analysis (DESIGN §1.3–1.5, §2): a pure function of (dataset, fits, options) giving
//! each model's implied loss, effective size and density (or why it has none), the
//! frontier and the regression of ln ρ on time. Fast enough to run every frame.

mod density;
mod exclusion;
pub mod filters;
mod frontier;
mod guards;
pub mod holdout_table;
pub mod inference;
pub mod iso;
pub mod ladder_holdout;
pub mod lineage;
mod regression;
mod sensitivity;
pub mod student_t;
pub mod uncertainty;
mod uncertainty_summary;

pub use density::{Exclusion, ModelResult};
pub use frontier::FrontierRule;
pub use guards::{GuardOptions, ReferenceRange};
pub use regression::{Regression, ols};
pub use sensitivity::{D0_SWEEP_TOKENS, SensitivityOptions, SensitivityRow, sensitivity};
pub use uncertainty::{BootstrapOptions, UncertaintyError, bootstrap};
pub use uncertainty_summary::{
    Band, BreakpointIntervals, Interval, ModelInterval, SlopeIntervals, TaskIntervals, Uncertainty,
};

use crate::data::{AVERAGE, BENCHMARKS, Dataset};
use crate::law::Fits;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The paper's default data budget D₀: 1T tokens.
pub const DEFAULT_D0_TOKENS: f64 = 1e12;
/// ChatGPT's release, the paper's breakpoint.
pub const CHATGPT_DATE: (i32, u32, u32) = (2022, 11, 30);

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

/// Which frontier the breakpoint's two slopes are fitted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BreakpointFrontier {
    /// The whole-timeline frontier, split at the date (the paper's reading): a model after
    /// the date is on it only when denser than every model before.
    #[default]
    Whole,
    /// A frontier selected on each side alone: the first models after the date start
    /// their own record.
    PerSide,
}

impl BreakpointFrontier {
    pub fn name(self) -> &'static str {
        match self {
            BreakpointFrontier::Whole => "whole",
            BreakpointFrontier::PerSide => "per-side",
        }
    }

    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "whole" => Ok(BreakpointFrontier::Whole),
            "per-side" => Ok(BreakpointFrontier::PerSide),
            _ => Err(format!(
                "'{s}' is not a breakpoint frontier (expected whole or per-side)"
            )),
        }
    }

    /// How the slopes use the frontier, in words (the README, the view and the report).
    pub fn describe(self) -> &'static str {
        match self {
            BreakpointFrontier::Whole => "slopes split one whole-timeline frontier",
            BreakpointFrontier::PerSide => "a frontier selected on each side",
        }
    }
}

/// What a density divides by (DESIGN §1.3): the total parameter count (the paper), or for
/// a mixture of experts the parameters active per token (its inference cost, as the
/// journal version of the paper counts them). Dense models are the same on both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    #[default]
    Total,
    Active,
    /// Per inference cost (issue 21 item 3): ρ_inf = (N̂ · T_ref) / (N_active · T).
    Inference,
}

impl Basis {
    pub const ALL: [Basis; 3] = [Basis::Total, Basis::Active, Basis::Inference];

    pub fn name(self) -> &'static str {
        match self {
            Basis::Total => "total",
            Basis::Active => "active",
            Basis::Inference => "inference",
        }
    }

    pub fn parse(s: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.name() == s)
    }

    /// The parameter count a model's density divides by on this basis.
    pub fn size_of(self, model: &crate::data::Model) -> Option<f64> {
        match self {
            Basis::Total => model.n_params,
            Basis::Active | Basis::Inference => model.n_params_active.or(model.n_params),
        }
    }

    /// How a view names the basis.
    pub fn describe(self) -> &'static str {
        match self {
            Basis::Total => "density per total parameter",
            Basis::Active => "density per active parameter (MoE: active per token)",
            Basis::Inference => {
                "density per inference cost: N_eff·T_ref / (N_active·T), T tokens per answer"
            }
        }
    }
}

/// Which models the density view names beside their points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointLabels {
    None,
    #[default]
    Frontier,
    All,
}

impl PointLabels {
    pub const ALL: [PointLabels; 3] = [PointLabels::None, PointLabels::Frontier, PointLabels::All];

    pub fn name(self) -> &'static str {
        match self {
            PointLabels::None => "none",
            PointLabels::Frontier => "frontier",
            PointLabels::All => "all",
        }
    }

    pub fn parse(s: &str) -> Option<PointLabels> {
        PointLabels::ALL.into_iter().find(|b| b.name() == s)
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
    /// The frontier the breakpoint's slopes use (sessions saved before it read as whole).
    #[serde(default)]
    pub breakpoint_frontier: BreakpointFrontier,
    /// Models released before this date are left out.
    pub since: Option<NaiveDate>,
    /// Models released after this date are left out.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Total or active parameters (sessions from before it: total).
    #[serde(default)]
    pub basis: Basis,
    /// Names on the density view (a view choice, saved with the options).
    #[serde(default)]
    pub labels: PointLabels,
    /// Models without a release date placed at their hub upload or submission date (only
    /// when asked; marked in every view).
    #[serde(default, skip_serializing_if = "filters::DatesFrom::is_release")]
    pub dates_from: filters::DatesFrom,
    /// Keep only models that are all of these (type words: any of them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only: Vec<filters::ModelFilter>,
    /// Leave out models that are any of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<filters::ModelFilter>,
    /// Guards of every inversion (issue 20; sessions from before them: the defaults).
    #[serde(default)]
    pub guards: GuardOptions,
    /// T_ref of the inference basis: the reference protocol's mean tokens per answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub t_ref: Option<f64>,
    /// The density view draws an arrow from each parent to its child (issue 21 item 2).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lineage_arrows: bool,
    /// The density view draws the paper's published doubling times as dashed lines.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub published_slopes: bool,
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
            breakpoint_frontier: BreakpointFrontier::Whole,
            since: None,
            until: None,
            basis: Basis::Total,
            labels: PointLabels::Frontier,
            dates_from: filters::DatesFrom::Release,
            only: Vec::new(),
            exclude: Vec::new(),
            guards: GuardOptions::default(),
            t_ref: None,
            lineage_arrows: false,
            published_slopes: false,
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

    /// Every task a model's score is inverted through: the needed tasks and, for the
    /// average, each of its benchmarks too (the guards and a family reference use them).
    pub fn inverted_tasks(&self) -> Vec<String> {
        let mut tasks = self.needed_tasks();
        if self.task == AVERAGE {
            tasks.extend(self.benchmarks.iter().cloned());
        }
        tasks
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
    pub frontier_rule: BreakpointFrontier,
    /// Indices (into `models`) of the models each side's fit uses, in date order.
    pub before_frontier: Vec<usize>,
    pub after_frontier: Vec<usize>,
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

impl Analysis {
    /// Why there is no regression, in words; `None` when there is one.
    pub fn regression_note(&self) -> Option<String> {
        if self.regression.is_some() {
            return None;
        }
        let with_density = self.models.iter().filter(|m| m.density.is_some()).count();
        let n_front = self.frontier.len();
        Some(if with_density == 0 {
            format!(
                "no model has a density (all {} excluded; each model's reason says why)",
                self.models.len()
            )
        } else if n_front < 2 {
            format!("{n_front} frontier model ({with_density} with a density): the line needs 2")
        } else {
            format!("the {n_front} frontier models share one release date")
        })
    }
}

/// Runs the analysis. Pure: the same inputs give the same output, bit for bit.
pub fn analyze(dataset: &Dataset, fits: &Fits, options: &Options) -> Analysis {
    let mut models = density::evaluate_all(dataset, fits, options);
    let masked = guards::for_regression(&models, options);
    let (frontier, regression, breakpoint) =
        frontier::frontier_and_regressions(masked.as_deref().unwrap_or(&models), options);
    for &i in &frontier {
        models[i].on_frontier = true;
    }
    // With a frontier per side, the models the two lines use are the ones highlighted.
    if let Some(b) = breakpoint
        .as_ref()
        .filter(|b| b.frontier_rule == BreakpointFrontier::PerSide)
    {
        for m in models.iter_mut() {
            m.on_frontier = false;
        }
        for &i in b.before_frontier.iter().chain(&b.after_frontier) {
            models[i].on_frontier = true;
        }
    }
    Analysis {
        models,
        frontier,
        regression,
        breakpoint,
    }
}
