//! Open benchmarks and tolerant tables (issue 11): any task under one normalised id with
//! the preferred metric, runs of one model merged task by task, duplicate and ragged rows
//! as warnings, BOM, CRLF, HTML anchors, −1/0 sizes, `72.706B`, arrays of arrays with a
//! header row, OpenCompass Markdown summaries. Scores in these tests are typed into the
//! inputs here; the expected values are those inputs ×100 (fractions) or as written.

use densing::data::{LoadOptions, LoadReport, Loaded, Model, load_path};
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

fn load(path: &Path, options: &LoadOptions) -> (Vec<Model>, LoadReport) {
    let o = load_path(path, options).unwrap_or_else(|e| panic!("{e}"));
    let models = match o.loaded {
        Loaded::Models(m) => m,
        Loaded::Folder(d) => d.models,
        other => panic!("{}", other.summary()),
    };
    (models, o.reports.into_iter().next().unwrap())
}

fn warnings(r: &LoadReport) -> String {
    let w: Vec<String> = r.warnings.iter().map(ToString::to_string).collect();
    w.join(" | ")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn lm_eval_tasks_take_their_ids_and_preferred_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "arc.json",
        r#"{"results": {
            "hellaswag": {"acc,none": 0.55, "acc_norm,none": 0.74},
            "arc_challenge": {"acc,none": 0.38, "acc_norm,none": 0.41},
            "gsm8k": {"exact_match,strict-match": 0.30, "exact_match,flexible-extract": 0.35},
            "leaderboard_bbh": {" ": " ", "alias": "leaderboard_bbh"},
            "leaderboard_bbh_navigate": {"acc_norm,none": 0.6},
            "leaderboard_bbh_snarks": {"acc_norm,none": 0.4},
            "leaderboard_ifeval": {"prompt_level_strict_acc,none": 0.25, "inst_level_strict_acc,none": "N/A"},
            "lambada_openai": {"perplexity,none": 5.1, "acc,none": 0.62},
            "nl2foam_llm_judge": {"llm_judge,none": 89.2},
            "odd_task": {"acc,none": 1.7}
        }, "config": {"model_args": "pretrained=org/m,dtype=float16"}}"#,
    );
    let (models, report) = load(&p, &LoadOptions::default());
    assert_eq!(models.len(), 1);
    let s = &models[0].scores;
    assert_eq!(models[0].name, "org/m");
    assert!(close(s["hellaswag"], 74.0), "acc_norm preferred: {s:?}");
    assert!(close(s["arc_challenge"], 41.0), "{s:?}");
    assert!(close(s["gsm8k"], 30.0), "strict match preferred: {s:?}");
    assert!(close(s["bbh"], 50.0), "mean of the two subtasks: {s:?}");
    assert!(close(s["ifeval"], 25.0), "{s:?}");
    assert!(close(s["lambada_openai"], 62.0), "unknown task kept: {s:?}");
    assert!(
        !s.contains_key("nl2foam_llm_judge"),
        "no 0–1 metric: not read"
    );
    assert!(!s.contains_key("odd_task"), "1.7 is not a fraction: {s:?}");
    let notes = report.notes.join("\n");
    assert!(
        notes.contains("task hellaswag ← task hellaswag, metric acc_norm,none"),
        "{notes}"
    );
    assert!(notes.contains("exact_match,strict-match"), "{notes}");
    assert!(
        notes.contains("odd_task: task odd_task, metric acc,none is 1.7, not a 0–1 fraction"),
        "{notes}"
    );
    assert!(
        notes.contains("tasks without a 0–1 score") && notes.contains("nl2foam_llm_judge"),
        "{notes}"
    );
}

#[test]
fn pre_04_bigbench_and_hendrycks_subjects_average_into_bbh_and_mmlu() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "old_results",
        r#"{"results": {
            "bigbench_navigate": {"multiple_choice_grade": 0.5},
            "bigbench_snarks": {"multiple_choice_grade": 0.7},
            "hendrycksTest-anatomy": {"acc": 0.3, "acc_norm": 0.2},
            "hendrycksTest-virology": {"acc": 0.5, "acc_norm": 0.2},
            "arc_easy": {"acc": 0.7, "acc_norm": 0.66}
        }, "versions": {}, "config": {"model_args": "pretrained=EleutherAI/pythia-1b,revision=step143000"}}"#,
    );
    let (models, _) = load(&p, &LoadOptions::default());
    let m = &models[0];
    assert_eq!(m.name, "EleutherAI/pythia-1b@step143000");
    assert!(close(m.scores["bbh"], 60.0), "{:?}", m.scores);
    assert!(close(m.scores["mmlu"], 40.0), "{:?}", m.scores);
    assert!(close(m.scores["arc_easy"], 66.0), "{:?}", m.scores);
}

