//! The table model (DESIGN §2: `Dataset`): models, ladder rows, checkpoints, and the plain
//! types every reader fills (units, dates, the task table, the load report). It reads no
//! file; the readers in [`crate::data::read`] build it.

pub mod dates;
pub mod dates_join;
pub mod derived;
pub mod families;
pub mod loss_unit;
pub mod name_size;
pub mod names;
pub mod observations;
pub mod report;
pub mod task_names;
pub mod tasks;
pub mod units;

use chrono::NaiveDate;
use loss_unit::{LossUnit, same_unit};
use observations::{LossPoint, ScorePoint};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use thiserror::Error;

/// The five benchmarks of the paper's average (DESIGN §1.4), in display order: the
/// default benchmarks of the average (any task present can be chosen instead).
pub const BENCHMARKS: [&str; 5] = ["mmlu", "bbh", "math", "humaneval", "mbpp"];
/// The task name of the mean of the selected benchmarks.
pub const AVERAGE: &str = "average";
/// The key of `ModelInfo::tokens_per_answer` a file's one value for every task goes under.
pub const ANY_TASK_TOKENS: &str = "*";

/// One evaluated model.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Model {
    pub name: String,
    pub family: Option<String>,
    pub release_date: Option<NaiveDate>,
    /// Parameter count (raw count, not billions); for a mixture of experts, the total.
    pub n_params: Option<f64>,
    /// Benchmark → score in points (0–100).
    pub scores: BTreeMap<String, f64>,
    /// Parameters active per token of a mixture-of-experts model (raw count). `None`: a
    /// dense model (the same as the total), or an active count the file did not give (the
    /// load report lists those).
    #[serde(default)]
    pub n_params_active: Option<f64>,
    /// Where `release_date` came from (DESIGN §4: dates carry their provenance).
    #[serde(default, skip_serializing_if = "DateSource::is_column")]
    pub date_source: DateSource,
    /// What a file says about the model besides its scores, size and release date
    /// (leaderboard metadata, lineage, run sizes); empty for a plain table.
    #[serde(default, skip_serializing_if = "ModelInfo::is_empty")]
    pub info: ModelInfo,
}

/// Where a model's release date came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The data's own release-date column (or no date at all).
    #[default]
    Column,
    /// A dates table joined by normalised name; the file it came from.
    DatesTable(String),
    /// The embedded table of base-model release dates; the source it cites.
    Embedded(String),
}

impl DateSource {
    pub fn is_column(&self) -> bool {
        matches!(self, DateSource::Column)
    }
}

/// A run scored on fewer samples than its task has (lm-eval's `--limit`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SampleCount {
    pub effective: u64,
    pub original: u64,
}

/// Metadata a file may give about a model. Every field is optional: a reader fills what its
/// format has, and the analysis' filters and views use what is there.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ModelInfo {
    /// Kind of model as the file says: "pretrained", "continuously pretrained",
    /// "fine-tuned", "chat", "merge", … (normalised to lower case).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_type: Option<String>,
    /// The provider is the model's official author (the leaderboard's "Official Providers").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub official: Option<bool>,
    /// Flagged by the leaderboard (contamination or a rule broken).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flagged: Option<bool>,
    /// A merge of other models (the leaderboard's "Merged" / "Not_Merged").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged: Option<bool>,
    /// Date the model was uploaded to a hub: not a release date, used only when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upload_date: Option<NaiveDate>,
    /// Date the model was submitted to a leaderboard: not a release date, used only when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submission_date: Option<NaiveDate>,
    /// The model this one was made from (a base-model column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_model: Option<String>,
    /// How it was made from `base_model`: "fine-tune", "merge", "quantised", "pruned",
    /// "distilled", … where the file says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived_kind: Option<String>,
    /// Task → mean tokens generated per answer (for the per-inference-cost basis).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tokens_per_answer: BTreeMap<String, f64>,
    /// Task → samples scored, where a run was limited to fewer than the task has.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub samples: BTreeMap<String, SampleCount>,
}

impl ModelInfo {
    pub fn is_empty(&self) -> bool {
        *self == ModelInfo::default()
    }
}

impl Model {
    /// True for a mixture of experts whose active count is known and below its total.
    pub fn is_moe(&self) -> bool {
        self.n_params_active
            .is_some_and(|a| self.n_params.is_none_or(|n| a < n))
    }
}

/// One reference-ladder observation of a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LadderRow {
    pub task: String,
    pub n_params: f64,
    pub n_tokens: f64,
    pub loss: f64,
}

/// One sigmoid checkpoint (loss, score) of a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckpointRow {
    pub task: String,
    pub loss: f64,
    pub score: f64,
}

