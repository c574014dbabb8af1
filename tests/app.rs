//! The window, driven through egui_kittest like a user would: it starts on the sample
//! and shows a doubling time; a parameter changed through its widget moves the doubling
//! time and undo restores it; a malformed file shows an error and keeps the data; the
//! frontier rule and the task selector change the analysis.
#![cfg(feature = "app")]

use densing::app::commands::Command;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use std::time::{Duration, Instant};

mod common;
use common::{SAMPLE_MODELS, doubling_days, harness, settle, text_of};

#[test]
fn starts_on_the_sample_and_shows_a_doubling_time() {
    let h = harness();
    assert_eq!(h.state().state.dataset.models.len(), SAMPLE_MODELS);
    let days = doubling_days(&h);
    let text = text_of(&h.get_by_label_contains("doubling time"));
    assert!(text.contains(&format!("{days:.1} days")), "{text}");
}

#[test]
fn a_parameter_changed_through_its_widget_moves_the_doubling_time_and_undo_restores_it() {
    let mut h = harness();
    let before = doubling_days(&h);
    let alpha_before = h.state().state.fits.tasks["average"].loss.alpha;
    // Edit the alpha field as a user would: click into it, replace the text, press Enter.
    h.get_by_role_and_label(Role::SpinButton, "alpha").click();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    // Typed text goes to the focused widget: the DragValue's edit field.
    h.get_by_role_and_label(Role::SpinButton, "alpha")
        .type_text("0.26");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    let alpha = h.state().state.fits.tasks["average"].loss.alpha;
    assert!(
        (alpha - 0.26).abs() < 1e-12,
        "alpha {alpha_before} -> {alpha}"
    );
    let after = doubling_days(&h);
    assert_ne!(before, after);
    let shown = text_of(&h.get_by_label_contains("doubling time"));
    assert!(shown.contains(&format!("{after:.1} days")), "{shown}");
    assert!(
        h.query_all_by_label("alpha *").next().is_some(),
        "the edited marker is shown"
    );
    // Ctrl+Z restores the fitted value and the doubling time exactly.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().state.fits.tasks["average"].loss.alpha,
        alpha_before
    );
    assert_eq!(doubling_days(&h), before);
    // Ctrl+Shift+Z redoes it.
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run_steps(2);
    assert_eq!(doubling_days(&h), after);
}

#[test]
fn a_malformed_file_shows_an_error_and_keeps_the_data() {
    let mut h = harness();
    let before = h.state().state.analysis.clone();
    let bad = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/bad/text_in_number.csv"
    );
    h.state_mut().state.apply(Command::OpenPath(bad.into()));
    settle(&mut h);
    let err = text_of(&h.get_by_label_contains("Error:"));
    assert!(
        err.contains("text_in_number.csv") && err.contains("line 2") && err.contains("mmlu"),
        "{err}"
    );
    assert_eq!(h.state().state.dataset.models.len(), SAMPLE_MODELS);
    assert_eq!(h.state().state.analysis, before);
    h.get_by_label("dismiss").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("Error:").is_none());
}

#[test]
fn the_frontier_rule_and_the_task_selector_change_the_analysis() {
    let mut h = harness();
    let record = h.state().state.analysis.frontier.len();
    h.get_by_role_and_label(Role::ComboBox, "frontier").click();
    h.run_steps(2);
    h.get_by_label("all").click();
    h.run_steps(2);
    let all = h.state().state.analysis.frontier.len();
    assert!(all > record, "record {record}, all {all}");
    let n_with_density = h
        .state()
        .state
        .analysis
        .models
        .iter()
        .filter(|m| m.density.is_some() && !m.unreliable && m.excluded.is_none())
        .count();
    // "all": every dated, reliable density is on the frontier (unreliable ones are kept out
    // of it by the guards, issue 20).
    assert_eq!(all, n_with_density);

    let avg = doubling_days(&h);
    h.get_by_role_and_label(Role::ComboBox, "task").click();
    h.run_steps(2);
    h.get_all_by_label("mmlu")
        .find(|n| n.accesskit_node().role() != Role::CheckBox)
        .expect("the mmlu entry")
        .click();
    settle(&mut h);
    assert_eq!(h.state().state.options.task, "mmlu");
    assert_ne!(doubling_days(&h), avg);
    // The pre-ChatGPT models enter the MMLU analysis.
    let m = &h.state().state;
    let gpt3 = m
        .dataset
        .models
        .iter()
        .position(|x| x.name == "GPT-3-175B")
        .unwrap();
    assert!(m.analysis.models[gpt3].density.is_some());
}

