//! The saved state of an exploration (DESIGN §6, issue 5): a versioned JSON file holding the
//! data files (path and SHA-256 of their content), column-role overrides, user-supplied
//! dates and sizes, the laws (fitted or edited), the options and the view. Opening a session
//! replays its data files in order onto the embedded sample, exactly as the window loaded
//! them, so the analysis comes back to the last bit.

use crate::analysis::Options;
use crate::chart::ChartView;
use crate::data::{DataError, Dataset, LoadOptions, load_path, sample};
use crate::io::{WriteError, write_atomic};
use crate::law::Fits;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The `format` field every session file carries.
pub const FORMAT: &str = "densing-explorer-session";
/// The newest session version this build reads and the one it writes.
pub const VERSION: u32 = 1;

/// One data file (or data folder) the session loaded, in load order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataFile {
    pub path: PathBuf,
    /// The path relative to the session file's folder when the data sit below it, so a
    /// session handed over with its data folder still finds them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative: Option<PathBuf>,
    /// SHA-256 of the content (a folder: of its files' relative names and contents).
    pub sha256: String,
    /// The loader's options for this file: column-role overrides, units, kind, default task.
    #[serde(default, skip_serializing_if = "is_default")]
    pub load_options: LoadOptions,
}

/// Values the user typed for a model that its file lacks (tool outputs rarely carry them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Supplied {
    pub release_date: Option<NaiveDate>,
    /// Parameter count (raw count).
    pub n_params: Option<f64>,
    /// Active parameters of a mixture of experts typed as `30B-A3B` (raw count).
    pub n_params_active: Option<f64>,
}

/// What the window showed: the enlarged view and each chart's zoom and hidden series.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewState {
    /// `loss`, `sigmoid`, `inversion` or `density`.
    pub enlarged: Option<String>,
    /// By view name.
    pub charts: BTreeMap<String, ChartView>,
}

/// A parameter edited by hand since its last fit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EditedParam {
    pub task: String,
    /// The parameter's name as the panel shows it (a, alpha, b, beta, E, c, gamma, l, d).
    pub param: String,
}

/// Everything a session file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub format: String,
    pub version: u32,
    /// The program that wrote it, for people reading the file.
    #[serde(default)]
    pub saved_by: String,
    /// Data files in load order, replayed onto the embedded sample (a folder replaces all).
    #[serde(default)]
    pub data: Vec<DataFile>,
    /// By model name.
    #[serde(default)]
    pub supplied: BTreeMap<String, Supplied>,
    pub fits: Fits,
    #[serde(default)]
    pub edited: Vec<EditedParam>,
    pub options: Options,
    #[serde(default)]
    pub view: ViewState,
    /// The last fit of each task's laws (objective, starts converged, bounds): the
    /// window's fit report lines, back when the session is reopened. Absent in older
    /// sessions and when nothing was fitted.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fit_reports: BTreeMap<String, FitReport>,
}

/// A task's last loss and sigmoid fits, as reported.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss: Option<crate::fit::LossFit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigmoid: Option<crate::fit::SigmoidFit>,
}

impl Session {
    /// A session of the given state (format and version filled in).
    pub fn new(data: Vec<DataFile>, fits: Fits, options: Options) -> Session {
        Session {
            format: FORMAT.into(),
            version: VERSION,
            saved_by: format!("densing {}", env!("CARGO_PKG_VERSION")),
            data,
            supplied: BTreeMap::new(),
            fits,
            edited: Vec::new(),
            options,
            view: ViewState::default(),
            fit_reports: BTreeMap::new(),
        }
    }
}

/// Why a session could not be saved or opened. Every message names the session file.
#[derive(Debug, Error)]
pub enum SessionError {
    #[error("{}: cannot read the session: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("{}: not a Densing Explorer session ({reason})", path.display())]
    NotASession { path: PathBuf, reason: String },
    #[error(
        "{}: the session is version {found}, written by a newer Densing Explorer; this one reads versions up to {VERSION}. Update the program to open it.",
        path.display()
    )]
    NewerVersion { path: PathBuf, found: u64 },
    #[error(
        "{}: its data file {} is missing (moved or deleted); locate it to open the session",
        session.display(), file.display()
    )]
    DataMissing { session: PathBuf, file: PathBuf },
    #[error(
        "{}: its data file {} changed since the session was saved (content hash differs); the analysis may differ",
        session.display(), file.display()
    )]
    DataChanged { session: PathBuf, file: PathBuf },
    #[error("{}: {source}", session.display())]
    Data {
        session: PathBuf,
        #[source]
        source: Box<DataError>,
    },
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Writes `session` as pretty JSON through a temporary file renamed into place, so a crash
/// never leaves a truncated session.
pub fn write_session(path: &Path, session: &Session) -> Result<(), SessionError> {
    let mut session = session.clone();
    let dir = folder_of(path);
    for f in &mut session.data {
        f.relative = f.path.strip_prefix(&dir).ok().map(Path::to_path_buf);
    }
    let text = serde_json::to_string_pretty(&session).map_err(|e| SessionError::NotASession {
        path: path.into(),
        reason: e.to_string(),
    })?;
    write_atomic(path, text.as_bytes())?;
    Ok(())
}

/// Reads a session file, refusing files of another format or a newer version.
pub fn read_session(path: &Path) -> Result<Session, SessionError> {
    let text = std::fs::read_to_string(path).map_err(|e| SessionError::Unreadable {
        path: path.into(),
        reason: e.to_string(),
    })?;
    parse_session(path, &text)
}

