//! JSON tables: an array of records (`[{"model": …}, …]`) or NDJSON (one record per
//! line). Read with serde_json rather than polars so that every record keeps its own
//! types (a number in one row, `"N/A"` in the next) and a bad record names its row or
//! line; the cells then go through the same roles as every other table.

use super::table::{Cell, Format, RawTable};
use crate::data::model::{DataError, Pos};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// Reads a JSON array of records.
pub fn read_json_array(path: &str, value: Value) -> Result<RawTable, DataError> {
    let Value::Array(items) = value else {
        return Err(DataError::NotATable {
            path: path.to_string(),
            reason: format!(
                "the JSON is {}; expected an array of records like [{{\"model\": \"…\", \"mmlu\": 45.3}}]",
                kind_of(&value)
            ),
        });
    };
    if let Some(Value::Array(first)) = items.first() {
        return read_rows_of_arrays(path, first.clone(), items);
    }
    let mut records = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let at = Pos::Row(i as u64 + 1);
        records.push((at, record(path, at, item)?));
    }
    from_records(path, Format::Json, records)
}

/// An array of arrays whose first array names the columns (`[["model", "mmlu"], ["a",
/// 45.3]]`): each later array becomes a record of those columns. Without a header row (the
/// first array holding values, not names) the columns have no names and it is refused.
fn read_rows_of_arrays(
    path: &str,
    first: Vec<Value>,
    items: Vec<Value>,
) -> Result<RawTable, DataError> {
    let names: Option<Vec<String>> = first
        .iter()
        .map(|v| v.as_str().map(|s| s.trim().to_string()))
        .collect();
    let Some(headers) = names.filter(|h| h.iter().all(|s| !s.is_empty()) && items.len() > 1) else {
        return Err(DataError::NotATable {
            path: path.to_string(),
            reason: "an array of arrays without a header row: the columns have no names (expected the first array to name the columns, e.g. [[\"model\", \"mmlu\"], [\"a\", 45.3]])".into(),
        });
    };
    let mut records = Vec::with_capacity(items.len() - 1);
    let mut skipped = Vec::new();
    for (i, item) in items.into_iter().enumerate().skip(1) {
        let at = Pos::Row(i as u64);
        let Value::Array(values) = item else {
            return Err(DataError::BadRow {
                path: path.to_string(),
                at,
                reason: format!(
                    "the row is {}; expected an array like the header",
                    kind_of(&item)
                ),
            });
        };
        if values.len() != headers.len() {
            let why = format!(
                "expected {} values like the header, found {}",
                headers.len(),
                values.len()
            );
            skipped.push((at, why));
            continue;
        }
        records.push((at, headers.iter().cloned().zip(values).collect()));
    }
    if skipped.len() > records.len()
        && let Some((at, why)) = skipped.first().cloned()
    {
        return Err(DataError::BadRow {
            path: path.to_string(),
            at,
            reason: format!("{why}; most rows are ragged, so the file is not read as a table"),
        });
    }
    let mut table = from_records(path, Format::Json, records)?;
    table.skipped = skipped;
    Ok(table)
}

/// Reads NDJSON: one JSON object per non-blank line.
pub fn read_ndjson(path: &str, text: &str) -> Result<RawTable, DataError> {
    let mut records = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = Pos::Line(i as u64 + 1);
        let value: Value = serde_json::from_str(line).map_err(|e| DataError::BadRow {
            path: path.to_string(),
            at,
            reason: format!("not a JSON record ({e}); expected one JSON object per line"),
        })?;
        records.push((at, record(path, at, value)?));
    }
    from_records(path, Format::Ndjson, records)
}

fn record(path: &str, at: Pos, value: Value) -> Result<Map<String, Value>, DataError> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(DataError::BadRow {
            path: path.to_string(),
            at,
            reason: format!("the record is {}; expected a JSON object", kind_of(&other)),
        }),
    }
}

/// Columns are the keys in order of first appearance; a record without a key has a
/// missing cell there.
fn from_records(
    path: &str,
    format: Format,
    records: Vec<(Pos, Map<String, Value>)>,
) -> Result<RawTable, DataError> {
    if records.is_empty() {
        return Err(DataError::Empty {
            path: path.to_string(),
        });
    }
    let mut headers: Vec<String> = Vec::new();
    let mut index = HashMap::new();
    for (_, map) in &records {
        for key in map.keys() {
            if let Entry::Vacant(slot) = index.entry(key.clone()) {
                slot.insert(headers.len());
                headers.push(key.clone());
            }
        }
    }
    let n = records.len();
    let mut columns = vec![vec![Cell::Missing; n]; headers.len()];
    let mut unusable = Vec::new();
    let mut rows = Vec::with_capacity(n);
    for (r, (at, map)) in records.into_iter().enumerate() {
        rows.push(at);
        for (key, value) in map {
            let c = index[&key];
            columns[c][r] = match value {
                Value::Null => Cell::Missing,
                Value::Number(x) => x.as_f64().map_or(Cell::Missing, Cell::Number),
                Value::String(s) if s.trim().is_empty() => Cell::Missing,
                Value::String(s) => Cell::Text(s.trim().into()),
                Value::Bool(b) => Cell::Text(b.to_string().into()),
                v @ (Value::Array(_) | Value::Object(_)) => {
                    if !unusable.iter().any(|(u, _)| *u == c) {
                        unusable.push((c, format!("nested JSON ({})", kind_of(&v))));
                    }
                    Cell::Missing
                }
            };
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

pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keep_their_own_types() {
        let t = read_ndjson(
            "t.jsonl",
            "{\"m\":\"a\",\"s\":1}\n\n{\"m\":\"b\",\"s\":\"N/A\"}\n",
        )
        .unwrap();
        assert_eq!(t.headers, ["m", "s"]);
        assert_eq!(t.rows, [Pos::Line(1), Pos::Line(3)]);
        assert_eq!(t.columns[1], [Cell::Number(1.0), Cell::Text("N/A".into())]);
    }

    #[test]
    fn a_wrong_shape_says_what_was_expected() {
        let e = read_json_array("t.json", serde_json::json!({"a": 1})).unwrap_err();
        assert!(
            e.to_string().contains("expected an array of records"),
            "{e}"
        );
        let e = read_json_array("t.json", serde_json::json!([{"a": 1}, 2])).unwrap_err();
        assert!(e.to_string().contains("row 2"), "{e}");
    }

    #[test]
    fn arrays_of_arrays_need_a_header_row() {
        let t = read_json_array(
            "t.json",
            serde_json::json!([["m", "s"], ["a", 1], ["b", 2.5]]),
        )
        .unwrap();
        assert_eq!(t.headers, ["m", "s"]);
        assert_eq!(t.rows, [Pos::Row(1), Pos::Row(2)]);
        assert_eq!(t.columns[1], [Cell::Number(1.0), Cell::Number(2.5)]);
        let e = read_json_array("t.json", serde_json::json!([["a", 1], ["b", 2]])).unwrap_err();
        assert!(e.to_string().contains("without a header row"), "{e}");
    }
}
