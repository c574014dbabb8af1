//! `densing iso`: the model-free check (issue 21). For each score threshold the
//! record-small staircase of the models reaching it, the halving time of its size with the
//! 95% interval, and the pooled halving time; beside it the density law's doubling time
//! on the same models and options.

use super::CliError;
use super::analysis_args::{AnalysisArgs, inputs};
use crate::analysis::iso::{DEFAULT_THRESHOLD_COUNT, IsoResult, default_thresholds, iso};
use crate::data::Dataset;
use crate::format::REPORT_INTERVAL;
use serde_json::{Value, json};
use std::fmt::Write;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct IsoArgs {
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    /// Score thresholds, e.g. --thresholds 40,50,60,70 [default: 4 evenly spaced inside
    /// the range of scores the models reach]
    #[arg(
        long,
        value_name = "A,B,C",
        value_delimiter = ',',
        allow_negative_numbers = true
    )]
    pub thresholds: Option<Vec<f64>>,
    /// Print one JSON object instead of the table
    #[arg(long)]
    pub json: bool,
}

/// The thresholds asked for, or the defaults; an error for a non-finite one or none.
pub(crate) fn thresholds_of(
    given: Option<&[f64]>,
    dataset: &Dataset,
    options: &crate::analysis::Options,
) -> Result<Vec<f64>, CliError> {
    let list = match given {
        Some(l) => l.to_vec(),
        None => default_thresholds(dataset, options, DEFAULT_THRESHOLD_COUNT),
    };
    if let Some(bad) = list.iter().find(|t| !t.is_finite()) {
        return Err(CliError::Usage(format!(
            "--thresholds: {bad} is not a score"
        )));
    }
    if list.is_empty() {
        return Err(CliError::Usage(format!(
            "no model has a score, a size and a date for {}: no threshold to check",
            options.task
        )));
    }
    Ok(list)
}

/// `[low, high]` with `null` for a missing or unbounded end.
fn interval(low: Option<f64>, high: Option<f64>) -> Value {
    json!([low, high])
}

/// The JSON of the check (`densing iso --json`).
pub fn iso_json(dataset: &Dataset, r: &IsoResult) -> Value {
    let thresholds: Vec<Value> = r
        .staircases
        .iter()
        .map(|s| {
            let names: Vec<&str> = s
                .models
                .iter()
                .map(|&i| dataset.models[i].name.as_str())
                .collect();
            let g = s.regression.as_ref();
            json!({
                "threshold": s.threshold,
                "staircase": names,
                "halving_days": g.and_then(|g| g.doubling_days),
                "interval": interval(g.and_then(|g| g.doubling_days_low), g.and_then(|g| g.doubling_days_high)),
                "high_unbounded": g.is_some_and(|g| g.doubling_high_unbounded),
                "r2": g.map(|g| g.r2),
                "n": s.models.len(),
                "n_reaching": s.n_reaching,
            })
        })
        .collect();
    let pooled = r.pooled.as_ref().map_or(Value::Null, |p| {
        json!({
            "halving_days": p.halving_days,
            "interval": interval(p.halving_days_low, p.halving_days_high),
            "high_unbounded": p.halving_high_unbounded,
            "n": p.n_points,
            "thresholds_used": p.n_groups,
        })
    });
    json!({"task": r.task, "basis": r.basis.name(), "thresholds": thresholds, "pooled": pooled})
}

/// "density doubling D days (CI) against size halving H days (CI), same models".
pub(crate) fn side_by_side(density: Option<&crate::analysis::Regression>, r: &IsoResult) -> String {
    let st = REPORT_INTERVAL;
    let d = density.map_or_else(
        || "no density doubling (no line)".to_string(),
        |g| {
            format!(
                "density doubling {} days ({})",
                st.bound(g.doubling_days),
                st.text(
                    g.doubling_days_low,
                    g.doubling_days_high,
                    g.doubling_high_unbounded
                )
            )
        },
    );
    let h = r.pooled.as_ref().map_or_else(
        || "no size halving (no staircase has a line)".to_string(),
        |p| {
            format!(
                "size halving {} days ({})",
                st.bound(p.halving_days),
                st.text(
                    p.halving_days_low,
                    p.halving_days_high,
                    p.halving_high_unbounded
                )
            )
        },
    );
    format!("{d} against {h}, same models")
}

