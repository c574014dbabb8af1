//! Opening a path: a data folder (or a tool's output folder, or an OLMo ladder) through
//! [`super::folder`], one file through [`super::load`]. The one place that chooses between
//! them, so the file readers and the folder reader do not call each other in a circle.

use super::folder::load_dir;
use super::load::{LoadOptions, LoadOutcome, Loaded, load_bytes, unreadable};
use crate::data::model::DataError;
use std::path::Path;

/// Reads a data folder, or a file whose content and columns say its kind.
pub fn read_path(path: &Path) -> Result<Loaded, DataError> {
    load_path(path, &LoadOptions::default()).map(|o| o.loaded)
}

/// Reads a path with the caller's options and reports what was understood.
pub fn load_path(path: &Path, options: &LoadOptions) -> Result<LoadOutcome, DataError> {
    if path.is_dir() {
        return load_dir(path, options);
    }
    if !path.exists() {
        return Err(unreadable(
            path,
            "no such file or folder (expected a table, a tool's results file, or a data folder)",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, e.to_string()))?;
    let (loaded, report) = load_bytes(path, &bytes, options, None)?;
    Ok(LoadOutcome {
        loaded,
        reports: vec![report],
    })
}
