//! The window's bootstrap (issue 6), driven through egui_kittest: starting it shows a
//! progress bar, cancel stops it without a result, and a finished bootstrap draws its band
//! and interval on the density view.
#![cfg(feature = "app")]

use densing::app::DensingApp;
use densing::app::uncertainty::BAND_NAME;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;
use common::{harness, step_until};

fn has_band(h: &Harness<'static, DensingApp>) -> bool {
    let charts = &h.state().state.charts;
    let band = |c: &densing::chart::Chart| c.series.iter().any(|s| s.name == BAND_NAME);
    let all = [&charts.density, &charts.loss, &charts.sigmoid].map(band);
    assert!(
        all.iter().all(|b| *b == all[0]),
        "bands on some views only: {all:?}"
    );
    all[0]
}

#[test]
fn bootstrap_shows_progress_cancel_stops_it_and_intervals_appear() {
    let mut h = harness();
    assert!(!has_band(&h));
    h.get_by_label("bootstrap").click();
    h.run_steps(2);
    assert!(h.state().state.uncertainty.is_running());
    assert!(
        h.query_by_role(Role::ProgressIndicator).is_some(),
        "a progress bar"
    );
    // Cancel: the job ends without a result.
    h.get_by_label("cancel bootstrap").click();
    step_until(&mut h, |app| !app.state.uncertainty.is_running());
    assert_eq!(
        h.state().state.uncertainty.message.as_deref(),
        Some("bootstrap cancelled")
    );
    assert!(!has_band(&h));
    assert!(h.query_by_role(Role::ProgressIndicator).is_none());
    // Run to the end: the band and the interval appear on the density view.
    h.get_by_label("bootstrap").click();
    step_until(&mut h, |app| !app.state.uncertainty.is_running());
    assert!(has_band(&h), "{:?}", h.state().state.uncertainty.message);
    let notes = &h.state().state.charts.density.notes;
    assert!(
        notes
            .iter()
            .any(|n| n.contains("bootstrap (1000 replicates")),
        "{notes:?}"
    );
    // Written on the density view and in the status bar.
    let shown = h
        .query_all_by_label_contains("doubling time 95% interval")
        .count();
    assert!(
        shown >= 2,
        "the interval is written on the window ({shown})"
    );
    // The sensitivity view opens in place of the four views, and goes back.
    h.get_by_label("sensitivity").click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("Sensitivity of the doubling time")
            .is_some()
    );
    h.get_by_label("back to views").click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("Sensitivity of the doubling time")
            .is_none()
    );
}

#[test]
fn the_sensitivity_view_shows_its_table_and_exports_its_chart() {
    use densing::app::commands::Command;
    let mut h = harness();
    h.get_by_label("sensitivity").click();
    step_until(&mut h, |app| {
        app.state.uncertainty.sensitivity_chart().is_some()
    });
    assert!(
        h.query_by_label("Sensitivity of the doubling time")
            .is_some()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sensitivity.svg");
    // What the export button's save dialog answers with.
    h.state_mut()
        .state
        .apply(Command::WriteSensitivityChart(path.clone()));
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.contains("Sensitivity of the doubling time"));
    assert!(svg.contains("doubling time (days)"));
}

/// Edited parameters then bootstrap: a refit of the data would not be the laws shown, so
/// the laws are held as edited, only the models are resampled, and the window says so.
#[test]
fn edited_parameters_then_bootstrap_resamples_the_models_only() {
    use densing::app::commands::{Command, Param};
    let mut h = harness();
    let alpha = h.state().state.fits.tasks["average"].loss.alpha;
    h.state_mut().state.apply(Command::SetParam {
        task: "average".into(),
        param: Param::Alpha,
        value: alpha * 1.05,
    });
    let boot = h.state().state.bootstrap_options();
    assert!(!boot.refit_laws && boot.laws_edited);
    h.get_by_label("bootstrap").click();
    step_until(&mut h, |app| !app.state.uncertainty.is_running());
    let st = &h.state().state;
    let key = densing::app::uncertainty::Key::of(&st.dataset, &st.fits, &st.options);
    let u = st
        .uncertainty
        .current(&key)
        .expect("a result for the edited laws");
    assert!(u.method.contains("edited by hand"), "{}", u.method);
    assert!(u.laws.is_empty(), "no law was refitted");
    let message = st.uncertainty.message.as_deref().unwrap_or_default();
    assert!(message.contains("laws edited by hand"), "{message}");
    // After "fit" the laws are the data's again and the bootstrap refits them.
    h.state_mut().state.apply(Command::FitAll);
    common::settle(&mut h);
    assert!(h.state().state.bootstrap_options().refit_laws);
}
