//! `densing PATH…`: the window started with a table shows that table's models; started
//! with a session, the session (its data, options and laws). Driven through egui_kittest.
#![cfg(feature = "app")]

use densing::app::commands::Command;
use densing::io::session::write_session;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

mod common;
use common::{settle, started_with};

fn table_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tables/models.csv")
}

#[test]
fn the_window_started_with_a_table_shows_its_models() {
    let mut h = started_with(vec![table_path()]);
    let names: Vec<String> = h
        .state()
        .state
        .dataset
        .models
        .iter()
        .map(|m| m.name.clone())
        .collect();
    // tests/data/tables/models.csv lists these two first (and not the sample's models).
    assert!(names.contains(&"Llama-2-7B".to_string()), "{names:?}");
    assert!(names.contains(&"Mistral-7B-v0.1".to_string()), "{names:?}");
    assert!(!names.iter().any(|n| n == "Llama-1-7B"), "{names:?}");
    h.run_steps(2);
    // The models table at the bottom shows them.
    assert!(h.query_by_label_contains("Mistral-7B-v0.1").is_some());
    assert!(
        h.state().state.error.is_none(),
        "{:?}",
        h.state().state.error
    );
}

#[test]
fn the_window_started_with_a_session_opens_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("mine.densing.json");
    // A session made in a first window: the table loaded and D0 changed.
    let mut first = started_with(vec![table_path()]);
    let mut options = first.state().state.options.clone();
    options.d0_tokens = 3.5e12;
    first
        .state_mut()
        .state
        .apply(Command::SetOptions { options, key: "d0" });
    settle(&mut first);
    write_session(&session, &first.state().state.session()).unwrap();
    let want_models = first.state().state.dataset.models.clone();

    let h = started_with(vec![session.clone()]);
    let st = &h.state().state;
    assert!(st.error.is_none(), "{:?}", st.error);
    assert_eq!(st.options.d0_tokens, 3.5e12);
    assert_eq!(st.dataset.models, want_models);
    assert_eq!(st.session_path.as_ref(), Some(&session));
}
