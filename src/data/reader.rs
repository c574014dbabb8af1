//! A small CSV reader for the three kinds of table (models, ladder, checkpoints).

use super::columns::{Role, normalize_header};
use super::{BENCHMARKS, CheckpointRow, DataError, Dataset, LadderRow, Model};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Reads a whole file as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, DataError> {
    let bytes = std::fs::read(path).map_err(|e| DataError::Unreadable {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| DataError::Unreadable {
        path: path.display().to_string(),
        reason: format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// A parsed CSV: normalised headers, original headers, rows with their line numbers.
struct Table<'a> {
    path: &'a str,
    headers: Vec<String>,
    raw_headers: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

impl<'a> Table<'a> {
    fn parse(path: &'a str, text: &str) -> Result<Self, DataError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let csv_err = |e: csv::Error| {
            let line = e.position().map_or(0, |p| p.line());
            DataError::BadRow {
                path: path.to_string(),
                line,
                reason: format!("not a valid CSV row ({e})"),
            }
        };
        let raw_headers: Vec<String> = reader
            .headers()
            .map_err(csv_err)?
            .iter()
            .map(str::to_string)
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(csv_err)?;
            let line = record.position().map_or(0, |p| p.line());
            rows.push((line, record.iter().map(str::to_string).collect()));
        }
        if rows.is_empty() {
            return Err(DataError::Empty {
                path: path.to_string(),
            });
        }
        Ok(Table {
            path,
            headers: raw_headers.iter().map(|h| normalize_header(h)).collect(),
            raw_headers,
            rows,
        })
    }

    fn require(&self, role: Role) -> Result<usize, DataError> {
        role.find(&self.headers)
            .ok_or_else(|| self.missing(role, role.synonyms().join(", ")))
    }

    fn missing(&self, role: Role, expected: String) -> DataError {
        DataError::MissingColumn {
            path: self.path.to_string(),
            role: role.describe(),
            expected,
        }
    }

    fn bad(&self, line: u64, col: usize, value: &str, expected: &str) -> DataError {
        DataError::BadValue {
            path: self.path.to_string(),
            line,
            column: self.raw_headers[col].clone(),
            value: value.to_string(),
            expected: expected.to_string(),
        }
    }

    /// A finite number, positive when `positive`.
    fn number(
        &self,
        line: u64,
        row: &[String],
        col: usize,
        positive: bool,
    ) -> Result<f64, DataError> {
        let cell = &row[col];
        let expected = if positive {
            "a positive number"
        } else {
            "a finite number"
        };
        match cell.parse::<f64>() {
            Ok(v) if v.is_finite() && (!positive || v > 0.0) => Ok(v),
            _ => Err(self.bad(line, col, cell, expected)),
        }
    }

    /// An optional cell: empty → `None`.
    fn opt_number(
        &self,
        line: u64,
        row: &[String],
        col: usize,
        positive: bool,
    ) -> Result<Option<f64>, DataError> {
        if row[col].is_empty() {
            Ok(None)
        } else {
            self.number(line, row, col, positive).map(Some)
        }
    }

    fn task(&self, row: &[String], task_col: Option<usize>, default_task: &str) -> String {
        task_col
            .map(|c| row[c].to_lowercase())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| default_task.to_string())
    }
}

/// Parses an ISO date `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// Reads an evaluated-models table: model, release date, parameters (raw count or in
/// billions), and one column per benchmark of [`BENCHMARKS`] (empty cell = not reported).
pub fn read_models(path: &str, text: &str) -> Result<Vec<Model>, DataError> {
    let t = Table::parse(path, text)?;
    let name_col = t.require(Role::Model)?;
    let date_col = t.require(Role::ReleaseDate)?;
    let family_col = Role::Family.find(&t.headers);
    let (params_col, billions) = match (
        Role::Params.find(&t.headers),
        Role::ParamsBillions.find(&t.headers),
    ) {
        (Some(c), _) => (c, false),
        (None, Some(c)) => (c, true),
        (None, None) => {
            let names = [Role::Params.synonyms(), Role::ParamsBillions.synonyms()]
                .concat()
                .join(", ");
            return Err(t.missing(Role::Params, names));
        }
    };
    let score_cols: Vec<(usize, &str)> = BENCHMARKS
        .iter()
        .filter_map(|b| t.headers.iter().position(|h| h == b).map(|c| (c, *b)))
        .collect();
    if score_cols.is_empty() {
        return Err(t.missing(Role::Score, BENCHMARKS.join(", ")));
    }
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut models = Vec::with_capacity(t.rows.len());
    for (line, row) in &t.rows {
        let line = *line;
        let name = row[name_col].clone();
        if name.is_empty() {
            return Err(t.bad(line, name_col, "", "a model name"));
        }
        if let Some(first) = seen.insert(name.clone(), line) {
            return Err(DataError::BadRow {
                path: path.to_string(),
                line,
                reason: format!("duplicate model name '{name}' (first at line {first})"),
            });
        }
        let date = &row[date_col];
        let release_date = if date.is_empty() {
            None
        } else {
            Some(
                parse_date(date)
                    .ok_or_else(|| t.bad(line, date_col, date, "a date as YYYY-MM-DD"))?,
            )
        };
        let n_params = t
            .opt_number(line, row, params_col, true)?
            .map(|v| if billions { v * 1e9 } else { v });
        let mut scores = BTreeMap::new();
        for &(col, bench) in &score_cols {
            if let Some(v) = t.opt_number(line, row, col, false)? {
                if !(0.0..=100.0).contains(&v) {
                    return Err(t.bad(line, col, &row[col], "a score between 0 and 100"));
                }
                scores.insert(bench.to_string(), v);
            }
        }
        let family = family_col.map(|c| row[c].clone()).filter(|f| !f.is_empty());
        models.push(Model {
            name,
            family,
            release_date,
            n_params,
            scores,
        });
    }
    Ok(models)
}

/// Reads ladder points: parameters, tokens (or training FLOP, tokens = C/6N), loss, and an
/// optional task column (rows without one get `default_task`).
pub fn read_ladder(
    path: &str,
    text: &str,
    default_task: &str,
) -> Result<Vec<LadderRow>, DataError> {
    let t = Table::parse(path, text)?;
    let n_col = t.require(Role::Params)?;
    let loss_col = t.require(Role::Loss)?;
    let task_col = Role::Task.find(&t.headers);
    // Tokens directly, or training FLOP converted with C = 6ND.
    let (tokens_col, from_flop) = match (
        Role::Tokens.find(&t.headers),
        Role::TrainingFlop.find(&t.headers),
    ) {
        (Some(c), _) => (c, false),
        (None, Some(c)) => (c, true),
        (None, None) => {
            let names = [Role::Tokens.synonyms(), Role::TrainingFlop.synonyms()]
                .concat()
                .join(", ");
            return Err(t.missing(Role::Tokens, names));
        }
    };
    t.rows
        .iter()
        .map(|(line, row)| {
            let n_params = t.number(*line, row, n_col, true)?;
            let tokens_or_flop = t.number(*line, row, tokens_col, true)?;
            let n_tokens = if from_flop {
                tokens_or_flop / (6.0 * n_params)
            } else {
                tokens_or_flop
            };
            let loss = t.number(*line, row, loss_col, true)?;
            Ok(LadderRow {
                task: t.task(row, task_col, default_task),
                n_params,
                n_tokens,
                loss,
            })
        })
        .collect()
}

/// Reads sigmoid checkpoints: loss, score (0–100), optional task.
pub fn read_checkpoints(
    path: &str,
    text: &str,
    default_task: &str,
) -> Result<Vec<CheckpointRow>, DataError> {
    let t = Table::parse(path, text)?;
    let loss_col = t.require(Role::Loss)?;
    let score_col = t.require(Role::Score)?;
    let task_col = Role::Task.find(&t.headers);
    t.rows
        .iter()
        .map(|(line, row)| {
            let loss = t.number(*line, row, loss_col, true)?;
            let score = t.number(*line, row, score_col, false)?;
            Ok(CheckpointRow {
                task: t.task(row, task_col, default_task),
                loss,
                score,
            })
        })
        .collect()
}

/// Reads a data folder: `models.csv` (required), `ladder.csv` and `sigmoid_points.csv`
/// (optional: without them, parameters must come from a params file).
pub fn read_dir(dir: &Path) -> Result<Dataset, DataError> {
    if !dir.is_dir() {
        return Err(DataError::Unreadable {
            path: dir.display().to_string(),
            reason: "not a folder (expected a folder holding models.csv, ladder.csv, sigmoid_points.csv)".into(),
        });
    }
    let models_path = dir.join("models.csv");
    let models = read_models(
        &models_path.display().to_string(),
        &read_text(&models_path)?,
    )?;
    let optional = |name: &str| -> Result<Option<(String, String)>, DataError> {
        let p = dir.join(name);
        if p.exists() {
            Ok(Some((p.display().to_string(), read_text(&p)?)))
        } else {
            Ok(None)
        }
    };
    let ladder = match optional("ladder.csv")? {
        Some((p, text)) => read_ladder(&p, &text, super::AVERAGE)?,
        None => Vec::new(),
    };
    let checkpoints = match optional("sigmoid_points.csv")? {
        Some((p, text)) => read_checkpoints(&p, &text, super::AVERAGE)?,
        None => Vec::new(),
    };
    Ok(Dataset {
        models,
        ladder,
        checkpoints,
        origin: dir.display().to_string(),
    })
}

/// What a path held: a whole data folder or one table of one kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    Folder(Dataset),
    Models(Vec<Model>),
    Ladder(Vec<LadderRow>),
    Checkpoints(Vec<CheckpointRow>),
}

