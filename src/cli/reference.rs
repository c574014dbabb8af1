//! `--reference DIR`: the ladder and checkpoints the densities are relative to — the
//! embedded synthetic sample by default, or a real reference ladder (an OLMo ladder-runs
//! folder) whose fits replace the sample's. Models still come from `--data`.

use super::CliError;
use crate::data::{
    AVERAGE, Dataset, LoadOptions, Loaded, LossUnit, Reference, load_path, reference_origin,
    select_family,
};
use crate::fit::SigmoidFitOptions;
use crate::law::{FamilyFits, FamilyMember};
use std::path::Path;

/// `--reference family:PATTERN` (a family stem) or `family:NAME1,NAME2,…` (issue 20).
pub const FAMILY_PREFIX: &str = "family:";

/// The family spec of a `--reference` argument, when it names a family.
pub fn family_spec(reference: Option<&Path>) -> Option<&str> {
    reference?.to_str()?.strip_prefix(FAMILY_PREFIX)
}

/// `dataset` with the family `spec` (found among its own models) as its reference, and the
/// family's members (not yet fitted).
pub fn apply_family(mut dataset: Dataset, spec: &str) -> Result<(Dataset, FamilyFits), CliError> {
    let (name, members) = select_family(&dataset.models, spec)
        .map_err(|e| CliError::Usage(format!("--reference {FAMILY_PREFIX}{spec}: {e}")))?;
    let family = FamilyFits {
        name,
        members: members
            .iter()
            .filter_map(|&i| {
                let m = &dataset.models[i];
                Some(FamilyMember {
                    name: m.name.clone(),
                    n_params: m.n_params?,
                })
            })
            .collect(),
        tasks: Default::default(),
    };
    dataset.reference = Some(Reference {
        name: family.describe(),
        dir: std::path::PathBuf::new(),
        family: true,
    });
    Ok((dataset, family))
}

/// Fits `family` on the tasks the analysis needs and adds it to the inputs' laws, then
/// analyses again through it.
pub(crate) fn attach_family(
    i: &mut super::analysis_args::Inputs,
    mut family: FamilyFits,
) -> Result<(), CliError> {
    let mut tasks = i.options.needed_tasks();
    if i.options.task == AVERAGE {
        tasks.extend(i.options.benchmarks.iter().cloned());
    }
    tasks.dedup();
    let members: Vec<usize> = family
        .members
        .iter()
        .filter_map(|m| i.dataset.models.iter().position(|d| d.name == m.name))
        .collect();
    let fitted = crate::fit::fit_family(&family.name, &i.dataset.models, &members, &tasks, None)
        .map_err(|e| CliError::Usage(format!("the family {}: {e}", family.name)))?;
    family.tasks = fitted.tasks;
    i.fits.family = Some(family);
    i.laws_from = "the family's score against size, fitted on its members (least squares; d = chance level where known)".into();
    i.analysis = crate::analysis::analyze(&i.dataset, &i.fits, &i.options);
    Ok(())
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
    if let Some(spec) = family_spec(reference) {
        return format!(
            "densities relative to the family {spec} of the data, at its own training budget (N̂ from its score-against-size curve; no ladder, no D0)\n\
             warning: the models' scores must come from the same harness as the family's\n"
        );
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
