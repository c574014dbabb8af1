//! The data, laws and options of an analysis from the command line (`--data`, `--params`,
//! `--session`, the option flags), and the inputs they load: shared by `report`, `export`
//! and `sensitivity`.

use super::{CliError, parse_date_arg};
use crate::analysis::{Aggregate, FrontierRule, Options};
use crate::data::{AVERAGE, normalise_task};
use std::path::PathBuf;

#[derive(Debug, Clone, Default, clap::Args)]
/// The data, laws and options of an analysis, shared by `report` and `export`.
pub struct AnalysisArgs {
    /// A saved session (data files, laws, options, view); the flags below override it
    #[arg(long, value_name = "FILE")]
    pub session: Option<PathBuf>,
    /// A data folder (models, ladder, sigmoid_points as .csv/.tsv/.parquet/.json/.jsonl), an
    /// lm-evaluation-harness output folder, or one table or results file; a single table
    /// replaces its part of the embedded sample [default: the embedded sample]
    #[arg(long, value_name = "FILE-or-DIR")]
    pub data: Option<PathBuf>,
    /// Use these constants as they are instead of fitting (JSON keyed by task)
    #[arg(long, value_name = "FILE")]
    pub params: Option<PathBuf>,
    /// average, or any task present in the data (mmlu, bbh, math, humaneval, mbpp, gsm8k,
    /// arc_challenge, hellaswag, …) [default: average]
    #[arg(long)]
    pub task: Option<String>,
    /// The benchmarks the average combines, among the tasks present, e.g.
    /// --benchmarks mmlu,arc_challenge,hellaswag [default: mmlu,bbh,math,humaneval,mbpp]
    #[arg(long, value_name = "A,B,C", value_delimiter = ',')]
    pub benchmarks: Option<Vec<String>>,
    /// A model named twice in a table with other values: keep its first or last row
    /// [default: first]
    #[arg(long, value_name = "first|last")]
    pub keep: Option<String>,
    /// mean-score | geo-mean-density [default: mean-score]
    #[arg(long)]
    pub aggregate: Option<String>,
    /// record | all | quantile:Q [default: record]
    #[arg(long)]
    pub frontier: Option<String>,
    /// Data budget D0 in tokens [default: 1e12]
    #[arg(long, value_name = "TOKENS", allow_negative_numbers = true)]
    pub d0: Option<f64>,
    /// Reference date, t = 0 [default: 2023-02-24]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub ref_date: Option<String>,
    /// Also fit the two sides of this date separately (the paper: 2022-11-30)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub breakpoint: Option<String>,
    /// The breakpoint's slopes: split the whole-timeline frontier at the date (whole), or
    /// select a frontier on each side alone (per-side) [default: whole]
    #[arg(long, value_name = "whole|per-side")]
    pub breakpoint_frontier: Option<String>,
    /// Leave out models released before this date
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Leave out models released after this date
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// What a density divides by: total | active (mixture-of-experts models' active
    /// parameters; dense models are the same on both) | inference (active parameters times
    /// tokens per answer over --t-ref) [default: total]
    #[arg(long)]
    pub basis: Option<String>,
    /// Names on the density chart: none | frontier | all [default: frontier]
    #[arg(long)]
    pub labels: Option<String>,
    /// The reference the densities are relative to: a real ladder folder (OLMo ladder-runs)
    /// [default: the embedded synthetic ladder]
    #[arg(long, value_name = "DIR")]
    pub reference: Option<PathBuf>,
    // Dates and leaderboard filters (issue 19 item 5, issue 20 items 4–5).
    /// A dates table (a model and a release-date column, no scores; Epoch AI's tables too):
    /// its dates are joined onto models without one by normalised name
    #[arg(long, value_name = "FILE")]
    pub dates: Option<PathBuf>,
    /// Place models without a release date at their hub upload or leaderboard submission
    /// date (marked in the report and the chart) [default: release dates only]
    #[arg(long, value_name = "upload|submission")]
    pub dates_from: Option<String>,
    /// Keep only these models: pretrained, continued-pretraining, fine-tuned, chat, merge
    /// (any of the types given), official, flagged, merged, moe (all of these)
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub only: Option<Vec<String>>,
    /// Leave out models that are any of these (same words as --only), e.g. flagged,merged,moe
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub exclude: Option<Vec<String>>,
    // Guards of every inversion (issue 20): see `analysis::GuardOptions`.
    /// An extrapolated N̂ (a score outside the reference's scores) may lie this factor
    /// beyond the reference's largest/smallest size; a family's beyond it are excluded
    /// [default: 4]
    #[arg(long, value_name = "X")]
    pub extrapolation_factor: Option<f64>,
    /// Scores within this many points of the task's chance level are excluded [default: 2]
    #[arg(long, value_name = "POINTS")]
    pub chance_margin: Option<f64>,
    /// A density that one score point moves by this factor is unreliable (drawn hollow,
    /// left out of the regression) [default: 2]
    #[arg(long, value_name = "X")]
    pub unreliable_factor: Option<f64>,
    /// Keep unreliable densities in the frontier and the regression
    #[arg(long)]
    pub include_unreliable: bool,
    /// Exclude far extrapolations on a ladder reference too (default: marked only)
    #[arg(long)]
    pub exclude_ladder_extrapolation: bool,
    // Density per inference cost (issue 21 item 3).
    /// T_ref of --basis inference: the reference protocol's mean tokens generated per answer
    /// on the task (rho_inf = N_eff * T_ref / (N_active * T)) [default: the reference's, where
    /// it gives one]
    #[arg(long, value_name = "TOKENS")]
    pub t_ref: Option<f64>,
}

