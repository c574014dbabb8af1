//! Table exports (issue 5): the models table, the fitted parameters and the regression, as
//! CSV or JSON, from the same analysis the window and `densing report` show. Every file is
//! written to a temporary file in the target's folder and renamed into place, so a failed
//! or interrupted export never leaves a truncated file (nor touches an existing one).
//! Charts are written by [`crate::chart::write_svg`] and [`crate::chart::write_png`].

use crate::analysis::{Analysis, Fits, Options, Regression};
use crate::chart::ChartInputs;
use crate::data::Dataset;
use crate::law::LossForm;
use serde_json::{Map, Value, json};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use thiserror::Error;

/// Why an export failed; every message names the file.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("{}: cannot write: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot draw the chart: {reason}", path.display())]
    Draw { path: PathBuf, reason: String },
    #[error("{}: cannot encode: {reason}", path.display())]
    Encode { path: PathBuf, reason: String },
    #[error("{}: size {width}x{height} is out of range (16 to 10000 pixels a side)", path.display())]
    Size {
        path: PathBuf,
        width: u32,
        height: u32,
    },
}

impl ExportError {
    /// The file the export was for.
    pub fn path(&self) -> &Path {
        match self {
            ExportError::Io { path, .. }
            | ExportError::Draw { path, .. }
            | ExportError::Encode { path, .. }
            | ExportError::Size { path, .. } => path,
        }
    }
}

/// The tables that can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per model: every column the analysis computes.
    Models,
    /// One row per task: the two laws' parameters.
    Fits,
    /// The regression of ln ρ on time (and the two sides of a breakpoint).
    Regression,
}

/// Table file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Json,
}

/// Columns of the models table, in order.
pub const MODEL_COLUMNS: [&str; 13] = [
    "model",
    "release_date",
    "days_since_ref",
    "n_params",
    "n_params_active",
    "basis",
    "score",
    "loss_hat",
    "loss_unit",
    "n_hat",
    "density",
    "on_frontier",
    "excluded_reason",
];

/// Columns of the fits table, in order (`E` is empty for the paper form). As JSON the
/// fits are a params file: an object keyed by task that `--params` reads back.
pub const FIT_COLUMNS: [&str; 11] = [
    "task", "form", "E", "a", "alpha", "b", "beta", "c", "gamma", "l", "d",
];

/// Columns of the regression table, in order.
pub const REGRESSION_COLUMNS: [&str; 14] = [
    "segment",
    "from",
    "to",
    "ref_date",
    "slope_per_day",
    "intercept",
    "r2",
    "slope_se",
    "doubling_days",
    "doubling_days_low",
    "doubling_days_high",
    "doubling_high_unbounded",
    "n_points",
    "frontier",
];

/// A table as text in the given format.
pub fn table_string(
    table: Table,
    format: TableFormat,
    inp: ChartInputs<'_>,
) -> Result<String, ExportError> {
    let (columns, rows): (&[&str], Vec<Vec<Value>>) = match table {
        Table::Models => (
            &MODEL_COLUMNS,
            model_rows(inp.dataset, inp.options, inp.analysis),
        ),
        Table::Fits => (&FIT_COLUMNS, fit_rows(inp.fits)),
        Table::Regression => (
            &REGRESSION_COLUMNS,
            regression_rows(inp.dataset, inp.options, inp.analysis),
        ),
    };
    let memory = Path::new("(in memory)");
    match format {
        TableFormat::Csv => csv_text(columns, &rows, memory),
        TableFormat::Json => {
            let value = match table {
                Table::Regression => regression_json(inp.dataset, inp.options, inp.analysis),
                Table::Fits => fits_json(inp.fits),
                Table::Models => Value::Array(
                    rows.into_iter()
                        .map(|r| {
                            let obj: Map<String, Value> =
                                columns.iter().map(|c| c.to_string()).zip(r).collect();
                            Value::Object(obj)
                        })
                        .collect(),
                ),
            };
            serde_json::to_string_pretty(&value)
                .map(|s| s + "\n")
                .map_err(|e| ExportError::Encode {
                    path: memory.into(),
                    reason: e.to_string(),
                })
        }
    }
}

/// Writes a table to `path` (through a temporary file renamed into place).
pub fn write_table(
    table: Table,
    format: TableFormat,
    inp: ChartInputs<'_>,
    path: &Path,
) -> Result<(), ExportError> {
    let text = table_string(table, format, inp).map_err(|e| match e {
        ExportError::Encode { reason, .. } => ExportError::Encode {
            path: path.into(),
            reason,
        },
        other => other,
    })?;
    write_atomic(path, text.as_bytes())
}

fn num(x: Option<f64>) -> Value {
    x.filter(|v| v.is_finite())
        .map_or(Value::Null, |v| json!(v))
}

