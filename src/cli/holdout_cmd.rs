//! `densing holdout`: the held-out checks of the loss law (one ladder size left out, by
//! default the largest) and of the sigmoid (the highest-scoring checkpoints left out).

use super::CliError;
use crate::analysis::ladder_holdout::Recipe;
use crate::data::{AVERAGE, read_dir, sample};
use crate::fit::{LossFitOptions, SigmoidFitOptions, TaskFitError, holdout_loss, holdout_sigmoid};
use crate::format::{format_count as count, sig};
use serde_json::json;
use std::fmt::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct HoldoutArgs {
    /// Data folder holding ladder.csv and sigmoid_points.csv [default: the embedded sample]
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// The task whose laws are checked
    #[arg(long, default_value = AVERAGE)]
    pub task: String,
    /// Ladder size (parameters) to leave out [default: the largest]
    #[arg(long, value_name = "N_PARAMS")]
    pub size: Option<f64>,
    /// Highest-scoring checkpoints to leave out of the sigmoid fit
    #[arg(long, value_name = "K", default_value_t = 2)]
    pub top_k: usize,
    #[arg(long)]
    pub json: bool,
    /// A real reference ladder (an OLMo ladder-runs folder): predict its held-out --target
    #[arg(long, value_name = "DIR", requires = "target")]
    pub reference: Option<PathBuf>,
    /// The held-out target of --reference: 13B, 7B or 1B
    #[arg(long, requires = "reference")]
    pub target: Option<String>,
    /// Fitting recipe for --reference: paper (the OLMo ladder paper's) | huber-log (ours)
    #[arg(long, default_value = "paper")]
    pub recipe: String,
}

pub fn holdout(args: &HoldoutArgs) -> Result<String, CliError> {
    if let (Some(dir), Some(target)) = (&args.reference, &args.target) {
        let recipe = Recipe::parse(&args.recipe).ok_or_else(|| {
            CliError::Usage(format!(
                "--recipe: '{}' is not a recipe (expected paper or huber-log)",
                args.recipe
            ))
        })?;
        // --task narrows the table to one task; the default (average) means every task.
        let task = (args.task != AVERAGE).then(|| args.task.to_lowercase());
        return super::ladder_holdout_cmd::ladder_holdout_cmd(
            dir,
            target,
            task.as_deref(),
            recipe,
            args.json,
        );
    }
    let data = match &args.data {
        Some(dir) => read_dir(dir)?,
        None => sample()?,
    };
    let task = args.task.to_lowercase();
    let err = |law, error| {
        CliError::TaskFit(TaskFitError {
            task: task.clone(),
            law,
            error,
        })
    };
    let loss = holdout_loss(
        &data.loss_points(&task),
        &LossFitOptions::default(),
        args.size,
        None,
    )
    .map_err(|e| err("loss law held-out check (ladder points)", e))?;
    let sigmoid = holdout_sigmoid(
        &data.score_points(&task),
        &SigmoidFitOptions::default(),
        args.top_k,
        None,
    )
    .map_err(|e| err("sigmoid held-out check (checkpoints)", e))?;
    if args.json {
        let v = json!({"data": data.origin, "task": task, "loss": loss, "sigmoid": sigmoid});
        return Ok(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n");
    }
    let mut s = String::new();
    let _ = writeln!(s, "Held-out checks, task {task}; data: {}\n", data.origin);
    let l = &loss.law;
    let _ = writeln!(
        s,
        "Loss law without N = {} ({} points fitted): a {}  alpha {}  b {}  beta {}",
        count(loss.held_out_n_params),
        loss.n_fit_points,
        sig(l.a),
        sig(l.alpha),
        sig(l.b),
        sig(l.beta)
    );
    let _ = writeln!(
        s,
        "  {:>10} {:>9} {:>9} {:>8}",
        "D", "observed", "predicted", "error"
    );
    for p in &loss.points {
        let _ = writeln!(
            s,
            "  {:>10} {:>9.4} {:>9.4} {:>7.2}%",
            count(p.x),
            p.observed,
            p.predicted,
            100.0 * p.relative_error()
        );
    }
    let _ = writeln!(
        s,
        "  mean |error| {:.2}%, max {:.2}%\n",
        100.0 * loss.mean_abs_rel_error,
        100.0 * loss.max_abs_rel_error
    );
    let g = &sigmoid.sigmoid;
    let _ = writeln!(
        s,
        "Sigmoid without the {} highest-scoring checkpoints ({} fitted): c {}  gamma {}  l {}  d {}",
        sigmoid.n_held_out,
        sigmoid.n_fit_points,
        sig(g.c),
        sig(g.gamma),
        sig(g.l),
        sig(g.d)
    );
    let _ = writeln!(
        s,
        "  {:>8} {:>9} {:>9} {:>8}",
        "loss", "observed", "predicted", "error"
    );
    for p in &sigmoid.points {
        let _ = writeln!(
            s,
            "  {:>8.4} {:>9.2} {:>9.2} {:>+8.2}",
            p.x,
            p.observed,
            p.predicted,
            p.predicted - p.observed
        );
    }
    let _ = writeln!(
        s,
        "  mean |error| {:.2} points, max {:.2}",
        sigmoid.mean_abs_error_points, sigmoid.max_abs_error_points
    );
    Ok(s)
}