/// Dragging a parameter with 1,000 models loaded: time from the input to the finished
/// frame (layout and plot tessellation; no GPU here), and the analysis part alone.
/// Prints medians; run with `--release --nocapture` for the figures in the notes. The
/// bounds asserted are loose so that a shared debug build does not flake.
#[test]
fn dragging_with_1000_models_stays_fast() {
    let mut h = harness();
    {
        let s = &mut h.state_mut().state;
        s.dataset.models = densing::simulate::synthetic_models(1000, 1);
        s.refresh();
    }
    h.run_steps(2);
    let alpha = h.state().state.fits.tasks["average"].loss.alpha;
    let (mut frames, mut analyses) = (Vec::new(), Vec::new());
    for i in 0..40 {
        let value = alpha * (1.0 + 0.001 * i as f64);
        let t = Instant::now();
        h.state_mut().state.apply(Command::SetParam {
            task: "average".into(),
            param: densing::app::commands::Param::Alpha,
            value,
        });
        h.step();
        frames.push(t.elapsed());
        let s = &h.state().state;
        let t = Instant::now();
        let a = densing::analysis::analyze(&s.dataset, &s.fits, &s.options);
        analyses.push(t.elapsed());
        assert_eq!(a.models.len(), 1000);
    }
    let t = Instant::now();
    h.state_mut().state.refresh();
    println!("refresh (analysis + charts) {:?}", t.elapsed());
    let t = Instant::now();
    h.step();
    println!("one frame without changes {:?}", t.elapsed());
    frames.sort();
    analyses.sort();
    let (frame, analysis) = (frames[frames.len() / 2], analyses[analyses.len() / 2]);
    println!("1,000 models: input-to-frame median {frame:?}, analysis median {analysis:?}");
    assert!(
        analysis < Duration::from_millis(20),
        "analysis {analysis:?}"
    );
    assert!(frame < Duration::from_millis(500), "frame {frame:?}");
}

/// "Export all charts" writes the four views as SVG and PNG from the same chart data the
/// window draws; a write into a missing folder shows an error and changes nothing else.
#[test]
fn charts_export_from_the_window() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    h.state_mut()
        .state
        .apply(Command::WriteAllCharts(dir.path().to_path_buf()));
    for stem in ["loss", "sigmoid", "inversion", "density"] {
        for ext in ["svg", "png"] {
            let p = dir.path().join(format!("{stem}.{ext}"));
            assert!(
                std::fs::metadata(&p)
                    .map(|m| m.len() > 1000)
                    .unwrap_or(false),
                "{}",
                p.display()
            );
        }
    }
    let svg = std::fs::read_to_string(dir.path().join("density.svg")).unwrap();
    let note =
        densing::chart::regression_note(h.state().state.analysis.regression.as_ref().unwrap());
    assert!(
        svg.contains(&note.replace('&', "&amp;")) || svg.contains("doubling time"),
        "the note is in the SVG"
    );
    let missing = dir.path().join("no/such/folder/density.svg");
    h.state_mut().state.apply(Command::WriteChart {
        view: densing::app::commands::View::Density,
        path: missing,
    });
    h.run_steps(2);
    assert!(h.query_by_label_contains("Error:").is_some());
}