/// Everything the analysis reads.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Dataset {
    pub models: Vec<Model>,
    pub ladder: Vec<LadderRow>,
    pub checkpoints: Vec<CheckpointRow>,
    /// Where the data came from, for reports.
    pub origin: String,
    /// Unit of the ladder's losses.
    #[serde(default)]
    pub loss_unit: LossUnit,
    /// Unit of the checkpoints' losses (a fit refuses to mix it with `loss_unit`).
    #[serde(default)]
    pub checkpoint_unit: LossUnit,
    /// The real reference ladder the ladder and checkpoints come from (an OLMo ladder-runs
    /// folder), or `None` when they are the data's own (the embedded synthetic sample's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Reference>,
}

/// A real reference ladder: what the densities are relative to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// As reports name it: "the OLMo ladder (DIR)".
    pub name: String,
    /// The ladder-runs folder (empty for a family).
    pub dir: std::path::PathBuf,
    /// A model family of the data as the reference (issue 20): no ladder, no D₀.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub family: bool,
}

impl Dataset {
    /// The one loss unit of the ladder and the checkpoints, or why they cannot be fitted
    /// together.
    pub fn unit(&self) -> Result<LossUnit, String> {
        same_unit(
            "ladder losses",
            self.loss_unit,
            "sigmoid checkpoints' losses",
            self.checkpoint_unit,
        )
    }

    /// What the densities are relative to, as every view and report names it:
    /// "densities relative to the OLMo ladder (DIR), D₀ = 1T tokens".
    pub fn reference_line(&self, d0_tokens: f64) -> String {
        let d0 = crate::format::format_count(d0_tokens);
        match &self.reference {
            Some(r) if r.family => format!(
                "densities relative to {}, at the family's own training budget",
                r.name
            ),
            Some(r) => format!("densities relative to {}, D₀ = {d0} tokens", r.name),
            None => format!("densities relative to the data's own ladder, D₀ = {d0} tokens"),
        }
    }

    /// Ladder points of one task, as fitter input.
    pub fn loss_points(&self, task: &str) -> Vec<LossPoint> {
        self.ladder
            .iter()
            .filter(|r| r.task == task)
            .map(|r| LossPoint {
                n_params: r.n_params,
                n_tokens: r.n_tokens,
                loss: r.loss,
            })
            .collect()
    }

    /// Sigmoid checkpoints of one task, as fitter input.
    pub fn score_points(&self, task: &str) -> Vec<ScorePoint> {
        self.checkpoints
            .iter()
            .filter(|r| r.task == task)
            .map(|r| ScorePoint {
                loss: r.loss,
                score: r.score,
            })
            .collect()
    }
}

/// Where in a file: a line of a text table (the header is line 1) or a record of a
/// Parquet/JSON table (the first record is row 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pos {
    Line(u64),
    Row(u64),
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pos::Line(n) => write!(f, "line {n}"),
            Pos::Row(n) => write!(f, "row {n}"),
        }
    }
}

/// Why a file could not be read. Every message names the file and, where there is one,
/// the line (or row) and column, and says what was expected. A load that fails returns
/// only this: nothing half-loaded.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DataError {
    #[error("{path}: cannot read: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path}: no data rows (expected a header line and at least one row)")]
    Empty { path: String },
    #[error("{path}: not a table: {reason}")]
    NotATable { path: String, reason: String },
    #[error("{path}: no column for {role} (expected a column named one of: {expected})")]
    MissingColumn {
        path: String,
        role: &'static str,
        expected: String,
    },
    #[error(
        "{path}: the column '{column}' chosen for {role} is not in the file (columns: {available})"
    )]
    UnknownColumn {
        path: String,
        role: String,
        column: String,
        available: String,
    },
    #[error("{path}: column '{column}' holds {dtype}, expected {expected}")]
    WrongType {
        path: String,
        column: String,
        dtype: String,
        expected: String,
    },
    #[error("{path}: {at}, column '{column}': got '{value}', expected {expected}")]
    BadValue {
        path: String,
        at: Pos,
        column: String,
        value: String,
        expected: String,
    },
    #[error("{path}: {at}: {reason}")]
    BadRow {
        path: String,
        at: Pos,
        reason: String,
    },
    #[error("{path}: all {rows} rows were skipped; the first: {first}")]
    NoValidRows {
        path: String,
        rows: usize,
        first: String,
    },
    #[error(
        "{path}: {at}: duplicate model name '{model}' with different values than at {first} ({detail})"
    )]
    Conflict {
        path: String,
        model: String,
        at: Pos,
        first: Pos,
        detail: String,
    },
    #[error("{path}: {reason}")]
    BadParams { path: String, reason: String },
}
