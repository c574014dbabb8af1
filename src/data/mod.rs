//! The table model (DESIGN §2: `Dataset`), the CSV reader, the embedded sample and the
//! parameter files. Fuller loaders (Parquet, JSON, evaluation-tool outputs) come later.

mod columns;
mod params;
mod reader;
mod sample;

pub use columns::{Role, normalize_header};
pub use params::{parse_params, read_params_file};
pub use reader::{
    Loaded, read_checkpoints, read_dir, read_ladder, read_models, read_path,
    read_text as read_file_text,
};
pub use sample::{PARAMS_JSON as SAMPLE_PARAMS_JSON, sample};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

/// The five benchmarks of the paper's average (DESIGN §1.4), in display order.
pub const BENCHMARKS: [&str; 5] = ["mmlu", "bbh", "math", "humaneval", "mbpp"];
/// The task name of the mean of the selected benchmarks.
pub const AVERAGE: &str = "average";

/// One evaluated model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub name: String,
    pub family: Option<String>,
    pub release_date: Option<NaiveDate>,
    /// Parameter count (raw count, not billions).
    pub n_params: Option<f64>,
    /// Benchmark → score in points (0–100).
    pub scores: BTreeMap<String, f64>,
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
}

impl Dataset {
    /// Ladder points of one task, as fitter input.
    pub fn loss_points(&self, task: &str) -> Vec<crate::fit::LossPoint> {
        self.ladder
            .iter()
            .filter(|r| r.task == task)
            .map(|r| crate::fit::LossPoint {
                n_params: r.n_params,
                n_tokens: r.n_tokens,
                loss: r.loss,
            })
            .collect()
    }

    /// Sigmoid checkpoints of one task, as fitter input.
    pub fn score_points(&self, task: &str) -> Vec<crate::fit::ScorePoint> {
        self.checkpoints
            .iter()
            .filter(|r| r.task == task)
            .map(|r| crate::fit::ScorePoint {
                loss: r.loss,
                score: r.score,
            })
            .collect()
    }
}

/// Why a file could not be read. Every message names the file and, where there is one,
/// the line and column, and says what was expected.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DataError {
    #[error("{path}: cannot read: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path}: no data rows (expected a header line and at least one row)")]
    Empty { path: String },
    #[error("{path}: no column for {role} (expected a column named one of: {expected})")]
    MissingColumn {
        path: String,
        role: &'static str,
        expected: String,
    },
    #[error("{path}: line {line}, column '{column}': got '{value}', expected {expected}")]
    BadValue {
        path: String,
        line: u64,
        column: String,
        value: String,
        expected: String,
    },
    #[error("{path}: line {line}: {reason}")]
    BadRow {
        path: String,
        line: u64,
        reason: String,
    },
    #[error("{path}: {reason}")]
    BadParams { path: String, reason: String },
}
