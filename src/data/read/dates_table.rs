//! Dates tables (issue 19 item 5): a model column and a release-date column and no score
//! column — `model,release_date`, or Epoch AI's `System`/`id` with `Publication date` /
//! `Version release date`. Read into [`DateEntry`] rows for
//! [`crate::data::model::dates_join`]; also the embedded table of base-model release dates
//! (`sample_data/base_model_dates.csv`).

use super::columns::benchmark_for_header;
use super::table::{Cell, Format, RawTable};
use crate::data::model::dates::{parse_date_cell, unix_date};
use crate::data::model::dates_join::DateEntry;
use crate::data::model::report::LoadReport;
use crate::data::model::tasks::normalize_header;
use crate::data::model::units::parse_size_text;
use crate::data::model::{DataError, Pos};
use std::path::Path;

/// The embedded base-model release dates (see `sample_data/README.md`).
pub const BASE_MODEL_DATES_CSV: &str = include_str!("../../../sample_data/base_model_dates.csv");

/// Normalised headers of the name column, most specific first (Epoch's `id` is a hub-style
/// id, its `Model` a display family).
const NAME_HEADERS: [&str; 7] = [
    "id",
    "modelid",
    "model",
    "system",
    "name",
    "modelname",
    "fullname",
];
const DATE_HEADERS: [&str; 6] = [
    "releasedate",
    "versionreleasedate",
    "publicationdate",
    "released",
    "release",
    "date",
];
const PARAM_HEADERS: [&str; 4] = ["nparams", "parameters", "params", "parametercount"];

fn find(t: &RawTable, names: &[&str]) -> Option<usize> {
    let norm: Vec<String> = t.headers.iter().map(|h| normalize_header(h)).collect();
    names.iter().find_map(|n| norm.iter().position(|h| h == n))
}

/// The name, date, size and source columns of a dates table.
fn columns(t: &RawTable) -> Option<(usize, usize, Option<usize>, Option<usize>)> {
    let name = find(t, &NAME_HEADERS)?;
    let date = find(t, &DATE_HEADERS)?;
    Some((name, date, find(t, &PARAM_HEADERS), find(t, &["source"])))
}

/// True for a table with a model and a release-date column and no benchmark column.
pub fn is_dates_table(t: &RawTable) -> bool {
    columns(t).is_some() && !t.headers.iter().any(|h| benchmark_for_header(h).is_some())
}

fn size_of(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(v) if *v >= 1e5 => Some(*v),
        Cell::Number(v) if *v > 0.0 => Some(v * 1e9),
        Cell::Text(s) => parse_size_text(s).ok().flatten().or_else(|| {
            s.replace(',', "")
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| *v >= 1e5)
        }),
        _ => None,
    }
}

/// Reads a dates table: rows without a name or a readable date are skipped with a warning.
pub fn read_dates_table(t: &RawTable) -> Result<(Vec<DateEntry>, LoadReport), DataError> {
    let Some((name_col, date_col, size_col, source_col)) = columns(t) else {
        return Err(DataError::MissingColumn {
            path: t.path.clone(),
            role: "a dates table's model name and release date",
            expected: format!(
                "a name column ({}) and a date column ({})",
                NAME_HEADERS.join(", "),
                DATE_HEADERS.join(", ")
            ),
        });
    };
    let mut report = LoadReport::new(&t.path, format!("dates table ({})", t.format.name()));
    report
        .columns
        .push((t.headers[name_col].clone(), "model name".into()));
    report
        .columns
        .push((t.headers[date_col].clone(), "release date".into()));
    if let Some(c) = size_col {
        report
            .columns
            .push((t.headers[c].clone(), "parameter count".into()));
    }
    let mut out = Vec::new();
    let mut no_date = 0usize;
    for row in 0..t.n_rows() {
        let name = t.cell(name_col, row).shown();
        if name.trim().is_empty() {
            continue;
        }
        let date = match t.cell(date_col, row) {
            Cell::Number(secs) => unix_date(*secs),
            Cell::Text(s) => parse_date_cell(s),
            Cell::Missing => None,
        };
        let Some(date) = date else {
            no_date += 1;
            continue;
        };
        out.push(DateEntry {
            name: name.trim().to_string(),
            date,
            n_params: size_col.and_then(|c| size_of(t.cell(c, row))),
            source: source_col
                .map(|c| t.cell(c, row).shown())
                .filter(|s| !s.is_empty()),
        });
    }
    report.rows_read = t.n_rows();
    report.rows_kept = out.len();
    if no_date > 0 {
        report.warn(
            None,
            Some(t.headers[date_col].as_str()),
            format!("{no_date} rows without a readable date were skipped"),
        );
    }
    if out.is_empty() {
        return Err(DataError::NoValidRows {
            path: t.path.clone(),
            rows: t.n_rows(),
            first: format!("no row has a name and a date in '{}'", t.headers[date_col]),
        });
    }
    Ok((out, report))
}

/// A table file as read, in any delimited, JSON or Parquet format.
fn raw_table(path: &Path, bytes: &[u8]) -> Result<RawTable, DataError> {
    let label = path.display().to_string();
    let text = || {
        std::str::from_utf8(bytes).map_err(|e| DataError::Unreadable {
            path: label.clone(),
            reason: format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        })
    };
    match Format::detect(path, bytes) {
        Format::Parquet => super::parquet::read_parquet(&label, bytes),
        f @ (Format::Csv | Format::Tsv) => super::csv::read_delimited(&label, bytes, f),
        Format::Markdown => super::markdown::read_markdown(&label, text()?),
        Format::Ndjson => super::json::read_ndjson(&label, text()?),
        Format::Json => {
            let v = serde_json::from_str(text()?.trim_start_matches('\u{feff}')).map_err(|e| {
                DataError::NotATable {
                    path: label.clone(),
                    reason: format!("not valid JSON ({e}); expected an array of records"),
                }
            })?;
            super::json::read_json_array(&label, v)
        }
    }
}

/// Reads a dates table file (`--dates FILE`).
pub fn read_dates_file(path: &Path) -> Result<(Vec<DateEntry>, LoadReport), DataError> {
    let bytes = std::fs::read(path).map_err(|e| DataError::Unreadable {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DataError::Empty {
            path: path.display().to_string(),
        });
    }
    read_dates_table(&raw_table(path, &bytes)?)
}

/// The embedded base-model release dates, each with its source.
pub fn embedded_dates() -> Vec<DateEntry> {
    let path = "sample_data/base_model_dates.csv";
    super::csv::read_delimited(path, BASE_MODEL_DATES_CSV.as_bytes(), Format::Csv)
        .and_then(|t| read_dates_table(&t))
        .map(|(e, _)| e)
        .unwrap_or_default()
}

/// Where a skipped row was, for messages of callers that keep positions.
pub fn row_pos(t: &RawTable, row: usize) -> Pos {
    t.rows[row]
}
