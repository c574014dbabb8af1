//! `densing inspect FILE-or-DIR`: load a file with the loaders the window uses and print
//! the load report — format, kind, the role of every column, unit decisions, one warning
//! per skipped row, and what the user must still supply.

use super::CliError;
use crate::data::{LoadOptions, Loaded, Role, TableKind, load_path};
use std::fmt::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct InspectArgs {
    /// A table (CSV, TSV, Parquet, JSON, NDJSON, Markdown), a tool's results file, or a folder
    pub path: PathBuf,
    /// Read the file as this kind of table: models | ladder | checkpoints [default: from its columns]
    #[arg(long)]
    pub kind: Option<String>,
    /// Use this column for a role, e.g. --column model="Model Name" (roles: model, family,
    /// release_date, params, params_billions, tokens, training_flop, loss, score, task), or
    /// for a benchmark, e.g. --column mmlu=EM (any other name is a task)
    #[arg(long = "column", value_name = "ROLE=HEADER")]
    pub columns: Vec<String>,
    /// Print the report and the rows read as JSON
    #[arg(long)]
    pub json: bool,
    /// A model named twice with other values: keep its first or last row [default: first]
    #[arg(long, value_name = "first|last")]
    pub keep: Option<String>,
    /// A dates table (a model and a release-date column, no scores): print how its dates
    /// join onto the models read (matched, not matched, conflicts), as `report --dates` does
    #[arg(long, value_name = "FILE")]
    pub dates: Option<PathBuf>,
}

fn options(args: &InspectArgs) -> Result<LoadOptions, CliError> {
    let mut o = LoadOptions {
        keep_last: super::analysis_args::keep_last(args.keep.as_deref())?,
        ..LoadOptions::default()
    };
    if let Some(k) = &args.kind {
        o.roles.kind = Some(match k.as_str() {
            "models" => TableKind::Models,
            "ladder" => TableKind::Ladder,
            "checkpoints" => TableKind::Checkpoints,
            _ => {
                return Err(CliError::Usage(format!(
                    "--kind: '{k}' is not a kind (expected models, ladder or checkpoints)"
                )));
            }
        });
    }
    for c in &args.columns {
        let bad = || {
            CliError::Usage(format!(
                "--column: '{c}' is not ROLE=HEADER or TASK=HEADER (roles: model, family, release_date, params, params_billions, tokens, training_flop, loss, score, task)"
            ))
        };
        let (role, header) = c.split_once('=').ok_or_else(bad)?;
        if role.trim().is_empty() || header.is_empty() {
            return Err(bad());
        }
        // A role name sets that role; any other name maps the column to that benchmark
        // (`--column mmlu=EM`), as the window's column editor can.
        match serde_json::from_value::<Role>(serde_json::Value::String(role.trim().into())) {
            Ok(role) => {
                o.roles.columns.insert(role, header.to_string());
            }
            Err(_) => {
                let task = crate::data::normalise_task(role);
                o.roles.benchmarks.insert(task, header.to_string());
            }
        }
    }
    Ok(o)
}

/// Loads the path and returns the printed report.
pub fn inspect(args: &InspectArgs) -> Result<String, CliError> {
    let mut outcome = match load_path(&args.path, &options(args)?) {
        Ok(o) => o,
        // A `--column TASK=HEADER` naming no column of the file: the argument is wrong.
        Err(crate::data::DataError::UnknownColumn {
            column,
            available,
            role,
            ..
        }) if role.starts_with("benchmark") => {
            let arg = args
                .columns
                .iter()
                .find(|c| c.split_once('=').is_some_and(|(_, h)| h == column))
                .cloned()
                .unwrap_or(column);
            return Err(CliError::Usage(format!(
                "--column: '{arg}': no such column in the file (columns: {available})"
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let dates = match &args.dates {
        Some(path) => Some(join_dates_table(path, &mut outcome.loaded)?),
        None => None,
    };
    if args.json {
        let rows = match &outcome.loaded {
            Loaded::Folder(d) => serde_json::to_value(d),
            Loaded::Models(m) => serde_json::to_value(m),
            Loaded::Ladder(l) => serde_json::to_value(l),
            Loaded::Checkpoints(c) => serde_json::to_value(c),
        }
        .unwrap_or_default();
        let mut v = serde_json::json!({ "reports": outcome.reports, "data": rows });
        if let Some(lines) = &dates {
            v["dates"] = serde_json::json!(lines);
        }
        return Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        ));
    }
    let mut out = String::new();
    for r in &outcome.reports {
        let _ = writeln!(out, "{r}");
    }
    for line in dates.iter().flatten() {
        let _ = writeln!(out, "dates: {line}");
    }
    let _ = writeln!(out, "read: {}", outcome.loaded.summary());
    if let Loaded::Models(models) | Loaded::Folder(crate::data::Dataset { models, .. }) =
        &outcome.loaded
    {
        for m in models.iter().take(20) {
            let scores: Vec<String> = m
                .scores
                .iter()
                .map(|(b, s)| format!("{b} {s:.1}"))
                .collect();
            let _ = writeln!(
                out,
                "  {} | {} | {} | {}",
                m.name,
                m.release_date.map_or("date ?".into(), |d| d.to_string()),
                m.n_params
                    .map_or("N ?".into(), |n| format!("{:.3}B", n / 1e9)),
                scores.join(", ")
            );
        }
        if models.len() > 20 {
            let _ = writeln!(out, "  … {} more", models.len() - 20);
        }
    }
    Ok(out)
}

/// Joins the dates table at `path` onto the models read (a table of ladder points or
/// checkpoints has none: a usage error) and returns the lines saying what matched.
fn join_dates_table(path: &std::path::Path, loaded: &mut Loaded) -> Result<Vec<String>, CliError> {
    let models = match loaded {
        Loaded::Models(m) | Loaded::Folder(crate::data::Dataset { models: m, .. }) => m,
        other => {
            return Err(CliError::Usage(format!(
                "--dates: the file holds {}, no models to date",
                other.summary()
            )));
        }
    };
    let (entries, report) = crate::data::read::dates_table::read_dates_file(path)?;
    let mut lines: Vec<String> = report
        .warnings
        .iter()
        .map(|w| format!("{}: {w}", report.path))
        .collect();
    let join =
        crate::data::model::dates_join::join_dates(models, &entries, &path.display().to_string());
    lines.extend(join.lines());
    Ok(lines)
}