/// Parses session text (`path` names it in errors).
pub fn parse_session(path: &Path, text: &str) -> Result<Session, SessionError> {
    let not = |reason: String| SessionError::NotASession {
        path: path.into(),
        reason,
    };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| not(format!("invalid JSON: {e}")))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(not(format!("expected \"format\": \"{FORMAT}\"")));
    }
    let version = value
        .get("version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| not("expected a whole-number \"version\"".into()))?;
    if version > u64::from(VERSION) {
        return Err(SessionError::NewerVersion {
            path: path.into(),
            found: version,
        });
    }
    serde_json::from_value(value).map_err(|e| not(e.to_string()))
}

/// Where a session's data file is now.
#[derive(Debug, Clone, PartialEq)]
pub enum FileStatus {
    /// At its saved path (or beside the session, at its saved relative path), unchanged.
    Found(PathBuf),
    /// Found, but its content hash differs from the saved one.
    Changed(PathBuf),
    Missing,
}

/// Looks for each data file: at its saved path, else at its relative path beside the
/// session file; `relocated` (by index) are paths the user pointed to instead.
pub fn locate_data(
    session_path: &Path,
    session: &Session,
    relocated: &BTreeMap<usize, PathBuf>,
) -> Vec<FileStatus> {
    let dir = folder_of(session_path);
    session
        .data
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let candidates = match relocated.get(&i) {
                Some(p) => vec![p.clone()],
                None => std::iter::once(f.path.clone())
                    .chain(f.relative.as_ref().map(|r| dir.join(r)))
                    .collect(),
            };
            let mut status = FileStatus::Missing;
            for p in candidates.into_iter().filter(|p| p.exists()) {
                match content_hash(&p) {
                    Ok(h) if h == f.sha256 => return FileStatus::Found(p),
                    Ok(_) if status == FileStatus::Missing => status = FileStatus::Changed(p),
                    _ => {}
                }
            }
            status
        })
        .collect()
}

/// The dataset a session describes: its data files replayed onto the embedded sample,
/// then the user-supplied values. `paths` are where the files are now (from
/// [`locate_data`]); a missing one is an error, as is a changed one unless `accept_changed`.
pub fn restore_dataset(
    session_path: &Path,
    session: &Session,
    statuses: &[FileStatus],
    accept_changed: bool,
) -> Result<(Dataset, Vec<DataFile>), SessionError> {
    let data_err = |source| SessionError::Data {
        session: session_path.into(),
        source: Box::new(source),
    };
    let mut dataset = sample().map_err(data_err)?;
    let mut files = Vec::new();
    for (f, status) in session.data.iter().zip(statuses) {
        let path = match status {
            FileStatus::Found(p) => p,
            FileStatus::Changed(p) if accept_changed => p,
            FileStatus::Changed(_) => {
                return Err(SessionError::DataChanged {
                    session: session_path.into(),
                    file: f.path.clone(),
                });
            }
            FileStatus::Missing => {
                return Err(SessionError::DataMissing {
                    session: session_path.into(),
                    file: f.path.clone(),
                });
            }
        };
        let loaded = load_path(path, &f.load_options).map_err(data_err)?.loaded;
        dataset = loaded.merge_into(&dataset, path);
        let sha256 = content_hash(path).map_err(data_err)?;
        files.push(DataFile {
            path: path.clone(),
            relative: None,
            sha256,
            load_options: f.load_options.clone(),
        });
    }
    apply_supplied(&mut dataset, &session.supplied);
    Ok((dataset, files))
}

/// Fills in (or overrides) release dates and sizes the user supplied, by model name.
pub fn apply_supplied(dataset: &mut Dataset, supplied: &BTreeMap<String, Supplied>) {
    for m in &mut dataset.models {
        if let Some(s) = supplied.get(&m.name) {
            m.release_date = s.release_date.or(m.release_date);
            m.n_params = s.n_params.or(m.n_params);
            if s.n_params.is_some() {
                m.n_params_active = s.n_params_active;
            }
        }
    }
}

/// SHA-256 (hex) of a file, or of a folder's files: each one's path relative to the
/// folder and its content, in sorted order, recursively.
pub fn content_hash(path: &Path) -> Result<String, DataError> {
    let unreadable = |p: &Path, e: std::io::Error| DataError::Unreadable {
        path: p.display().to_string(),
        reason: e.to_string(),
    };
    let mut hasher = Sha256::new();
    if path.is_dir() {
        let mut files = Vec::new();
        list_files(path, &mut files).map_err(|e| unreadable(path, e))?;
        files.sort();
        for f in files {
            let rel = f.strip_prefix(path).unwrap_or(&f);
            hasher.update(rel.to_string_lossy().as_bytes());
            hasher.update([0]);
            hasher.update(std::fs::read(&f).map_err(|e| unreadable(&f, e))?);
            hasher.update([0]);
        }
    } else {
        hasher.update(std::fs::read(path).map_err(|e| unreadable(path, e))?);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// True when `path` is a session file (a JSON file under 16 MB naming the session format),
/// so the window can open a dropped or recent session like any other file.
pub fn looks_like_session(path: &Path) -> bool {
    const MAX_BYTES: u64 = 16 << 20;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let small = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_BYTES);
    is_json
        && small
        && std::fs::read(path)
            .is_ok_and(|b| String::from_utf8_lossy(&b).contains(&format!("\"{FORMAT}\"")))
}

/// The record of a data file just loaded.
pub fn data_file(path: &Path) -> Result<DataFile, DataError> {
    Ok(DataFile {
        path: std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
        relative: None,
        sha256: content_hash(path)?,
        load_options: LoadOptions::default(),
    })
}

fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        if p.is_dir() {
            list_files(&p, out)?;
        } else if p.is_file() {
            out.push(p);
        }
    }
    Ok(())
}

fn folder_of(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    abs.parent().map(Path::to_path_buf).unwrap_or_default()
}

fn is_default(o: &LoadOptions) -> bool {
    o == &LoadOptions::default()
}
