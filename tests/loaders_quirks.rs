//! Files as people have them (issue 19 items 1–4), on the small fixtures of
//! `tests/data/quirks/`: headers in any spelling resolved by one resolver, unknown score
//! columns kept as tasks, bad cells skipped (not rows), thousands separators, folders that
//! skip an unusable file, names from paths, limited runs, Evalchemy metrics, and true
//! messages when no layout fits. Expected scores are the fixtures' values as typed
//! (points as written, fractions ×100).

use densing::data::{LoadOptions, LoadReport, Loaded, Model, RoleMap, load_path};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/quirks")
        .join(name)
}

fn load_with(name: &str, options: &LoadOptions) -> (Vec<Model>, LoadReport) {
    let o = load_path(&fixture(name), options).unwrap_or_else(|e| panic!("{e}"));
    let models = match o.loaded {
        Loaded::Models(m) => m,
        Loaded::Folder(d) => d.models,
        other => panic!("{}", other.summary()),
    };
    (models, o.reports.into_iter().next().unwrap())
}

fn load(name: &str) -> (Vec<Model>, LoadReport) {
    load_with(name, &LoadOptions::default())
}

fn error(name: &str) -> String {
    match load_path(&fixture(name), &LoadOptions::default()) {
        Ok(o) => panic!("{name} loaded: {}", o.loaded.summary()),
        Err(e) => e.to_string(),
    }
}

fn warnings(r: &LoadReport) -> String {
    let w: Vec<String> = r.warnings.iter().map(ToString::to_string).collect();
    w.join(" | ")
}

fn score(m: &Model, task: &str) -> f64 {
    *m.scores
        .get(task)
        .unwrap_or_else(|| panic!("{}: no {task} in {:?}", m.name, m.scores))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn headers_in_any_spelling_resolve_and_unknown_score_columns_are_kept() {
    let (models, report) = load("headers.csv");
    assert_eq!(models.len(), 2);
    let a = &models[0];
    assert!(close(score(a, "mmlu"), 45.2));
    assert!(close(score(a, "hellaswag"), 76.1));
    assert!(close(score(a, "humaneval"), 12.8));
    // `BBH Raw` (0.41, a fraction) is preferred over the normalised `BBH` (30.0).
    assert!(close(score(a, "bbh"), 41.0));
    assert!(close(score(a, "mmlu_pro"), 20.5));
    assert!(close(score(a, "lambada"), 70.1));
    assert!(close(score(a, "triviaqa"), 55.3));
    // Neither the rank nor the standard error is a task.
    assert_eq!(a.scores.len(), 7, "{:?}", a.scores);
    assert!(close(a.n_params.unwrap(), 7e9));
    let roles: Vec<&str> = report.columns.iter().map(|(_, r)| r.as_str()).collect();
    assert!(roles.contains(&"benchmark lambada"), "{roles:?}");
}

#[test]
fn a_bad_optional_cell_skips_the_cell_and_thousands_separators_are_read() {
    let (models, report) = load("epoch_style.csv");
    // Every row is kept: the bad date of Gopher and the bad size of Chinchilla lose only
    // their cell.
    assert_eq!(models.len(), 4, "{}", warnings(&report));
    assert!(close(models[0].n_params.unwrap(), 175e9));
    assert!(close(models[1].n_params.unwrap(), 280e9));
    assert_eq!(models[1].release_date, None);
    assert!(close(models[2].n_params.unwrap(), 176e9));
    assert_eq!(models[3].n_params, None);
    assert!(close(score(&models[3], "mmlu"), 67.5));
    let w = warnings(&report);
    assert!(
        w.contains("'Dec 2020?'") && w.contains("cell skipped"),
        "{w}"
    );
    assert!(w.contains("'about 70B'"), "{w}");
}

#[test]
fn a_folder_skips_an_unusable_file_and_names_a_nameless_run_from_its_path() {
    let (models, report) = load("lm_eval_folder");
    let names: Vec<&str> = models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["EleutherAI/pythia-160m", "bloom-560m"], "{names:?}");
    assert!(close(score(&models[1], "piqa"), 64.2));
    assert!(close(score(&models[0], "lambada_openai"), 32.8));
    let w = warnings(&report);
    assert!(w.contains("named 'bloom-560m' from its path"), "{w}");
    assert!(
        w.contains("broken_config.json")
            && w.contains("no model name")
            && w.contains("file skipped"),
        "{w}"
    );
}

