//! The one serializer of the regression (issue 15): `densing report --json` and
//! `densing export --table regression` (JSON, and the CSV rows read from the same values)
//! write the regression and the breakpoint's two sides through these functions.

use crate::analysis::{Analysis, BreakpointFit, Regression};
use crate::data::Dataset;
use serde_json::{Value, json};

/// What the regression's `interval` field names when no bootstrap replaced it.
pub const STUDENT_T_INTERVAL: &str =
    "95% Student-t interval of the slope, n - 2 degrees of freedom";

/// One regression: every field of [`Regression`], the `interval` it gives and, when not
/// empty, the names of the `frontier` models it was fitted on.
pub fn regression_value(r: &Regression, frontier: &[&str]) -> Value {
    let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("interval".into(), json!(STUDENT_T_INTERVAL));
        if !frontier.is_empty() {
            map.insert("frontier".into(), json!(frontier));
        }
    }
    v
}

/// A breakpoint: its date, frontier rule, the line of each side and the slope ratio.
pub fn breakpoint_value(b: &BreakpointFit) -> Value {
    json!({
        "date": b.date.to_string(),
        "frontier": b.frontier_rule.name(),
        "frontier_note": b.frontier_rule.describe(),
        "before": b.before.as_ref().map(|r| regression_value(r, &[])),
        "after": b.after.as_ref().map(|r| regression_value(r, &[])),
        "slope_ratio_after_before": b.ratio,
    })
}

/// The names of the models at `indices` (dataset order = analysis order).
pub fn model_names<'a>(dataset: &'a Dataset, indices: &[usize]) -> Vec<&'a str> {
    indices
        .iter()
        .map(|&k| dataset.models[k].name.as_str())
        .collect()
}

/// The analysis' `regression` (with its frontier's names) and `breakpoint`, `null` when
/// absent.
pub fn regressions(dataset: &Dataset, analysis: &Analysis) -> (Value, Value) {
    let names = model_names(dataset, &analysis.frontier);
    let regression = analysis
        .regression
        .as_ref()
        .map_or(Value::Null, |r| regression_value(r, &names));
    let breakpoint = analysis
        .breakpoint
        .as_ref()
        .map_or(Value::Null, breakpoint_value);
    (regression, breakpoint)
}
