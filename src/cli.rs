//! The command line: `report`, `inspect`, `fit-loss`, `fit-sigmoid`, `simulate`, `export`, `holdout`,
//! `sensitivity`, `iso`, `lineage`. Each subcommand is a
//! library function returning its output text, so tests and scripts get the same numbers.

mod analysis_args;
mod dates_args;
mod export_cmd;
mod fit_cmd;
mod holdout_cmd;
mod inputs;
mod inspect_cmd;
mod iso_cmd;
mod ladder_holdout_cmd;
mod lineage_cmd;
mod reference;
mod report;
mod report_bootstrap;
mod sensitivity_cmd;
mod simulate_cmd;

pub use analysis_args::AnalysisArgs;
pub use iso_cmd::{IsoArgs, iso_cmd};
pub use lineage_cmd::{LineageArgs, lineage_cmd};
pub use report::{ReportArgs, report, report_json};

use crate::data::DataError;
use crate::fit::{FitError, TaskFitError};
use clap::{Parser, Subcommand};
use thiserror::Error;

/// Any failure of a subcommand: printed as one line, exit status 2.
#[derive(Debug, Error)]
pub enum CliError {
    #[error("{0}")]
    Data(#[from] DataError),
    #[error("{0}")]
    TaskFit(#[from] TaskFitError),
    #[error("{file}: {error}")]
    Fit { file: String, error: FitError },
    #[error("{0}")]
    Usage(String),
    #[error("{path}: cannot write: {reason}")]
    Write { path: String, reason: String },
    #[error("{0}")]
    Session(Box<crate::io::session::SessionError>),
}

impl From<crate::io::session::SessionError> for CliError {
    fn from(e: crate::io::session::SessionError) -> Self {
        CliError::Session(Box::new(e))
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "densing",
    version,
    about = "Densing Explorer: capability density of LLMs (Xiao et al., arXiv 2412.04315)",
    long_about = "Fits the loss scaling law and the loss→score sigmoid, inverts each model's score \
                  into an effective parameter size, and regresses ln(density) on release date.\n\
                  With no subcommand, opens the window on the embedded sample, or on the \
                  tables, folders and sessions given (densing PATH…)."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Open the window with these tables, results files, data folders or sessions loaded
    #[arg(value_name = "PATH")]
    pub paths: Vec<std::path::PathBuf>,
    /// Open the window, save a PNG of it once the first fit is drawn, and exit
    #[arg(long, value_name = "FILE")]
    pub screenshot: Option<std::path::PathBuf>,
    /// Window size for --screenshot (and the window), e.g. 1400x900
    #[arg(long, value_name = "WxH")]
    pub size: Option<String>,
    /// Open these files or folders in the window at start, in order (e.g. a models table
    /// and an OLMo ladder-runs folder as the reference); repeat the flag for each
    #[arg(long, value_name = "PATH")]
    pub open: Vec<std::path::PathBuf>,
    /// Open the window on this view instead of the four: iso (the model-free check), or
    /// lineage (the density view with parent -> child arrows and the published slopes)
    #[arg(long, value_name = "VIEW")]
    pub view: Option<String>,
    /// The window's reference at start: family:PATTERN (a model family of the data, as
    /// `report --reference family:PATTERN`; a ladder folder is opened with --open)
    #[arg(long, value_name = "family:PATTERN")]
    pub reference: Option<String>,
    /// The task the window shows at start (e.g. mmlu_pro)
    #[arg(long, value_name = "TASK")]
    pub task: Option<String>,
    /// The window's breakpoint at start: fit the two sides of this date separately (the
    /// paper: 2022-11-30)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub breakpoint: Option<String>,
    /// The window's dates at start: place undated models at their hub upload or
    /// leaderboard submission date (as `report --dates-from`)
    #[arg(long, value_name = "upload|submission")]
    pub dates_from: Option<String>,
    /// The window's model filter at start, as `report --only` (e.g. pretrained,official)
    #[arg(long, value_name = "WORDS", value_delimiter = ',')]
    pub only: Vec<String>,
}

/// Parses `WxH` (e.g. `1400x900`).
pub fn parse_size(s: &str) -> Result<(f32, f32), CliError> {
    let bad = || {
        CliError::Usage(format!(
            "--size: '{s}' is not a size (expected WxH, e.g. 1400x900)"
        ))
    };
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let (w, h): (f32, f32) = (
        w.trim().parse().map_err(|_| bad())?,
        h.trim().parse().map_err(|_| bad())?,
    );
    if !(100.0..=10_000.0).contains(&w) || !(100.0..=10_000.0).contains(&h) {
        return Err(bad());
    }
    Ok((w, h))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Densities of every model and the density-over-time regression.
    Report(ReportArgs),
    /// Load a file or folder and print what was understood (the load report).
    Inspect(inspect_cmd::InspectArgs),
    /// Fit a loss law to a table of parameters, tokens (or training FLOP) and loss.
    FitLoss(fit_cmd::FitLossArgs),
    /// Fit the loss→score sigmoid to a table of loss and score.
    FitSigmoid(fit_cmd::FitSigmoidArgs),
    /// Write a synthetic ladder and sigmoid checkpoints from known constants.
    Simulate(simulate_cmd::SimulateArgs),
    /// Write a view as SVG/PNG or a table as CSV/JSON.
    Export(export_cmd::ExportArgs),
    /// Held-out checks: the loss law without one ladder size, the sigmoid without its top checkpoints.
    Holdout(holdout_cmd::HoldoutArgs),
    /// The doubling time under each D0, frontier rule, benchmark set, and with each frontier model left out.
    Sensitivity(sensitivity_cmd::SensitivityArgs),
    /// The model-free check: the smallest model reaching each score over release dates, and how fast its size halves.
    Iso(iso_cmd::IsoArgs),
    /// Parents and children: each model against the model it was made from (rho_child / rho_parent), and a summary per kind.
    Lineage(lineage_cmd::LineageArgs),
}

/// Runs a parsed command line and returns what to print.
pub fn run(cli: Cli) -> Result<String, CliError> {
    match cli.command {
        None if !cli.paths.is_empty() => Err(CliError::Usage(format!(
            "{}: this build has no window (built without the app feature); use densing inspect PATH or densing report --data PATH",
            cli.paths[0].display()
        ))),
        None => {
            let text = report(&ReportArgs::default())?;
            Ok(format!(
                "{text}\n(Built without the window; see `densing --help` for the subcommands.)\n"
            ))
        }
        Some(Command::Report(args)) => report(&args),
        Some(Command::Inspect(args)) => inspect_cmd::inspect(&args),
        Some(Command::FitLoss(args)) => fit_cmd::fit_loss(&args),
        Some(Command::FitSigmoid(args)) => fit_cmd::fit_sigmoid(&args),
        Some(Command::Simulate(args)) => simulate_cmd::simulate(&args),
        Some(Command::Export(args)) => export_cmd::export(&args),
        Some(Command::Holdout(args)) => holdout_cmd::holdout(&args),
        Some(Command::Sensitivity(args)) => sensitivity_cmd::sensitivity_cmd(&args),
        Some(Command::Iso(args)) => iso_cmd::iso_cmd(&args),
        Some(Command::Lineage(args)) => lineage_cmd::lineage_cmd(&args),
    }
}

/// Parses a date given on the command line.
/// Parses `--breakpoint YYYY-MM-DD` of the window.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, CliError> {
    parse_date_arg("--breakpoint", s)
}

pub(crate) fn parse_date_arg(flag: &str, s: &str) -> Result<chrono::NaiveDate, CliError> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| CliError::Usage(format!("{flag}: '{s}' is not a date (expected YYYY-MM-DD)")))
}
