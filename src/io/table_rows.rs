//! The rows of the exported tables: models, fits (as a params file in JSON) and the
//! regression, from the same analysis the window and `densing report` show.

use crate::analysis::{Analysis, Options, Regression};
use crate::data::Dataset;
use crate::law::{Fits, LossForm, Param};
use serde_json::{Map, Value, json};

pub(super) fn num(x: Option<f64>) -> Value {
    x.filter(|v| v.is_finite())
        .map_or(Value::Null, |v| json!(v))
}

pub(super) fn model_rows(
    dataset: &Dataset,
    options: &Options,
    analysis: &Analysis,
) -> Vec<Vec<Value>> {
    dataset
        .models
        .iter()
        .zip(&analysis.models)
        .map(|(m, r)| {
            vec![
                json!(m.name),
                m.release_date.map_or(Value::Null, |d| json!(d.to_string())),
                num(r.days_since_ref),
                num(m.n_params),
                num(m.n_params_active),
                json!(options.basis.name()),
                num(r.score),
                num(r.loss_hat),
                json!(dataset.loss_unit.name()),
                num(r.n_hat),
                num(r.density),
                json!(r.on_frontier),
                r.excluded
                    .as_ref()
                    .map_or(Value::Null, |e| json!(e.to_string())),
            ]
        })
        .collect()
}

pub(super) fn form_name(form: LossForm) -> &'static str {
    match form {
        LossForm::Paper => "paper",
        LossForm::Chinchilla => "chinchilla",
    }
}

/// One row per task: task, form, then every parameter of [`FIT_COLUMNS`] (empty where the
/// form has none, `E` of the paper form).
pub(super) fn fit_rows(fits: &Fits) -> Vec<Vec<Value>> {
    fits.tasks
        .iter()
        .map(|(task, f)| {
            let have = f.params();
            let value = |p: Param| have.iter().find(|(q, _)| *q == p).map(|(_, v)| *v);
            let mut row = vec![json!(task), json!(form_name(f.loss.form))];
            row.extend(
                Param::LOSS
                    .into_iter()
                    .chain(Param::SIGMOID)
                    .map(|p| num(value(p))),
            );
            row
        })
        .collect()
}

/// The fits in the shape of a params file (`--params`): keyed by task, `E` only for the
/// Chinchilla form, plus the form's name.
pub(super) fn fits_json(fits: &Fits) -> Value {
    let tasks: Map<String, Value> = fits
        .tasks
        .iter()
        .map(|(task, f)| {
            let mut v = Map::new();
            v.insert("form".into(), json!(form_name(f.loss.form)));
            for (p, x) in f.params() {
                v.insert(p.name().into(), json!(x));
            }
            (task.clone(), Value::Object(v))
        })
        .collect();
    Value::Object(tasks)
}

/// The regressions: (segment, from, to, regression, frontier model names).
pub(super) fn segments<'a>(
    dataset: &'a Dataset,
    analysis: &'a Analysis,
) -> Vec<(&'static str, Value, Value, &'a Regression, Vec<&'a str>)> {
    let names = |keep: &dyn Fn(chrono::NaiveDate) -> bool| -> Vec<&'a str> {
        analysis
            .frontier
            .iter()
            .filter(|&&k| analysis.models[k].release_date.is_some_and(keep))
            .map(|&k| dataset.models[k].name.as_str())
            .collect()
    };
    let mut out = Vec::new();
    if let Some(r) = &analysis.regression {
        out.push(("all", Value::Null, Value::Null, r, names(&|_| true)));
    }
    if let Some(b) = &analysis.breakpoint {
        let date = json!(b.date.to_string());
        if let Some(r) = &b.before {
            out.push((
                "before",
                Value::Null,
                date.clone(),
                r,
                names(&|d| d < b.date),
            ));
        }
        if let Some(r) = &b.after {
            out.push(("after", date, Value::Null, r, names(&|d| d >= b.date)));
        }
    }
    out
}

pub(super) fn regression_rows(
    dataset: &Dataset,
    options: &Options,
    analysis: &Analysis,
) -> Vec<Vec<Value>> {
    segments(dataset, analysis)
        .into_iter()
        .map(|(segment, from, to, r, names)| {
            vec![
                json!(segment),
                from,
                to,
                json!(options.ref_date.to_string()),
                json!(r.slope_per_day),
                json!(r.intercept),
                json!(r.r2),
                num(r.slope_se),
                num(r.doubling_days),
                num(r.doubling_days_low),
                num(r.doubling_days_high),
                json!(r.doubling_high_unbounded),
                json!(r.n_points),
                json!(names.join("; ")),
            ]
        })
        .collect()
}

pub(super) fn regression_object(r: &Regression, names: &[&str]) -> Value {
    json!({
        "slope_per_day": r.slope_per_day,
        "intercept": r.intercept,
        "r2": r.r2,
        "slope_se": num(r.slope_se),
        "doubling_days": num(r.doubling_days),
        "doubling_days_low": num(r.doubling_days_low),
        "doubling_days_high": num(r.doubling_days_high),
        "doubling_high_unbounded": r.doubling_high_unbounded,
        "n_points": r.n_points,
        "interval": "95% Student-t interval of the slope, n - 2 degrees of freedom",
        "frontier": names,
    })
}

pub(super) fn regression_json(dataset: &Dataset, options: &Options, analysis: &Analysis) -> Value {
    let segs = segments(dataset, analysis);
    let find = |name: &str| {
        segs.iter()
            .find(|s| s.0 == name)
            .map_or(Value::Null, |s| regression_object(s.3, &s.4))
    };
    let breakpoint = analysis.breakpoint.as_ref().map_or(Value::Null, |b| {
        json!({
            "date": b.date.to_string(),
            "before": find("before"),
            "after": find("after"),
            "slope_ratio_after_before": num(b.ratio),
        })
    });
    json!({
        "model": "ln rho = slope_per_day * (days since ref_date) + intercept",
        "task": options.task,
        "frontier_rule": options.frontier.label(),
        "ref_date": options.ref_date.to_string(),
        "basis": options.basis.name(),
        "regression": find("all"),
        "breakpoint": breakpoint,
    })
}
