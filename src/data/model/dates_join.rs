//! Joining release dates onto models by name (issue 19 item 5, issue 20 item 4): from a
//! dates table the user gives, or from the embedded table of base-model release dates.
//! A model's own date always wins; a different date for it is reported as a conflict.

use super::names::name_key;
use super::{DateSource, Model};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One row of a dates table: a model name, its release date, its size where given, and
/// where the fact comes from (the embedded table's source column).
#[derive(Debug, Clone, PartialEq)]
pub struct DateEntry {
    pub name: String,
    pub date: NaiveDate,
    pub n_params: Option<f64>,
    pub source: Option<String>,
}

/// What a join did, for the load report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DatesJoin {
    /// What was joined: "the dates table FILE" or "the embedded base-model dates".
    pub what: String,
    /// Models that got a date from the table.
    pub dated: Vec<String>,
    /// Models that matched and already had the same date.
    pub agreed: usize,
    /// Models without a date that matched no row.
    pub unmatched: Vec<String>,
    /// "MODEL: its own date D kept, the table says E".
    pub conflicts: Vec<String>,
    /// Rows of the table sharing a key with an earlier row of another date (first kept).
    pub duplicates: Vec<String>,
}

impl DatesJoin {
    /// The report's lines: how many got a date, which did not match, every conflict.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "{}: {} models got a release date from it ({} already had the same date), {} without a date matched no row",
            self.what,
            self.dated.len(),
            self.agreed,
            self.unmatched.len()
        )];
        if !self.unmatched.is_empty() {
            out.push(format!("  not matched: {}", shortlist(&self.unmatched, 20)));
        }
        for c in &self.conflicts {
            out.push(format!("  conflict: {c}"));
        }
        for d in &self.duplicates {
            out.push(format!("  duplicate row: {d}"));
        }
        out
    }
}

/// The first `n` names, then "and K more".
pub fn shortlist(names: &[String], n: usize) -> String {
    let mut s = names.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > n {
        s += &format!(" and {} more", names.len() - n);
    }
    s
}

/// Entries by key; the first row of a key wins, later rows with another date are listed.
fn index(entries: &[DateEntry], join: &mut DatesJoin) -> HashMap<String, usize> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        match by_key.get(&name_key(&e.name)) {
            Some(&j) if entries[j].date != e.date => join.duplicates.push(format!(
                "'{}' {} (kept '{}' {})",
                e.name, e.date, entries[j].name, entries[j].date
            )),
            Some(_) => {}
            None => {
                by_key.insert(name_key(&e.name), i);
            }
        }
    }
    by_key
}

/// Joins a dates table's rows onto the models: a model without a release date takes the
/// matching row's date (and `date_source = DatesTable(file)`).
pub fn join_dates(models: &mut [Model], entries: &[DateEntry], file: &str) -> DatesJoin {
    let mut join = DatesJoin {
        what: format!("dates table {file}"),
        ..Default::default()
    };
    let by_key = index(entries, &mut join);
    for m in models.iter_mut() {
        let Some(&i) = by_key.get(&name_key(&m.name)) else {
            if m.release_date.is_none() {
                join.unmatched.push(m.name.clone());
            }
            continue;
        };
        let e = &entries[i];
        match m.release_date {
            None => {
                m.release_date = Some(e.date);
                m.date_source = DateSource::DatesTable(file.to_string());
                join.dated.push(m.name.clone());
            }
            Some(own) if own == e.date => join.agreed += 1,
            Some(own) => join.conflicts.push(format!(
                "{}: its own date {own} kept, the table says {} ('{}')",
                m.name, e.date, e.name
            )),
        }
    }
    join
}

/// True for a model made from another (fine-tune, chat, merge): its base model's release
/// date is not its own.
fn is_derived(m: &Model) -> bool {
    m.info
        .model_type
        .as_deref()
        .is_some_and(|t| !matches!(t, "pretrained" | "continuously pretrained"))
}

/// Fills release dates of models without one from the embedded base-model table: by the
/// model's name, or — for a model not marked as derived — by its `info.base_model`.
pub fn join_embedded(models: &mut [Model], entries: &[DateEntry]) -> DatesJoin {
    let mut join = DatesJoin {
        what: "the embedded base-model release dates (sample_data/base_model_dates.csv)".into(),
        ..Default::default()
    };
    let by_key = index(entries, &mut join);
    join.duplicates.clear();
    for m in models.iter_mut().filter(|m| m.release_date.is_none()) {
        let by_base = || {
            m.info
                .base_model
                .as_deref()
                .filter(|_| !is_derived(m))
                .and_then(|b| by_key.get(&name_key(b)))
        };
        match by_key.get(&name_key(&m.name)).or_else(by_base) {
            Some(&i) => {
                let e = &entries[i];
                m.release_date = Some(e.date);
                m.date_source = DateSource::Embedded(e.source.clone().unwrap_or_default());
                join.dated.push(m.name.clone());
            }
            None => join.unmatched.push(m.name.clone()),
        }
    }
    join
}