/// Turns the arguments into analysis options.
pub fn options_from(args: &AnalysisArgs) -> Result<Options, CliError> {
    options_over(Options::default(), args)
}

/// `base` with the options the arguments give.
pub(super) fn options_over(mut o: Options, args: &AnalysisArgs) -> Result<Options, CliError> {
    if let Some(task) = &args.task {
        let task = task.trim();
        o.task = if task.eq_ignore_ascii_case(AVERAGE) {
            AVERAGE.to_string()
        } else {
            normalise_task(task)
        };
    }
    if let Some(list) = &args.benchmarks {
        let list: Vec<String> = list
            .iter()
            .filter(|b| !b.trim().is_empty())
            .map(|b| normalise_task(b))
            .collect();
        if list.is_empty() {
            return Err(CliError::Usage(
                "--benchmarks: no benchmark given (expected e.g. mmlu,bbh,gsm8k)".into(),
            ));
        }
        o.benchmarks = list;
    }
    if let Some(a) = &args.aggregate {
        o.aggregate = match a.as_str() {
            "mean-score" => Aggregate::MeanScore,
            "geo-mean-density" => Aggregate::GeoMeanDensity,
            _ => {
                return Err(CliError::Usage(format!(
                    "--aggregate: '{a}' is not an aggregation (expected mean-score or geo-mean-density)"
                )));
            }
        };
    }
    if let Some(f) = &args.frontier {
        o.frontier =
            FrontierRule::parse(f).map_err(|e| CliError::Usage(format!("--frontier: {e}")))?;
    }
    if let Some(d0) = args.d0 {
        if !(d0.is_finite() && d0 > 0.0) {
            return Err(CliError::Usage(format!(
                "--d0: {d0} is not a positive token count"
            )));
        }
        o.d0_tokens = d0;
    }
    if let Some(d) = &args.ref_date {
        o.ref_date = parse_date_arg("--ref-date", d)?;
    }
    if let Some(d) = &args.breakpoint {
        o.breakpoint = Some(parse_date_arg("--breakpoint", d)?);
    }
    if let Some(f) = &args.breakpoint_frontier {
        o.breakpoint_frontier = crate::analysis::BreakpointFrontier::parse(f)
            .map_err(|e| CliError::Usage(format!("--breakpoint-frontier: {e}")))?;
    }
    if let Some(d) = &args.since {
        o.since = Some(parse_date_arg("--since", d)?);
    }
    if let Some(d) = &args.until {
        o.until = Some(parse_date_arg("--until", d)?);
    }
    if let Some(b) = &args.basis {
        o.basis = crate::analysis::Basis::parse(b).ok_or_else(|| {
            CliError::Usage(format!(
                "--basis: '{b}' is not a basis (expected total, active or inference)"
            ))
        })?;
    }
    if let Some(t) = args.t_ref {
        if !(t.is_finite() && t > 0.0) {
            return Err(CliError::Usage(format!(
                "--t-ref: {t} is not a positive token count"
            )));
        }
        o.t_ref = Some(t);
    }
    super::dates_args::options_over(&mut o, args)?;
    if let Some(l) = &args.labels {
        o.labels = crate::analysis::PointLabels::parse(l).ok_or_else(|| {
            CliError::Usage(format!(
                "--labels: '{l}' is not a choice (expected none, frontier or all)"
            ))
        })?;
    }
    guard_options(&mut o.guards, args)?;
    Ok(o)
}

/// The guard flags over `g`.
fn guard_options(
    g: &mut crate::analysis::GuardOptions,
    args: &AnalysisArgs,
) -> Result<(), CliError> {
    for (flag, value, min, slot) in [
        (
            "--extrapolation-factor",
            args.extrapolation_factor,
            1.0,
            &mut g.extrapolation_factor,
        ),
        (
            "--chance-margin",
            args.chance_margin,
            0.0,
            &mut g.chance_margin,
        ),
        (
            "--unreliable-factor",
            args.unreliable_factor,
            1.0,
            &mut g.unreliable_factor,
        ),
    ] {
        if let Some(v) = value {
            if !(v.is_finite() && v >= min) {
                return Err(CliError::Usage(format!(
                    "{flag}: must be a number of at least {min}, got {v}"
                )));
            }
            *slot = v;
        }
    }
    g.include_unreliable |= args.include_unreliable;
    g.exclude_ladder_extrapolation |= args.exclude_ladder_extrapolation;
    Ok(())
}

pub(crate) use super::inputs::{Inputs, inputs, keep_last};
