//! Guards of an inversion (issue 20, DESIGN §1.6), the same for every reference (a family,
//! the embedded ladder, the OLMo ladder): a score outside the reference's measured score
//! range is an extrapolation (marked; beyond a factor in N excluded for a family), a score
//! near the task's chance level is excluded, and every N̂ carries its sensitivity
//! `exp(|d ln N̂ / dS|)`, the factor one score point moves it by.

use super::{ModelResult, Options};
use crate::data::{Dataset, chance_points};
use crate::fit::family_chance;
use crate::law::{Fits, TaskFit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The guards' settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GuardOptions {
    /// An extrapolated N̂ may lie up to this factor beyond the largest/smallest member.
    pub extrapolation_factor: f64,
    /// Scores within this many points of the task's chance level are excluded.
    pub chance_margin: f64,
    /// A density whose sensitivity reaches this factor is marked unreliable.
    pub unreliable_factor: f64,
    /// Keep unreliable densities in the frontier and the regression.
    pub include_unreliable: bool,
    /// Exclude far extrapolations on a ladder reference too (by default a ladder's are
    /// marked only: the paper extrapolates a 5M–828M ladder to 70B models by design).
    pub exclude_ladder_extrapolation: bool,
}

impl Default for GuardOptions {
    fn default() -> Self {
        GuardOptions {
            extrapolation_factor: 4.0,
            chance_margin: 2.0,
            unreliable_factor: 2.0,
            include_unreliable: false,
            exclude_ladder_extrapolation: false,
        }
    }
}

/// What a reference measured on one task: its sizes, scores and chance level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReferenceRange {
    pub n_min: f64,
    pub n_max: f64,
    pub score_min: f64,
    pub score_max: f64,
    /// The task's chance level (score points), where known; else the reference's fitted
    /// floor (the family's or the sigmoid's `d`), its estimate of chance.
    pub chance: Option<f64>,
    /// `chance` is the fitted floor, not a known chance level.
    #[serde(default)]
    pub chance_fitted: bool,
    /// A family (far extrapolations excluded) rather than a ladder (marked).
    pub family: bool,
}

fn min_max(it: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = it
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    (lo <= hi).then_some((lo, hi))
}

/// The measured range of each task the analysis needs.
pub fn ranges(
    dataset: &Dataset,
    fits: &Fits,
    options: &Options,
) -> BTreeMap<String, ReferenceRange> {
    let mut out = BTreeMap::new();
    for task in options.inverted_tasks() {
        let family = fits.family.as_ref().and_then(|f| f.tasks.get(&task));
        let range = match family {
            Some(ft) => {
                let (n_min, n_max) = ft.n_range();
                let (score_min, score_max) = ft.score_range();
                Some(ReferenceRange {
                    n_min,
                    n_max,
                    score_min,
                    score_max,
                    chance: family_chance(&task).or(ft.curve.as_ref().map(|c| c.d)),
                    chance_fitted: family_chance(&task).is_none() && ft.curve.is_some(),
                    family: true,
                })
            }
            None => {
                let floor = fits.tasks.get(&task).map(|f| f.sigmoid.d);
                let n = min_max(
                    dataset
                        .ladder
                        .iter()
                        .filter(|r| r.task == task)
                        .map(|r| r.n_params),
                );
                let s = min_max(
                    dataset
                        .checkpoints
                        .iter()
                        .filter(|r| r.task == task)
                        .map(|r| r.score),
                );
                n.zip(s)
                    .map(|((n_min, n_max), (score_min, score_max))| ReferenceRange {
                        n_min,
                        n_max,
                        score_min,
                        score_max,
                        chance: chance_points(&task).or(floor),
                        chance_fitted: chance_points(&task).is_none() && floor.is_some(),
                        family: false,
                    })
            }
        };
        if let Some(r) = range {
            out.insert(task, r);
        }
    }
    out
}

/// `d ln N̂ / dS` through a ladder's two laws at a score `s` with implied loss `loss_hat`:
/// `(d ln N̂/dL̂)(dL̂/dS)` with `ln N̂ = −ln((L̂ − floor)/a)/α` and
/// `L̂ = l − (ln(c + d − S) − ln(S − d))/γ`.
pub fn ladder_dln_n_dscore(fit: &TaskFit, s: f64, loss_hat: f64, d0_tokens: f64) -> f64 {
    let sg = &fit.sigmoid;
    let dl_ds = (1.0 / (sg.c + sg.d - s) + 1.0 / (s - sg.d)) / sg.gamma;
    let floor = fit.loss.data_floor(d0_tokens);
    let dln_dl = -1.0 / (fit.loss.alpha * (loss_hat - floor));
    dln_dl * dl_ds
}

/// How far an N̂ lies beyond the range's sizes: 1 inside, else the ratio to the nearer end.
pub fn beyond(range: &ReferenceRange, n_hat: f64) -> f64 {
    if n_hat > range.n_max {
        n_hat / range.n_max
    } else if n_hat < range.n_min {
        range.n_min / n_hat
    } else {
        1.0
    }
}

/// The models as the frontier and the regression see them: unreliable densities left out
/// unless the options keep them, and densities shown with an exclusion (a reference
/// family's own members, an undated model) left out always.
pub fn for_regression(models: &[ModelResult], options: &Options) -> Option<Vec<ModelResult>> {
    let masked = |m: &ModelResult| {
        m.density.is_some()
            && (m.excluded.is_some() || (m.unreliable && !options.guards.include_unreliable))
    };
    if !models.iter().any(masked) {
        return None;
    }
    Some(
        models
            .iter()
            .map(|m| {
                let mut m = m.clone();
                if masked(&m) {
                    m.density = None;
                }
                m
            })
            .collect(),
    )
}
