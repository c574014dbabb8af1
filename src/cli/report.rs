//! `densing report`: the per-model table and the regression, as text or JSON.

use super::analysis_args::{AnalysisArgs, inputs};
use super::{CliError, report_bootstrap};
use crate::analysis::Regression;
use crate::data::AVERAGE;
use crate::format::{REPORT_INTERVAL, format_count as count, opt, sig};
use serde_json::{Value, json};
use std::fmt::Write;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    /// Print one JSON object instead of the table
    #[arg(long)]
    pub json: bool,
    /// Add bootstrap percentile intervals from N replicates (resampled ladder, checkpoints and models)
    #[arg(long, value_name = "N")]
    pub bootstrap: Option<usize>,
    /// Seed of the bootstrap's resamples
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
}

/// The report as one JSON value.
pub fn report_json(args: &ReportArgs) -> Result<Value, CliError> {
    let i = inputs(&args.analysis)?;
    let boot = report_bootstrap::run(
        args.bootstrap,
        args.seed,
        args.analysis.params.is_none(),
        &i,
    )?;
    let models: Vec<Value> = i
        .dataset
        .models
        .iter()
        .zip(&i.analysis.models)
        .map(|(m, r)| {
            let mut v = json!({
                "model": m.name,
                "release_date": m.release_date.map(|d| d.to_string()),
                "n_params": m.n_params,
                "n_params_active": m.n_params_active,
                "density_divides_by": r.n_params,
                "score": r.score,
                "loss_hat": r.loss_hat,
                "n_hat": r.n_hat,
                "density": r.density,
                "excluded_reason": r.excluded.as_ref().map(|e| e.to_string()),
                "days_since_ref": r.days_since_ref,
                "on_frontier": r.on_frontier,
                "sensitivity": r.sensitivity,
                "extrapolation": r.extrapolation,
                "unreliable": r.unreliable,
            });
            if !r.date_kind.is_release() {
                v["date_kind"] = json!(r.date_kind.describe());
                v["date_used"] = json!(r.release_date.map(|d| d.to_string()));
            }
            v
        })
        .collect();
    let (regression, breakpoint) = crate::io::regressions(&i.dataset, &i.analysis);
    let mut out = json!({
        "data": i.dataset.origin,
        "reference": match i.dataset.reference.as_ref().filter(|r| r.family) {
            Some(r) => r.name.clone(),
            None => args.analysis.reference.as_ref().map_or_else(
                || "the embedded synthetic ladder".to_string(),
                |d| format!("the OLMo ladder ({})", d.display()),
            ),
        },
        "loss_unit": i.dataset.loss_unit.name(),
        "laws": i.laws_from,
        "fits": i.fits.tasks,
        "task": i.options.task,
        "benchmarks": i.options.benchmarks,
        "aggregate": i.options.aggregate.name(),
        "frontier_rule": i.options.frontier.label(),
        "d0_tokens": i.options.d0_tokens,
        "ref_date": i.options.ref_date.to_string(),
        "basis": i.options.basis.name(),
        "since": i.options.since.map(|d| d.to_string()),
        "until": i.options.until.map(|d| d.to_string()),
        "models": models,
        "regression": regression,
        "regression_reason": i.analysis.regression_note(),
        "breakpoint": breakpoint,
    });
    if !i.dates_notes.is_empty() {
        out["dates"] = json!(i.dates_notes);
    }
    if let Some(f) = &i.fits.family {
        out["family"] = json!(f);
    }
    if let Some(u) = &boot {
        report_bootstrap::patch_json(&mut out, u);
    }
    Ok(out)
}

