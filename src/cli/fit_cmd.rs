//! `densing fit-loss` and `densing fit-sigmoid` on any table found by column name.

use super::CliError;
use crate::data::{CheckpointRow, LadderRow, LossUnit, read_checkpoints, read_ladder};
use crate::data::{LossPoint, ScorePoint};
use crate::fit::{self, FitError, Grid, LossFitOptions, SigmoidFitOptions};
use crate::format::sig;
use crate::law::{LossForm, Param, TaskFit};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;

/// Rows of a file without a task column belong to this task.
const DEFAULT_TASK: &str = "default";

#[derive(Debug, Clone, clap::Args)]
pub struct FitLossArgs {
    /// CSV with parameters, tokens (or training FLOP) and loss columns (and optionally task),
    /// or a data folder / OLMo ladder-runs folder (its ladder points, every task)
    pub file: PathBuf,
    /// paper (a·N^-α + b·D^-β) or chinchilla (E + A·N^-α + B·D^-β)
    #[arg(long, default_value = "paper")]
    pub form: String,
    /// Huber δ on log residuals
    #[arg(long, default_value_t = fit::DEFAULT_LOSS_HUBER_DELTA)]
    pub huber_delta: f64,
    /// epoch (4,500 / 900 starts) or coarse (243 / 81 starts)
    #[arg(long, default_value = "epoch")]
    pub grid: String,
    /// Drop the K highest-loss points first (Epoch drops 5)
    #[arg(long, default_value_t = 0, value_name = "K")]
    pub exclude_top_loss: usize,
    /// Fit only this task (default: every task in the file)
    #[arg(long)]
    pub task: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct FitSigmoidArgs {
    /// CSV with loss and score columns (and optionally task), or a data folder / OLMo
    /// ladder-runs folder (its checkpoints, every task)
    pub file: PathBuf,
    /// Huber δ on score residuals (points)
    #[arg(long, default_value_t = fit::DEFAULT_SIGMOID_HUBER_DELTA)]
    pub huber_delta: f64,
    /// Bound the ceiling c + d by the score's maximum (100) and the floor d by the task's
    /// chance level where it defines one [default: on for a folder in bits per byte]
    #[arg(long)]
    pub bounded: bool,
    #[arg(long)]
    pub task: Option<String>,
    #[arg(long)]
    pub json: bool,
}

fn read(path: &std::path::Path) -> Result<(String, String), CliError> {
    let label = path.display().to_string();
    let text = crate::data::read_file_text(path)?;
    Ok((label, text))
}

/// A folder's dataset (a data folder or an OLMo ladder-runs folder).
fn folder(path: &std::path::Path) -> Result<crate::data::Dataset, CliError> {
    match crate::data::load_path(path, &Default::default())?.loaded {
        crate::data::Loaded::Folder(d) => Ok(d),
        other => Ok(other.merge_into(&Default::default(), path)),
    }
}

/// Ladder rows of a file or folder, with the loss unit.
fn ladder_rows(path: &std::path::Path) -> Result<(String, Vec<LadderRow>, LossUnit), CliError> {
    if path.is_dir() {
        let d = folder(path)?;
        return Ok((path.display().to_string(), d.ladder, d.loss_unit));
    }
    let (file, text) = read(path)?;
    let rows = read_ladder(&file, &text, DEFAULT_TASK)?;
    Ok((file, rows, LossUnit::NatsPerToken))
}

/// Checkpoint rows of a file or folder, with the loss unit.
fn checkpoint_rows(
    path: &std::path::Path,
) -> Result<(String, Vec<CheckpointRow>, LossUnit), CliError> {
    if path.is_dir() {
        let d = folder(path)?;
        return Ok((path.display().to_string(), d.checkpoints, d.checkpoint_unit));
    }
    let (file, text) = read(path)?;
    let rows = read_checkpoints(&file, &text, DEFAULT_TASK)?;
    Ok((file, rows, LossUnit::NatsPerToken))
}

/// Groups rows by task, keeping only `only` when given.
fn by_task<T>(
    rows: Vec<(String, T)>,
    only: &Option<String>,
    file: &str,
) -> Result<BTreeMap<String, Vec<T>>, CliError> {
    let mut groups: BTreeMap<String, Vec<T>> = BTreeMap::new();
    for (task, row) in rows {
        groups.entry(task).or_default().push(row);
    }
    if let Some(t) = only {
        let t = t.to_lowercase();
        let rows = groups
            .remove(&t)
            .ok_or_else(|| CliError::Usage(format!("{file}: no rows for task '{t}'")))?;
        groups = BTreeMap::from([(t, rows)]);
    }
    Ok(groups)
}

fn fit_err(file: &str, task: &str, error: FitError) -> CliError {
    CliError::Fit {
        file: format!("{file} (task {task})"),
        error,
    }
}

pub fn fit_loss(args: &FitLossArgs) -> Result<String, CliError> {
    let form = match args.form.as_str() {
        "paper" => LossForm::Paper,
        "chinchilla" => LossForm::Chinchilla,
        f => {
            return Err(CliError::Usage(format!(
                "--form: '{f}' is not a loss form (expected paper or chinchilla)"
            )));
        }
    };
    let grid = Grid::parse(&args.grid).ok_or_else(|| {
        CliError::Usage(format!(
            "--grid: '{}' is not a grid (expected epoch or coarse)",
            args.grid
        ))
    })?;
    let options = LossFitOptions {
        form,
        huber_delta: args.huber_delta,
        grid,
        exclude_top_loss: args.exclude_top_loss,
    };
    let (file, rows, unit) = ladder_rows(&args.file)?;
    let rows = rows
        .into_iter()
        .map(|r| {
            (
                r.task,
                LossPoint {
                    n_params: r.n_params,
                    n_tokens: r.n_tokens,
                    loss: r.loss,
                },
            )
        })
        .collect();
    let mut out = Map::new();
    let mut text_out = String::new();
    for (task, points) in by_task(rows, &args.task, &file)? {
        let f = fit::fit_loss_law(&points, &options, None).map_err(|e| fit_err(&file, &task, e))?;
        let l = f.law;
        let named = TaskFit::loss_params(&l);
        let params = params_json(&named);
        let names = params_text(&named);
        let dropped = if args.exclude_top_loss > 0 {
            format!(" ({} highest-loss dropped)", args.exclude_top_loss)
        } else {
            String::new()
        };
        let _ = writeln!(
            text_out,
            "{file}, task {task}: {} form, {} points{dropped}, loss in {unit}, Huber δ {}, {} grid",
            args.form,
            f.n_points,
            args.huber_delta,
            grid.name()
        );
        let _ = writeln!(text_out, "  {names}");
        let _ = writeln!(
            text_out,
            "  objective {:.6e}; best run {} iterations; {}/{} starts converged",
            f.objective, f.iterations, f.n_converged, f.n_starts
        );
        out.insert(task, json!({
            "form": args.form, "params": params, "objective": f.objective, "iterations": f.iterations,
            "n_starts": f.n_starts, "n_converged": f.n_converged, "n_points": f.n_points,
            "huber_delta": args.huber_delta, "grid": grid.name(), "loss_unit": unit.name(),
        }));
    }
    Ok(finish(args.json, &file, out, text_out))
}

pub fn fit_sigmoid(args: &FitSigmoidArgs) -> Result<String, CliError> {
    let options = SigmoidFitOptions {
        huber_delta: args.huber_delta,
        ..SigmoidFitOptions::default()
    };
    let (file, rows, unit) = checkpoint_rows(&args.file)?;
    let bounded = args.bounded || unit == LossUnit::BitsPerByte;
    let rows = rows
        .into_iter()
        .map(|r| {
            (
                r.task,
                ScorePoint {
                    loss: r.loss,
                    score: r.score,
                },
            )
        })
        .collect();
    let mut out = Map::new();
    let mut text_out = String::new();
    let options = if bounded {
        options.with_chance_bounds()
    } else {
        options
    };
    for (task, points) in by_task(rows, &args.task, &file)? {
        let options = options.for_task(&task);
        let f = fit::fit_sigmoid(&points, &options, None).map_err(|e| fit_err(&file, &task, e))?;
        let s = f.sigmoid;
        let _ = writeln!(
            text_out,
            "{file}, task {task}: sigmoid, {} points, loss in {unit}, Huber δ {}; bounds: {}",
            f.n_points,
            args.huber_delta,
            f.bounds.describe()
        );
        let _ = writeln!(text_out, "  {}", params_text(&TaskFit::sigmoid_params(&s)));
        let _ = writeln!(
            text_out,
            "  objective {:.6e}; best run {} iterations; {}/{} starts converged",
            f.objective, f.iterations, f.n_converged, f.n_starts
        );
        out.insert(
            task,
            json!({
                "params": params_json(&TaskFit::sigmoid_params(&s)), "objective": f.objective,
                "iterations": f.iterations, "n_starts": f.n_starts, "n_converged": f.n_converged,
                "n_points": f.n_points, "huber_delta": args.huber_delta, "loss_unit": unit.name(),
                "bounds": f.bounds,
            }),
        );
    }
    Ok(finish(args.json, &file, out, text_out))
}

fn finish(json: bool, file: &str, fits: Map<String, Value>, text: String) -> String {
    if json {
        serde_json::to_string_pretty(&json!({"file": file, "fits": fits})).unwrap_or_default()
            + "\n"
    } else {
        text
    }
}

/// Parameters as JSON keyed by their names (the keys `--params` files read).
fn params_json(params: &[(Param, f64)]) -> Value {
    Value::Object(
        params
            .iter()
            .map(|(p, v)| (p.name().to_string(), json!(v)))
            .collect(),
    )
}

/// Parameters as `name = value` pairs for the terminal.
fn params_text(params: &[(Param, f64)]) -> String {
    let pairs: Vec<String> = params
        .iter()
        .map(|(p, v)| format!("{} = {}", p.name(), sig(*v)))
        .collect();
    pairs.join("  ")
}
