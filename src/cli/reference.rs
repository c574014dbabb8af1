//! `--reference DIR`: the ladder and checkpoints the densities are relative to — the
//! embedded synthetic sample by default, or a real reference ladder (an OLMo ladder-runs
//! folder) whose fits replace the sample's. Models still come from `--data`.

use super::CliError;
use crate::data::{Dataset, LoadOptions, Loaded, LossUnit, load_path, reference_origin};
use crate::fit::SigmoidFitOptions;
use std::path::Path;

/// `dataset` with its ladder and checkpoints taken from the reference at `dir`.
pub fn apply_reference(dataset: Dataset, dir: &Path) -> Result<Dataset, CliError> {
    let outcome = load_path(dir, &LoadOptions::default())?;
    let Loaded::Folder(reference) = outcome.loaded else {
        return Err(CliError::Usage(format!(
            "--reference: {} is not a reference folder (expected an OLMo ladder-runs folder or a data folder with ladder and sigmoid_points)",
            dir.display()
        )));
    };
    if reference.ladder.is_empty() || reference.checkpoints.is_empty() {
        return Err(CliError::Usage(format!(
            "--reference: {} has no ladder points or no checkpoints",
            dir.display()
        )));
    }
    Ok(Dataset {
        ladder: reference.ladder,
        checkpoints: reference.checkpoints,
        loss_unit: reference.loss_unit,
        checkpoint_unit: reference.checkpoint_unit,
        reference: reference.reference,
        origin: reference_origin(&dataset.origin, &reference.origin),
        models: dataset.models,
    })
}

/// The sigmoid options for fitting `dataset`: a real reference (losses in bits per byte)
/// is bounded by 100 and each task's chance level; the sample keeps the unbounded fit.
pub fn sigmoid_options_for(dataset: &Dataset) -> SigmoidFitOptions {
    if dataset.loss_unit == LossUnit::BitsPerByte {
        SigmoidFitOptions::bounded_by_chance()
    } else {
        SigmoidFitOptions::default()
    }
}

/// The line naming what the densities are relative to, and the one protocol warning.
pub fn reference_lines(reference: Option<&Path>, d0_tokens: f64, unit: LossUnit) -> String {
    match reference {
        None => format!(
            "densities relative to the embedded synthetic ladder, D0 = {d0_tokens:e} tokens (loss in {unit})\n"
        ),
        Some(dir) => format!(
            "densities relative to the OLMo ladder ({}), D0 = {d0_tokens:e} tokens (task loss in {unit})\n\
             warning: the models' scores must be on the reference's protocol (OLMES RC/cloze 5-shot, \
             per-character normalised accuracy, as the ladder's checkpoints); scores from other \
             protocols give meaningless densities\n",
            dir.display()
        ),
    }
}