impl Loaded {
    /// One line saying what was read.
    pub fn summary(&self) -> String {
        match self {
            Loaded::Folder(d) => format!(
                "{} models, {} ladder points, {} checkpoints",
                d.models.len(),
                d.ladder.len(),
                d.checkpoints.len()
            ),
            Loaded::Models(m) => format!("{} models", m.len()),
            Loaded::Ladder(l) => format!("{} ladder points", l.len()),
            Loaded::Checkpoints(c) => format!("{} checkpoints", c.len()),
        }
    }

    /// The dataset after this load: a folder replaces everything, a table replaces its
    /// own part of `current`.
    pub fn merge_into(self, current: &Dataset, path: &Path) -> Dataset {
        let mut d = current.clone();
        match self {
            Loaded::Folder(folder) => return folder,
            Loaded::Models(m) => d.models = m,
            Loaded::Ladder(l) => d.ladder = l,
            Loaded::Checkpoints(c) => d.checkpoints = c,
        }
        d.origin = format!("{} + {}", current.origin, path.display());
        d
    }
}

/// Reads a data folder, or a CSV whose columns say its kind: a model column → evaluated
/// models; else a score column → sigmoid checkpoints; else → ladder points.
pub fn read_path(path: &Path) -> Result<Loaded, DataError> {
    if path.is_dir() {
        return read_dir(path).map(Loaded::Folder);
    }
    let label = path.display().to_string();
    let text = read_text(path)?;
    let first = text.lines().next().unwrap_or("");
    let headers: Vec<String> = first.split(',').map(normalize_header).collect();
    if Role::Model.find(&headers).is_some() {
        read_models(&label, &text).map(Loaded::Models)
    } else if Role::Score.find(&headers).is_some() {
        read_checkpoints(&label, &text, super::AVERAGE).map(Loaded::Checkpoints)
    } else {
        read_ladder(&label, &text, super::AVERAGE).map(Loaded::Ladder)
    }
}
