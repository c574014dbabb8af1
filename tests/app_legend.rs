//! The views' legends (issue 22, item 2): drawn beside the plot as widgets, one entry per
//! series; a click hides and shows the series (kept in the view's state, so sessions and
//! exports follow), and each view's legend collapses and opens again.
#![cfg(feature = "app")]

use densing::app::commands::{Command, View};
use egui_kittest::kittest::Queryable;

mod common;
use common::harness;

/// The regression line's entry, which stands for the line and its band (two series).
const ENTRY: &str = "ln ρ = A·t + B, 95% band";
const LINE: &str = "ln ρ = A·t + B";
const BAND: &str = "ln ρ = A·t + B 95% band";

#[test]
fn a_legend_entry_hides_and_shows_its_series() {
    let mut h = harness();
    h.state_mut()
        .state
        .apply(Command::ToggleEnlarge(View::Density));
    h.run_steps(3);
    let hidden = |h: &egui_kittest::Harness<'static, densing::app::DensingApp>| {
        h.state()
            .state
            .views
            .get(&View::Density)
            .map(|v| v.hidden.clone())
            .unwrap_or_default()
    };
    assert!(hidden(&h).is_empty());
    h.get_by_label(ENTRY).click();
    h.run_steps(3);
    assert_eq!(hidden(&h), vec![LINE.to_string(), BAND.to_string()]);
    // The exported chart is the one on screen: the band is left out.
    let texts: Vec<String> = {
        let chart = h.state().state.charts.get(View::Density);
        let view = h.state().state.views[&View::Density].clone();
        chart
            .with_view(&view)
            .series
            .iter()
            .map(|s| s.name.clone())
            .collect()
    };
    assert!(!texts.iter().any(|n| n == BAND || n == LINE), "{texts:?}");
    h.get_by_label(ENTRY).click();
    h.run_steps(3);
    assert!(hidden(&h).is_empty(), "{:?}", hidden(&h));
}

#[test]
fn each_view_legend_collapses_and_opens() {
    let mut h = harness();
    // Four legends, each with its own toggle.
    assert_eq!(h.query_all_by_label("hide legend").count(), 4);
    assert!(h.query_by_label(ENTRY).is_some());
    // The density view's toggle is the last of the four (views in grid order).
    h.query_all_by_label("hide legend")
        .last()
        .expect("the density view's toggle")
        .click();
    h.run_steps(3);
    assert!(
        h.query_by_label(ENTRY).is_none(),
        "the density legend is collapsed"
    );
    assert_eq!(h.query_all_by_label("hide legend").count(), 3);
    h.get_by_label("legend").click();
    h.run_steps(3);
    assert!(
        h.query_by_label(ENTRY).is_some(),
        "the density legend is back"
    );
    assert_eq!(h.query_all_by_label("hide legend").count(), 4);
}
