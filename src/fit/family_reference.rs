//! A model family of the data as the reference (issue 20): one entry point for the command
//! line and the window. It selects the members (`PATTERN` or a comma list of names), names
//! the reference on the dataset, drops the ladder (a family reference has none: N̂ comes
//! from the family's score-against-size curve) and fits the family on the tasks asked.

use super::{FitControl, FitError, fit_family};
use crate::data::{
    AVERAGE, Dataset, Reference, SAMPLE_MODELS_ORIGIN, SAMPLE_ORIGIN, origin_models,
    reference_origin, select_family,
};
use crate::law::FamilyFits;
use thiserror::Error;

/// Why a family cannot be the reference.
#[derive(Debug, Error)]
pub enum FamilyRefError {
    #[error("the family {spec}: {reason}")]
    Select { spec: String, reason: String },
    #[error("the family {name}: {source}")]
    Fit {
        name: String,
        #[source]
        source: FitError,
    },
}

/// Makes the family `spec` (found among `dataset`'s models) its reference and fits it on
/// `tasks`. The dataset keeps its models; its ladder and checkpoints are dropped. The task
/// `average` is fitted on each member's mean of `benchmarks` (members missing one of them
/// give no point), as the mean-score analysis inverts the models' mean.
pub fn family_reference(
    dataset: &mut Dataset,
    spec: &str,
    tasks: &[String],
    benchmarks: &[String],
    control: Option<&FitControl>,
) -> Result<FamilyFits, FamilyRefError> {
    let (name, members) =
        select_family(&dataset.models, spec).map_err(|reason| FamilyRefError::Select {
            spec: spec.to_string(),
            reason,
        })?;
    let mut tasks = tasks.to_vec();
    tasks.sort();
    tasks.dedup();
    let mut models = dataset.models.clone();
    if tasks.iter().any(|t| t == AVERAGE) && !benchmarks.is_empty() {
        for &i in &members {
            let m = &mut models[i];
            let scores: Option<Vec<f64>> = benchmarks
                .iter()
                .map(|b| m.scores.get(b).copied())
                .collect();
            if let Some(s) = scores {
                let mean = s.iter().sum::<f64>() / s.len() as f64;
                m.scores.insert(AVERAGE.to_string(), mean);
            }
        }
    }
    let family = fit_family(&name, &models, &members, &tasks, control).map_err(|source| {
        FamilyRefError::Fit {
            name: name.clone(),
            source,
        }
    })?;
    let models = origin_models(&dataset.origin);
    let models = match models.strip_prefix(SAMPLE_ORIGIN) {
        // The sample's models with the data's, or the sample alone: its ladder is dropped.
        Some(rest) => match rest.strip_prefix(" + ") {
            Some(data) => data.to_string(),
            None => format!("{SAMPLE_MODELS_ORIGIN}{rest}"),
        },
        None => models.to_string(),
    };
    dataset.origin = reference_origin(&models, &format!("the family {}", family.describe()));
    dataset.ladder.clear();
    dataset.checkpoints.clear();
    dataset.reference = Some(Reference {
        name: family.describe(),
        dir: std::path::PathBuf::new(),
        family: true,
    });
    Ok(family)
}
