//! CSV and TSV through polars. Before polars parses the text, one pass over it checks
//! that it is UTF-8, finds the delimiter, and counts the fields of every record against
//! the header, so a ragged row is an error naming its line (polars would pad it with
//! nulls) and every row knows its line number even when a quoted cell spans lines.

use super::table::{Format, RawTable, polars_reason};
use super::{DataError, Pos};
use polars::prelude::{CsvReadOptions, SerReader};
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
    let lines = record_lines(path, bytes, sep)?;
    if lines.is_empty() {
        return Err(DataError::Empty {
            path: path.to_string(),
        });
    }
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
    RawTable::from_frame(path, format, &df, Some(lines))
}

/// The starting line of every data record (blank lines skipped), after checking each has
/// as many fields as the header.
fn record_lines(path: &str, bytes: &[u8], sep: u8) -> Result<Vec<Pos>, DataError> {
    let mut starts = Vec::new();
    let mut header_fields = None;
    let (mut line, mut start_line) = (1u64, 1u64);
    let (mut fields, mut in_quotes, mut blank) = (1usize, false, true);
    let mut finish = |start: u64, fields: usize, blank: bool| -> Result<(), DataError> {
        if blank {
            return Ok(());
        }
        match header_fields {
            None => header_fields = Some(fields),
            Some(n) if n == fields => starts.push(Pos::Line(start)),
            Some(n) => {
                return Err(DataError::BadRow {
                    path: path.to_string(),
                    at: Pos::Line(start),
                    reason: format!(
                        "not a valid CSV row (expected {n} fields like the header, found {fields})"
                    ),
                });
            }
        }
        Ok(())
    };
    for &b in bytes {
        match b {
            b'"' => {
                in_quotes = !in_quotes;
                blank = false;
            }
            b'\n' => {
                line += 1;
                if !in_quotes {
                    finish(start_line, fields, blank)?;
                    (start_line, fields, blank) = (line, 1, true);
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
    finish(start_line, fields, blank)?;
    Ok(starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_follow_quoted_newlines_and_skip_blank_lines() {
        let text = b"a,b\n1,\"x\ny\"\n\n2,z\n";
        let lines = record_lines("t.csv", text, b',').unwrap();
        assert_eq!(lines, vec![Pos::Line(2), Pos::Line(5)]);
    }

    #[test]
    fn a_short_row_names_its_line() {
        let err = record_lines("t.csv", b"a,b,c\n1,2,3\n4,5\n", b',').unwrap_err();
        assert!(err.to_string().contains("line 3"), "{err}");
        assert!(err.to_string().contains("expected 3 fields"), "{err}");
    }
}
