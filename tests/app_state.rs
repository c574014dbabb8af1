//! The window's state driven without a window (issue 15): a finished job recomputes the
//! analysis once, a frame's commands recompute once, and the sensitivity table of a slider
//! drag is swept off the calling thread and arrives through the poll.
#![cfg(feature = "app")]

use densing::analysis::{SensitivityOptions, analyze, sensitivity};
use densing::app::commands::{Command, Param};
use densing::app::jobs::Jobs;
use densing::app::state::AppState;
use densing::app::uncertainty::Key;
use densing::chart::sensitivity_chart;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long fits, loads and sweeps may take in a debug build on a busy 2-core machine.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Polls until `done` holds; returns, for each poll that took something in, the analyses
/// it computed.
fn poll_until(s: &mut AppState, done: impl Fn(&AppState) -> bool) -> Vec<u64> {
    let start = Instant::now();
    let mut per_poll = Vec::new();
    while !done(s) {
        assert!(start.elapsed() < TIMEOUT, "background work did not finish");
        std::thread::sleep(Duration::from_millis(10));
        let before = s.recomputes();
        if s.poll_jobs() {
            per_poll.push(s.recomputes() - before);
        }
    }
    per_poll
}

fn idle(s: &AppState) -> bool {
    !s.jobs.is_busy()
}

/// The state on the embedded sample, its first fits taken in.
fn fitted() -> AppState {
    let mut s = AppState::new(Jobs::default());
    poll_until(&mut s, idle);
    assert!(s.fits.tasks.contains_key("average"), "{:?}", s.error);
    s
}

#[test]
fn a_job_result_recomputes_the_analysis_once() {
    let mut s = AppState::new(Jobs::default());
    // The sample's fits: every poll that takes fits in computes one analysis.
    let per_poll = poll_until(&mut s, idle);
    assert!(!per_poll.is_empty());
    assert!(per_poll.iter().all(|n| *n == 1), "{per_poll:?}");
    // A table loaded in the background: nothing is recomputed when the load starts, one
    // analysis when it arrives (it used to be two: the new data, then the poll), and one
    // per poll that takes in the refits it starts.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tables/models.csv");
    let before = s.recomputes();
    s.apply(Command::OpenPath(path.clone()));
    assert_eq!(s.recomputes(), before);
    let per_poll = poll_until(&mut s, |s| idle(s) && s.current_path.is_some());
    assert!(per_poll.iter().all(|n| *n == 1), "{per_poll:?}");
    assert!(s.error.is_none(), "{:?}", s.error);
    assert_eq!(s.current_path.as_deref(), Some(path.as_path()));
    // The analysis is of the new data (tests/data/tables/models.csv lists
    // Mistral-7B-v0.1) and its refitted laws.
    assert!(s.dataset.models.iter().any(|m| m.name == "Mistral-7B-v0.1"));
    assert_eq!(s.analysis, analyze(&s.dataset, &s.fits, &s.options));
    // Nothing arrived, nothing recomputed.
    let before = s.recomputes();
    assert!(!s.poll_jobs());
    assert_eq!(s.recomputes(), before);
}

