//! A table as read, before roles: headers, cells and where each row came from. Every
//! outside format (CSV/TSV, Parquet, JSON, NDJSON) reads into this through polars; the
//! table kinds and the tool loaders read from it.

use crate::data::model::{DataError, Pos};
use polars::prelude::{DataFrame, DataType, PlSmallStr};
use std::path::Path;

/// One cell: a number (typed formats), text (CSV cells and JSON strings), or nothing.
/// Text is a small-string type that keeps short cells (names, dates, numbers as written:
/// nearly every cell) inline, so a 100,000-row table costs no allocation per cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Missing,
    Number(f64),
    Text(PlSmallStr),
}

impl Cell {
    /// The cell as the user wrote it, for messages.
    pub fn shown(&self) -> String {
        match self {
            Cell::Missing => String::new(),
            Cell::Number(v) => v.to_string(),
            Cell::Text(t) => t.to_string(),
        }
    }

    /// Empty, or text people write for "no value" (`-`, `N/A`, `NA`, `null`, `None`).
    /// `NaN` is not one of them: it is refused where a number is needed.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Missing => true,
            Cell::Number(_) => false,
            Cell::Text(t) if t.len() > 4 => false,
            Cell::Text(t) => matches!(
                t.as_str(),
                "-" | "—" | "N/A" | "n/a" | "NA" | "null" | "None"
            ),
        }
    }

    /// A number: typed, or text that parses as one (`NaN` and `inf` parse; callers check).
    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Number(v) => Some(*v),
            Cell::Text(t) => t.as_str().parse().ok().or_else(|| without_thousands(t)),
            Cell::Missing => None,
        }
    }
}

/// A number written with thousands separators (`176,000,000,000`, `1,234.5`): groups of
/// three digits after the first, then an optional fraction.
pub fn without_thousands(text: &str) -> Option<f64> {
    let t = text.trim();
    let (sign, t) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t),
    };
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let groups: Vec<&str> = int.split(',').collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let ok = groups.len() > 1
        && digits(groups[0])
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3 && digits(g))
        && (frac.is_empty() || digits(frac));
    if !ok {
        return None;
    }
    let joined = format!(
        "{sign}{}{}{frac}",
        groups.concat(),
        if frac.is_empty() { "" } else { "." }
    );
    joined.parse().ok()
}

/// The table formats (tool outputs are recognised inside them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Tsv,
    Parquet,
    Json,
    Ndjson,
    Markdown,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Tsv => "TSV",
            Format::Parquet => "Parquet",
            Format::Json => "JSON (array of records)",
            Format::Ndjson => "NDJSON",
            Format::Markdown => "Markdown table",
        }
    }

    /// Rows of text formats are counted in lines (header = line 1), others in records.
    pub fn is_text(self) -> bool {
        matches!(self, Format::Csv | Format::Tsv | Format::Markdown)
    }

    /// The format of a file, from its first bytes and then its extension.
    pub fn detect(path: &Path, bytes: &[u8]) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if bytes.starts_with(b"PAR1") || ext == "parquet" || ext == "pq" {
            return Format::Parquet;
        }
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
        match (first, ext.as_str()) {
            (_, "jsonl" | "ndjson") => Format::Ndjson,
            (_, "md" | "markdown") | (Some(b'|'), _) => Format::Markdown,
            (Some(b'['), _) => Format::Json,
            (Some(b'{'), _) => Format::Ndjson,
            (_, "json") => Format::Json,
            (_, "tsv" | "tab") => Format::Tsv,
            _ => Format::Csv,
        }
    }
}

/// A table as read.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTable {
    /// The file, for messages.
    pub path: String,
    pub format: Format,
    pub headers: Vec<String>,
    /// Column-major cells, one `Vec` per header, all of the same length.
    pub columns: Vec<Vec<Cell>>,
    /// Where each row came from.
    pub rows: Vec<Pos>,
    /// Columns whose type no role can use (nested lists, binary…), with that type.
    pub unusable: Vec<(usize, String)>,
    /// Rows left out while reading (ragged rows), with why: warnings in the load report.
    pub skipped: Vec<(Pos, String)>,
}

impl RawTable {
    pub fn n_rows(&self) -> usize {
        self.rows.len()
    }

