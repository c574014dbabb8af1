//! `densing sensitivity`: the doubling time (with its interval) under each choice — D₀
//! swept 1e11–1e13, each frontier rule, each benchmark set and aggregation with fits, each
//! frontier model left out — as a table, JSON, and a chart (SVG/PNG).

use super::analysis_args::{AnalysisArgs, inputs};
use super::{CliError, export_cmd::written};
use crate::analysis::{BootstrapOptions, SensitivityOptions, sensitivity};
use crate::data::{AVERAGE, BENCHMARKS};
use crate::fit::{LossFitOptions, SigmoidFitOptions, fit_tasks};
use crate::format::{IntervalStyle, REPORT_INTERVAL};
use serde_json::json;
use std::fmt::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct SensitivityArgs {
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    /// Intervals from a bootstrap of N model resamples (laws fixed) instead of Student-t
    #[arg(long, value_name = "N")]
    pub bootstrap: Option<usize>,
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
    /// Also write the chart to this file (.svg or .png)
    #[arg(long, value_name = "PATH")]
    pub chart: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

pub fn sensitivity_cmd(args: &SensitivityArgs) -> Result<String, CliError> {
    let mut i = inputs(&args.analysis)?;
    if args.analysis.params.is_none() {
        // The benchmark cases need every task the data can fit.
        let extra: Vec<String> = std::iter::once(AVERAGE)
            .chain(BENCHMARKS)
            .filter(|t| !i.fits.tasks.contains_key(*t))
            .filter(|t| i.dataset.ladder.iter().any(|r| r.task == *t))
            .filter(|t| i.dataset.checkpoints.iter().any(|r| r.task == *t))
            .map(str::to_string)
            .collect();
        let (more, _) = fit_tasks(
            &i.dataset,
            &extra,
            &LossFitOptions::default(),
            &SigmoidFitOptions::default(),
        )?;
        i.fits.tasks.extend(more.tasks);
    }
    if args.bootstrap.is_some_and(|n| n < 2) {
        return Err(CliError::Usage(
            "--bootstrap: need at least 2 replicates".into(),
        ));
    }
    let s = SensitivityOptions {
        bootstrap: args.bootstrap.map(|n| BootstrapOptions {
            n_replicates: n,
            seed: args.seed,
            refit_laws: false,
            ..BootstrapOptions::default()
        }),
        ..SensitivityOptions::default()
    };
    let rows = sensitivity(&i.dataset, &i.fits, &i.options, &s);
    if let Some(path) = &args.chart {
        let chart = crate::chart::sensitivity_chart(&rows, &s.method());
        let png = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"));
        let written_ok = if png {
            crate::io::write_png(&chart, (1000, 600), 1.0, path)
        } else {
            crate::io::write_svg(&chart, (1000, 600), path)
        };
        written_ok.map_err(written)?;
    }
    if args.json {
        let v = json!({"data": i.dataset.origin, "laws": i.laws_from, "interval": s.method(), "rows": rows});
        return Ok(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n");
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sensitivity of the doubling time; data: {}; laws: {}\nintervals: {}\n",
        i.dataset.origin,
        i.laws_from,
        s.method()
    );
    let _ = writeln!(
        out,
        "{:>3} {:<14} {:<36} {:>4} {:>9} {:>8} {:>10}",
        "#", "group", "case", "n", "doubling", "low", "high"
    );
    for (k, r) in rows.iter().enumerate() {
        // Columns of the table: `-` where a bound is missing.
        let style = IntervalStyle {
            missing: "-",
            ..REPORT_INTERVAL
        };
        let f = |v: Option<f64>| style.bound(v);
        let high = style.high(
            r.doubling_days_high,
            r.doubling_days.is_some() && r.doubling_high_unbounded,
        );
        let _ = writeln!(
            out,
            "{:>3} {:<14} {:<36} {:>4} {:>9} {:>8} {:>10}",
            k + 1,
            r.group,
            r.case,
            r.n_frontier,
            f(r.doubling_days),
            f(r.doubling_days_low),
            high
        );
    }
    Ok(out)
}
