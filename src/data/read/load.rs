//! Opening a path: a data folder, an lm-evaluation-harness output folder, or one file in
//! any supported format, recognised by its content and name. Returns what was read and
//! the load report, or one error — never part of a file.

use super::columns::{Role, RoleMap, benchmark_for_header, locate};
use super::csv::read_delimited;
use super::json::{read_json_array, read_ndjson};
use super::markdown::read_markdown;
use super::models::models_from_table;
use super::parquet::read_parquet;
use super::points::{checkpoints_from_table, ladder_from_table};
use super::table::{Format, RawTable};
use super::{leaderboard, lm_eval, lm_eval_runs, opencompass};
use crate::data::model::report::{LoadReport, TableKind};
use crate::data::model::{AVERAGE, CheckpointRow, DataError, Dataset, LadderRow, Model};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::Path;

/// The caller's choices for a load (the window and sessions keep these).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadOptions {
    pub roles: RoleMap,
    /// Task of ladder and checkpoint rows without a task column [default: average].
    pub default_task: Option<String>,
    /// A model named twice with other values: keep the last row instead of the first.
    pub keep_last: bool,
}

impl LoadOptions {
    fn task(&self) -> &str {
        self.default_task.as_deref().unwrap_or(AVERAGE)
    }
}

/// What a path held: a whole data folder or one table of one kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    Folder(Dataset),
    Models(Vec<Model>),
    Ladder(Vec<LadderRow>),
    Checkpoints(Vec<CheckpointRow>),
}

/// A load's result with its report (one per file read).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadOutcome {
    pub loaded: Loaded,
    pub reports: Vec<LoadReport>,
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

    /// True for a reference ladder without models (an OLMo ladder-runs folder): merged
    /// into data with models, it replaces only their ladder and checkpoints.
    pub fn is_reference_for(&self, current: &Dataset) -> bool {
        matches!(self, Loaded::Folder(f) if f.models.is_empty() && !current.models.is_empty())
    }

    /// The dataset after this load: a folder replaces everything (a reference ladder only
    /// the ladder and checkpoints), a table replaces its own part of `current`.
    pub fn merge_into(self, current: &Dataset, path: &Path) -> Dataset {
        let mut d = current.clone();
        match self {
            // A reference ladder without models (an OLMo ladder-runs folder): the current
            // models are measured against it.
            Loaded::Folder(folder) if folder.models.is_empty() && !current.models.is_empty() => {
                d.ladder = folder.ladder;
                d.checkpoints = folder.checkpoints;
                d.loss_unit = folder.loss_unit;
                d.checkpoint_unit = folder.checkpoint_unit;
                d.reference = folder.reference;
                d.origin = reference_origin(&current.origin, &folder.origin);
                return d;
            }
            Loaded::Folder(folder) => return folder,
            Loaded::Models(m) => d.models = m,
            // A plain table's losses are nats per token (DESIGN §2).
            Loaded::Ladder(l) => {
                d.ladder = l;
                d.reference = None;
                d.loss_unit = crate::data::model::loss_unit::LossUnit::NatsPerToken;
            }
            Loaded::Checkpoints(c) => {
                d.checkpoints = c;
                d.reference = None;
                d.checkpoint_unit = crate::data::model::loss_unit::LossUnit::NatsPerToken;
            }
        }
        d.origin = format!("{} + {}", current.origin, path.display());
        d
    }
}

/// The origin of models measured against a reference: "models: M; reference: R", where M
/// is the models' own origin (a previous reference named in it is replaced, not nested).
pub fn reference_origin(origin: &str, reference: &str) -> String {
    format!("models: {}; reference: {reference}", origin_models(origin))
}

/// The models' part M of an origin "models: M; reference: R" (the whole origin when it
/// names no reference).
pub fn origin_models(origin: &str) -> &str {
    let models = origin.strip_prefix("models: ").unwrap_or(origin);
    models.split("; reference: ").next().unwrap_or(models)
}

