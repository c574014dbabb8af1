//! `densing holdout --reference DIR --target 13B`: the held-out prediction of a real ladder's
//! target, per task: step 1, step 2 and chained, ours next to the paper's own published
//! prediction (`figures/{step1,step2,chained}_main.csv`, 13B only).

use super::CliError;
use crate::analysis::holdout_table::{HoldoutTable, holdout_table};
use crate::analysis::ladder_holdout::{Prediction, Recipe};
use crate::data::{OlmoLadder, read_olmo_ladder, read_paper_figures};
use serde_json::json;
use std::fmt::Write;
use std::path::Path;

pub fn ladder_holdout_cmd(
    dir: &Path,
    target: &str,
    task: Option<&str>,
    recipe: Recipe,
    json_out: bool,
) -> Result<String, CliError> {
    let (ladder, _report): (OlmoLadder, _) = read_olmo_ladder(dir)?;
    let figs = read_paper_figures(dir);
    let table = holdout_table(&ladder, figs.as_ref(), target, task, recipe, &mut |_, _| {
        true
    })
    .map_err(|e| CliError::Usage(e.to_string()))?;
    let HoldoutTable {
        rows,
        failed,
        selection,
        has_paper,
        ..
    } = table;
    if json_out {
        let v: Vec<_> = rows
            .iter()
            .map(|r| {
                let step = |p: &Prediction, q: &Option<Prediction>| {
                    json!({"actual": p.actual, "predicted": p.predicted, "rel_error": p.rel_error(),
                           "paper_predicted": q.map(|q| q.predicted),
                           "paper_rel_error": q.map(|q| q.rel_error())})
                };
                json!({"task": r.ours.task,
                       "step1_bpb": step(&r.ours.step1, &r.paper[0]),
                       "step2_acc": step(&r.ours.step2, &r.paper[1]),
                       "chained_acc": step(&r.ours.chained, &r.paper[2]),
                       "loss_law": r.ours.loss_law, "sigmoid": r.ours.sigmoid,
                       "sigmoid_bounds": r.ours.bounds,
                       "n_loss_points": r.ours.n_loss_points,
                       "n_sigmoid_points": r.ours.n_sigmoid_points,
                       "step1_from_grid": r.ours.step1_from_grid})
            })
            .collect();
        let out = json!({"reference": ladder.dir, "target": target, "recipe": recipe.name(),
                         "failed": failed,
                         "selection": selection, "loss_unit": "bits per byte",
                         "tasks": v});
        return Ok(serde_json::to_string_pretty(&out).unwrap_or_default() + "\n");
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Held-out prediction of the {target} target, relative to the OLMo ladder ({}); recipe {}",
        ladder.dir,
        recipe.name()
    );
    let _ = writeln!(s, "Fitted on {selection}");
    let _ = writeln!(
        s,
        "Actual: mean of the target's last 5 checkpoints. Loss in bits per byte; accuracy 0-1. \
         err = (predicted - actual)/actual.\n"
    );
    let _ = writeln!(
        s,
        "{:<14} {:<8} {:>8} {:>9} {:>8} {:>9} {:>8}",
        "task", "step", "actual", "ours", "err", "paper", "err"
    );
    for r in &rows {
        for (i, (name, p)) in [
            ("1 (bpb)", &r.ours.step1),
            ("2 (acc)", &r.ours.step2),
            ("chained", &r.ours.chained),
        ]
        .into_iter()
        .enumerate()
        {
            let (pp, pe) = match r.paper[i] {
                Some(q) => (
                    format!("{:.4}", q.predicted),
                    format!("{:+.1}%", 100.0 * q.rel_error()),
                ),
                None => ("-".into(), "-".into()),
            };
            let _ = writeln!(
                s,
                "{:<14} {:<8} {:>8.4} {:>9.4} {:>7.1}% {:>9} {:>8}",
                if i == 0 { r.ours.task.as_str() } else { "" },
                name,
                p.actual,
                p.predicted,
                100.0 * p.rel_error(),
                pp,
                pe
            );
        }
    }
    let _ = writeln!(s, "\nPer task: sigmoid bounds; points fitted:");
    for r in &rows {
        let grid = if r.ours.step1_from_grid && recipe == Recipe::Paper {
            "; step 1 from the multi-start grid (the paper's start did not converge)"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  {:<14} {} ({} loss points, {} checkpoints{grid})",
            r.ours.task,
            r.ours.bounds.describe(),
            r.ours.n_loss_points,
            r.ours.n_sigmoid_points
        );
    }
    for f in &failed {
        let _ = writeln!(s, "  not fitted: {f}");
    }
    if !has_paper {
        let _ = writeln!(
            s,
            "\n(The paper published predictions for the 13B target only; none shown.)"
        );
    }
    Ok(s)
}
