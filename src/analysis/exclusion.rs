//! Why a model has no density, as shown to users (DESIGN §1.3–1.4).

use crate::law::DomainError;
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
    /// The score is within the guard's margin of the task's chance level.
    NearChance {
        task: String,
        score: f64,
        chance: f64,
        margin: f64,
        /// `chance` is the reference's fitted floor (the task's chance level is unknown).
        fitted: bool,
    },
    /// An extrapolated N̂ beyond the allowed factor of the reference's sizes.
    FarExtrapolation {
        task: String,
        n_hat: f64,
        beyond: f64,
        factor: f64,
    },
    /// The family's curve cannot be inverted on this task (flat, falling, too few members).
    FamilyRefused {
        task: String,
        reason: String,
    },
    /// A member of the reference family: its density is ≈ 1 by construction (a residual of
    /// the family's own fit), so it is shown but kept out of the frontier and regression.
    ReferenceMember(String),
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
            Exclusion::NearChance {
                task,
                score,
                chance,
                margin,
                fitted: false,
            } => write!(
                f,
                "{task}: score {score:.2} is within {margin} points of the chance level {chance}"
            ),
            Exclusion::NearChance {
                task,
                score,
                chance,
                margin,
                fitted: true,
            } => write!(
                f,
                "{task}: score {score:.2} is within {margin} points of the reference's fitted floor {chance:.2} (the task's chance level is not known)"
            ),
            Exclusion::FarExtrapolation {
                task,
                n_hat,
                beyond,
                factor,
            } => write!(
                f,
                "{task}: extrapolation: N̂ = {} lies {beyond:.1}× beyond the reference's sizes (allowed {factor}×)",
                crate::format::format_count(*n_hat)
            ),
            Exclusion::FamilyRefused { task, reason } => {
                write!(f, "{task}: the reference family gives no size: {reason}")
            }
            Exclusion::ReferenceMember(family) => write!(
                f,
                "a member of the reference family {family} (ρ ≈ 1 by construction; not in the regression)"
            ),
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