fn model_rows(dataset: &Dataset, options: &Options, analysis: &Analysis) -> Vec<Vec<Value>> {
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

fn fit_rows(fits: &Fits) -> Vec<Vec<Value>> {
    fits.tasks
        .iter()
        .map(|(task, f)| {
            let (l, s) = (&f.loss, &f.sigmoid);
            let (form, e) = match l.form {
                LossForm::Paper => ("paper", Value::Null),
                LossForm::Chinchilla => ("chinchilla", json!(l.e)),
            };
            vec![
                json!(task),
                json!(form),
                e,
                json!(l.a),
                json!(l.alpha),
                json!(l.b),
                json!(l.beta),
                json!(s.c),
                json!(s.gamma),
                json!(s.l),
                json!(s.d),
            ]
        })
        .collect()
}

/// The fits in the shape of a params file (`--params`): keyed by task, `E` only for the
/// Chinchilla form, plus the form's name.
fn fits_json(fits: &Fits) -> Value {
    let tasks: Map<String, Value> = fits
        .tasks
        .iter()
        .map(|(task, f)| {
            let (l, s) = (&f.loss, &f.sigmoid);
            let mut v = json!({
                "form": match l.form {
                    LossForm::Paper => "paper",
                    LossForm::Chinchilla => "chinchilla",
                },
                "a": l.a, "alpha": l.alpha, "b": l.b, "beta": l.beta,
                "c": s.c, "gamma": s.gamma, "l": s.l, "d": s.d,
            });
            if l.form == LossForm::Chinchilla {
                v["E"] = json!(l.e);
            }
            (task.clone(), v)
        })
        .collect();
    Value::Object(tasks)
}

/// The regressions: (segment, from, to, regression, frontier model names).
fn segments<'a>(
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

fn regression_rows(dataset: &Dataset, options: &Options, analysis: &Analysis) -> Vec<Vec<Value>> {
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

fn regression_object(r: &Regression, names: &[&str]) -> Value {
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

fn regression_json(dataset: &Dataset, options: &Options, analysis: &Analysis) -> Value {
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

fn csv_text(columns: &[&str], rows: &[Vec<Value>], path: &Path) -> Result<String, ExportError> {
    let bad = |e: &dyn std::fmt::Display| ExportError::Encode {
        path: path.into(),
        reason: e.to_string(),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(columns).map_err(|e| bad(&e))?;
    for row in rows {
        let cells = row.iter().map(|v| match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        w.write_record(cells).map_err(|e| bad(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| bad(&e))?;
    String::from_utf8(bytes).map_err(|e| bad(&e))
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh hidden name in the folder of `path`, ending in `.{ext}`.
pub(crate) fn temp_path_beside(path: &Path, ext: &str) -> Result<PathBuf, ExportError> {
    let name = path.file_name().ok_or_else(|| ExportError::Io {
        path: path.into(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
    })?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    Ok(dir.join(format!(
        ".{}.{}-{n}.tmp.{ext}",
        name.to_string_lossy(),
        std::process::id()
    )))
}

/// Moves a finished temporary file onto `path`; removes it if that fails.
pub(crate) fn rename_into_place(tmp: &Path, path: &Path) -> Result<(), ExportError> {
    fs::rename(tmp, path).map_err(|source| {
        let _ = fs::remove_file(tmp);
        ExportError::Io {
            path: path.into(),
            source,
        }
    })
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, synced, then
/// renamed over `path`. On failure `path` is untouched and the temporary file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Like [`write_atomic`], with the content written by `write`; if `write` fails part way
/// (an interrupted write), `path` keeps its previous content and no temporary file stays.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let tmp = temp_path_beside(path, "part")?;
    let written = fs::File::create(&tmp).and_then(|mut f| {
        write(&mut f)?;
        f.sync_all()
    });
    if let Err(source) = written {
        let _ = fs::remove_file(&tmp);
        return Err(ExportError::Io {
            path: path.into(),
            source,
        });
    }
    rename_into_place(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_cells_with_commas_and_leaves_missing_values_empty() {
        let rows = vec![vec![json!("a, b"), Value::Null, json!(1.5), json!(true)]];
        let text = csv_text(&["x", "y", "z", "w"], &rows, Path::new("t")).unwrap();
        assert_eq!(text, "x,y,z,w\n\"a, b\",,1.5,true\n");
    }

    #[test]
    fn temp_files_sit_beside_the_target() {
        let p = temp_path_beside(Path::new("out/models.csv"), "part").unwrap();
        assert_eq!(p.parent(), Some(Path::new("out")));
        assert!(
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".models.csv.")
        );
        let q = temp_path_beside(Path::new("models.csv"), "png").unwrap();
        assert_eq!(q.parent(), Some(Path::new(".")));
        assert!(q.to_string_lossy().ends_with(".png"));
    }
}
