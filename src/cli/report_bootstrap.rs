//! `densing report --bootstrap N [--seed S]`: the bootstrap intervals added to the report's
//! table and JSON (issue 6). In the JSON the regression's `doubling_days_low`/`_high`
//! become the bootstrap interval and `interval` names the method.

use super::CliError;
use super::analysis_args::Inputs;
use crate::analysis::{BootstrapOptions, SlopeIntervals, Uncertainty, bootstrap};
use crate::format::{format_count as count, sig};
use serde_json::{Value, json};
use std::fmt::Write;

/// Runs the bootstrap of `n_replicates` (if any) with `seed`; `refit_laws` false when the
/// laws were given as constants (no fit to resample: only the models are).
pub(super) fn run(
    n_replicates: Option<usize>,
    seed: u64,
    refit_laws: bool,
    i: &Inputs,
) -> Result<Option<Uncertainty>, CliError> {
    let Some(n_replicates) = n_replicates else {
        return Ok(None);
    };
    let boot = BootstrapOptions {
        n_replicates,
        seed,
        refit_laws,
        // The refits are bounded as the point fits were (a real reference: by 100 and
        // each task's chance level).
        sigmoid_fit: super::reference::sigmoid_options_for(&i.dataset),
        ..BootstrapOptions::default()
    };
    bootstrap(&i.dataset, &i.fits, &i.options, &i.analysis, &boot, None)
        .map(Some)
        .map_err(|e| CliError::Usage(e.to_string()))
}

/// Overwrites a regression's interval fields with the bootstrap's.
pub(super) fn patch_regression(v: &mut Value, s: Option<&SlopeIntervals>, method: &str) {
    let Value::Object(map) = v else { return };
    map.insert("interval".into(), json!(method));
    map.insert(
        "doubling_days_low".into(),
        json!(s.and_then(|s| s.doubling_days_low)),
    );
    map.insert(
        "doubling_days_high".into(),
        json!(s.and_then(|s| s.doubling_days_high)),
    );
    map.insert(
        "doubling_high_unbounded".into(),
        json!(s.is_none_or(|s| s.doubling_high_unbounded)),
    );
    map.insert("slope_low".into(), json!(s.map(|s| s.slope.low)));
    map.insert("slope_high".into(), json!(s.map(|s| s.slope.high)));
}

/// Adds the bootstrap's intervals to the report JSON.
pub(super) fn patch_json(out: &mut Value, u: &Uncertainty) {
    if let Some(models) = out.get_mut("models").and_then(Value::as_array_mut) {
        for (m, i) in models.iter_mut().zip(&u.models) {
            if let Value::Object(map) = m {
                map.insert("n_hat_low".into(), json!(i.n_hat.map(|x| x.low)));
                map.insert("n_hat_high".into(), json!(i.n_hat.map(|x| x.high)));
                map.insert("density_low".into(), json!(i.density.map(|x| x.low)));
                map.insert("density_high".into(), json!(i.density.map(|x| x.high)));
                map.insert("replicates_without_density".into(), json!(i.n_undefined));
            }
        }
    }
    if let Some(r) = out.get_mut("regression").filter(|r| !r.is_null()) {
        patch_regression(r, u.regression.as_ref(), &u.method);
    }
    if let (Some(b), Some(bi)) = (out.get_mut("breakpoint"), &u.breakpoint) {
        for (side, s) in [("before", &bi.before), ("after", &bi.after)] {
            if let Some(r) = b.get_mut(side).filter(|r| !r.is_null()) {
                patch_regression(r, s.as_ref(), &u.method);
            }
        }
        if let Value::Object(map) = b {
            map.insert("slope_ratio_low".into(), json!(bi.ratio.map(|r| r.low)));
            map.insert("slope_ratio_high".into(), json!(bi.ratio.map(|r| r.high)));
        }
    }
    if let Value::Object(map) = out {
        map.insert(
            "bootstrap".into(),
            json!({
                "method": u.method,
                "n_replicates": u.n_replicates,
                "seed": u.seed,
                "level": u.level,
                "n_failed_refits": u.n_failed_refits,
                "laws": u.laws,
            }),
        );
    }
}

/// `[low, high]` of an optional interval, for the table.
pub(super) fn range(i: Option<crate::analysis::Interval>, f: fn(f64) -> String) -> String {
    i.map_or("-".into(), |i| format!("[{}, {}]", f(i.low), f(i.high)))
}

pub(super) fn n_hat_range(i: Option<crate::analysis::Interval>) -> String {
    range(i, count)
}

pub(super) fn density_range(i: Option<crate::analysis::Interval>) -> String {
    range(i, sig)
}

/// The bootstrap section of the text report: the method and every law's intervals.
pub(super) fn write_laws(s: &mut String, u: &Uncertainty) {
    let _ = writeln!(s, "intervals: {}", u.method);
    if u.n_failed_refits > 0 {
        let _ = writeln!(
            s,
            "  {} of {} replicates dropped: a law refit did not converge",
            u.n_failed_refits, u.n_replicates
        );
    }
    for t in &u.laws {
        let params: Vec<String> = t
            .params
            .iter()
            .map(|(n, i)| format!("{n} [{}, {}]", sig(i.low), sig(i.high)))
            .collect();
        let _ = writeln!(
            s,
            "  {}: {}  (non-converged refits: loss law {}, sigmoid {})",
            t.task,
            params.join("  "),
            t.n_failed_loss,
            t.n_failed_sigmoid
        );
    }
}

/// The doubling-time line of a bootstrapped regression.
pub(super) fn doubling_line(s: &SlopeIntervals) -> String {
    let interval = crate::format::REPORT_INTERVAL.text(
        s.doubling_days_low,
        s.doubling_days_high,
        s.doubling_high_unbounded,
    );
    format!(
        "  bootstrap: A in [{}, {}] per day; doubling time 95% interval {interval} days ({} replicates with a regression)",
        sig(s.slope.low),
        sig(s.slope.high),
        s.n_replicates
    )
}
