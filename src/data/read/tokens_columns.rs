//! Tokens generated per answer (issue 21 item 3), for the inference basis: a column
//! `tokens_per_answer` (one value for every task of the row) or `tokens_per_answer_TASK` /
//! `TASK_tokens_per_answer` (one task), read into `info.tokens_per_answer`.

use super::table::{Cell, RawTable};
use crate::data::model::report::LoadReport;
use crate::data::model::task_names::normalise_task;
use crate::data::model::{ANY_TASK_TOKENS, Model};

const MARK: &str = "tokens_per_answer";

/// The task a header gives tokens for: `Some("*")` for a bare `tokens_per_answer`, the
/// task of `tokens_per_answer_mmlu` or `mmlu_tokens_per_answer`; `None` for another header.
pub fn tokens_task(header: &str) -> Option<String> {
    let h = header.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    let rest = if let Some(r) = h.strip_prefix(MARK) {
        r
    } else {
        h.strip_suffix(MARK)?
    };
    let task = rest.trim_matches('_');
    Some(if task.is_empty() {
        ANY_TASK_TOKENS.to_string()
    } else {
        normalise_task(task)
    })
}

/// Fills `info.tokens_per_answer` of models read row by row (`rows[i]` the row of model
/// `i`) and names the columns in the load report.
pub(super) fn fill_tokens(
    t: &RawTable,
    models: &mut [Model],
    rows: &[usize],
    report: &mut LoadReport,
) {
    for (c, h) in t.headers.iter().enumerate() {
        let Some(task) = tokens_task(h) else { continue };
        let role = format!("tokens per answer ({task})");
        match report.columns.iter_mut().find(|(x, _)| x == h) {
            Some(slot) => slot.1 = role,
            None => report.columns.push((h.clone(), role)),
        }
        for (m, &row) in models.iter_mut().zip(rows) {
            let v = match t.cell(c, row) {
                Cell::Number(v) => Some(*v),
                Cell::Text(s) => s.trim().parse::<f64>().ok(),
                Cell::Missing => None,
            };
            if let Some(v) = v.filter(|v| v.is_finite() && *v > 0.0) {
                m.info.tokens_per_answer.insert(task.clone(), v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_their_task() {
        assert_eq!(tokens_task("tokens_per_answer").as_deref(), Some("*"));
        assert_eq!(
            tokens_task("tokens_per_answer_mmlu").as_deref(),
            Some("mmlu")
        );
        assert_eq!(
            tokens_task("MMLU tokens per answer").as_deref(),
            Some("mmlu")
        );
        assert_eq!(tokens_task("mmlu"), None);
    }
}
