//! Small image snapshots of the window, one per view enlarged, rendered headless with
//! wgpu (Mesa's lavapipe here and in CI). Regenerate after a deliberate change with
//! `UPDATE_SNAPSHOTS=1 cargo test --test app_snapshots` and look at the PNGs in
//! tests/snapshots/ before committing them. Default (low) kittest thresholds.
#![cfg(feature = "app")]

use densing::app::DensingApp;
use densing::app::commands::{Command, View};
use egui_kittest::Harness;
use std::time::{Duration, Instant};

#[test]
fn one_snapshot_per_view() {
    let mut h = Harness::builder()
        .with_size([960.0, 640.0])
        .wgpu()
        .build_ui_state(
            |ui, app: &mut DensingApp| app.frame(ui),
            DensingApp::new(None, None, None),
        );
    let start = Instant::now();
    h.step();
    while h.state().state.jobs.is_busy() || h.state().state.waiting() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "fits did not finish"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
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