#[test]
fn runs_of_one_model_merge_task_by_task_the_latest_winning() {
    let dir = tempfile::tempdir().unwrap();
    let run = |mmlu: Option<f64>, hs: f64| {
        let mmlu = mmlu.map_or(String::new(), |v| {
            format!(r#""mmlu": {{"acc,none": {v}}},"#)
        });
        format!(
            r#"{{"results": {{{mmlu} "hellaswag": {{"acc_norm,none": {hs}}}}}, "model_name": "org/m", "config": {{"model_num_parameters": 1000000}}}}"#
        )
    };
    let old = write(
        dir.path(),
        "out/org__m/results_2025-03-02T03-47-57.744982.json",
        &run(Some(0.25), 0.60),
    );
    let new = write(
        dir.path(),
        "out/org__m/results_2025-03-03T19-09-21.616741.json",
        &run(None, 0.59),
    );
    // A per-task file without the .json extension is read too (by its content).
    write(
        dir.path(),
        "out/org__m/winogrande_only",
        r#"{"results": {"winogrande": {"acc": 0.61}}, "model_name": "org/m"}"#,
    );
    write(dir.path(), "out/notes.json", r#"{"not": "results"}"#);
    let (models, report) = load(&dir.path().join("out"), &LoadOptions::default());
    assert_eq!(models.len(), 1);
    let s = &models[0].scores;
    assert!(close(s["mmlu"], 25.0), "kept from the older run: {s:?}");
    assert!(close(s["hellaswag"], 59.0), "the later run wins: {s:?}");
    assert!(close(s["winogrande"], 61.0), "{s:?}");
    assert_eq!(models[0].n_params, Some(1e6));
    let w = warnings(&report);
    assert!(
        w.contains(&new.display().to_string()) && w.contains(&old.display().to_string()),
        "{w}"
    );
    assert!(w.contains("replaces") && w.contains("hellaswag"), "{w}");
    assert!(
        report.notes.join("\n").contains("notes.json"),
        "{:?}",
        report.notes
    );
}

#[test]
fn duplicates_keep_the_first_row_or_the_last_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "dup.csv",
        "model,params_b,mmlu\nA,7,40\nB,13,50\nA,7,41\n",
    );
    let (models, report) = load(&p, &LoadOptions::default());
    assert_eq!(models.len(), 2);
    assert!(close(models[0].scores["mmlu"], 40.0));
    let w = warnings(&report);
    assert!(w.contains("line 4") && w.contains("repeats line 2"), "{w}");
    let last = LoadOptions {
        keep_last: true,
        ..LoadOptions::default()
    };
    let (models, report) = load(&p, &last);
    assert_eq!(models.len(), 2);
    assert!(close(models[0].scores["mmlu"], 41.0), "{:?}", models[0]);
    assert!(warnings(&report).contains("keep last"));
}

#[test]
fn bom_crlf_html_names_sentinel_sizes_and_suffixed_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}Model,#Params (B),ARC(25-shot),HellaSwag(10-shot)\r\n\
                \"<a target=\"\"_blank\"\" href=\"\"https://hf.co/org/a\"\">org/a</a>  <a href=\"\"x\"\">📑</a>\",7.2,61.5,80.1\r\n\
                org/b,-1,55.0,70.0\r\n\
                org/c,0,50.0,65.0\r\n";
    let p = write(dir.path(), "oll_v1.csv", text);
    let (models, report) = load(&p, &LoadOptions::default());
    let names: Vec<&str> = models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["org/a", "org/b", "org/c"]);
    assert_eq!(models[0].n_params, Some(7.2e9));
    assert_eq!(models[1].n_params, None);
    assert_eq!(models[2].n_params, None);
    assert!(close(models[0].scores["arc_challenge"], 61.5));
    assert!(close(models[0].scores["hellaswag"], 80.1));
    let w = warnings(&report);
    assert!(
        w.contains("2 cells of -1 or 0 read as an unknown size"),
        "{w}"
    );

    let p = write(
        dir.path(),
        "scraped.csv",
        "Model,Parameters,IFEval,MNLU-Pro\nQwen/Qwen2-72B-Instruct,72.706B,0.8,0.54\nunknown/size,-1B,0.5,0.3\n",
    );
    let (models, _) = load(&p, &LoadOptions::default());
    assert_eq!(models[0].n_params, Some(72.706e9));
    // `-1B` is an unknown size as `-1` is, not a bad cell (causal-eval's scraped exports).
    assert_eq!(models.len(), 2);
    assert_eq!(models[1].n_params, None);
    assert!(close(models[0].scores["mmlu_pro"], 54.0));
}

#[test]
fn arrays_of_arrays_with_a_header_and_markdown_summaries_load() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "rows.json",
        r#"[["model", "params_b", "mmlu", "gsm8k"], ["a", 7, 45.5, 20.0], ["b", 13, 55.0, 30.5]]"#,
    );
    let (models, _) = load(&p, &LoadOptions::default());
    assert_eq!(models.len(), 2);
    assert!(close(models[1].scores["gsm8k"], 30.5));

    let p = write(
        dir.path(),
        "summary.md",
        "# Results\n\nSome text.\n\n\
         | dataset | version | metric | mode | model-x | model-y |\n\
         |----- | ----- | ----- | ----- | ----- | -----|\n\
         | gsm8k | 1d7fe4 | accuracy | gen | 79.30 | - |\n\
         | musr_murder_mysteries | a5ce30 | accuracy | gen | 59.20 | 63.20 |\n",
    );
    let (models, report) = load(&p, &LoadOptions::default());
    assert_eq!(models.len(), 2);
    assert!(close(models[0].scores["gsm8k"], 79.3));
    assert!(!models[1].scores.contains_key("gsm8k"));
    assert!(close(models[1].scores["musr_murder_mysteries"], 63.2));
    assert!(report.format.contains("Markdown"), "{}", report.format);
}
