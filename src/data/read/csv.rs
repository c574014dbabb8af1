//! CSV and TSV through polars. Before polars parses the text, one pass over it checks
//! that it is UTF-8, finds the delimiter, and counts the fields of every record against
//! the header: a ragged row is skipped with a warning naming its line (polars would pad it
//! with nulls), unless most rows are ragged (then the file is refused, naming the first),
//! and every row knows its line number even when a quoted cell spans lines.

use super::table::{Format, RawTable, polars_reason};
use crate::data::model::{DataError, Pos};
use polars::prelude::{CsvReadOptions, SerReader};
use std::borrow::Cow;
use std::io::Cursor;

/// Reads a CSV or TSV text. `format` is the guess from the file's name; a header with
/// tabs and no commas is read as TSV whatever the name.
pub fn read_delimited(path: &str, bytes: &[u8], format: Format) -> Result<RawTable, DataError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(DataError::Unreadable {
            path: path.to_string(),
            reason: format!(
                "not UTF-8 text (invalid byte at offset {}); expected a CSV/TSV table, Parquet or JSON",
                e.valid_up_to()
            ),
        });
    }
    let header = bytes
        .split(|&b| b == b'\n')
        .find(|l| !l.iter().all(u8::is_ascii_whitespace))
        .unwrap_or(&[]);
    let count = |c: u8| header.iter().filter(|&&b| b == c).count();
    let (sep, format) = match format {
        Format::Tsv => (b'\t', Format::Tsv),
        _ if count(b',') == 0 && count(b'\t') > 0 => (b'\t', Format::Tsv),
        _ => (b',', Format::Csv),
    };
    if count(sep) == 0 {
        for (other, name) in [(b';', "semicolons"), (b'|', "'|' bars")] {
            if count(other) > 0 {
                return Err(DataError::NotATable {
                    path: path.to_string(),
                    reason: format!(
                        "the header is split by {name}; expected {} (save the sheet as CSV with commas, or as TSV)",
                        if sep == b',' { "commas" } else { "tabs" }
                    ),
                });
            }
        }
    }
    let Records {
        lines,
        ragged,
        spans,
    } = record_lines(path, bytes, sep)?;
    if lines.is_empty() && ragged.is_empty() {
        return Err(DataError::Empty {
            path: path.to_string(),
        });
    }
    if ragged.len() > lines.len()
        && let Some((at, reason)) = ragged.first().cloned()
    {
        return Err(DataError::BadRow {
            path: path.to_string(),
            at,
            reason: format!("{reason}; most rows are ragged, so the file is not read as a table"),
        });
    }
    // Ragged rows are cut out before polars reads the text (only when there are some).
    let kept: Cow<'_, [u8]> = if ragged.is_empty() {
        Cow::Borrowed(bytes)
    } else {
        let mut out = Vec::with_capacity(bytes.len());
        for (start, end) in &spans {
            out.extend_from_slice(&bytes[*start..*end]);
            out.push(b'\n');
        }
        Cow::Owned(out)
    };
    let bytes: &[u8] = &kept;
    // Every column as text: units are decided per column afterwards. A reader that
    // panics on odd input must not take the app down with it.
    let read = std::panic::AssertUnwindSafe(|| {
        CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(0))
            .map_parse_options(|o| o.with_separator(sep))
            .into_reader_with_file_handle(Cursor::new(bytes))
            .finish()
    });
    let not_table = |reason: String| DataError::NotATable {
        path: path.to_string(),
        reason: format!("not a valid {} table ({reason})", format.name()),
    };
    let df = match std::panic::catch_unwind(read) {
        Ok(Ok(df)) => df,
        Ok(Err(e)) => return Err(not_table(polars_reason(&e))),
        Err(_) => return Err(not_table("the reader failed on its contents".into())),
    };
    // polars renames a repeated header to `name_duplicated_0`; a repeated column is
    // ambiguous, so it is refused.
    for c in df.columns() {
        let name = c.name().as_str();
        if let Some((base, _)) = name.rsplit_once("_duplicated_")
            && df.columns().iter().any(|o| o.name().as_str() == base)
        {
            return Err(not_table(format!(
                "two columns are named '{base}'; expected each column name once"
            )));
        }
    }
    let mut table = RawTable::from_frame(path, format, &df, Some(lines))?;
    table.skipped = ragged;
    Ok(table)
}

/// What one pass over the text found.
struct Records {
    /// The starting line of every kept data record.
    lines: Vec<Pos>,
    /// Records whose field count differs from the header's, with why.
    ragged: Vec<(Pos, String)>,
    /// Byte ranges of the header and the kept records (used only when some are ragged).
    spans: Vec<(usize, usize)>,
}

/// The starting line of every data record (blank lines skipped), after checking each has
/// as many fields as the header.
fn record_lines(path: &str, bytes: &[u8], sep: u8) -> Result<Records, DataError> {
    let mut out = Records {
        lines: Vec::new(),
        ragged: Vec::new(),
        spans: Vec::new(),
    };
    let mut header_fields = None;
    let (mut line, mut start_line, mut start_byte) = (1u64, 1u64, 0usize);
    let (mut fields, mut in_quotes, mut blank) = (1usize, false, true);
    let mut finish = |start: u64, span: (usize, usize), fields: usize, blank: bool| {
        if blank {
            return;
        }
        match header_fields {
            None => {
                header_fields = Some(fields);
                out.spans.push(span);
            }
            Some(n) if n == fields => {
                out.lines.push(Pos::Line(start));
                out.spans.push(span);
            }
            Some(n) => out.ragged.push((
                Pos::Line(start),
                format!(
                    "not a valid CSV row (expected {n} fields like the header, found {fields})"
                ),
            )),
        }
    };
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => {
                in_quotes = !in_quotes;
                blank = false;
            }
            b'\n' => {
                line += 1;
                if !in_quotes {
                    finish(start_line, (start_byte, i), fields, blank);
                    (start_line, start_byte, fields, blank) = (line, i + 1, 1, true);
                }
            }
            b'\r' => {}
            _ if b == sep && !in_quotes => {
                fields += 1;
                blank = false;
            }
            _ => blank = false,
        }
    }
    if in_quotes {
        return Err(DataError::BadRow {
            path: path.to_string(),
            at: Pos::Line(start_line),
            reason: "not a valid CSV row (a quoted cell is never closed; expected a closing \")"
                .into(),
        });
    }
    finish(start_line, (start_byte, bytes.len()), fields, blank);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_follow_quoted_newlines_and_skip_blank_lines() {
        let text = b"a,b\n1,\"x\ny\"\n\n2,z\n";
        let records = record_lines("t.csv", text, b',').unwrap();
        assert_eq!(records.lines, vec![Pos::Line(2), Pos::Line(5)]);
    }

    #[test]
    fn a_short_row_is_skipped_naming_its_line() {
        let t = read_delimited("t.csv", b"a,b,c\n1,2,3\n4,5\n6,7,8\n", Format::Csv).unwrap();
        assert_eq!(t.rows, vec![Pos::Line(2), Pos::Line(4)]);
        assert_eq!(t.skipped.len(), 1);
        assert_eq!(t.skipped[0].0, Pos::Line(3));
        assert!(
            t.skipped[0].1.contains("expected 3 fields"),
            "{:?}",
            t.skipped
        );
    }

    #[test]
    fn a_file_of_mostly_ragged_rows_is_refused() {
        let err = read_delimited("t.csv", b"a,b,c\n1,2\n4,5\n6,7,8\n", Format::Csv).unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
        assert!(err.to_string().contains("most rows are ragged"), "{err}");
    }
}
