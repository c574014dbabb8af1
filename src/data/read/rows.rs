//! Reading cells row by row: a bad cell skips its row with one warning naming the row,
//! the column, the value and what was expected; a table whose every row is skipped is an
//! error carrying the first reason.

use super::table::{Cell, RawTable};
use crate::data::model::report::LoadReport;
use crate::data::model::units::{ScoreScale, SizeUnit, parse_size_text};
use crate::data::model::{DataError, Pos};

/// Why a row was skipped.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Skip {
    pub col: usize,
    pub value: String,
    pub expected: String,
}

impl Skip {
    pub fn new(t: &RawTable, col: usize, row: usize, expected: impl Into<String>) -> Skip {
        Skip {
            col,
            value: t.cell(col, row).shown(),
            expected: expected.into(),
        }
    }
}

/// A finite number (positive when `positive`), or `None` for an empty cell.
pub(crate) fn opt_number(
    t: &RawTable,
    col: usize,
    row: usize,
    positive: bool,
) -> Result<Option<f64>, Skip> {
    let cell = t.cell(col, row);
    if cell.is_blank() {
        return Ok(None);
    }
    match cell.number() {
        Some(v) if v.is_finite() && (!positive || v > 0.0) => Ok(Some(v)),
        _ => Err(Skip::new(
            t,
            col,
            row,
            if positive {
                "a positive number"
            } else {
                "a finite number"
            },
        )),
    }
}

/// A required number.
pub(crate) fn number(t: &RawTable, col: usize, row: usize, positive: bool) -> Result<f64, Skip> {
    opt_number(t, col, row, positive)?.ok_or_else(|| {
        Skip::new(
            t,
            col,
            row,
            if positive {
                "a positive number"
            } else {
                "a finite number"
            },
        )
    })
}

/// A parameter count: `7B`-style text, or a plain number in `unit`.
pub(crate) fn opt_size(
    t: &RawTable,
    col: usize,
    row: usize,
    unit: SizeUnit,
) -> Result<Option<f64>, Skip> {
    if let Cell::Text(text) = t.cell(col, row) {
        // `-1B` or `0`: an export's unknown size, before the size text (which reads only
        // positive counts) refuses it.
        if is_sentinel_cell(t.cell(col, row)) {
            return Ok(None);
        }
        match parse_size_text(text) {
            Ok(Some(v)) if v > 0.0 => return Ok(Some(v)),
            Ok(Some(_)) => return Err(Skip::new(t, col, row, "a positive number")),
            Ok(None) => {}
            Err(expected) => return Err(Skip::new(t, col, row, expected)),
        }
    }
    match opt_number(t, col, row, false)? {
        // Exports write -1 or 0 for an unknown size (counted per column in the report).
        Some(v) if is_size_sentinel(v) => Ok(None),
        Some(v) if v > 0.0 => Ok(Some(match unit {
            SizeUnit::Billions => v * 1e9,
            SizeUnit::Raw => v,
        })),
        Some(_) => Err(Skip::new(t, col, row, "a positive number")),
        None => Ok(None),
    }
}

/// −1 and 0: what exports write for an unknown parameter count.
pub(crate) fn is_size_sentinel(v: f64) -> bool {
    v == 0.0 || v == -1.0
}

/// A size cell meaning "unknown": −1 or 0, plain or with a suffix (`-1B`).
fn is_sentinel_cell(cell: &Cell) -> bool {
    match cell {
        Cell::Text(t) => t
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .trim()
            .parse::<f64>()
            .is_ok_and(is_size_sentinel),
        c => c.number().is_some_and(is_size_sentinel),
    }
}

/// How many cells of a size column are −1 or 0, as a column warning (`None` when none is).
pub(crate) fn size_sentinel_note(t: &RawTable, col: usize) -> Option<String> {
    let n = t.columns[col]
        .iter()
        .filter(|c| is_sentinel_cell(c))
        .count();
    (n > 0).then(|| {
        format!(
            "{n} cell{} of -1 or 0 read as an unknown size",
            if n == 1 { "" } else { "s" }
        )
    })
}

/// The plain numbers of a column (for unit guesses): numeric cells that are not `7B`-style.
pub(crate) fn plain_numbers(t: &RawTable, col: usize) -> impl Iterator<Item = f64> + '_ {
    t.columns[col]
        .iter()
        .filter_map(Cell::number)
        .filter(|v| v.is_finite())
}

