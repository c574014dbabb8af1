//! Sliders that explore (issue 14), driven through egui_kittest: a parameter's slider
//! spans a range around its fitted value, so a short drag moves the laws a little; Shift
//! makes it finer; "reset range" and a fit re-centre it.
#![cfg(feature = "app")]

use densing::app::DensingApp;
use densing::app::commands::{Command, Param};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;
use common::{harness, settle};

fn alpha(h: &Harness<'static, DensingApp>) -> f64 {
    h.state().state.fits.tasks["average"].loss.alpha
}

/// Drags alpha's slider by `dx` pixels in 8 steps, holding `modifiers`.
fn drag_alpha(h: &mut Harness<'static, DensingApp>, dx: f32, modifiers: egui::Modifiers) {
    // The label reads "alpha *" once edited.
    let start = h
        .query_by_role_and_label(Role::Slider, "alpha")
        .or_else(|| h.query_by_role_and_label(Role::Slider, "alpha *"))
        .expect("alpha's slider")
        .rect()
        .center();
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.hover_at(start);
    h.step();
    h.event(egui::Event::PointerButton {
        pos: start,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    h.step();
    for i in 1..=8 {
        h.hover_at(start + egui::vec2(dx * i as f32 / 8.0, 0.0));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: start + egui::vec2(dx, 0.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run_steps(3);
}

/// The case: a 40-pixel drag of alpha's slider on the sample moved alpha from
/// 0.229 to 1.100. Now it moves it, by less than 10%; with Shift by less than 1.5%.
#[test]
fn a_40_pixel_drag_moves_alpha_by_less_than_10_percent() {
    let mut h = harness();
    let fitted = alpha(&h);
    drag_alpha(&mut h, 40.0, egui::Modifiers::NONE);
    let moved = alpha(&h);
    let change = (moved / fitted - 1.0).abs();
    eprintln!(
        "40 px drag: alpha {fitted:.4} -> {moved:.4} ({:.1}%)",
        100.0 * change
    );
    assert!(
        moved > fitted,
        "the drag moved alpha up: {fitted} -> {moved}"
    );
    assert!(change < 0.10, "alpha {fitted} -> {moved}");
    // Shift: ten times finer.
    drag_alpha(&mut h, 40.0, egui::Modifiers::SHIFT);
    let fine = alpha(&h);
    let step = (fine / moved - 1.0).abs();
    eprintln!(
        "40 px shift-drag: alpha {moved:.4} -> {fine:.4} ({:.2}%)",
        100.0 * step
    );
    assert!(fine > moved && step < 0.015, "alpha {moved} -> {fine}");
}

/// The range is centred on the fitted value and stays there while dragging; "reset range"
/// centres it on the current value; a fit centres it on the new fit. The number field is
/// not bounded by it.
#[test]
fn reset_range_and_fit_recentre_the_slider() {
    let mut h = harness();
    let fitted = alpha(&h);
    let centre = |h: &Harness<'static, DensingApp>| {
        h.state()
            .state
            .slider_centre("average", Param::Alpha)
            .unwrap()
    };
    assert_eq!(centre(&h), fitted);
    // A value far outside the slider's range, as typed in the number field.
    h.state_mut().state.apply(Command::SetParam {
        task: "average".into(),
        param: Param::Alpha,
        value: 0.9,
    });
    h.run_steps(2);
    assert_eq!(alpha(&h), 0.9);
    assert_eq!(centre(&h), fitted, "editing does not move the range");
    h.get_by_label("reset range").click();
    h.run_steps(2);
    assert_eq!(centre(&h), 0.9);
    h.state_mut().state.apply(Command::FitAll);
    settle(&mut h);
    assert_eq!(centre(&h), alpha(&h));
    assert!(
        (alpha(&h) / fitted - 1.0).abs() < 1e-9,
        "the refit is the fit again"
    );
}
