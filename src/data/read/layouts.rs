//! When no layout fits a table: one line saying which layouts were tried and why each
//! failed, with what the file looks like when it is a known tool's other output (an
//! lm-evaluation-harness samples log or `make_table` printout, a pass@k dict, a systems
//! table whose names are in a `System` column).

use super::columns::Role;
use super::table::RawTable;
use crate::data::model::DataError;
use crate::data::model::tasks::normalize_header;

/// Is this table a ladder at all? A table without any loss column is not one, so its
/// ladder error is replaced by [`no_layout`].
pub(crate) fn has_loss_column(t: &RawTable) -> bool {
    let norm: Vec<String> = t.headers.iter().map(|h| normalize_header(h)).collect();
    Role::Loss.find(&norm).is_some()
}

/// What a file that is not results says it is, when its first bytes tell: an
/// lm-evaluation-harness samples log (one record per scored example).
pub(crate) fn known_non_results(path: &str, text: &str) -> Option<DataError> {
    let name = std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let first = text.lines().next().unwrap_or("");
    let samples = (name.starts_with("samples_") && name.ends_with(".jsonl"))
        || (first.contains("\"doc_id\"") && first.contains("\"resps\""));
    samples.then(|| DataError::NotATable {
        path: path.to_string(),
        reason: "an lm-evaluation-harness samples log (one record per scored example), not results: open the results_*.json file beside it".into(),
    })
}

/// The one-line error for a table no layout fits; `ladder` is why the ladder reader failed.
pub(crate) fn no_layout(t: &RawTable, ladder: &DataError) -> DataError {
    let norm: Vec<String> = t.headers.iter().map(|h| normalize_header(h)).collect();
    let has = |n: &str| norm.iter().any(|h| h == n);
    let hint = if (has("tasks") || has("task")) && has("metric") && has("value") {
        "this is an lm-evaluation-harness make_table printout: open the results_*.json file it was printed from. ".to_string()
    } else if norm.iter().any(|h| h.starts_with("pass")) && t.n_rows() == 1 && t.headers.len() <= 4
    {
        "this is a pass@k result without a model name (like HumanEval's {\"pass@1\": …}): put its scores in a models table with a model column. ".to_string()
    } else if let Some(i) = norm
        .iter()
        .position(|h| h == "system" || h == "modelversion")
    {
        format!(
            "the names look to be in column '{}': choose it with --column model='{}'. ",
            t.headers[i], t.headers[i]
        )
    } else {
        String::new()
    };
    let ladder_why = match ladder {
        DataError::MissingColumn { role, .. } => format!("no column for {role}"),
        other => other.to_string(),
    };
    DataError::NotATable {
        path: t.path.clone(),
        reason: format!(
            "{hint}no layout fits. Tried: a models table (no model-name column: looked for {}); a checkpoints table (no score column: looked for {}); a ladder table ({ladder_why}, and no loss column); an Open LLM Leaderboard export (needs fullname or eval_name, Precision and its benchmarks); an OpenCompass summary (needs dataset, version, metric, mode). Columns: {}",
            Role::Model.synonyms().join(", "),
            Role::Score.synonyms().join(", "),
            shown_headers(&t.headers)
        ),
    }
}

fn shown_headers(h: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut s = h[..h.len().min(SHOWN)].join(", ");
    if h.len() > SHOWN {
        s.push_str(&format!(", … ({} more)", h.len() - SHOWN));
    }
    s
}
