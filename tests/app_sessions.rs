//! The window's sessions and table edits, driven through egui_kittest: Ctrl+S saves and a
//! session reopens whole, a missing file is located, a newer version is refused, the
//! autosave, a release date typed into the table, a column chosen in the column editor.

use densing::app::DensingApp;
use densing::app::commands::Command;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;
use common::{SAMPLE_MODELS, harness, settle, text_of};

/// The text of every `<text>` element of an SVG file.
fn svg_texts(path: &std::path::Path) -> Vec<String> {
    let svg = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "text")
        .filter_map(|n| n.text().map(|t| t.trim().to_string()))
        .collect()
}

/// Copies the sample's models table into `dir` and opens it in the window.
fn open_copy_of_sample_models(
    h: &mut Harness<'static, DensingApp>,
    dir: &std::path::Path,
) -> std::path::PathBuf {
    let data = dir.join("models.csv");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/sample_data/models.csv"),
        &data,
    )
    .unwrap();
    h.state_mut().state.apply(Command::OpenPath(data.clone()));
    settle(h);
    data
}

#[test]
fn a_session_saved_with_ctrl_s_reopens_with_data_laws_edits_options_and_view() {
    use densing::app::commands::{Param, View};
    use densing::chart::ChartView;
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    // Data from a file (a copy of the sample's models), a hand edit, an option, a zoom and
    // a hidden series.
    open_copy_of_sample_models(&mut h, dir.path());
    let s = &mut h.state_mut().state;
    s.apply(Command::SetParam {
        task: "average".into(),
        param: Param::Alpha,
        value: 0.2345678901234567,
    });
    let mut options = s.options.clone();
    options.d0_tokens = 2.5e12;
    s.apply(Command::SetOptions { options, key: "d0" });
    let view_state = ChartView {
        hidden: vec!["models".into()],
        x_range: Some([19300.0, 20000.0]),
        y_range: None,
    };
    s.apply(Command::ViewChanged {
        view: View::Density,
        view_state: view_state.clone(),
    });
    s.restore_views.insert(View::Density);
    h.run_steps(3);
    // The plot took the zoom and the hidden series and reports them back unchanged.
    assert_eq!(h.state().state.views.get(&View::Density), Some(&view_state));
    let saved = h.state().state.analysis.clone();

    // Ctrl+S saves to the session's file.
    let path = dir.path().join("mine.densing.json");
    h.state_mut().state.session_path = Some(path.clone());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_steps(2);
    assert!(path.exists(), "Ctrl+S wrote the session");

    // Back to the sample, then open the session: everything comes back, no refit.
    h.state_mut().state.apply(Command::OpenSample);
    settle(&mut h);
    assert_ne!(h.state().state.analysis, saved);
    h.state_mut().state.apply(Command::OpenPath(path.clone()));
    settle(&mut h);
    let st = &h.state().state;
    assert_eq!(st.analysis, saved, "same analysis to the last bit");
    assert_eq!(st.options.d0_tokens, 2.5e12);
    assert_eq!(st.fits.tasks["average"].loss.alpha, 0.2345678901234567);
    assert!(st.edited.contains(&("average".into(), Param::Alpha)));
    assert_eq!(st.sources.len(), 1);
    assert_eq!(st.views.get(&View::Density), Some(&view_state));
    assert_eq!(st.session_path.as_ref(), Some(&path));

    // The chart exported from the window is the one on screen: zoomed, series hidden.
    let svg = dir.path().join("density.svg");
    h.state_mut().state.apply(Command::WriteChart {
        view: View::Density,
        path: svg.clone(),
    });
    let texts = svg_texts(&svg);
    assert!(texts.contains(&"frontier".to_string()), "{texts:?}");
    assert!(!texts.contains(&"models".to_string()), "hidden: {texts:?}");
    assert!(
        !texts.iter().any(|t| t.starts_with("2022")),
        "zoomed: {texts:?}"
    );
}

#[test]
fn a_session_with_a_missing_data_file_asks_to_locate_it() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let data = open_copy_of_sample_models(&mut h, dir.path());
    let path = dir.path().join("s.densing.json");
    h.state_mut()
        .state
        .apply(Command::WriteSession(path.clone()));
    let moved = dir.path().join("moved.csv");
    std::fs::rename(&data, &moved).unwrap();

    h.state_mut().state.apply(Command::OpenSession(path));
    settle(&mut h);
    let text = text_of(&h.get_by_label_contains("is missing"));
    assert!(text.contains("models.csv"), "{text}");
    assert!(h.query_by_label("locate 1").is_some());
    // The dialog's answer arrives as this command.
    h.state_mut().state.apply(Command::RelocateSessionFile {
        index: 0,
        path: moved.clone(),
    });
    settle(&mut h);
    assert!(h.query_by_label_contains("is missing").is_none());
    assert_eq!(h.state().state.sources[0].path, moved);
    assert!(h.state().state.status.starts_with("opened session"));
}

