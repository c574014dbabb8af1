//! The rows of the exported tables: models, fits (as a params file in JSON) and the
//! regression, from the same analysis the window and `densing report` show.

use super::REGRESSION_COLUMNS;
use super::regression_json::{model_names, regression_value, regressions};
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
                num(r.sensitivity),
                num(r.extrapolation),
                json!(r.unreliable),
            ]
        })
        .collect()
}

/// The guards' marks of a model in words (the report's note, the table's tooltip):
/// "extrapolated 3.2× beyond the reference's sizes; unreliable: one point moves N̂ 2.4×"
/// (empty when there is nothing to say).
pub fn guard_note(r: &crate::analysis::ModelResult) -> String {
    let mut parts = Vec::new();
    match r.extrapolation {
        Some(e) if e > 1.0 => parts.push(format!(
            "extrapolated {}× beyond the reference's sizes",
            crate::format::sig(e)
        )),
        Some(_) => parts.push("extrapolated (score outside the reference's scores)".into()),
        None => {}
    }
    if r.unreliable
        && let Some(x) = r.sensitivity
    {
        parts.push(format!("unreliable: one point moves N̂ {x:.2}×"));
    }
    parts.join("; ")
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

/// The regression table's rows: one per line (`all`, then `before`/`after` a breakpoint),
/// each column read from the value [`regression_value`] serializes, so the CSV and the
/// JSON carry the same numbers; `frontier` names the models each line was fitted on.
pub(super) fn regression_rows(
    dataset: &Dataset,
    options: &Options,
    analysis: &Analysis,
) -> Vec<Vec<Value>> {
    let mut lines: Vec<(&str, Value, Value, &Regression, &[usize])> = Vec::new();
    if let Some(r) = &analysis.regression {
        lines.push(("all", Value::Null, Value::Null, r, &analysis.frontier));
    }
    if let Some(b) = &analysis.breakpoint {
        let date = json!(b.date.to_string());
        if let Some(r) = &b.before {
            lines.push(("before", Value::Null, date.clone(), r, &b.before_frontier));
        }
        if let Some(r) = &b.after {
            lines.push(("after", date, Value::Null, r, &b.after_frontier));
        }
    }
    lines
        .into_iter()
        .map(|(segment, from, to, r, frontier)| {
            let names = model_names(dataset, frontier);
            let v = regression_value(r, &names);
            let mut row = vec![
                json!(segment),
                from,
                to,
                json!(options.ref_date.to_string()),
            ];
            row.extend(
                REGRESSION_COLUMNS[4..REGRESSION_COLUMNS.len() - 1]
                    .iter()
                    .map(|c| v.get(*c).cloned().unwrap_or(Value::Null)),
            );
            row.push(json!(names.join("; ")));
            row
        })
        .collect()
}

/// The regression export as JSON: what the regression is fitted on, then `regression` and
/// `breakpoint` exactly as `densing report --json` writes them.
pub(super) fn regression_json(dataset: &Dataset, options: &Options, analysis: &Analysis) -> Value {
    let (regression, breakpoint) = regressions(dataset, analysis);
    json!({
        "model": "ln rho = slope_per_day * (days since ref_date) + intercept",
        "task": options.task,
        "frontier_rule": options.frontier.label(),
        "ref_date": options.ref_date.to_string(),
        "basis": options.basis.name(),
        "regression": regression,
        "breakpoint": breakpoint,
    })
}
