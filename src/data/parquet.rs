//! Parquet tables through polars. Typed columns arrive as numbers or text; a column of a
//! type no role can use (lists, binary) is an error only when a role needs it.

use super::DataError;
use super::table::{Format, RawTable, polars_reason};
use polars::prelude::{ParquetReader, SerReader};
use std::io::Cursor;

/// Reads a Parquet file's bytes.
pub fn read_parquet(path: &str, bytes: &[u8]) -> Result<RawTable, DataError> {
    if !bytes.starts_with(b"PAR1") || !bytes.ends_with(b"PAR1") || bytes.len() < 12 {
        return Err(DataError::NotATable {
            path: path.to_string(),
            reason: "not a Parquet file (expected the PAR1 marks at its start and end)".into(),
        });
    }
    let owned = bytes.to_vec();
    // A reader that panics on a corrupt file must not take the app down with it.
    let result = std::panic::catch_unwind(move || ParquetReader::new(Cursor::new(owned)).finish());
    let df = match result {
        Ok(Ok(df)) => df,
        Ok(Err(e)) => {
            return Err(DataError::NotATable {
                path: path.to_string(),
                reason: format!("not a readable Parquet file ({})", polars_reason(&e)),
            });
        }
        Err(_) => {
            return Err(DataError::NotATable {
                path: path.to_string(),
                reason: "not a readable Parquet file (the reader failed on its contents)".into(),
            });
        }
    };
    if df.height() == 0 {
        return Err(DataError::Empty {
            path: path.to_string(),
        });
    }
    RawTable::from_frame(path, Format::Parquet, &df, None)
}