/// The report: JSON text with `--json`, else a table.
pub fn report(args: &ReportArgs) -> Result<String, CliError> {
    if args.json {
        let v = report_json(args)?;
        return Ok(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n");
    }
    let i = inputs(&args.analysis)?;
    let boot = report_bootstrap::run(
        args.bootstrap,
        args.seed,
        args.analysis.params.is_none(),
        &i,
    )?;
    let o = &i.options;
    let mut s = String::new();
    let what = if o.task == AVERAGE {
        format!("average of {}", o.benchmarks.join(", "))
    } else {
        o.task.clone()
    };
    let _ = writeln!(
        s,
        "Densing report: {what}; {}; D0 = {:e} tokens; frontier {}; t = 0 at {}; {}",
        o.aggregate.name(),
        o.d0_tokens,
        o.frontier.label(),
        o.ref_date,
        o.basis.describe()
    );
    if i.fits.family.is_some() {
        let _ = writeln!(s, "{}", i.dataset.reference_line(o.d0_tokens));
    }
    s += &super::reference::reference_lines(
        args.analysis.reference.as_deref(),
        o.d0_tokens,
        i.dataset.loss_unit,
    );
    if let Some(f) = &i.fits.family {
        s += &super::reference::family_lines(f);
    }
    let _ = writeln!(s, "data: {}", i.dataset.origin);
    for line in &i.dates_notes {
        let _ = writeln!(s, "dates: {line}");
    }
    let _ = writeln!(s, "laws: {}\n", i.laws_from);
    for (task, f) in &i.fits.tasks {
        let l = &f.loss;
        let sg = &f.sigmoid;
        let e = if l.e != 0.0 {
            format!("E {}  ", sig(l.e))
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "  {task}: {e}a {}  alpha {}  b {}  beta {} | c {}  gamma {}  l {}  d {}",
            sig(l.a),
            sig(l.alpha),
            sig(l.b),
            sig(l.beta),
            sig(sg.c),
            sig(sg.gamma),
            sig(sg.l),
            sig(sg.d)
        );
    }
    if let Some(u) = &boot {
        report_bootstrap::write_laws(&mut s, u);
    }
    let _ = writeln!(
        s,
        "\n{:<24} {:<10} {:>8} {:>7} {:>7} {:>8} {:>8}  note",
        "model", "released", "N", "score", "L̂", "N̂", "ρ"
    );
    for (k, (m, r)) in i.dataset.models.iter().zip(&i.analysis.models).enumerate() {
        let mut note = match (&r.excluded, r.on_frontier) {
            (Some(e), _) => format!("excluded: {e}"),
            (None, true) => "frontier".into(),
            _ => String::new(),
        };
        if !r.date_kind.is_release()
            && let Some(d) = r.release_date
        {
            note = if note.is_empty() {
                format!("dated {d} by {}", r.date_kind.describe())
            } else {
                format!("dated {d} by {}; {note}", r.date_kind.describe())
            };
        }
        let guard = crate::io::guard_note(r);
        if !guard.is_empty() {
            note = if note.is_empty() {
                guard
            } else {
                format!("{note}; {guard}")
            };
        }
        if let Some(mi) = boot.as_ref().and_then(|u| u.models.get(k))
            && mi.density.is_some()
        {
            note = format!(
                "N̂ {} ρ {} {note}",
                report_bootstrap::n_hat_range(mi.n_hat),
                report_bootstrap::density_range(mi.density)
            );
        }
        let _ = writeln!(
            s,
            "{:<24} {:<10} {:>8} {:>7} {:>7} {:>8} {:>8}  {note}",
            m.name,
            m.release_date.map_or("-".into(), |d| d.to_string()),
            r.n_params.or(m.n_params).map_or("-".into(), count),
            opt(r.score, 2),
            opt(r.loss_hat, 4),
            r.n_hat.map_or("-".into(), count),
            r.density.map_or("-".into(), sig),
        );
    }
    s.push('\n');
    let boot_line = |b: Option<&crate::analysis::SlopeIntervals>| {
        b.map(report_bootstrap::doubling_line)
            .map_or(String::new(), |l| l + "\n")
    };
    match &i.analysis.regression {
        Some(r) => {
            write_regression(&mut s, "Regression", r);
            s += &boot_line(boot.as_ref().and_then(|u| u.regression.as_ref()));
        }
        None => {
            let why = i.analysis.regression_note().unwrap_or_default();
            let _ = writeln!(s, "Regression: none, {why}.");
        }
    }
    if let Some(b) = &i.analysis.breakpoint {
        let _ = writeln!(s, "Breakpoint {}: {}", b.date, b.frontier_rule.describe());
        let bi = boot.as_ref().and_then(|u| u.breakpoint.as_ref());
        for (side, r) in [("before", &b.before), ("after", &b.after)] {
            match r {
                Some(r) => {
                    write_regression(&mut s, &format!("{side} {}", b.date), r);
                    let sides = bi.map(|bi| {
                        if side == "before" {
                            &bi.before
                        } else {
                            &bi.after
                        }
                    });
                    s += &boot_line(sides.and_then(|x| x.as_ref()));
                }
                None => {
                    let _ = writeln!(s, "{side} {}: too few frontier models", b.date);
                }
            }
        }
        if let Some(ratio) = b.ratio {
            let ci = bi.and_then(|bi| bi.ratio).map_or(String::new(), |r| {
                format!(
                    " (bootstrap 95% interval {} to {})",
                    sig(r.low),
                    sig(r.high)
                )
            });
            let _ = writeln!(s, "slope ratio after/before: {}{ci}", sig(ratio));
        }
    }
    s += &super::iso_cmd::report_lines(&i);
    Ok(s)
}

fn write_regression(s: &mut String, title: &str, r: &Regression) {
    let se = r.slope_se.map_or("n/a".into(), sig);
    let _ = writeln!(
        s,
        "{title} on {} frontier models: ln ρ = A·t + B",
        r.n_points
    );
    let _ = writeln!(
        s,
        "  A = {} per day (se {se}), B = {}, R² = {:.4}",
        sig(r.slope_per_day),
        sig(r.intercept),
        r.r2
    );
    let doubling = match r.doubling_days {
        None => "none (density does not grow)".to_string(),
        Some(d) => {
            let ci = if r.slope_se.is_some() {
                let interval = REPORT_INTERVAL.text(
                    r.doubling_days_low,
                    r.doubling_days_high,
                    r.doubling_high_unbounded,
                );
                format!(" (95% CI {interval})")
            } else {
                String::new()
            };
            format!("{d:.1} days{ci}")
        }
    };
    let _ = writeln!(s, "  doubling time {doubling}");
}
