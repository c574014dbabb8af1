//! Issue 22, items 7 and 9: one source of truth in the status bar. A bootstrap's words go
//! with the inputs they were about; a models file opened at start is fitted once, not
//! after the sample's laws; the reference text never covers the controls at 1280 px; the
//! running jobs are one bar with one cancel. And: saves suggest the data's folder; the
//! parameter sliders have tracks of one length.
#![cfg(feature = "app")]

use densing::app::DensingApp;
use densing::app::commands::Command;
use densing::app::jobs::RunningJob;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod common;
mod shared_data;
use common::{harness, settle, started_with};

fn models_rc() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data/models_rc.csv")
}

#[test]
fn a_bootstraps_words_are_cleared_with_the_data_they_were_about() {
    let mut h = harness();
    h.state_mut().state.apply(Command::Bootstrap);
    h.state_mut().state.apply(Command::CancelBootstrap);
    let start = Instant::now();
    while h.state().state.uncertainty.is_running() {
        assert!(start.elapsed() < Duration::from_secs(120));
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run_steps(2);
    let said = h.state().state.uncertainty.message.clone();
    assert_eq!(said.as_deref(), Some("bootstrap cancelled"));
    assert!(h.query_by_label("bootstrap cancelled").is_some());
    // New data: the words are about the sample's analysis, no longer shown.
    h.state_mut().state.apply(Command::OpenPath(models_rc()));
    settle(&mut h);
    assert_eq!(h.state().state.uncertainty.message, None);
    assert!(h.query_by_label("bootstrap cancelled").is_none());
}

#[test]
fn a_models_file_opened_at_start_is_fitted_once() {
    let h = started_with(vec![models_rc()]);
    let st = &h.state().state;
    assert!(st.error.is_none(), "{:?}", st.error);
    assert_eq!(st.dataset.models.len(), 42, "models_rc.csv: 42 rows");
    // One fit per task of the data shown, none for the sample it replaced.
    let tasks = st.data_tasks().len() as u64;
    assert!(tasks >= 1);
    assert_eq!(st.fits_started(), tasks, "{:?}", st.data_tasks());
    assert_eq!(st.fits.tasks.len() as u64, tasks, "each task fitted");
}

#[test]
fn a_models_file_and_a_ladder_opened_at_start_are_fitted_once() {
    let Some(dir) = shared_data::olmo_ladder_or_skip("app_status fits once") else {
        return;
    };
    let h = started_with(vec![models_rc(), dir]);
    let st = &h.state().state;
    assert!(st.error.is_none(), "{:?}", st.error);
    assert!(st.dataset.reference.is_some());
    let tasks = st.data_tasks().len() as u64;
    assert_eq!(st.fits_started(), tasks, "{:?}", st.data_tasks());
}

#[test]
fn the_views_wait_for_their_own_task_only_the_others_are_fitted_after() {
    let mut h = harness();
    let mut options = h.state().state.options.clone();
    options.task = "mmlu".into();
    let st = &mut h.state_mut().state;
    st.apply(Command::SetOptions {
        options,
        key: "task",
    });
    let before = st.fits_started();
    st.apply(Command::FitAll);
    // Only MMLU runs; the sample's other tasks wait in the queue.
    let tasks = st.data_tasks();
    assert!(tasks.len() > 1, "{tasks:?}");
    let mut queued = st.queued_fits().to_vec();
    queued.sort();
    let others: Vec<String> = tasks.iter().filter(|t| *t != "mmlu").cloned().collect();
    assert_eq!(queued, others);
    assert_eq!(st.fits_started(), before + 1);
    // Once MMLU is in, the rest start; in the end every task is refitted once.
    settle(&mut h);
    let st = &h.state().state;
    assert!(st.queued_fits().is_empty());
    assert_eq!(st.fits_started(), before + tasks.len() as u64);
    assert_eq!(st.fits.tasks.len(), tasks.len());
}

fn at(width: f32, height: f32) -> Harness<'static, DensingApp> {
    let mut h = Harness::builder()
        .with_size([width, height])
        .build_ui_state(
            |ui, app: &mut DensingApp| app.frame(ui),
            DensingApp::new(None, None, None),
        );
    settle(&mut h);
    h
}

#[test]
fn at_1280_the_reference_text_leaves_the_controls_alone() {
    let h = at(1280.0, 720.0);
    let reference = h.get_by_label_contains("ladder & checkpoints").rect();
    for control in ["bootstrap", "sensitivity"] {
        let r = h.get_by_label(control).rect();
        assert!(
            reference.left() >= r.right(),
            "the reference text ({reference:?}) over '{control}' ({r:?})"
        );
    }
}

#[test]
fn running_jobs_are_one_bar_with_one_cancel() {
    let mut h = at(1280.0, 720.0);
    {
        let jobs = &mut h.state_mut().state.jobs;
        for task in ["mmlu", "bbh", "math", "humaneval"] {
            let job = RunningJob {
                name: format!("fit {task}"),
                control: Arc::new(Default::default()),
                total: 10,
            };
            job.control
                .done
                .store(5, std::sync::atomic::Ordering::Relaxed);
            jobs.running.push((1000 + jobs.running.len(), job));
        }
    }
    h.run_steps(1);
    assert_eq!(h.query_all_by_role(Role::ProgressIndicator).count(), 1);
    assert_eq!(h.query_all_by_label("cancel").count(), 1);
    // Each at half way: the bar says how many and how far.
    assert!(h.query_by_label_contains("4 jobs 50%").is_some());
    h.state_mut().state.jobs.running.clear();
    h.run_steps(1);
    assert!(h.query_by_label("cancel").is_none());
}

