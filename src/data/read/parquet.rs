//! Parquet tables through polars. Typed columns arrive as numbers or text; a column of a
//! type no role can use (lists, binary) is an error only when a role needs it.

use super::table::{Format, RawTable, polars_reason};
use crate::data::model::DataError;
use polars::prelude::FileMetadataRef;
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
    let file_len = bytes.len() as u64;
    // A reader that panics on a corrupt file must not take the app down with it; and its
    // footer is checked before any data is decoded, because polars allocates what a damaged
    // footer claims (a flipped byte once asked for ~2^61 bytes, which aborts the process).
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut reader = ParquetReader::new(Cursor::new(bytes));
        let meta = reader.get_metadata()?.clone();
        let checked =
            implausible_footer(&meta, file_len).or_else(|| implausible_pages(&meta, bytes));
        if let Some(reason) = checked {
            return Err(polars::prelude::PolarsError::ComputeError(reason.into()));
        }
        reader.set_metadata(meta);
        reader.finish()
    }));
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
    // Converting damaged values (a date out of range) can panic inside polars too.
    let p = path.to_string();
    let convert =
        std::panic::AssertUnwindSafe(move || RawTable::from_frame(&p, Format::Parquet, &df, None));
    std::panic::catch_unwind(convert).unwrap_or_else(|_| {
        Err(DataError::NotATable {
            path: path.to_string(),
            reason: "not a readable Parquet file (a value could not be converted)".into(),
        })
    })
}

/// Rows a results table may hold; a footer claiming more is damaged (or not ours to read).
const MAX_ROWS: usize = 50_000_000;

/// Why a Parquet footer cannot describe this file: row counts beyond [`MAX_ROWS`], or a
/// column chunk whose bytes lie outside the file or whose sizes are negative or absurd.
fn implausible_footer(meta: &FileMetadataRef, file_len: u64) -> Option<String> {
    if meta.num_rows > MAX_ROWS {
        return Some(format!("the footer claims {} rows", meta.num_rows));
    }
    let mut rows = 0usize;
    for rg in &meta.row_groups {
        rows = rows.saturating_add(rg.num_rows());
        for c in rg.parquet_columns() {
            let r = c.byte_range();
            let sizes_ok = c.compressed_size() >= 0
                && c.uncompressed_size() >= 0
                && c.num_values() >= 0
                && (c.num_values() as u64) <= MAX_ROWS as u64
                && (c.uncompressed_size() as u64) < (1 << 32);
            if !sizes_ok || r.start > r.end || r.end > file_len {
                return Some("a column chunk's sizes or offsets lie outside the file".into());
            }
        }
    }
    (rows > MAX_ROWS).then(|| format!("the row groups claim {rows} rows"))
}

/// Why a page of a column chunk cannot be what its header says: polars reserves memory for
/// as many values as a data page header claims, so each header is read (not decoded) first
/// and must not claim more values than its chunk, nor a page larger than the file.
fn implausible_pages(meta: &FileMetadataRef, bytes: &[u8]) -> Option<String> {
    use polars_parquet::parquet::page::CompressedPage;
    use polars_parquet::parquet::read::PageReader;
    // One copy of the file that every column chunk's reader slices.
    let file = polars_buffer::Buffer::from(bytes.to_vec());
    for rg in &meta.row_groups {
        for c in rg.parquet_columns() {
            let r = c.byte_range();
            let range = r.start as usize..r.end as usize;
            bytes.get(range.clone())?;
            let chunk = file.clone().sliced(range);
            let pages = PageReader::new(std::io::Cursor::new(chunk), c, vec![], bytes.len());
            let chunk_values = usize::try_from(c.num_values()).unwrap_or(usize::MAX);
            for page in pages {
                match page {
                    Ok(CompressedPage::Data(p)) => {
                        if p.num_values() > chunk_values || p.uncompressed_size() > 1 << 32 {
                            return Some(format!(
                                "a data page claims {} values in a column of {chunk_values}",
                                p.num_values()
                            ));
                        }
                    }
                    Ok(CompressedPage::Dict(_)) => {}
                    Err(e) => return Some(format!("a page header is damaged ({e})")),
                }
            }
        }
    }
    None
}
