//! `--reference DIR`: the ladder and checkpoints the densities are relative to — the
//! embedded synthetic sample by default, or a real reference ladder (an OLMo ladder-runs
//! folder) whose fits replace the sample's. Models still come from `--data`.

use super::CliError;
use crate::data::{Dataset, LoadOptions, Loaded, LossUnit, load_path, reference_origin};
use crate::fit::SigmoidFitOptions;
use crate::law::FamilyFits;
use std::path::Path;

/// `--reference family:PATTERN` (a family stem) or `family:NAME1,NAME2,…` (issue 20).
pub const FAMILY_PREFIX: &str = "family:";

/// The family spec of a `--reference` argument, when it names a family.
pub fn family_spec(reference: Option<&Path>) -> Option<&str> {
    reference?.to_str()?.strip_prefix(FAMILY_PREFIX)
}

/// Makes the family `spec` of `dataset` its reference, fitted on the tasks `options` need.
pub fn apply_family(
    dataset: &mut Dataset,
    spec: &str,
    options: &crate::analysis::Options,
) -> Result<FamilyFits, CliError> {
    crate::fit::family_reference(
        dataset,
        spec,
        &options.inverted_tasks(),
        &options.benchmarks,
        None,
    )
    .map_err(|e| CliError::Usage(format!("--reference {FAMILY_PREFIX}{spec}: {e}")))
}

/// Adds the fitted `family` to the inputs' laws and analyses again through it.
pub(crate) fn attach_family(i: &mut super::analysis_args::Inputs, family: FamilyFits) {
    i.fits.family = Some(family);
    i.laws_from = "the family's score against size, fitted on its members (least squares; d fixed at the chance level where the task table gives one, else fitted at or above the chance level)".into();
    i.analysis = crate::analysis::analyze(&i.dataset, &i.fits, &i.options);
}

/// The family's lines in a report: its members and, per task, its curve or why none.
pub fn family_lines(family: &FamilyFits) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let names: Vec<String> = family
        .members
        .iter()
        .map(|m| format!("{} ({})", m.name, crate::format::format_count(m.n_params)))
        .collect();
    let _ = writeln!(s, "reference family members: {}", names.join(", "));
    for (task, t) in &family.tasks {
        match (&t.curve, &t.refused) {
            (_, Some(why)) => {
                let _ = writeln!(s, "  {task}: refused: {why}");
            }
            (Some(c), None) => {
                let (lo, hi) = t.score_range();
                let _ = writeln!(
                    s,
                    "  {task}: S(N) = d + c/(1 + exp(-k (ln N - m))): c {:.4}  k {:.4}  m {:.4} (N at midpoint {})  d {:.4}; members' scores {lo:.2}-{hi:.2}",
                    c.c,
                    c.k,
                    c.m,
                    crate::format::format_count(c.m.exp()),
                    c.d
                );
            }
            (None, None) => {}
        }
    }
    s
}

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
    if family_spec(reference).is_some() {
        return "warning: N̂ comes from the family's score-against-size curve (no ladder, no D0): \
             the models' scores must come from the same harness as the family's\n"
            .to_string();
    }
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
