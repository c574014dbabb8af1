//! What the command-line tests share: running the binary from the project folder, its
//! output, and the one-line error every failure must be.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `densing ARGS…` in the project folder.
pub fn densing(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_densing"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts exit status 2 and exactly one stderr line containing every `needle`.
pub fn assert_one_line_error(o: &Output, needles: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
    for n in needles {
        assert!(err.contains(n), "'{n}' not in: {err}");
    }
}

/// A malformed file of tests/data/bad.
pub fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/bad")
        .join(name)
}

/// A data folder whose models.csv is `file` of tests/data/bad.
pub fn folder_with_models(file: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(bad(file), dir.path().join("models.csv")).unwrap();
    dir
}

/// A temporary path as the command line takes it.
pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}
