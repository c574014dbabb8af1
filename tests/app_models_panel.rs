//! The panel's "Models, dates and guards" section (issue 20 items 2, 4, 5 in the window):
//! on a leaderboard export it offers the hub upload dates and the model filters the file's
//! metadata supports, and each choice sets the same option as the command line's flag.
#![cfg(feature = "app")]

use densing::analysis::filters::{DatesFrom, ModelFilter};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use std::path::Path;

mod common;
use common::{settle, started_with_tofu};

#[test]
fn the_leaderboard_section_sets_dates_filters_and_guards() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The export's headers hold emoji ("Average ⬆️") that the load report shows.
    let mut h = started_with_tofu(vec![root.join("tests/data/leaderboard/contents.csv")]);
    h.get_by_label("Models, dates and guards").click();
    h.run_steps(2);
    // Every model of the fixture is undated and has a hub upload date.
    let undated = h
        .state()
        .state
        .dataset
        .models
        .iter()
        .filter(|m| m.release_date.is_none() && m.info.upload_date.is_some())
        .count();
    assert!(undated > 0);
    h.get_by_role_and_label(Role::ComboBox, "dates").click();
    h.run_steps(2);
    h.get_by_label(&format!("else hub upload ({undated})"))
        .click();
    h.run_steps(2);
    settle(&mut h);
    assert_eq!(h.state().state.options.dates_from, DatesFrom::Upload);
    // The first "pretrained" box is under "keep only", the second under "leave out".
    let boxes: Vec<_> = h.query_all_by_label("pretrained").collect();
    assert_eq!(boxes.len(), 2, "keep only and leave out each offer it");
    boxes[0].click();
    h.run_steps(2);
    settle(&mut h);
    let st = &h.state().state;
    assert_eq!(st.options.only, vec![ModelFilter::Pretrained]);
    // The instruct model is left out with the command line's reason.
    let (i, _) = st
        .dataset
        .models
        .iter()
        .enumerate()
        .find(|(_, m)| m.name.contains("Instruct"))
        .expect("the fixture has Qwen2.5-7B-Instruct");
    let why = st.analysis.models[i]
        .excluded
        .as_ref()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(why.contains("not pretrained (--only)"), "{why}");
    // A guard: the sensitivity threshold, typed as the command line's flag would set it.
    h.get_by_label("unreliable in the regression").click();
    h.run_steps(2);
    assert!(h.state().state.options.guards.include_unreliable);
}
