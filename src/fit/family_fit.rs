//! Fitting a family's score against size (issue 20): `S(N) = d + c/(1 + exp(−k(ln N − m)))`
//! is the loss→score sigmoid on `x = X0 − ln N` (see [`crate::law::FamilyCurve`]), so the
//! sigmoid's fitter fits it where the task table gives no chance level: least squares (a
//! Huber δ far above any residual), the ceiling `c + d ≤ 100`, the floor `d` at least the
//! chance level [`family_chance`] knows (the leaderboard v2's raw multiple-choice tasks)
//! or 0, multi-start L-BFGS. Where the task table ([`chance_points`]) knows the chance
//! level, `d` is that level, fixed ([`super::family_fixed`]), as issue 20's formula says. A fitted curve that does not rise over the members' sizes is refused with a
//! message instead of being inverted.

use super::family_fixed::fit_fixed_floor;
use super::sigmoid_fit::{SigmoidFitOptions, fit_sigmoid};
use super::{FitControl, FitError};
use crate::data::{Model, ScorePoint, chance_points};
use crate::law::{FAMILY_X0, FamilyCurve, FamilyFits, FamilyMember, FamilyTask};

/// A Huber δ no residual reaches: the fit is least squares.
const LEAST_SQUARES_DELTA: f64 = 1e6;
/// Fewest members with a score a task's curve needs (the sigmoid fitter's minimum).
pub const MIN_FAMILY_POINTS: usize = 5;
/// A curve whose rise over the members' sizes is below this (score points) is flat.
pub const FLAT_RISE_POINTS: f64 = 2.0;

/// The chance level of a task in score points, where known: the task table's
/// ([`chance_points`]), else the leaderboard v2's raw multiple-choice tasks (MMLU-Pro 10
/// options, GPQA 4; MATH level 5 is open-ended: 0). BBH, MuSR and IFEval mix answer
/// formats: their floor is fitted.
pub fn family_chance(task: &str) -> Option<f64> {
    chance_points(task).or(match task {
        "mmlu_pro" | "olb2_mmlu_pro_raw" => Some(10.0),
        "gpqa" => Some(25.0),
        "math_lvl5" | "math" | "gsm8k" => Some(0.0),
        _ => None,
    })
}

/// Fits one task's curve to members' (N, score) points, or says why the family is no
/// reference on this task.
pub fn fit_family_task(
    task: &str,
    points: &[(f64, f64)],
    control: Option<&FitControl>,
) -> Result<FamilyTask, FitError> {
    let refused = |why: String| FamilyTask {
        curve: None,
        refused: Some(why),
        points: points.to_vec(),
        rss: f64::NAN,
    };
    if points.len() < MIN_FAMILY_POINTS {
        return Ok(refused(format!(
            "{} members have a score on {task}: a curve needs {MIN_FAMILY_POINTS}",
            points.len()
        )));
    }
    let curve = match chance_points(task) {
        Some(d) => match fit_fixed_floor(points, d, control)? {
            Some(curve) => curve,
            None => {
                return Ok(refused(format!(
                    "no start of the fit of the family's curve on {task} (d = chance {d}) converged"
                )));
            }
        },
        None => {
            let sp: Vec<ScorePoint> = points
                .iter()
                .map(|&(n, s)| ScorePoint {
                    loss: FAMILY_X0 - n.ln(),
                    score: s,
                })
                .collect();
            let options = SigmoidFitOptions {
                huber_delta: LEAST_SQUARES_DELTA,
                ceiling: Some(100.0),
                // Scores are percentages: the fitted floor is at least the chance level
                // where one is known, else 0 (an unbounded d ran to −7·10¹⁰ on a
                // leaderboard's IFEval).
                floor: family_chance(task).or(Some(0.0)),
                chance_floor: false,
            };
            FamilyCurve::from_sigmoid(&fit_sigmoid(&sp, &options, control)?.sigmoid)
        }
    };
    let rss = points
        .iter()
        .map(|&(n, s)| (curve.score(n) - s).powi(2))
        .sum();
    let (lo, hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.0), b.max(p.0))
        });
    let rise = curve.score(hi) - curve.score(lo);
    let mut task_fit = FamilyTask {
        curve: Some(curve),
        refused: None,
        points: points.to_vec(),
        rss,
    };
    let rising = curve.k > 0.0 && rise >= FLAT_RISE_POINTS; // false on NaN
    if !rising {
        task_fit.refused = Some(format!(
            "the family's curve on {task} is flat or falling (k = {:.3}, c = {:.2}, rise over its sizes {:.2} points < {FLAT_RISE_POINTS}): its scores do not tell sizes apart",
            curve.k, curve.c, rise
        ));
    }
    Ok(task_fit)
}

/// Fits the family made of `members` (indices into `models`) on each task.
pub fn fit_family(
    name: &str,
    models: &[Model],
    members: &[usize],
    tasks: &[String],
    control: Option<&FitControl>,
) -> Result<FamilyFits, FitError> {
    let mut out = FamilyFits {
        name: name.to_string(),
        members: members
            .iter()
            .filter_map(|&i| {
                let m = &models[i];
                Some(FamilyMember {
                    name: m.name.clone(),
                    n_params: m.n_params?,
                })
            })
            .collect(),
        tasks: Default::default(),
    };
    for task in tasks {
        let points: Vec<(f64, f64)> = members
            .iter()
            .filter_map(|&i| {
                let m = &models[i];
                Some((m.n_params?, *m.scores.get(task)?))
            })
            .filter(|(n, s)| n.is_finite() && *n > 0.0 && s.is_finite())
            .collect();
        out.tasks
            .insert(task.clone(), fit_family_task(task, &points, control)?);
    }
    Ok(out)
}