    pub fn cell(&self, col: usize, row: usize) -> &Cell {
        &self.columns[col][row]
    }

    /// Converts a polars frame; `rows` gives each row's position (`None`: records 1, 2, …).
    pub fn from_frame(
        path: &str,
        format: Format,
        df: &DataFrame,
        rows: Option<Vec<Pos>>,
    ) -> Result<RawTable, DataError> {
        let height = df.height();
        let rows = rows.unwrap_or_else(|| (1..=height as u64).map(Pos::Row).collect());
        if rows.len() != height {
            return Err(DataError::NotATable {
                path: path.to_string(),
                reason: format!(
                    "read {height} rows but counted {} records; expected one record per line",
                    rows.len()
                ),
            });
        }
        let mut headers = Vec::new();
        let mut columns = Vec::new();
        let mut unusable = Vec::new();
        for column in df.columns() {
            let s = column.as_materialized_series();
            headers.push(column.name().to_string());
            let dtype = s.dtype().clone();
            let cells = if dtype.is_primitive_numeric() {
                s.cast(&DataType::Float64)
                    .ok()
                    .and_then(|c| c.f64().ok().map(|ca| ca.iter().map(number_cell).collect()))
            } else if dtype == DataType::Null {
                Some(vec![Cell::Missing; height])
            } else if dtype.is_nested() || dtype == DataType::Binary {
                None
            } else {
                s.cast(&DataType::String)
                    .ok()
                    .and_then(|c| c.str().ok().map(|ca| ca.iter().map(text_cell).collect()))
            };
            match cells {
                Some(cells) => columns.push(cells),
                None => {
                    unusable.push((columns.len(), dtype.to_string()));
                    columns.push(vec![Cell::Missing; height]);
                }
            }
        }
        Ok(RawTable {
            path: path.to_string(),
            format,
            headers,
            columns,
            rows,
            unusable,
            skipped: Vec::new(),
        })
    }

    /// Fails when `col` holds a type no role can use.
    pub fn check_usable(&self, col: usize, expected: &str) -> Result<(), DataError> {
        match self.unusable.iter().find(|(c, _)| *c == col) {
            Some((_, dtype)) => Err(DataError::WrongType {
                path: self.path.clone(),
                column: self.headers[col].clone(),
                dtype: dtype.clone(),
                expected: expected.to_string(),
            }),
            None => Ok(()),
        }
    }
}

fn number_cell(v: Option<f64>) -> Cell {
    v.map_or(Cell::Missing, Cell::Number)
}

fn text_cell(v: Option<&str>) -> Cell {
    match v.map(str::trim) {
        None | Some("") => Cell::Missing,
        Some(t) => Cell::Text(PlSmallStr::from_str(t)),
    }
}

/// A polars error as a one-line reason.
pub(crate) fn polars_reason(e: &polars::prelude::PolarsError) -> String {
    let text = e.to_string();
    let line = text.lines().next().unwrap_or("").trim();
    line.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_detected_by_content_then_extension() {
        let p = Path::new;
        assert_eq!(Format::detect(p("x.csv"), b"PAR1...."), Format::Parquet);
        assert_eq!(Format::detect(p("x.txt"), b"  [{\"a\":1}]"), Format::Json);
        assert_eq!(
            Format::detect(p("x"), b"{\"a\":1}\n{\"a\":2}"),
            Format::Ndjson
        );
        assert_eq!(Format::detect(p("x.tsv"), b"a\tb"), Format::Tsv);
        assert_eq!(Format::detect(p("x.csv"), b"a,b"), Format::Csv);
        assert_eq!(Format::detect(p("x.jsonl"), b""), Format::Ndjson);
    }

    #[test]
    fn thousands_separators_are_read() {
        assert_eq!(without_thousands("176,000,000,000"), Some(176e9));
        assert_eq!(without_thousands("1,234.5"), Some(1234.5));
        assert_eq!(without_thousands("-12,345"), Some(-12345.0));
        for bad in ["1,23", "12,3456", ",123", "1,234,", "abc", "1.5", "1,234.x"] {
            assert_eq!(without_thousands(bad), None, "{bad}");
        }
        let cell = Cell::Text(PlSmallStr::from_str("7,000,000,000"));
        assert_eq!(cell.number(), Some(7e9));
    }
}