#[test]
fn saves_suggest_the_data_files_folder() {
    let mut app = DensingApp::new(None, None, None);
    app.state.jobs.native_dialogs = false;
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut DensingApp| app.frame(ui), app);
    h.state_mut().state.apply(Command::OpenPath(models_rc()));
    settle(&mut h);
    for command in [
        Command::SaveSessionAsDialog,
        Command::ExportChartDialog(densing::app::commands::View::Density),
    ] {
        h.state_mut().state.apply(command);
        h.run_steps(3);
        let typed = PathBuf::from(&h.state().state.path_prompt.as_ref().unwrap().typed);
        assert_eq!(typed.parent(), models_rc().parent(), "{typed:?}");
        h.state_mut().state.path_prompt = None;
    }
}

#[test]
fn slider_tracks_have_one_length_whatever_the_label() {
    let mut h = harness();
    let tracks = |h: &Harness<'static, DensingApp>| {
        use densing::app::commands::Param;
        let names: Vec<&str> = Param::LOSS
            .iter()
            .chain(&Param::SIGMOID)
            .map(|p| p.name())
            .collect();
        h.query_all_by_role(Role::Slider)
            .filter(|n| names.contains(&common::text_of(n).trim_end_matches(" *")))
            .map(|n| {
                let r = n.rect();
                (r.left(), r.width())
            })
            .collect::<Vec<_>>()
    };
    let before = tracks(&h);
    assert!(before.len() >= 4, "{before:?}");
    assert!(before.iter().all(|t| *t == before[0]), "{before:?}");
    // An edited parameter's label gains its `*`: no track moves.
    let alpha = h.state().state.fits.tasks["average"].loss.alpha;
    h.state_mut().state.apply(Command::SetParam {
        task: "average".into(),
        param: densing::app::commands::Param::Alpha,
        value: alpha * 1.01,
    });
    h.run_steps(2);
    assert_eq!(tracks(&h), before);
}

#[test]
fn a_reopened_session_shows_its_fit_report_lines() {
    let h = harness();
    let reports = h.state().state.fit_reports.clone();
    assert!(reports.contains_key("average"), "{:?}", reports.keys());
    assert!(h.query_all_by_label_contains("loss fit: objective").count() > 0);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("reports.densing.json");
    densing::io::session::write_session(&file, &h.state().state.session()).unwrap();
    let again = started_with(vec![file]);
    let st = &again.state().state;
    assert!(st.error.is_none(), "{:?}", st.error);
    // Not refitted: the same fits and the same reports, read back.
    assert_eq!(st.fits, h.state().state.fits);
    assert_eq!(st.fit_reports, reports);
    assert!(
        again
            .query_all_by_label_contains("loss fit: objective")
            .count()
            > 0
    );
}

#[test]
fn the_held_out_window_shows_its_notes_and_accuracy_in_points_at_1280() {
    use densing::analysis::holdout_table::{HoldoutRow, HoldoutTable};
    use densing::analysis::ladder_holdout::{Prediction, Recipe, TaskHoldout};
    let mut h = at(1280.0, 720.0);
    // A table of twelve tasks (the OLMo ladder's eleven and their average) and a failed
    // one, values made up here: what matters is where and how they are shown.
    let p = |actual, predicted| Prediction { actual, predicted };
    let rows = (0..12)
        .map(|i| HoldoutRow {
            ours: TaskHoldout {
                task: format!("task{i}"),
                step1: p(0.9, 0.95),
                step2: p(0.6125, 0.5),
                chained: p(0.6125, 0.55),
                loss_law: densing::law::LossLaw::chinchilla(1.0, 20.0, 0.3, 40.0, 0.3),
                sigmoid: densing::law::Sigmoid {
                    c: 80.0,
                    gamma: -5.0,
                    l: 1.0,
                    d: 20.0,
                },
                bounds: Default::default(),
                n_loss_points: 7,
                n_sigmoid_points: 123,
                step1_from_grid: false,
            },
            paper: [None, None, None],
        })
        .collect();
    {
        let st = &mut h.state_mut().state;
        st.dataset.reference = Some(densing::data::Reference {
            name: "the OLMo ladder (test)".into(),
            dir: PathBuf::from("/nonexistent/olmo_ladder"),
            family: false,
        });
        st.holdout.open = true;
        st.holdout.table = Some(HoldoutTable {
            reference: "test".into(),
            target: "13B".into(),
            recipe: Recipe::Paper,
            selection: "every run".into(),
            rows,
            failed: vec!["csqa: the sigmoid fit did not converge".into()],
            has_paper: false,
        });
    }
    h.run_steps(3);
    // The failure is said where it is seen at the window's default size.
    let note = h.get_by_label_contains("not fitted: csqa").rect();
    assert!(note.bottom() < 720.0, "{note:?}");
    // Accuracy 0.6125 in points, as the app's scores: 61.25 (loss stays 0.9000).
    assert!(h.query_all_by_label("61.25").count() >= 2);
    assert!(h.query_all_by_label("0.9000").count() >= 1);
    // The per-task notes `densing holdout` prints under its table.
    assert_eq!(
        h.query_all_by_label_contains("(7 loss points, 123 checkpoints)")
            .count(),
        12
    );
}
