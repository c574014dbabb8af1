//! The model-free view in the window (issue 21): View → Model-free check shows it in place of
//! the four views, with the notes of `chart::iso_chart`; thresholds typed in its field
//! change its staircases; the button goes back.
#![cfg(feature = "app")]

use egui_kittest::kittest::Queryable;

mod common;
use common::harness;

#[test]
fn the_panel_button_shows_the_model_free_view_and_its_thresholds_apply() {
    let mut h = harness();
    assert!(!h.state().iso.show.get());
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Model-free check").click();
    h.run_steps(3);
    assert!(h.state().iso.show.get());
    assert!(h.query_by_label_contains("pooled: halving").is_some());
    // The thresholds as the panel's field holds them (typed text lands there).
    h.state_mut().iso.thresholds = "40, 50".into();
    h.run_steps(3);
    assert!(h.query_by_label_contains("score ≥ 40:").is_some());
    assert!(h.query_by_label_contains("score ≥ 50:").is_some());
    h.state_mut().iso.thresholds = "40, x".into();
    h.run_steps(2);
    assert!(h.query_by_label_contains("'x' is not a score").is_some());
    h.get_by_label("back to views").click();
    h.run_steps(2);
    assert!(!h.state().iso.show.get());
}