#[test]
fn a_frames_commands_recompute_once_and_views_recompute_nothing() {
    let mut s = fitted();
    let alpha = s.fits.tasks["average"].loss.alpha;
    let beta = s.fits.tasks["average"].loss.beta;
    let before = s.recomputes();
    s.apply_all([
        Command::SetParam {
            task: "average".into(),
            param: Param::Alpha,
            value: alpha * 1.01,
        },
        Command::SetParam {
            task: "average".into(),
            param: Param::Beta,
            value: beta * 1.01,
        },
        Command::ToggleLoadReport,
    ]);
    assert_eq!(s.recomputes(), before + 1);
    // The analysis is that of both edits, as two applies in turn give it.
    let mut t = fitted();
    for (param, value) in [(Param::Alpha, alpha * 1.01), (Param::Beta, beta * 1.01)] {
        t.apply(Command::SetParam {
            task: "average".into(),
            param,
            value,
        });
    }
    assert_eq!(s.analysis, t.analysis);
    assert_eq!(s.charts, t.charts);
    // Two parameters: two undo steps, as with separate frames.
    s.apply(Command::Undo);
    assert_eq!(s.fits.tasks["average"].loss.alpha, alpha * 1.01);
    assert_eq!(s.fits.tasks["average"].loss.beta, beta);
    // A batch that ends a gesture, then starts a drag: the drag goes on into the next
    // frame as one undo step, as with one apply per command.
    let undo_steps = |s: &mut AppState| {
        let mut n = 0;
        while s.can_undo() {
            s.apply(Command::Undo);
            n += 1;
        }
        n
    };
    let mut batched = fitted();
    let mut single = fitted();
    let drag = |i: f64| Command::SetParam {
        task: "average".into(),
        param: Param::Alpha,
        value: alpha * (1.0 + 0.01 * i),
    };
    batched.apply_all([Command::CancelBootstrap, drag(1.0)]);
    batched.apply_all([drag(2.0)]);
    for c in [Command::CancelBootstrap, drag(1.0), drag(2.0)] {
        single.apply(c);
    }
    assert_eq!(batched.fits, single.fits);
    assert_eq!(undo_steps(&mut batched), 1);
    assert_eq!(undo_steps(&mut single), 1);
    // What only changes what is shown computes no analysis.
    let before = s.recomputes();
    s.apply(Command::ToggleEnlarge(
        densing::app::commands::View::Density,
    ));
    s.apply(Command::DismissError);
    assert_eq!(s.recomputes(), before);
}

#[test]
fn a_slider_drag_with_the_sensitivity_view_open_is_swept_off_the_calling_thread() {
    let mut s = fitted();
    // 1,000 models, as in tests/app.rs's drag timing: a sweep is then many analyses long.
    s.dataset.models = densing::simulate::synthetic_models(1000, 1);
    s.refresh();
    s.apply(Command::ToggleSensitivity);
    // apply returns before the table exists; the poll brings it.
    assert!(s.uncertainty.sweep.table().is_none());
    assert!(s.uncertainty.sensitivity_updating());
    poll_until(&mut s, |s| !s.uncertainty.sensitivity_updating());
    let first = s.uncertainty.sweep.table().expect("a table").key.clone();
    assert_eq!(first, Key::of(&s.dataset, &s.fits, &s.options));
    // A drag: each step returns with the previous table still shown, marked updating.
    let alpha = s.fits.tasks["average"].loss.alpha;
    let mut applies = Vec::new();
    for i in 1..=20 {
        let t = Instant::now();
        s.apply(Command::SetParam {
            task: "average".into(),
            param: Param::Alpha,
            value: alpha * (1.0 + 0.002 * i as f64),
        });
        applies.push(t.elapsed());
        assert!(s.uncertainty.sensitivity_updating(), "step {i}");
        let shown = &s.uncertainty.sweep.table().expect("the last table").key;
        assert_ne!(shown, &Key::of(&s.dataset, &s.fits, &s.options));
    }
    s.end_gesture();
    // The table that arrives last is the drag's end, the same as sweeping it here.
    poll_until(&mut s, |s| !s.uncertainty.sensitivity_updating());
    let table = s.uncertainty.sweep.table().expect("a table");
    assert_eq!(table.key, Key::of(&s.dataset, &s.fits, &s.options));
    let o = SensitivityOptions::default();
    let t = Instant::now();
    let rows = sensitivity(&s.dataset, &s.fits, &s.options, &o);
    applies.sort();
    // For the notes (`--nocapture`): what a drag step costs now, and what it used to add.
    println!(
        "drag step with the sensitivity view open: apply median {:?}; one sweep {:?}",
        applies[applies.len() / 2],
        t.elapsed()
    );
    assert_eq!(table.rows, rows);
    assert_eq!(table.chart, sensitivity_chart(&rows, &o.method()));
}
