//! File → "Join release dates…" (issue 19 item 5 in the window): a dates table's release
//! dates joined onto the models, through the typed-path fallback when no file dialog can
//! be shown; the load report says what matched, as `--dates` does.
#![cfg(feature = "app")]

use densing::app::commands::Command;
use densing::app::dialogs::Ask;
use std::path::Path;

mod cli_common;
mod common;
use common::{settle, started_with, started_with_tofu};

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

/// The window's `--dates-from` start sends `JoinEmbeddedDates`: the window then dates the
/// same models with the same days as `densing report --dates-from` on the same file (both
/// join the embedded base-model release dates before any upload date).
#[test]
fn the_window_dates_models_as_report_dates_from_does() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dates/contents_oct2024.csv");
    let mut h = started_with_tofu(vec![file.clone()]);
    h.state_mut().state.apply(Command::JoinEmbeddedDates);
    settle(&mut h);
    let window: Vec<(String, Option<String>)> = h
        .state()
        .state
        .dataset
        .models
        .iter()
        .map(|m| (m.name.clone(), m.release_date.map(|d| d.to_string())))
        .collect();
    assert!(
        window.iter().any(|(_, d)| d.is_some()),
        "the embedded table dates Mixtral: {window:?}"
    );
    let o = cli_common::densing(&[
        "report",
        "--json",
        "--data",
        file.to_str().unwrap(),
        "--task",
        "olb2_mmlu_pro",
        "--dates-from",
        "upload",
    ]);
    assert!(o.status.success(), "{}", cli_common::stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&cli_common::stdout(&o)).unwrap();
    let cli: Vec<(String, Option<String>)> = v["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let name = m["model"].as_str().unwrap().to_string();
            (name, m["release_date"].as_str().map(str::to_string))
        })
        .collect();
    assert_eq!(window, cli);
}
