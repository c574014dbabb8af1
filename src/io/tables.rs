//! Table exports (issue 5): the models table, the fitted parameters and the regression, as
//! CSV or JSON, written atomically ([`super::write_atomic`]).

use super::table_rows::{fit_rows, fits_json, model_rows, regression_json, regression_rows};
use super::write::{WriteError, write_atomic};
use crate::chart::ChartInputs;
use serde_json::{Map, Value};
use std::path::Path;

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
pub const MODEL_COLUMNS: [&str; 16] = [
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
    "sensitivity",
    "extrapolation",
    "unreliable",
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
) -> Result<String, WriteError> {
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
                .map_err(|e| WriteError::Encode {
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
) -> Result<(), WriteError> {
    let text = table_string(table, format, inp).map_err(|e| match e {
        WriteError::Encode { reason, .. } => WriteError::Encode {
            path: path.into(),
            reason,
        },
        other => other,
    })?;
    write_atomic(path, text.as_bytes())
}

fn csv_text(columns: &[&str], rows: &[Vec<Value>], path: &Path) -> Result<String, WriteError> {
    let bad = |e: &dyn std::fmt::Display| WriteError::Encode {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn csv_quotes_cells_with_commas_and_leaves_missing_values_empty() {
        let rows = vec![vec![json!("a, b"), Value::Null, json!(1.5), json!(true)]];
        let text = csv_text(&["x", "y", "z", "w"], &rows, Path::new("t")).unwrap();
        assert_eq!(text, "x,y,z,w\n\"a, b\",,1.5,true\n");
    }
}
