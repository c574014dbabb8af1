//! Small image snapshots of the window, one per view enlarged, rendered headless with
//! wgpu (Mesa's lavapipe here and in CI). Regenerate after a deliberate change with
//! `UPDATE_SNAPSHOTS=1 cargo test --test app_snapshots` and look at the PNGs in
//! tests/snapshots/ before committing them. Default (low) kittest thresholds.
#![cfg(feature = "app")]

use densing::app::DensingApp;
use densing::app::commands::{Command, View};
use egui_kittest::Harness;

mod common;
use common::settle;

/// The window (960×640) on the sample, drawn by wgpu.
fn wgpu_harness() -> Harness<'static, DensingApp> {
    Harness::builder()
        .with_size([960.0, 640.0])
        .wgpu()
        .build_ui_state(
            |ui, app: &mut DensingApp| app.frame(ui),
            DensingApp::new(None, None, None),
        )
}

#[test]
fn one_snapshot_per_view() {
    let mut h = wgpu_harness();
    settle(&mut h);
    for (view, name) in [
        (View::Loss, "view_loss"),
        (View::Sigmoid, "view_sigmoid"),
        (View::Inversion, "view_inversion"),
        (View::Density, "view_density"),
    ] {
        h.state_mut().state.apply(Command::ToggleEnlarge(view));
        h.run_steps(4);
        h.snapshot(name);
        h.state_mut().state.apply(Command::ToggleEnlarge(view));
    }
}

/// The column editor over a refused file, after the error is dismissed (the error names
/// the file's absolute path, which differs between machines).
#[test]
fn column_editor_snapshot() {
    let mut h = wgpu_harness();
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tables/models_unnamed.csv"
    );
    h.state_mut().state.apply(Command::OpenPath(file.into()));
    settle(&mut h);
    assert!(h.state().state.columns.as_ref().is_some_and(|c| c.open));
    h.state_mut().state.apply(Command::DismissError);
    // The status after the jobs settle is the refused load's, whichever job finished last
    // (tests/app_dialogs.rs delivers them in both orders).
    assert_eq!(h.state().state.status, "load failed; previous data kept");
    h.run_steps(4);
    h.snapshot("column_editor");
}