#[test]
fn a_session_from_a_newer_version_is_refused_and_the_state_stays() {
    let mut h = harness();
    let before = h.state().state.analysis.clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.json");
    let mut v = serde_json::to_value(h.state().state.session()).unwrap();
    v["version"] = 2.into();
    std::fs::write(&path, v.to_string()).unwrap();
    // Dropped on the window like any file: recognised as a session.
    h.state_mut().state.apply(Command::OpenPath(path));
    settle(&mut h);
    let err = text_of(&h.get_by_label_contains("Error:"));
    assert!(
        err.contains("future.json") && err.contains("newer"),
        "{err}"
    );
    assert_eq!(h.state().state.analysis, before);
}

#[test]
fn the_autosave_holds_the_whole_session() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let autosave = dir.path().join("state/autosave.densing.json");
    let s = &mut h.state_mut().state;
    s.autosave_path = Some(autosave.clone());
    s.apply(Command::SetParam {
        task: "average".into(),
        param: densing::app::commands::Param::Beta,
        value: 0.25,
    });
    let saved = s.analysis.clone();
    assert!(s.autosave(), "the autosave folder is created");
    s.apply(Command::Undo);
    assert_ne!(s.analysis, saved);
    // What the next start does with an autosave: open it (and keep Ctrl+S's own file).
    s.apply(Command::OpenSession(autosave));
    settle(&mut h);
    assert_eq!(h.state().state.analysis, saved);
    assert_eq!(h.state().state.session_path, None);
}

#[test]
fn a_missing_release_date_typed_into_the_table_is_used_and_saved() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    // The sample's models with MiniCPM-3-4B's release date removed.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample_data/models.csv"
    ))
    .unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with("MiniCPM-3-4B,"))
        .unwrap();
    let date = row.split(',').nth(2).unwrap().to_string();
    let data = dir.path().join("models.csv");
    std::fs::write(&data, text.replace(row, &row.replacen(&date, "", 1))).unwrap();
    h.state_mut().state.apply(Command::OpenPath(data));
    settle(&mut h);
    let find = |h: &Harness<'static, DensingApp>| {
        h.state()
            .state
            .dataset
            .models
            .iter()
            .find(|m| m.name == "MiniCPM-3-4B")
            .unwrap()
            .release_date
    };
    assert_eq!(find(&h), None);
    h.state_mut().table_filter("MiniCPM-3-4B");
    h.run_steps(2);
    let field = "release date of MiniCPM-3-4B";
    h.get_by_label(field).click();
    h.run_steps(1);
    h.get_by_label(field).type_text(&date);
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    assert_eq!(find(&h).map(|d| d.to_string()), Some(date.clone()));
    assert!(
        h.query_by_label_contains(&format!("{date} (typed)"))
            .is_some()
    );
    // A session keeps it.
    assert_eq!(
        h.state().state.session().supplied["MiniCPM-3-4B"]
            .release_date
            .map(|d| d.to_string()),
        Some(date)
    );
}

#[test]
fn a_name_column_the_loader_does_not_know_is_chosen_in_the_column_editor() {
    let mut h = harness();
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tables/models_unnamed.csv"
    );
    h.state_mut().state.apply(Command::OpenPath(file.into()));
    settle(&mut h);
    // Refused, naming the role; the data stay and the editor opens with the headers.
    let err = text_of(&h.get_by_label_contains("Error:"));
    assert!(
        err.contains("model name") && err.contains("Columns"),
        "{err}"
    );
    assert_eq!(h.state().state.dataset.models.len(), SAMPLE_MODELS);
    let _ = h.get_by_label("Columns of models_unnamed.csv");
    h.get_by_role_and_label(Role::ComboBox, "model name")
        .click();
    h.run_steps(2);
    h.get_by_label("checkpoint_id").click();
    h.run_steps(2);
    h.get_by_label("reload with these columns").click();
    settle(&mut h);
    let s = &h.state().state;
    assert!(s.error.is_none(), "{:?}", s.error);
    // The file's three models replace the sample's models (its ladder stays).
    let mut names: Vec<&str> = s.dataset.models.iter().map(|m| m.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["Llama-2-7B", "Mistral-7B-v0.1", "Phi-2"]);
    assert!(
        s.load_report.contains("'checkpoint_id' -> model name"),
        "{}",
        s.load_report
    );
    // The choice is the file's load options, which the session saves.
    let saved = s.session().data.last().cloned().expect("a data file");
    assert_eq!(
        saved
            .load_options
            .roles
            .columns
            .get(&densing::data::Role::Model),
        Some(&"checkpoint_id".to_string())
    );
}
