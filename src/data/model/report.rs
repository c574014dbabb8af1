//! The load report: what a load understood (format, kind, the role of each column, the
//! unit decisions), what it skipped (one warning per row) and what the user must still
//! supply. `densing inspect FILE` prints it.

use super::Pos;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The three kinds of table (DESIGN §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// Evaluated models: name, release date, parameters, one column per benchmark.
    Models,
    /// Reference-ladder points: parameters, tokens (or training FLOP), loss.
    Ladder,
    /// Sigmoid checkpoints: loss, score.
    Checkpoints,
}

impl TableKind {
    pub const ALL: [TableKind; 3] = [TableKind::Models, TableKind::Ladder, TableKind::Checkpoints];

    pub fn describe(self) -> &'static str {
        match self {
            TableKind::Models => "evaluated models",
            TableKind::Ladder => "ladder points",
            TableKind::Checkpoints => "sigmoid checkpoints",
        }
    }
}

/// One skipped row or one questionable value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// Line or row; `None` for a warning about the whole file or a column.
    pub at: Option<Pos>,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.at, &self.column) {
            (Some(at), Some(c)) => write!(f, "{at}, column '{c}': {}", self.message),
            (Some(at), None) => write!(f, "{at}: {}", self.message),
            (None, Some(c)) => write!(f, "column '{c}': {}", self.message),
            (None, None) => write!(f, "{}", self.message),
        }
    }
}

/// What one load did.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LoadReport {
    pub path: String,
    /// The format as recognised, e.g. "CSV", "Parquet", "lm-evaluation-harness results (v0.4)".
    pub format: String,
    pub kind: Option<TableKind>,
    pub rows_read: usize,
    pub rows_kept: usize,
    /// Column header → its role ("model name", "benchmark mmlu", "ignored").
    pub columns: Vec<(String, String)>,
    /// Unit decisions, one line each ("column 'mmlu': 0–1, multiplied by 100").
    pub units: Vec<String>,
    /// Other things the loader decided (newest file kept, metric used, precision kept).
    pub notes: Vec<String>,
    pub warnings: Vec<Warning>,
    /// What the file lacks that the analysis needs (release dates, sizes).
    pub to_supply: Vec<String>,
}

impl LoadReport {
    pub fn new(path: &str, format: impl Into<String>) -> Self {
        LoadReport {
            path: path.to_string(),
            format: format.into(),
            ..LoadReport::default()
        }
    }

    pub fn warn(&mut self, at: Option<Pos>, column: Option<&str>, message: impl Into<String>) {
        self.warnings.push(Warning {
            at,
            column: column.map(str::to_string),
            message: message.into(),
        });
    }

    /// One line for a status bar: rows kept of read, warnings, what is missing.
    pub fn one_line(&self) -> String {
        let mut s = format!(
            "{} ({}): kept {} of {} rows",
            self.path, self.format, self.rows_kept, self.rows_read
        );
        if !self.warnings.is_empty() {
            s.push_str(&format!(
                "; {} warning{} (first: {})",
                self.warnings.len(),
                if self.warnings.len() == 1 { "" } else { "s" },
                self.warnings[0]
            ));
        }
        if !self.to_supply.is_empty() {
            s.push_str(&format!("; still needed: {}", self.to_supply.join("; ")));
        }
        s
    }

    /// Lists the models missing a release date or a size in `to_supply`.
    pub fn list_missing(&mut self, models: &[super::Model]) {
        let no_date: Vec<&str> = models
            .iter()
            .filter(|m| m.release_date.is_none())
            .map(|m| m.name.as_str())
            .collect();
        let no_size: Vec<&str> = models
            .iter()
            .filter(|m| m.n_params.is_none())
            .map(|m| m.name.as_str())
            .collect();
        for (what, names) in [("release dates", no_date), ("parameter counts", no_size)] {
            if !names.is_empty() {
                self.to_supply.push(format!(
                    "{what} for {} model{}: {}",
                    names.len(),
                    if names.len() == 1 { "" } else { "s" },
                    short_list(&names)
                ));
            }
        }
    }
}

fn short_list(names: &[&str]) -> String {
    const SHOWN: usize = 8;
    let mut s = names[..names.len().min(SHOWN)].join(", ");
    if names.len() > SHOWN {
        s.push_str(&format!(", … ({} more)", names.len() - SHOWN));
    }
    s
}

impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "file:      {}", self.path)?;
        writeln!(f, "format:    {}", self.format)?;
        if let Some(k) = self.kind {
            writeln!(f, "kind:      {}", k.describe())?;
        }
        writeln!(
            f,
            "rows:      {} read, {} kept",
            self.rows_read, self.rows_kept
        )?;
        let sections: [(&str, Vec<String>); 3] = [
            (
                "columns",
                self.columns
                    .iter()
                    .map(|(c, r)| format!("'{c}' → {r}"))
                    .collect(),
            ),
            ("units", self.units.clone()),
            ("notes", self.notes.clone()),
        ];
        for (title, lines) in sections {
            if !lines.is_empty() {
                writeln!(f, "{title}:")?;
                for l in lines {
                    writeln!(f, "  {l}")?;
                }
            }
        }
        writeln!(f, "warnings:  {}", self.warnings.len())?;
        for w in &self.warnings {
            writeln!(f, "  {w}")?;
        }
        if self.to_supply.is_empty() {
            writeln!(f, "to supply: nothing")
        } else {
            writeln!(f, "to supply:")?;
            for s in &self.to_supply {
                writeln!(f, "  {s}")?;
            }
            Ok(())
        }
    }
}