/// The check as a table (or JSON with `--json`).
pub fn iso_cmd(args: &IsoArgs) -> Result<String, CliError> {
    let i = inputs(&args.analysis)?;
    let thresholds = thresholds_of(args.thresholds.as_deref(), &i.dataset, &i.options)?;
    let r = iso(&i.dataset, &i.options, &thresholds);
    if args.json {
        return Ok(
            serde_json::to_string_pretty(&iso_json(&i.dataset, &r)).unwrap_or_default() + "\n",
        );
    }
    let o = &i.options;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Model-free check: the smallest {} model reaching each score, over release dates; \
         size = {} parameters; t = 0 at {}{}{}",
        o.task,
        o.basis.name(),
        o.ref_date,
        o.since.map_or(String::new(), |d| format!("; since {d}")),
        o.until.map_or(String::new(), |d| format!("; until {d}")),
    );
    let _ = writeln!(s, "data: {}\n", i.dataset.origin);
    let st = REPORT_INTERVAL;
    for c in &r.staircases {
        let g = c.regression.as_ref();
        let _ = writeln!(
            s,
            "score >= {}: {} of {} reaching on the staircase; halving {} days (95%: {}); R2 {}",
            c.threshold,
            c.models.len(),
            c.n_reaching,
            st.bound(g.and_then(|g| g.doubling_days)),
            g.map_or("?".into(), |g| st.text(
                g.doubling_days_low,
                g.doubling_days_high,
                g.doubling_high_unbounded
            )),
            g.map_or("?".into(), |g| format!("{:.3}", g.r2)),
        );
        for &k in &c.models {
            let m = &i.dataset.models[k];
            let _ = writeln!(
                s,
                "    {}  {}  {}",
                m.release_date.map_or("?".into(), |d| d.to_string()),
                crate::format::format_count(o.basis.size_of(m).unwrap_or(f64::NAN)),
                m.name
            );
        }
    }
    if let Some(p) = &r.pooled {
        let _ = writeln!(
            s,
            "\npooled (one slope, one intercept per threshold; {} points, {} thresholds): \
             halving {} days (95%: {})",
            p.n_points,
            p.n_groups,
            st.bound(p.halving_days),
            st.text(
                p.halving_days_low,
                p.halving_days_high,
                p.halving_high_unbounded
            )
        );
    }
    let _ = writeln!(s, "{}", side_by_side(i.analysis.regression.as_ref(), &r));
    Ok(s)
}

/// The paper's published doubling times of the density (days), as quoted in issue 21:
/// the arXiv version (arXiv 2412.04315, "about every 3.3 months": 95–99 days over its
/// fits) and the journal version (about 3.5 months, 106 days).
pub const PUBLISHED_DOUBLING: [(&str, f64, f64); 2] = [
    ("arXiv 2412.04315", 95.0, 99.0),
    ("journal version", 106.0, 106.0),
];

/// The lines `densing report` ends with: the model-free check beside the density law
/// (default thresholds, the report's options), and the measured doubling beside the
/// published ones.
pub(crate) fn report_lines(i: &super::analysis_args::Inputs) -> String {
    let mut s = String::new();
    let thresholds = default_thresholds(&i.dataset, &i.options, DEFAULT_THRESHOLD_COUNT);
    if !thresholds.is_empty() {
        let r = iso(&i.dataset, &i.options, &thresholds);
        let list: Vec<String> = thresholds.iter().map(|t| t.to_string()).collect();
        let _ = writeln!(
            s,
            "Model-free check (smallest model reaching {} = {}; densing iso): {}",
            i.options.task,
            list.join(", "),
            side_by_side(i.analysis.regression.as_ref(), &r)
        );
    }
    // "measured D d; published: 95–99 d (arXiv), ~106 d (journal)".
    let published: Vec<String> = PUBLISHED_DOUBLING
        .iter()
        .zip(["arXiv", "journal"])
        .map(|((_, lo, hi), short)| {
            if lo == hi {
                format!("~{lo} d ({short})")
            } else {
                format!("{lo}–{hi} d ({short})")
            }
        })
        .collect();
    let measured = i
        .analysis
        .regression
        .as_ref()
        .and_then(|g| g.doubling_days)
        .map_or("no doubling (no line)".to_string(), |d| format!("{d:.1} d"));
    let _ = writeln!(
        s,
        "Density doubling: measured {measured}; published: {}",
        published.join(", ")
    );
    s
}