#[test]
fn a_checkpoint_seen_from_two_machines_is_one_model() {
    let (models, report) = load("ckpt_two_machines");
    assert_eq!(models.len(), 1, "{:?}", models);
    assert_eq!(models[0].name, "llama3.1-pro16-sft");
    assert!(close(score(&models[0], "mmlu"), 52.0));
    assert!(close(score(&models[0], "gsm8k"), 31.0));
    let notes = report.notes.join(" | ");
    assert!(
        notes.contains("/data/ckpt/run7/llama3.1-pro16-sft/hf"),
        "{notes}"
    );
}

#[test]
fn a_limited_run_is_marked_and_a_full_run_wins_whatever_the_dates() {
    let (models, report) = load("limited");
    let m = &models[0];
    // The later run scored GPQA on 2 of 448 questions (1.0); the earlier full run's 0.28
    // is kept.
    assert!(close(score(m, "gpqa"), 28.0));
    assert!(close(score(m, "medqa_4options"), 50.0));
    let c = m.info.samples.get("medqa_4options").expect("marked");
    assert_eq!((c.effective, c.original), (10, 1273));
    assert!(!m.info.samples.contains_key("gpqa"));
    let all = format!("{} | {}", report.notes.join(" | "), warnings(&report));
    assert!(all.contains("score from 10 of 1,273 samples"), "{all}");
    assert!(all.contains("limited run"), "{all}");
}

#[test]
fn evalchemy_metrics_and_task_case_are_read() {
    let (models, _) = load("evalchemy.json");
    let m = &models[0];
    assert!(close(score(m, "mbpp"), 41.2));
    assert!(close(score(m, "humaneval"), 37.8));
    assert!(close(score(m, "ifeval"), 61.0));
    assert!(close(score(m, "math500"), 53.4));
    assert!(close(score(m, "medqa_0-shot"), 44.0));
}

#[test]
fn files_that_are_not_results_say_what_they_are() {
    let e = error("truncated.json");
    assert!(e.contains("truncated JSON"), "{e}");
    assert!(!e.contains("NDJSON"), "{e}");
    let e = error("samples_mmlu_2024-05-01T10-00-00.jsonl");
    assert!(
        e.contains("samples log") && e.contains("results_*.json"),
        "{e}"
    );
    let e = error("humaneval_passk.json");
    assert!(e.contains("pass@k") && e.contains("no layout fits"), "{e}");
    assert!(!e.contains("no column for the parameter count ("), "{e}");
    assert_eq!(e.lines().count(), 1, "{e}");
}

#[test]
fn a_duplicate_row_shows_sizes_as_people_write_them() {
    let (_, report) = load("duplicate_sizes.csv");
    let w = warnings(&report);
    assert!(w.contains("parameters 7B vs 8B"), "{w}");
}

#[test]
fn a_task_column_can_be_chosen_by_hand() {
    let mut roles = RoleMap::default();
    roles.benchmarks.insert("LAMBADA".into(), "LAMBADA".into());
    let options = LoadOptions {
        roles,
        ..LoadOptions::default()
    };
    let (models, _) = load_with("headers.csv", &options);
    assert!(close(score(&models[1], "lambada"), 73.4));
    assert_eq!(models[1].scores.len(), 1);
}

#[test]
fn a_readme_results_table_loads_and_a_make_table_printout_says_what_it_is() {
    // LLM AutoEval's README shape (values of saucam/model_evals, Orpomis-Prime-7B): the
    // results table is read, not the larger make_table printout under it, and the model's
    // Markdown link becomes its name.
    let (models, _) = load("readme/README.md");
    assert_eq!(models.len(), 1);
    let m = &models[0];
    assert_eq!(m.name, "Orpomis-Prime-7B");
    assert!(close(score(m, "agieval"), 36.4));
    assert!(close(score(m, "gpt4all"), 72.18));
    // A make_table printout alone names itself (its header is `Task`, not `Tasks`).
    let e = error("make_table.md");
    assert!(e.contains("make_table printout"), "{e}");
}