pub(crate) fn unreadable(path: &Path, reason: impl Into<String>) -> DataError {
    DataError::Unreadable {
        path: path.display().to_string(),
        reason: reason.into(),
    }
}

/// Reads a whole file as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, DataError> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| {
        unreadable(
            path,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Reads one file's bytes; `kind` forces the table kind (folder files have fixed kinds).
pub fn load_bytes(
    path: &Path,
    bytes: &[u8],
    options: &LoadOptions,
    kind: Option<TableKind>,
) -> Result<(Loaded, LoadReport), DataError> {
    match read_raw(path, bytes)? {
        Raw::Tool(loaded, report) => Ok((loaded, report)),
        Raw::Table(table) => from_table(table, options, kind),
    }
}

/// The column headers of a table file, for choosing columns by hand (the window's column
/// editor) when the names did not say which column holds what. A tool's results file
/// (lm-evaluation-harness JSON) has no columns to choose and is refused.
pub fn table_headers(path: &Path) -> Result<Vec<String>, DataError> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, e.to_string()))?;
    match read_raw(path, &bytes)? {
        Raw::Table(t) => Ok(t.headers),
        Raw::Tool(..) => Err(DataError::NotATable {
            path: path.display().to_string(),
            reason:
                "an lm-evaluation-harness results file: its fields are fixed, not columns to choose"
                    .into(),
        }),
    }
}

/// A file read as a table, or a tool's output already read as models.
enum Raw {
    Table(RawTable),
    Tool(Loaded, LoadReport),
}

fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, DataError> {
    std::str::from_utf8(bytes).map_err(|e| {
        unreadable(
            path,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

fn read_raw(path: &Path, bytes: &[u8]) -> Result<Raw, DataError> {
    let label = path.display().to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DataError::Empty { path: label });
    }
    let format = Format::detect(path, bytes);
    // OpenCompass's summary_*.txt: its table, between other blocks of text.
    if format == Format::Csv
        && let Ok(text) = std::str::from_utf8(bytes)
        && super::opencompass_summary::is_summary_txt(text)
    {
        let table = super::opencompass_summary::read_summary_txt(&label, text)?;
        return Ok(Raw::Table(table));
    }
    let table = match format {
        Format::Parquet => read_parquet(&label, bytes)?,
        Format::Csv | Format::Tsv => read_delimited(&label, bytes, format)?,
        Format::Markdown => read_markdown(&label, utf8(path, bytes)?)?,
        Format::Json | Format::Ndjson => {
            let text = utf8(path, bytes)?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            if let Some(e) = super::layouts::known_non_results(&label, text) {
                return Err(e);
            }
            match serde_json::from_str::<Value>(text) {
                Ok(v) if lm_eval::is_results(&v) => {
                    let run = lm_eval::parse_run(&label, &v)?;
                    let (models, report) = lm_eval_runs::models_from_runs(&label, vec![run])?;
                    return Ok(Raw::Tool(Loaded::Models(models), report));
                }
                Ok(v @ Value::Array(_)) => read_json_array(&label, v)?,
                Ok(Value::Object(_)) if text.trim().lines().count() == 1 => {
                    read_ndjson(&label, text)?
                }
                Ok(v) => read_json_array(&label, v)?,
                // The text ends inside the first value: a cut-off JSON file, not NDJSON.
                Err(e) if e.is_eof() => {
                    return Err(DataError::NotATable {
                        path: label,
                        reason: format!(
                            "truncated JSON: the text ends before the JSON is complete ({e}); the file may have been cut off"
                        ),
                    });
                }
                Err(e) if format == Format::Json => {
                    return Err(DataError::NotATable {
                        path: label,
                        reason: format!("not valid JSON ({e}); expected an array of records"),
                    });
                }
                Err(_) => read_ndjson(&label, text)?,
            }
        }
    };
    Ok(Raw::Table(table))
}

fn from_table(
    t: RawTable,
    options: &LoadOptions,
    kind: Option<TableKind>,
) -> Result<(Loaded, LoadReport), DataError> {
    let roles = &options.roles;
    // The layout is found first, as without choices; the choices then change the roles of
    // the columns they name inside it (the file keeps its scale and row rules).
    if kind.is_none()
        && matches!(roles.kind, None | Some(TableKind::Models))
        && leaderboard::is_contents(&t)
    {
        let (m, r) = leaderboard::models_from_contents(&t, roles)?;
        return Ok((Loaded::Models(m), r));
    }
    if kind.is_none()
        && roles.kind.is_none()
        && roles.columns.is_empty()
        && roles.benchmarks.is_empty()
        && opencompass::is_summary(&t)
    {
        let (m, r) = opencompass::models_from_summary(&t)?;
        return Ok((Loaded::Models(m), r));
    }
    let guessed = kind.or(roles.kind).is_none();
    let kind = match kind.or(roles.kind) {
        Some(k) => k,
        None if locate(&t.path, &t.headers, roles, Role::Model)?.is_some() => TableKind::Models,
        None if locate(&t.path, &t.headers, roles, Role::Score)?.is_some() => {
            TableKind::Checkpoints
        }
        // Benchmark columns without a recognised name column: a models table whose
        // name column needs choosing, not a ladder.
        None if t.headers.iter().any(|h| benchmark_for_header(h).is_some()) => TableKind::Models,
        None => TableKind::Ladder,
    };
    let mut report = LoadReport::new(&t.path, t.format.name());
    let loaded = match kind {
        TableKind::Models => Loaded::Models(models_from_table(
            &t,
            roles,
            options.keep_last,
            &mut report,
        )?),
        TableKind::Ladder => match ladder_from_table(&t, roles, options.task(), &mut report) {
            Ok(l) => Loaded::Ladder(l),
            // A table without a loss is no ladder: say what every layout missed.
            Err(e) if guessed && !super::layouts::has_loss_column(&t) => {
                return Err(super::layouts::no_layout(&t, &e));
            }
            Err(e) => return Err(e),
        },
        TableKind::Checkpoints => Loaded::Checkpoints(checkpoints_from_table(
            &t,
            roles,
            options.task(),
            &mut report,
        )?),
    };
    Ok((loaded, report))
}

/// Reads CSV text of one kind (the embedded sample, `fit-loss`, benchmarks).
fn text_table(path: &str, text: &str) -> Result<RawTable, DataError> {
    read_delimited(path, text.as_bytes(), Format::Csv)
}

/// Reads an evaluated-models CSV text; `path` labels messages.
pub fn read_models(path: &str, text: &str) -> Result<Vec<Model>, DataError> {
    let mut report = LoadReport::new(path, "CSV");
    models_from_table(
        &text_table(path, text)?,
        &RoleMap::default(),
        false,
        &mut report,
    )
}

/// Reads ladder points from CSV text (rows without a task get `default_task`).
pub fn read_ladder(
    path: &str,
    text: &str,
    default_task: &str,
) -> Result<Vec<LadderRow>, DataError> {
    let mut report = LoadReport::new(path, "CSV");
    ladder_from_table(
        &text_table(path, text)?,
        &RoleMap::default(),
        default_task,
        &mut report,
    )
}

/// Reads sigmoid checkpoints from CSV text.
pub fn read_checkpoints(
    path: &str,
    text: &str,
    default_task: &str,
) -> Result<Vec<CheckpointRow>, DataError> {
    let mut report = LoadReport::new(path, "CSV");
    checkpoints_from_table(
        &text_table(path, text)?,
        &RoleMap::default(),
        default_task,
        &mut report,
    )
}

#[cfg(test)]
mod tests {
    use super::reference_origin;

    #[test]
    fn a_new_reference_replaces_the_old_one_in_the_origin() {
        let first = reference_origin("models.csv", "the OLMo ladder (a)");
        assert_eq!(first, "models: models.csv; reference: the OLMo ladder (a)");
        let second = reference_origin(&first, "the embedded synthetic ladder");
        assert_eq!(
            second,
            "models: models.csv; reference: the embedded synthetic ladder"
        );
    }
}
