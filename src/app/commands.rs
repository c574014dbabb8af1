//! Every user action is a [`Command`]: buttons, menus and shortcuts send the same one
//! (DESIGN §7), and [`super::state::AppState::apply`] (or `apply_all`, a frame's commands)
//! is the only place that acts on it.

use crate::analysis::Options;
use crate::chart::ChartView;
use std::path::PathBuf;

/// A fit parameter of a task's laws (the one enum, in the law layer).
pub use crate::law::Param;

/// Which law(s) a fit command refits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FitWhat {
    Loss,
    Sigmoid,
    Both,
}

/// The views that can be enlarged.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum View {
    Loss,
    Sigmoid,
    Inversion,
    Density,
}

impl View {
    pub const ALL: [View; 4] = [View::Loss, View::Sigmoid, View::Inversion, View::Density];
    /// File name stem for exports.
    pub fn file_stem(self) -> &'static str {
        match self {
            View::Loss => "loss",
            View::Sigmoid => "sigmoid",
            View::Inversion => "inversion",
            View::Density => "density",
        }
    }

    /// The view a file stem names.
    pub fn from_stem(stem: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.file_stem() == stem)
    }

    pub fn title(self) -> &'static str {
        match self {
            View::Loss => "Loss curves",
            View::Sigmoid => "Sigmoid",
            View::Inversion => "Inversion",
            View::Density => "Density over time",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Set one parameter of a task's laws (marks it edited).
    SetParam {
        task: String,
        param: Param,
        value: f64,
    },
    /// Replace the analysis options; `key` names the field so a drag is one undo step.
    SetOptions {
        options: Options,
        key: &'static str,
    },
    /// Refit in the background.
    Fit {
        task: String,
        what: FitWhat,
    },
    /// Refit every task the data has points for.
    FitAll,
    /// Centre every parameter slider of a task on its current value.
    ResetSliderRanges {
        task: String,
    },
    CancelJobs,
    Undo,
    Redo,
    /// Ask for a file with the native dialog.
    OpenDialog,
    /// Ask for a reference ladder folder (an OLMo ladder-runs folder): the current models
    /// are then measured against it.
    OpenReferenceDialog,
    /// Measure the models against the embedded synthetic ladder again (after a real one).
    UseSyntheticReference,
    /// Show or hide the held-out predictions of the reference ladder's targets.
    ToggleHoldout,
    /// Choose the held-out target (13B, 7B, 1B) and fitting recipe.
    SetHoldout {
        target: String,
        recipe: crate::analysis::ladder_holdout::Recipe,
    },
    /// Fit the reference ladder and predict the chosen target (in the background).
    RunHoldout,
    CancelHoldout,
    /// Load a file or a data folder (in the background).
    OpenPath(PathBuf),
    /// Load a file again with chosen columns, kind and units (the column editor).
    LoadWithOptions {
        path: PathBuf,
        options: crate::data::LoadOptions,
    },
    /// Show or hide the column editor of the last file loaded or refused.
    EditColumns,
    /// Back to the embedded sample.
    OpenSample,
    ToggleEnlarge(View),
    /// Ask where to save one view's chart (SVG or PNG by extension).
    ExportChartDialog(View),
    /// Ask for a folder and write all four charts as SVG and PNG.
    ExportAllDialog,
    /// Write one chart to a path (SVG or PNG by extension).
    WriteChart {
        view: View,
        path: PathBuf,
    },
    /// Write all four charts into a folder.
    WriteAllCharts(PathBuf),
    ToggleLoadReport,
    DismissError,
    /// Save the session to its file (asks where the first time). Ctrl+S.
    SaveSession,
    /// Ask where to save the session. Ctrl+Shift+S.
    SaveSessionAsDialog,
    /// Write the session to a path.
    WriteSession(PathBuf),
    /// Ask for a session file to open.
    OpenSessionDialog,
    /// Open a session file (in the background).
    OpenSession(PathBuf),
    /// Ask where the session's data file `index` is now.
    LocateSessionFileDialog(usize),
    /// The session's data file `index` is at `path` now.
    RelocateSessionFile {
        index: usize,
        path: PathBuf,
    },
    /// Open the session although its data files changed since it was saved.
    AcceptChangedData,
    /// Give up opening the session; the current state stays.
    CancelSessionOpen,
    /// The user typed a release date or size the model's file lacks.
    SupplyModel {
        model: String,
        supplied: crate::io::session::Supplied,
    },
    /// The user zoomed, panned or hid series of a chart on screen.
    ViewChanged {
        view: View,
        view_state: ChartView,
    },
    /// Start the bootstrap of the current analysis in the background (issue 6).
    Bootstrap,
    CancelBootstrap,
    /// Show the sensitivity view instead of the four views, or back.
    ToggleSensitivity,
    /// Ask where to save the sensitivity chart (SVG or PNG by extension).
    ExportSensitivityDialog,
    /// Write the sensitivity chart to a path.
    WriteSensitivityChart(PathBuf),
    /// Measure the models against a model family of the data (issue 20): a family stem
    /// (`Qwen2.5`) or a comma list of model names, as `--reference family:SPEC`.
    UseFamilyReference(String),
    /// Ask for a dates table whose release dates are joined onto the models.
    JoinDatesDialog,
    /// Join the release dates of a dates table (model and release-date columns) onto the
    /// models without one, by normalised name; the load report says what matched.
    JoinDates(PathBuf),
    /// Join the embedded base-model release dates onto the models without one, as
    /// `densing report --dates-from` does (the window's `--dates-from` start flag sends it).
    JoinEmbeddedDates,
}
