//! File → "Join release dates…" (issue 19 item 5 in the window): a dates table's release
//! dates joined onto the models, through the typed-path fallback when no file dialog can
//! be shown; the load report says what matched, as `--dates` does.
#![cfg(feature = "app")]

use densing::app::commands::Command;
use densing::app::dialogs::Ask;
use std::path::Path;

mod common;
use common::{settle, started_with};

#[test]
fn joining_a_dates_table_dates_the_models_and_reports_the_join() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut h = started_with(vec![root.join("tests/data/dates/lm_eval")]);
    h.state_mut().state.jobs.native_dialogs = false;
    assert!(
        h.state()
            .state
            .dataset
            .models
            .iter()
            .all(|m| m.release_date.is_none())
    );
    h.state_mut().state.apply(Command::JoinDatesDialog);
    h.run_steps(3);
    let prompt = h.state().state.path_prompt.clone();
    assert_eq!(prompt.map(|p| p.ask), Some(Ask::Dates));
    let dates = root.join("tests/data/dates/dates.csv");
    if let Some(p) = h.state_mut().state.path_prompt.as_mut() {
        p.typed = dates.display().to_string();
    }
    h.run_steps(1);
    use egui_kittest::kittest::Queryable;
    h.get_by_label("Open").click();
    h.run_steps(2);
    settle(&mut h);
    let st = &h.state().state;
    assert!(st.error.is_none(), "{:?}", st.error);
    // dates.csv dates Widget-1B, -3B and -7B; Widget-13B has no row.
    let dated = st
        .dataset
        .models
        .iter()
        .filter(|m| m.release_date.is_some())
        .count();
    assert_eq!(dated, 3);
    assert!(
        st.load_report.contains("3 models got a release date"),
        "{}",
        st.load_report
    );
    assert!(
        st.load_report.contains("acme/Widget-13B"),
        "{}",
        st.load_report
    );
}
