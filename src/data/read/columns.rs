//! Column roles found by header name, with common synonyms, and the caller's overrides
//! ([`RoleMap`], saved with a session).

use crate::data::model::report::TableKind;
use crate::data::model::tasks::normalize_header;
use crate::data::model::units::{ScoreScale, SizeUnit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A column's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Model,
    Family,
    ReleaseDate,
    /// Parameter count: raw, in billions, or written like `7B` (decided per column).
    Params,
    /// Parameter count in billions.
    ParamsBillions,
    /// Parameters active per token (mixture of experts), raw, billions or like `3B`.
    ParamsActive,
    Tokens,
    TrainingFlop,
    Loss,
    Score,
    Task,
}

impl Role {
    /// Every role, in the order a column editor lists them.
    pub const ALL: [Role; 11] = [
        Role::Model,
        Role::ReleaseDate,
        Role::Params,
        Role::ParamsBillions,
        Role::ParamsActive,
        Role::Family,
        Role::Tokens,
        Role::TrainingFlop,
        Role::Loss,
        Role::Score,
        Role::Task,
    ];

    /// Normalised header names that mean this role (see [`normalize_header`]).
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Role::Model => &["model", "name", "modelname", "fullname", "modelid"],
            Role::Family => &["family", "modelfamily"],
            Role::ReleaseDate => &[
                "releasedate",
                "date",
                "released",
                "release",
                "releasedon",
                "publicationdate",
            ],
            Role::Params => &[
                "nparams",
                "params",
                "parameters",
                "modelsize",
                "size",
                "n",
                "numparams",
                "nparameters",
            ],
            Role::ParamsBillions => &[
                "paramsb",
                "sizeb",
                "nparamsb",
                "modelsizeb",
                "parametersb",
                "paramsbillions",
                "metadataparamsbillions",
            ],
            Role::ParamsActive => &[
                "nparamsactive",
                "activeparams",
                "activeparameters",
                "nactiveparams",
                "paramsactive",
                "activatedparams",
                "activatedparameters",
                "nparamsactiveb",
                "activeparamsb",
            ],
            Role::Tokens => &["ntokens", "tokens", "d", "datatokens", "trainingtokens"],
            Role::TrainingFlop => &[
                "trainingflop",
                "trainingflops",
                "flop",
                "flops",
                "compute",
                "c",
            ],
            Role::Loss => &["loss", "l", "finalloss"],
            Role::Score => &["score", "s", "accuracy"],
            Role::Task => &["task", "benchmark"],
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Role::Model => "the model name",
            Role::Family => "the model family",
            Role::ReleaseDate => "the release date",
            Role::Params => "the parameter count",
            Role::ParamsBillions => "the parameter count in billions",
            Role::ParamsActive => "the active parameter count (mixture of experts)",
            Role::Tokens => "the training tokens",
            Role::TrainingFlop => "the training FLOP",
            Role::Loss => "the loss",
            Role::Score => "the score",
            Role::Task => "the task",
        }
    }

    /// Index of the first header with this role.
    pub fn find(self, normalized_headers: &[String]) -> Option<usize> {
        normalized_headers
            .iter()
            .position(|h| self.synonyms().contains(&h.as_str()))
    }
}

/// The tasks a column can be named for (the one table in [`crate::data::model::tasks`]): the paper's
/// five, then the others.
pub fn known_benchmarks() -> impl Iterator<Item = &'static str> {
    crate::data::model::tasks::TASKS.iter().map(|t| t.id)
}

/// The task a header names, if any: `"MMLU"` → `mmlu`, `"hendrycksTest"` → `mmlu`,
/// `"MMLU-PRO"` → `mmlu_pro`, `"ARC(25-shot)"` → `arc_challenge`.
pub fn benchmark_for_header(header: &str) -> Option<&'static str> {
    crate::data::model::task_names::task_for_name(header)
}

