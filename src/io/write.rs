//! Writing files safely: every file (tables, charts, sessions) is written to a temporary
//! file in the target's folder, synced, and renamed into place, so a failed or interrupted
//! write never leaves a truncated file (nor touches an existing one). [`WriteError`] is the
//! error of every writer.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use thiserror::Error;

/// Why writing a file (a table, a chart, a session) failed; every message names the file.
#[derive(Debug, Error)]
pub enum WriteError {
    #[error("{}: cannot write: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot draw the chart: {reason}", path.display())]
    Draw { path: PathBuf, reason: String },
    #[error("{}: cannot encode: {reason}", path.display())]
    Encode { path: PathBuf, reason: String },
    #[error("{}: size {width}x{height} is out of range (16 to 10000 pixels a side)", path.display())]
    Size {
        path: PathBuf,
        width: u32,
        height: u32,
    },
}

impl WriteError {
    /// The file the export was for.
    pub fn path(&self) -> &Path {
        match self {
            WriteError::Io { path, .. }
            | WriteError::Draw { path, .. }
            | WriteError::Encode { path, .. }
            | WriteError::Size { path, .. } => path,
        }
    }
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh hidden name in the folder of `path`, ending in `.{ext}`.
pub fn temp_path_beside(path: &Path, ext: &str) -> Result<PathBuf, WriteError> {
    let name = path.file_name().ok_or_else(|| WriteError::Io {
        path: path.into(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
    })?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    Ok(dir.join(format!(
        ".{}.{}-{n}.tmp.{ext}",
        name.to_string_lossy(),
        std::process::id()
    )))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, synced, then
/// renamed over `path`. On failure `path` is untouched and the temporary file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Like [`write_atomic`], with the content written by `write`; if `write` fails part way
/// (an interrupted write), `path` keeps its previous content and no temporary file stays.
///
/// A symbolic link is followed: the file it names is replaced and the link stays a link.
/// A target that exists and is neither a regular file nor a folder (`/dev/stdout`, a pipe,
/// a terminal) is written in place as a stream: renaming over it would replace the device
/// itself (as root, `--out /dev/stdout` once turned /dev/stdout into a plain file).
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let io_err = |source| WriteError::Io {
        path: path.into(),
        source,
    };
    if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| write(&mut f))
            .map_err(io_err);
    }
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = match is_link {
        true => fs::canonicalize(path).map_err(io_err)?,
        false => path.to_path_buf(),
    };
    let tmp = temp_path_beside(&target, "part")?;
    let written = fs::File::create(&tmp).and_then(|mut f| {
        write(&mut f)?;
        f.sync_all()
    });
    if let Err(source) = written {
        let _ = fs::remove_file(&tmp);
        return Err(io_err(source));
    }
    fs::rename(&tmp, &target).map_err(|source| {
        let _ = fs::remove_file(&tmp);
        io_err(source)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_files_sit_beside_the_target() {
        let p = temp_path_beside(Path::new("out/models.csv"), "part").unwrap();
        assert_eq!(p.parent(), Some(Path::new("out")));
        assert!(
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".models.csv.")
        );
        let q = temp_path_beside(Path::new("models.csv"), "png").unwrap();
        assert_eq!(q.parent(), Some(Path::new(".")));
        assert!(q.to_string_lossy().ends_with(".png"));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_a_pipe_is_written_as_a_stream() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");

        // A named pipe (as /dev/stdout is when output is piped): the bytes go through it,
        // and it is still a pipe afterwards, not a file renamed over it.
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("SKIPPED the pipe half: mkfifo is not available");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(&fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    }
}
