//! The window harness the kittest tests share: the window on the embedded sample, stepped
//! until its background jobs (fits, loads, the bootstrap) finish.
#![allow(dead_code)]

use densing::app::DensingApp;
use egui_kittest::Harness;
use egui_kittest::kittest::NodeT;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Models in the embedded sample: the data rows of sample_data/models.csv (37 of the paper's
/// window and 35 of 2024-09 … 2025-08, see sample_data/README.md).
pub const SAMPLE_MODELS: usize = 72;

/// The text of a node (labels carry it as their value or label).
pub fn text_of(node: &egui_kittest::Node<'_>) -> String {
    let n = node.accesskit_node();
    n.label()
        .filter(|l| !l.is_empty())
        .or_else(|| n.value())
        .unwrap_or_default()
}

pub fn doubling_days(h: &Harness<'static, DensingApp>) -> f64 {
    h.state()
        .state
        .analysis
        .regression
        .as_ref()
        .and_then(|r| r.doubling_days)
        .expect("a doubling time")
}

/// How long fits and loads may take in a debug build on a busy 2-core machine.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a longer job (the bootstrap, the sensitivity runs) may take.
const JOB_TIMEOUT: Duration = Duration::from_secs(180);

/// The window (1400×900, no GPU) on the sample, its first fits finished.
pub fn harness() -> Harness<'static, DensingApp> {
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(
            |ui, app: &mut DensingApp| app.frame(ui),
            DensingApp::new(None, None, None),
        );
    settle(&mut h);
    h
}

/// The window started as `densing PATH…` starts it, its loads and first fits finished.
pub fn started_with(paths: Vec<PathBuf>) -> Harness<'static, DensingApp> {
    start(paths, false)
}

/// [`started_with`] for files whose text holds glyphs the window's fonts lack (a
/// leaderboard export's "Average ⬆️" in the load report): the window draws a box for
/// them, as here (kittest's default panics).
pub fn started_with_tofu(paths: Vec<PathBuf>) -> Harness<'static, DensingApp> {
    start(paths, true)
}

fn start(paths: Vec<PathBuf>, tofu: bool) -> Harness<'static, DensingApp> {
    let mut builder = Harness::builder().with_size([1400.0, 900.0]);
    if tofu {
        builder = builder.allow_missing_glyphs();
    }
    let mut h = builder.build_ui_state(
        |ui, app: &mut DensingApp| app.frame(ui),
        DensingApp::open(None, None, None, paths),
    );
    settle(&mut h);
    h
}

/// Steps frames until `done` holds (within [`JOB_TIMEOUT`]), then a few more so the
/// result is drawn.
pub fn step_until(h: &mut Harness<'static, DensingApp>, done: impl Fn(&DensingApp) -> bool) {
    wait(h, done, JOB_TIMEOUT);
}

/// Steps frames until no background job runs and no view waits for a fit (within
/// [`SETTLE_TIMEOUT`]), then a few more.
pub fn settle(h: &mut Harness<'static, DensingApp>) {
    wait(
        h,
        |app| !app.state.jobs.is_busy() && !app.state.waiting(),
        SETTLE_TIMEOUT,
    );
}

fn wait(
    h: &mut Harness<'static, DensingApp>,
    done: impl Fn(&DensingApp) -> bool,
    timeout: Duration,
) {
    let start = Instant::now();
    h.step();
    while !done(h.state()) {
        assert!(start.elapsed() < timeout, "background jobs did not finish");
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run_steps(3);
}