/// The caller's choices, overriding what the loader finds by name: which column holds
/// each role or benchmark, the unit of sizes and scores, and the kind of table. Empty by
/// default (everything found by name); serialisable so a session can save it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleMap {
    /// Role → column header as written in the file.
    pub columns: BTreeMap<Role, String>,
    /// Benchmark name → column header; these replace the benchmark columns found by name.
    pub benchmarks: BTreeMap<String, String>,
    /// Benchmark (or `"score"` for a checkpoints table) → scale, instead of the guess.
    pub score_scales: BTreeMap<String, ScoreScale>,
    /// Unit of the parameter column, instead of the guess.
    pub size_unit: Option<SizeUnit>,
    /// Kind of table, instead of the guess from its columns.
    pub kind: Option<TableKind>,
}

impl RoleMap {
    pub fn is_empty(&self) -> bool {
        *self == RoleMap::default()
    }
}

/// The column of `role`: the caller's choice when there is one (an error when that column
/// is not in the file), else the first header among the role's synonyms.
pub(crate) fn locate(
    path: &str,
    headers: &[String],
    roles: &RoleMap,
    role: Role,
) -> Result<Option<usize>, crate::data::model::DataError> {
    match roles.columns.get(&role) {
        Some(name) => header_index(headers, name)
            .map(Some)
            .ok_or_else(|| unknown_column(path, headers, role.describe(), name)),
        None => {
            let norm: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
            Ok(role.find(&norm))
        }
    }
}

/// The index of a header named exactly `name`, else the first that normalises the same.
pub(crate) fn header_index(headers: &[String], name: &str) -> Option<usize> {
    headers.iter().position(|h| h == name).or_else(|| {
        let n = normalize_header(name);
        headers.iter().position(|h| normalize_header(h) == n)
    })
}

pub(crate) fn unknown_column(
    path: &str,
    headers: &[String],
    role: &str,
    name: &str,
) -> crate::data::model::DataError {
    crate::data::model::DataError::UnknownColumn {
        path: path.to_string(),
        role: role.to_string(),
        column: name.to_string(),
        available: headers.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_normalize_to_synonyms() {
        let h: Vec<String> = ["Model Size", "Training FLOP", "loss"]
            .iter()
            .map(|s| normalize_header(s))
            .collect();
        assert_eq!(Role::Params.find(&h), Some(0));
        assert_eq!(Role::TrainingFlop.find(&h), Some(1));
        assert_eq!(Role::Loss.find(&h), Some(2));
        assert_eq!(normalize_header("#Params (B)"), "paramsb");
        assert_eq!(Role::ParamsBillions.find(&["paramsb".into()]), Some(0));
    }

    #[test]
    fn leaderboard_benchmarks_keep_their_names() {
        assert_eq!(benchmark_for_header("MMLU"), Some("mmlu"));
        assert_eq!(benchmark_for_header("hendrycksTest"), Some("mmlu"));
        assert_eq!(benchmark_for_header("MMLU-PRO"), Some("mmlu_pro"));
        assert_eq!(benchmark_for_header("MATH Lvl 5"), Some("math_lvl5"));
        assert_eq!(benchmark_for_header("HumanEval"), Some("humaneval"));
        assert_eq!(benchmark_for_header("source_mmlu"), None);
    }

    #[test]
    fn a_role_map_round_trips_through_json() {
        let mut m = RoleMap::default();
        m.columns.insert(Role::Model, "Model Name".into());
        m.benchmarks.insert("mmlu".into(), "MMLU (5-shot)".into());
        m.score_scales.insert("mmlu".into(), ScoreScale::Fraction);
        m.size_unit = Some(SizeUnit::Billions);
        let text = serde_json::to_string(&m).unwrap();
        assert!(text.contains("\"model\":\"Model Name\""), "{text}");
        assert_eq!(serde_json::from_str::<RoleMap>(&text).unwrap(), m);
        assert_eq!(
            serde_json::from_str::<RoleMap>("{}").unwrap(),
            RoleMap::default()
        );
    }
}
