//! File dialogs, off the UI thread, for every file action (open a table, a reference
//! ladder, a session; save a session; export a chart, all charts, the sensitivity chart;
//! locate a session's data file). When no native dialog can be shown (no desktop portal
//! and no zenity: rfd returns at once without a path), the action comes back as
//! [`JobResult::NoDialog`] and the window asks for a typed path instead (`open.rs`).

use super::commands::{Command, View};
use super::jobs::{Dialog, JobResult, Jobs};
use super::open::NO_DIALOG_WITHIN;
use std::path::PathBuf;

/// What a file action asks for, and what the answer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// A table, results file, data folder or session to open.
    Open,
    /// A reference ladder folder (OLMo ladder-runs).
    Reference,
    /// Where to save one view's chart; `None`: a folder for all four.
    Chart(Option<View>),
    /// The session and sensitivity dialogs.
    Session(Dialog),
    /// A dates table to join onto the models.
    Dates,
}

impl Ask {
    /// The dialog's title (also the typed-path window's).
    pub fn title(self) -> String {
        match self {
            Ask::Open => "Open a results table or data folder".into(),
            Ask::Reference => "Open a reference ladder folder (OLMo ladder-runs)".into(),
            Ask::Chart(Some(v)) => format!("Export the {} chart", v.file_stem()),
            Ask::Chart(None) => "Export all charts into a folder".into(),
            Ask::Session(Dialog::OpenSession) => "Open a session".into(),
            Ask::Session(Dialog::SaveSession) => "Save the session".into(),
            Ask::Session(Dialog::Locate(i)) => format!("Where is data file {} now?", i + 1),
            Ask::Session(Dialog::ExportSensitivity) => "Export the sensitivity chart".into(),
            Ask::Dates => "Join release dates from a dates table".into(),
        }
    }

    /// What the typed path should be, in a few words.
    pub fn what(self) -> &'static str {
        match self {
            Ask::Open => "a table, a results file, a data folder or a session",
            Ask::Reference => "an OLMo ladder folder (the one holding ladder-runs)",
            Ask::Chart(Some(_)) | Ask::Session(Dialog::ExportSensitivity) => {
                "the file to write (.svg, or .png by its extension)"
            }
            Ask::Chart(None) => "the folder to write the four charts into (SVG and PNG)",
            Ask::Session(Dialog::OpenSession) => "a session file (.densing.json)",
            Ask::Session(Dialog::SaveSession) => "the session file to write (.densing.json)",
            Ask::Session(Dialog::Locate(_)) => "where the data file is now",
            Ask::Dates => "a dates table (a model and a release-date column)",
        }
    }

    /// Whether the answer is written (a new path is fine) rather than read.
    pub fn writes(self) -> bool {
        matches!(
            self,
            Ask::Chart(_) | Ask::Session(Dialog::SaveSession | Dialog::ExportSensitivity)
        )
    }

    /// The command a chosen path sends.
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            Ask::Open => Command::OpenPath(path),
            Ask::Reference => Command::OpenPath(path),
            Ask::Chart(Some(view)) => Command::WriteChart { view, path },
            Ask::Chart(None) => Command::WriteAllCharts(path),
            Ask::Session(Dialog::OpenSession) => Command::OpenSession(path),
            Ask::Session(Dialog::SaveSession) => Command::WriteSession(path),
            Ask::Session(Dialog::Locate(index)) => Command::RelocateSessionFile { index, path },
            Ask::Session(Dialog::ExportSensitivity) => Command::WriteSensitivityChart(path),
            Ask::Dates => Command::JoinDates(path),
        }
    }

    /// Where a save goes when the caller suggests nothing (relative: to the save folder).
    pub fn default_path(self) -> PathBuf {
        PathBuf::from(
            self.default_name()
                .unwrap_or_else(|| "densing-charts".into()),
        )
    }

    /// The file name a save suggests when the caller has none.
    fn default_name(self) -> Option<String> {
        match self {
            Ask::Chart(Some(v)) => Some(format!("{}.svg", v.file_stem())),
            Ask::Session(Dialog::SaveSession) => Some("session.densing.json".into()),
            Ask::Session(Dialog::ExportSensitivity) => Some("sensitivity.svg".into()),
            _ => None,
        }
    }

    /// The native dialog (blocks its thread until answered).
    fn native(self, suggested: Option<&PathBuf>) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new().set_title(self.title());
        if let Some(dir) = suggested.and_then(|p| p.parent()).filter(|p| p.is_dir()) {
            d = d.set_directory(dir);
        }
        let name = suggested
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .or(self.default_name());
        if let Some(name) = name {
            d = d.set_file_name(name);
        }
        match self {
            Ask::Open | Ask::Dates => d
                .add_filter(
                    "tables",
                    &[
                        "csv", "tsv", "txt", "parquet", "json", "jsonl", "ndjson", "md",
                    ],
                )
                .pick_file(),
            Ask::Reference | Ask::Chart(None) => d.pick_folder(),
            Ask::Session(Dialog::OpenSession) => d.add_filter("session", &["json"]).pick_file(),
            Ask::Session(Dialog::Locate(_)) => d.pick_file(),
            Ask::Session(Dialog::SaveSession) => d.add_filter("session", &["json"]).save_file(),
            Ask::Chart(Some(_)) | Ask::Session(Dialog::ExportSensitivity) => d
                .add_filter("SVG", &["svg"])
                .add_filter("PNG", &["png"])
                .save_file(),
        }
    }
}

impl Jobs {
    /// Asks for a path with the native dialog, off the UI thread; when none can be shown,
    /// the answer is [`JobResult::NoDialog`] (at once when that is already known).
    pub fn ask(&mut self, ask: Ask, suggested: Option<PathBuf>) {
        if !self.native_dialogs {
            let _ = self
                .tx
                .send((usize::MAX, JobResult::NoDialog { ask, suggested }));
            return;
        }
        self.spawn("file dialog".into(), 0, move |_| {
            let started = std::time::Instant::now();
            match ask.native(suggested.as_ref()) {
                Some(path) => JobResult::Answered { ask, path },
                None if started.elapsed() < NO_DIALOG_WITHIN => {
                    JobResult::NoDialog { ask, suggested }
                }
                None => JobResult::Answered {
                    ask,
                    path: PathBuf::new(),
                },
            }
        });
    }

    /// A session or sensitivity-export dialog.
    pub fn dialog(&mut self, dialog: Dialog, suggested: Option<PathBuf>) {
        self.ask(Ask::Session(dialog), suggested);
    }

    /// Asks for a file to open.
    pub fn pick_file(&mut self) {
        self.ask(Ask::Open, None);
    }

    /// Asks for a reference ladder folder.
    pub fn pick_reference(&mut self) {
        self.ask(Ask::Reference, None);
    }

    /// Asks where to save a chart (`view`) or a folder for all charts.
    pub fn pick_save(&mut self, view: Option<View>) {
        self.ask(Ask::Chart(view), None);
    }
}
