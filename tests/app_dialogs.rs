//! Issue 22, items 1 and 8. With no native file dialog (no desktop portal, no zenity),
//! every file action shows the typed-path field and the typed path does what the dialog's
//! answer would; and the window's state after its jobs settle does not depend on the order
//! in which the background jobs finished.
#![cfg(feature = "app")]

use densing::app::DensingApp;
use densing::app::commands::Command;
use densing::app::dialogs::Ask;
use densing::app::jobs::{JobResult, Jobs};
use densing::app::state::AppState;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;
use common::settle;

/// The window on the sample, with no native dialog available (as under a bare X server).
fn without_dialogs() -> Harness<'static, DensingApp> {
    let mut app = DensingApp::new(None, None, None);
    app.state.jobs.native_dialogs = false;
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut DensingApp| app.frame(ui), app);
    settle(&mut h);
    h
}

/// Sends `command`, checks that the typed-path window for `ask` is shown (its title and
/// its text field), types `path` and presses the window's button.
fn answer(h: &mut Harness<'static, DensingApp>, command: Command, ask: Ask, path: &Path) {
    h.state_mut().state.apply(command);
    h.run_steps(3);
    let prompt = h.state().state.path_prompt.clone();
    assert_eq!(prompt.map(|p| p.ask), Some(ask));
    assert!(h.query_by_label(&ask.title()).is_some(), "{}", ask.title());
    assert!(
        h.query_by_label_contains("No file dialog can be shown")
            .is_some()
    );
    if let Some(p) = h.state_mut().state.path_prompt.as_mut() {
        p.typed = path.display().to_string();
    }
    h.run_steps(1);
    let verb = if ask.writes() { "Save" } else { "Open" };
    h.get_by_label(verb).click();
    h.run_steps(2);
    assert!(h.state().state.path_prompt.is_none());
}

#[test]
fn save_session_export_all_and_open_reference_ask_for_a_typed_path() {
    let mut h = without_dialogs();
    let dir = tempfile::tempdir().unwrap();

    // Ctrl+S on a new session asks where to save it; the typed path is written.
    let session = dir.path().join("typed.densing.json");
    let save = densing::app::jobs::Dialog::SaveSession;
    answer(&mut h, Command::SaveSession, Ask::Session(save), &session);
    assert!(session.is_file(), "{:?}", h.state().state.error);
    assert_eq!(
        h.state().state.session_path.as_deref(),
        Some(session.as_path())
    );

    // Export all charts: the four views as SVG and PNG in the typed folder.
    let charts = dir.path().join("charts");
    std::fs::create_dir_all(&charts).unwrap();
    answer(&mut h, Command::ExportAllDialog, Ask::Chart(None), &charts);
    let written = std::fs::read_dir(&charts).unwrap().count();
    assert_eq!(written, 8, "{:?}", h.state().state.error);

    // Open reference ladder: the typed folder is loaded (a folder that does not exist
    // here: the load is tried and refused with a message, the sample kept).
    let missing = dir.path().join("no_such_ladder");
    answer(
        &mut h,
        Command::OpenReferenceDialog,
        Ask::Reference,
        &missing,
    );
    settle(&mut h);
    let st = &h.state().state;
    assert!(st.error.as_deref().is_some_and(|e| !e.is_empty()));
    assert_eq!(st.dataset.models.len(), common::SAMPLE_MODELS);
}

#[test]
fn every_file_action_offers_the_typed_path_and_says_so_once() {
    let mut h = without_dialogs();
    let asks = [
        (Command::OpenDialog, Ask::Open),
        (
            Command::SaveSessionAsDialog,
            Ask::Session(densing::app::jobs::Dialog::SaveSession),
        ),
        (
            Command::OpenSessionDialog,
            Ask::Session(densing::app::jobs::Dialog::OpenSession),
        ),
        (
            Command::ExportChartDialog(densing::app::commands::View::Density),
            Ask::Chart(Some(densing::app::commands::View::Density)),
        ),
        (
            Command::ExportSensitivityDialog,
            Ask::Session(densing::app::jobs::Dialog::ExportSensitivity),
        ),
    ];
    let mut statuses = Vec::new();
    for (command, ask) in asks {
        h.state_mut().state.apply(command);
        h.run_steps(3);
        assert_eq!(
            h.state().state.path_prompt.as_ref().map(|p| p.ask),
            Some(ask)
        );
        statuses.push(h.state().state.status.clone());
        h.state_mut().state.path_prompt = None;
    }
    // Saves suggest a full path beside the data (or in the home folder), not a bare name.
    h.state_mut().state.apply(Command::SaveSessionAsDialog);
    h.run_steps(3);
    let typed = PathBuf::from(&h.state().state.path_prompt.as_ref().unwrap().typed);
    assert!(typed.ends_with("session.densing.json"), "{typed:?}");
    assert!(
        typed.is_absolute() || std::env::var_os("HOME").is_none(),
        "{typed:?}"
    );
    // Said in the status bar (once: the flag stops it being said again).
    assert!(statuses[0].contains("no file dialog"), "{statuses:?}");
    assert!(h.state().state.no_dialog);
}

/// How long fits and loads may take in a debug build on a busy 2-core machine.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The state on the sample with `commands` applied, every job finished and held back.
fn held(commands: &[Command]) -> (AppState, Vec<JobResult>) {
    let mut jobs = Jobs::default();
    jobs.hold = true;
    let mut s = AppState::new(jobs);
    for c in commands {
        s.apply(c.clone());
    }
    let start = Instant::now();
    while !s.jobs.running.is_empty() {
        assert!(start.elapsed() < TIMEOUT, "background jobs did not finish");
        std::thread::sleep(Duration::from_millis(10));
        s.poll_jobs();
    }
    let results = std::mem::take(&mut s.jobs.held);
    (s, results)
}

/// Delivers `results` one poll at a time in the given order.
fn deliver(s: &mut AppState, results: Vec<JobResult>) {
    for r in results {
        s.jobs.held = vec![r];
        s.jobs.hold = false;
        s.poll_jobs();
        s.jobs.hold = true;
    }
}

fn settled_in_both_orders(commands: &[Command]) -> (AppState, AppState, usize) {
    let (mut first, results) = held(commands);
    let n = results.len();
    deliver(&mut first, results);
    let (mut second, mut results) = held(commands);
    results.reverse();
    deliver(&mut second, results);
    (first, second, n)
}

#[test]
fn the_fits_finished_in_either_order_give_the_same_window() {
    let (a, b, n) = settled_in_both_orders(&[]);
    // The sample's first fits: one job per task with ladder points (average and others).
    assert!(n >= 2, "{n} jobs: the order cannot matter");
    assert!(a.fits.tasks.contains_key("average"), "{:?}", a.error);
    assert_eq!(a.fits, b.fits);
    assert_eq!(a.analysis, b.analysis);
    assert_eq!(a.charts, b.charts);
    assert_eq!(a.status, b.status);
    assert_eq!(a.error, b.error);
}

#[test]
fn a_refused_load_and_the_fits_in_either_order_give_the_same_window() {
    // What `column_editor_snapshot` draws: a refused table while the sample's fits run.
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tables/models_unnamed.csv");
    let (a, b, n) = settled_in_both_orders(&[Command::OpenPath(file)]);
    assert!(n >= 3, "{n} jobs");
    assert!(a.columns.is_some() && b.columns.is_some());
    assert_eq!(a.analysis, b.analysis);
    assert_eq!(a.charts, b.charts);
    assert_eq!(a.status, b.status);
    assert_eq!(a.status, "load failed; previous data kept");
    assert_eq!(a.error, b.error);
}
