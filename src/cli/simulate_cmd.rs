//! `densing simulate`: synthetic ladder and checkpoints from a params file.

use super::CliError;
use crate::data::read_params_file;
use crate::simulate::{SimOptions, checkpoints_csv, ladder_csv, simulate as run_sim};
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct SimulateArgs {
    /// Constants to simulate from (JSON keyed by task)
    #[arg(long, value_name = "FILE")]
    pub params: PathBuf,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Folder to write ladder.csv and sigmoid_points.csv into (created if missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// σ of the multiplicative log-normal noise on losses
    #[arg(long, default_value_t = 0.01)]
    pub loss_sigma: f64,
    /// σ of the additive normal noise on scores (points)
    #[arg(long, default_value_t = 1.0)]
    pub score_sigma: f64,
}

pub fn simulate(args: &SimulateArgs) -> Result<String, CliError> {
    for (flag, v) in [
        ("--loss-sigma", args.loss_sigma),
        ("--score-sigma", args.score_sigma),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            return Err(CliError::Usage(format!(
                "{flag}: {v} is not a non-negative number"
            )));
        }
    }
    let fits = read_params_file(&args.params)?;
    let options = SimOptions {
        seed: args.seed,
        loss_sigma: args.loss_sigma,
        score_sigma: args.score_sigma,
    };
    let (ladder, checkpoints) = run_sim(&fits, &options);
    let write_err = |path: &PathBuf, e: std::io::Error| CliError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    std::fs::create_dir_all(&args.out).map_err(|e| write_err(&args.out, e))?;
    let ladder_path = args.out.join("ladder.csv");
    let sigmoid_path = args.out.join("sigmoid_points.csv");
    std::fs::write(&ladder_path, ladder_csv(&ladder)).map_err(|e| write_err(&ladder_path, e))?;
    std::fs::write(&sigmoid_path, checkpoints_csv(&checkpoints))
        .map_err(|e| write_err(&sigmoid_path, e))?;
    Ok(format!(
        "wrote {} ladder points to {} and {} checkpoints to {} (seed {}, loss σ {}, score σ {})\n",
        ladder.len(),
        ladder_path.display(),
        checkpoints.len(),
        sigmoid_path.display(),
        args.seed,
        args.loss_sigma,
        args.score_sigma
    ))
}
