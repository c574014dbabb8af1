//! `densing holdout --reference DIR --target 13B`: the held-out prediction of a real ladder's
//! target, per task: step 1, step 2 and chained, ours next to the paper's own published
//! prediction (`figures/{step1,step2,chained}_main.csv`, 13B only).

use super::CliError;
use crate::analysis::ladder_holdout::{
    Prediction, Recipe, TaskHoldout, ladder_holdout, paper_figure,
};
use crate::data::{LadderSelection, OLMO_TASKS, OlmoLadder, paper_figure_key, read_olmo_ladder};
use serde_json::json;
use std::fmt::Write;
use std::path::Path;

/// The paper's figure CSVs of a ladder folder: (step1, step2, chained) texts, when present.
fn figures(dir: &Path) -> Option<[String; 3]> {
    let base = [dir.join("figures"), dir.join("../figures")]
        .into_iter()
        .find(|p| p.join("step1_main.csv").is_file())?;
    let read = |n: &str| std::fs::read_to_string(base.join(n)).ok();
    Some([
        read("step1_main.csv")?,
        read("step2_main.csv")?,
        read("chained_main.csv")?,
    ])
}

/// One task's row with the paper's predictions beside ours.
struct Row {
    ours: TaskHoldout,
    paper: [Option<Prediction>; 3],
}

pub fn ladder_holdout_cmd(
    dir: &Path,
    target: &str,
    task: Option<&str>,
    recipe: Recipe,
    json_out: bool,
) -> Result<String, CliError> {
    let (ladder, _report): (OlmoLadder, _) = read_olmo_ladder(dir)?;
    let sel: LadderSelection = recipe.selection();
    let tasks: Vec<&str> = match task {
        Some(t) => vec![t],
        None => OLMO_TASKS.iter().map(|t| t.id).collect(),
    };
    // The paper's figures are for its 13B-5T target only.
    let figs = (target.eq_ignore_ascii_case("13B"))
        .then(|| figures(dir))
        .flatten();
    let mut rows = Vec::new();
    let mut failed = Vec::new();
    for t in tasks {
        let ours = match ladder_holdout(&ladder, target, t, recipe, &sel) {
            Ok(o) => o,
            // One task's failed fit does not hide the others; it is listed below.
            Err(e) if task.is_none() => {
                failed.push(e.to_string());
                continue;
            }
            Err(e) => return Err(CliError::Usage(e.to_string())),
        };
        let paper = match (&figs, paper_figure_key(t)) {
            (Some(f), Some(key)) => [0, 1, 2].map(|i| paper_figure(&f[i], key)),
            _ => [None; 3],
        };
        rows.push(Row { ours, paper });
    }
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
                         "selection": sel.describe(&ladder), "loss_unit": "bits per byte",
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
    let _ = writeln!(s, "Fitted on {}", sel.describe(&ladder));
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
    if figs.is_none() {
        let _ = writeln!(
            s,
            "\n(The paper published predictions for the 13B target only; none shown.)"
        );
    }
    Ok(s)
}
