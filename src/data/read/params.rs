//! Parameter files: JSON keyed by task, e.g.
//! `{"average": {"a": 32.5, "alpha": 0.229, "b": 14.5, "beta": 0.227,
//!   "c": 90.0, "gamma": -12.8, "l": 0.18, "d": 5.0}}`; a task with `"E"` uses the
//! Chinchilla form.

use super::load::read_text;
use crate::data::model::DataError;
use crate::law::{Fits, TaskFit};

use crate::law::{LossLaw, Param, Sigmoid};
use serde_json::{Map, Value};
use std::path::Path;

/// The keys every task needs (`E` is optional: it picks the Chinchilla form).
fn keys() -> String {
    let names: Vec<&str> = Param::PAPER_LOSS
        .into_iter()
        .chain(Param::SIGMOID)
        .map(Param::name)
        .collect();
    names.join(", ")
}

/// Parses a params JSON text; `path` only labels messages.
pub fn parse_params(path: &str, text: &str) -> Result<Fits, DataError> {
    let bad = |reason: String| DataError::BadParams {
        path: path.to_string(),
        reason,
    };
    let value: Value =
        serde_json::from_str(text).map_err(|e| bad(format!("not valid JSON ({e})")))?;
    let Value::Object(tasks) = value else {
        return Err(bad(
            "expected a JSON object keyed by task, like {\"average\": {\"a\": …}}".into(),
        ));
    };
    if tasks.is_empty() {
        return Err(bad(
            "no tasks (expected at least one key such as \"average\")".into(),
        ));
    }
    let mut fits = Fits::default();
    for (task, entry) in &tasks {
        let Value::Object(map) = entry else {
            return Err(bad(format!(
                "task '{task}': expected an object of parameters"
            )));
        };
        let get = |key: &str| -> Result<f64, DataError> {
            match map.get(key) {
                None => Err(bad(format!(
                    "task '{task}' is missing key '{key}' (expected {})",
                    keys()
                ))),
                Some(v) => v.as_f64().filter(|x| x.is_finite()).ok_or_else(|| {
                    bad(format!(
                        "task '{task}', key '{key}': expected a number, got {v}"
                    ))
                }),
            }
        };
        let mut fit = TaskFit {
            loss: LossLaw::paper(1.0, 1.0, 1.0, 1.0),
            sigmoid: Sigmoid::new(1.0, -1.0, 0.0, 0.0),
        };
        for p in Param::PAPER_LOSS.into_iter().chain(Param::SIGMOID) {
            p.set(&mut fit, get(p.name())?);
        }
        if let Some(key) = e_key(map) {
            Param::E.set(&mut fit, get(key)?);
        }
        let TaskFit { loss, sigmoid } = fit;
        loss.validate()
            .map_err(|e| bad(format!("task '{task}': {e}")))?;
        sigmoid
            .validate()
            .map_err(|e| bad(format!("task '{task}': {e}")))?;
        fits.tasks
            .insert(task.to_lowercase(), TaskFit { loss, sigmoid });
    }
    Ok(fits)
}

fn e_key(map: &Map<String, Value>) -> Option<&'static str> {
    ["E", "e"].into_iter().find(|k| map.contains_key(*k))
}

/// Reads and parses a params file.
pub fn read_params_file(path: &Path) -> Result<Fits, DataError> {
    parse_params(&path.display().to_string(), &read_text(path)?)
}
