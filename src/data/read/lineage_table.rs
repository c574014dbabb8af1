//! A lineage table (issue 21 item 2): `model,base_model,derived_kind,source`, one row per
//! model made from another. The embedded sample's links (`sample_data/lineage.csv`, each
//! with its published source) are read with it.

use crate::data::model::derived::derived_kind;
use crate::data::model::{DataError, Model, Pos};

/// The embedded sample's published parent links (see `sample_data/README.md`).
pub const SAMPLE_LINEAGE_CSV: &str = include_str!("../../../sample_data/lineage.csv");

/// One link: a model, the model it was made from, how, and where that is published.
#[derive(Debug, Clone, PartialEq)]
pub struct LineageRow {
    pub model: String,
    pub base_model: String,
    pub derived_kind: Option<String>,
    pub source: Option<String>,
}

/// Reads a lineage table; `path` names it in errors.
pub fn read_lineage(path: &str, text: &str) -> Result<Vec<LineageRow>, DataError> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let bad = |line: usize, reason: String| DataError::BadRow {
        path: path.to_string(),
        at: Pos::Line(line as u64),
        reason,
    };
    let headers = r
        .headers()
        .map_err(|e| bad(1, format!("cannot read the header: {e}")))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(model), Some(base)) = (col("model"), col("base_model").or(col("derived_from")))
    else {
        return Err(bad(
            1,
            "expected the columns model and base_model (or derived_from)".into(),
        ));
    };
    let (kind, source) = (col("derived_kind"), col("source"));
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| bad(i + 2, e.to_string()))?;
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let (Some(m), Some(b)) = (get(Some(model)), get(Some(base))) else {
            continue;
        };
        out.push(LineageRow {
            model: m,
            base_model: b,
            derived_kind: get(kind).and_then(|k| derived_kind(&k)),
            source: get(source),
        });
    }
    Ok(out)
}

/// Sets `info.base_model` and `info.derived_kind` of the models the rows name (exact
/// names); returns the rows that named no model.
pub fn apply_lineage<'a>(models: &mut [Model], rows: &'a [LineageRow]) -> Vec<&'a LineageRow> {
    let mut unmatched = Vec::new();
    for row in rows {
        match models.iter_mut().find(|m| m.name == row.model) {
            Some(m) => {
                m.info.base_model = Some(row.base_model.clone());
                m.info.derived_kind = row.derived_kind.clone();
            }
            None => unmatched.push(row),
        }
    }
    unmatched
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_links_name_sample_models_and_cite_a_source() {
        let rows = read_lineage("sample_data/lineage.csv", SAMPLE_LINEAGE_CSV).unwrap();
        assert!(!rows.is_empty());
        let mut models = crate::data::read::sample::sample().unwrap().models;
        assert!(apply_lineage(&mut models, &rows).is_empty());
        for r in &rows {
            assert!(r.source.as_deref().is_some_and(|s| s.contains("https://")));
            assert!(r.derived_kind.is_some(), "{}: a known kind", r.model);
            assert!(models.iter().any(|m| m.name == r.base_model));
        }
    }

    #[test]
    fn a_table_without_a_base_column_is_refused() {
        assert!(read_lineage("x.csv", "model,parent\na,b\n").is_err());
    }
}