/// A score in points, from a cell in `scale`; `None` for an empty cell.
pub(crate) fn opt_score(
    t: &RawTable,
    col: usize,
    row: usize,
    scale: ScoreScale,
) -> Result<Option<f64>, Skip> {
    match opt_number(t, col, row, false)? {
        None => Ok(None),
        Some(v) => {
            let points = scale.to_points(v);
            if (0.0..=100.0).contains(&points) {
                Ok(Some(points))
            } else {
                let range = match scale {
                    ScoreScale::Fraction => "a score between 0 and 1 (the column is read as 0–1)",
                    ScoreScale::Points => "a score between 0 and 100",
                };
                Err(Skip::new(t, col, row, range))
            }
        }
    }
}

/// Tracks skipped rows for the report.
pub(crate) struct RowLog {
    pub skipped: Vec<(Pos, Skip)>,
    /// Cells left out of rows that were kept.
    pub cells: Vec<(Pos, Skip)>,
}

impl RowLog {
    pub fn new() -> Self {
        RowLog {
            skipped: Vec::new(),
            cells: Vec::new(),
        }
    }

    /// A bad cell in a row that is kept.
    pub fn skip_cell(&mut self, at: Pos, skip: Skip) {
        self.cells.push((at, skip));
    }

    /// A column none of whose filled cells reads is wrong as a whole (a unit, a format):
    /// the error names its first bad cell.
    fn column_unread(&self, t: &RawTable) -> Option<DataError> {
        let mut cols: Vec<usize> = self.cells.iter().map(|(_, s)| s.col).collect();
        cols.sort_unstable();
        cols.dedup();
        for col in cols {
            let bad = self.cells.iter().filter(|(_, s)| s.col == col).count()
                + self.skipped.iter().filter(|(_, s)| s.col == col).count();
            let filled = t.columns[col].iter().filter(|c| !c.is_blank()).count();
            if bad >= filled
                && let Some((at, s)) = self.cells.iter().find(|(_, s)| s.col == col)
            {
                return Some(DataError::BadValue {
                    path: t.path.clone(),
                    at: *at,
                    column: t.headers[col].clone(),
                    value: s.value.clone(),
                    expected: format!("{} (no cell of this column reads)", s.expected),
                });
            }
        }
        None
    }

    pub fn skip(&mut self, at: Pos, skip: Skip) {
        self.skipped.push((at, skip));
    }

    /// Writes one warning per skipped row; fails when no row was kept.
    pub fn finish(
        self,
        t: &RawTable,
        kept: usize,
        report: &mut LoadReport,
    ) -> Result<(), DataError> {
        report.rows_read = t.n_rows() + t.skipped.len();
        report.rows_kept = kept;
        if let Some(e) = self.column_unread(t) {
            return Err(e);
        }
        for (at, s) in &self.cells {
            let msg = format!("got '{}', expected {}; cell skipped", s.value, s.expected);
            report.warn(Some(*at), Some(&t.headers[s.col]), msg);
        }
        for (at, why) in &t.skipped {
            report.warn(Some(*at), None, format!("{why}; row skipped"));
        }
        let lines: Vec<(Pos, String, String)> = self
            .skipped
            .into_iter()
            .map(|(at, s)| {
                let msg = format!("got '{}', expected {}; row skipped", s.value, s.expected);
                (at, t.headers[s.col].clone(), msg)
            })
            .collect();
        if kept == 0 {
            return Err(match lines.first() {
                Some((at, col, msg)) => DataError::NoValidRows {
                    path: t.path.clone(),
                    rows: t.n_rows(),
                    first: format!(
                        "{at}, column '{col}': {}",
                        msg.trim_end_matches("; row skipped")
                    ),
                },
                None => DataError::Empty {
                    path: t.path.clone(),
                },
            });
        }
        for (at, col, msg) in lines {
            report.warn(Some(at), Some(&col), msg);
        }
        Ok(())
    }
}

/// Lists every column with its role (`assigned`), the rest as ignored.
pub(crate) fn describe_columns(
    t: &RawTable,
    assigned: &[(usize, String)],
    report: &mut LoadReport,
) {
    report.columns = t
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let role = assigned
                .iter()
                .find(|(c, _)| *c == i)
                .map_or_else(|| "ignored".to_string(), |(_, r)| r.clone());
            (h.clone(), role)
        })
        .collect();
}
