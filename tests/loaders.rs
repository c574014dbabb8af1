//! The loaders on hand-written fixtures, one per format and tool version
//! (`tests/data/README.md` says what each imitates): the expected models, benchmarks,
//! values and load-report decisions.

use densing::data::{
    LoadOptions, LoadOutcome, Loaded, Model, Role, TableKind, load_path, table_headers,
};
use std::path::{Path, PathBuf};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

fn load(rel: &str) -> LoadOutcome {
    load_path(&data(rel), &LoadOptions::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn models(rel: &str) -> (Vec<Model>, String) {
    let o = load(rel);
    let report = o
        .reports
        .iter()
        .map(ToString::to_string)
        .collect::<String>();
    match o.loaded {
        Loaded::Models(m) => (m, report),
        other => panic!("{rel}: not models: {}", other.summary()),
    }
}

fn get<'a>(models: &'a [Model], name: &str) -> &'a Model {
    models
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no model {name}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn csv_with_synonyms_mixed_sizes_dates_and_fraction_scores() {
    let (m, report) = models("tables/models.csv");
    assert_eq!(m.len(), 5);
    let llama = get(&m, "Llama-2-7B");
    assert_eq!(llama.n_params, Some(6_738_415_616.0));
    assert_eq!(llama.release_date.unwrap().to_string(), "2023-07-18");
    assert!(close(llama.scores["mmlu"], 45.3), "{:?}", llama.scores);
    assert!(close(get(&m, "Mistral-7B-v0.1").n_params.unwrap(), 7.24e9));
    assert_eq!(
        get(&m, "Mistral-7B-v0.1").release_date.unwrap().to_string(),
        "2023-09-01"
    );
    assert_eq!(
        get(&m, "Phi-2").release_date.unwrap().to_string(),
        "2023-12-01"
    );
    let minicpm = get(&m, "MiniCPM-2.4B, dense");
    assert_eq!(minicpm.release_date.unwrap().to_string(), "2024-02-01");
    assert!(close(get(&m, "Qwen2-0.5B").n_params.unwrap(), 5e8));
    assert!(!get(&m, "Qwen2-0.5B").scores.contains_key("humaneval"));
    assert!(report.contains("'MMLU' → benchmark mmlu"), "{report}");
    assert!(report.contains("0–1, multiplied by 100"), "{report}");
    assert!(report.contains("raw parameter counts"), "{report}");
    assert!(report.contains("rows:      5 read, 5 kept"), "{report}");
}

#[test]
fn tsv_json_and_ndjson_tables() {
    let (m, report) = models("tables/models.tsv");
    assert_eq!(m.len(), 3);
    assert!(close(get(&m, "Gemma-2-9B").n_params.unwrap(), 9.24e9));
    assert_eq!(get(&m, "Gemma-2-9B").scores["math"], 36.6);
    assert!(report.contains("format:    TSV"), "{report}");
    assert!(report.contains("the header says billions"), "{report}");

    let (m, report) = models("tables/models.json");
    assert_eq!(m.len(), 3);
    assert_eq!(get(&m, "Llama-2-13B").n_params, Some(13_015_864_320.0));
    assert!(!get(&m, "Llama-2-13B").scores.contains_key("math"));
    assert_eq!(
        get(&m, "Gemma-7B").release_date.unwrap().to_string(),
        "2024-02-22"
    );
    assert!(close(get(&m, "Gemma-7B").n_params.unwrap(), 8.54e9));
    assert!(report.contains("JSON (array of records)"), "{report}");

    let (m, report) = models("tables/models.jsonl");
    assert_eq!(m.len(), 3);
    assert!(
        !get(&m, "Qwen2.5-7B").scores.contains_key("bbh"),
        "N/A is missing"
    );
    assert_eq!(
        get(&m, "Qwen2.5-7B").release_date.unwrap().to_string(),
        "2024-09-01"
    );
    assert!(report.contains("NDJSON"), "{report}");
}

#[test]
fn parquet_table_with_a_date_column() {
    let (m, report) = models("tables/models.parquet");
    assert_eq!(m.len(), 3);
    let g = get(&m, "Gemma-2-9B");
    assert_eq!(g.release_date.unwrap().to_string(), "2024-06-27");
    assert_eq!(g.n_params, Some(9_241_705_984.0));
    assert!(close(g.scores["bbh"], 68.2));
    assert!(!get(&m, "MiniCPM-2.4B").scores.contains_key("bbh"));
    assert!(report.contains("format:    Parquet"), "{report}");
}

#[test]
fn ladder_from_training_flop_and_checkpoints_with_tasks() {
    let o = load("tables/ladder.csv");
    let Loaded::Ladder(rows) = o.loaded else {
        panic!("not a ladder")
    };
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0].task, "mmlu");
    assert_eq!(rows[4].task, "bbh");
    // D = C / 6N: 1.652e15 / (6 · 5,247,232) ≈ 52.47M tokens.
    assert!((rows[0].n_tokens - 1.652e15 / (6.0 * 5_247_232.0)).abs() < 1.0);
    let o = load("tables/checkpoints.csv");
    assert_eq!(o.reports[0].kind, Some(TableKind::Checkpoints));
    let Loaded::Checkpoints(rows) = o.loaded else {
        panic!("not checkpoints")
    };
    assert_eq!(rows.len(), 5);
    assert!(close(rows[2].score, 68.8), "0–1 scores become points");
    assert_eq!(rows[3].task, "bbh");
}

#[test]
fn lm_eval_v04_single_file() {
    let (m, report) = models("lm_eval/results_llama2_7b_v0.4.json");
    assert_eq!(m.len(), 1);
    let l = &m[0];
    assert_eq!(l.name, "meta-llama/Llama-2-7b-hf");
    assert_eq!(l.n_params, Some(6_738_415_616.0));
    assert_eq!(l.release_date, None);
    assert!(close(l.scores["mmlu"], 45.86383706024783));
    assert!(close(l.scores["bbh"], 39.70204269697435));
    assert!(close(l.scores["math"], 3.62));
    assert!(close(l.scores["humaneval"], 12.804878048780488));
    assert!(close(l.scores["mbpp"], 26.2));
    assert!(report.contains("v0.4 metric keys"), "{report}");
    assert!(
        report.contains("task mmlu ← task mmlu, metric acc,none"),
        "{report}"
    );
    assert!(
        report.contains("task bbh ← task bbh, metric exact_match,get-answer"),
        "{report}"
    );
    assert!(
        report.contains("task hellaswag ← task hellaswag"),
        "other tasks are kept under their names: {report}"
    );
    assert!(report.contains("release dates for 1 model"), "{report}");
}

#[test]
fn lm_eval_folder_merges_runs_the_newest_winning_per_task() {
    let (m, report) = models("lm_eval/output");
    assert_eq!(m.len(), 2);
    let llama = get(&m, "meta-llama/Llama-2-7b-hf");
    assert!(
        close(llama.scores["mmlu"], 45.86383706024783),
        "the June run, not May's 41.02"
    );
    assert!(report.contains("(later) replaces"), "{report}");
    assert!(
        report.contains("results_2024-05-01T09-12-44.100200.json"),
        "{report}"
    );
    let qwen = get(&m, "Qwen/Qwen2-1.5B");
    assert_eq!(qwen.n_params, Some(1_543_714_304.0));
    assert!(close(qwen.scores["math"], 21.48));
    assert!(!qwen.scores.contains_key("bbh"));
    assert!(report.contains("gsm8k"), "{report}");
    assert!(report.contains("release dates for 2 models"), "{report}");
}

#[test]
fn lm_eval_v03_bare_keys_average_the_subjects() {
    let (m, report) = models("lm_eval/v0.3/results.json");
    assert_eq!(m[0].name, "huggyllama/llama-7b");
    assert_eq!(m[0].n_params, None);
    let mean = (0.26 + 0.3851851851851852 + 0.34210526315789475) / 3.0 * 100.0;
    assert!(close(m[0].scores["mmlu"], mean), "{:?}", m[0].scores);
    assert!(report.contains("older bare metric keys"), "{report}");
    assert!(report.contains("unweighted mean of 3 subtasks"), "{report}");
    assert!(report.contains("parameter counts for 1 model"), "{report}");
}

#[test]
fn leaderboard_contents_csv_and_parquet_keep_their_own_benchmarks() {
    for file in ["leaderboard/contents.csv", "leaderboard/contents.parquet"] {
        let (m, report) = models(file);
        assert_eq!(m.len(), 4, "{file}: one row per model");
        let llama = get(&m, "meta-llama/Meta-Llama-3-8B");
        assert!(
            close(llama.scores["olb2_bbh"], 24.50),
            "bfloat16 row kept: {:?}",
            llama.scores
        );
        assert!(close(llama.n_params.unwrap(), 8.03e9));
        for b in ["mmlu", "math"] {
            assert!(
                !llama.scores.contains_key(b),
                "{file}: {b} must not be filled"
            );
        }
        // The `BBH Raw` accuracy (0.4598) is the task bbh, as the flattened export names
        // its `evaluations_bbh_value`; MMLU-PRO Raw is mmlu_pro (0.321 → 32.1).
        assert!(close(llama.scores["bbh"], 45.98), "{:?}", llama.scores);
        assert!(close(llama.scores["mmlu_pro"], 32.1), "{:?}", llama.scores);
        assert!(close(
            get(&m, "Qwen/Qwen2.5-7B-Instruct").scores["olb2_mmlu_pro"],
            36.52
        ));
        assert!(
            get(&m, "google/gemma-2-9b")
                .scores
                .contains_key("olb2_ifeval")
        );
        assert!(
            report.contains("kept the bfloat16 row (rows: bfloat16, float16)"),
            "{report}"
        );
        assert!(report.contains("Open LLM Leaderboard v2"), "{report}");
        assert!(report.contains("release dates for 4 models"), "{report}");
    }
}

#[test]
fn opencompass_summary_wide_with_dashes() {
    let (m, report) = models("opencompass/summary_20240801_121530.csv");
    assert_eq!(m.len(), 3);
    let intern = get(&m, "internlm2-7b-hf");
    assert_eq!(
        intern.scores["mmlu"], 63.02,
        "the first mmlu row (ppl) is kept"
    );
    assert_eq!(intern.scores["humaneval"], 31.10);
    assert_eq!(intern.scores["mbpp"], 43.19);
    let llama = get(&m, "llama-3-8b-hf");
    assert!(!llama.scores.contains_key("bbh"), "'-' is missing");
    assert!(!llama.scores.contains_key("mbpp"));
    assert!(
        report.contains("cmmlu") && report.contains("gsm8k"),
        "{report}"
    );
    assert!(report.contains("repeats task mmlu"), "{report}");
}

#[test]
fn the_caller_can_choose_columns_and_the_kind() {
    let mut o = LoadOptions::default();
    o.roles.columns.insert(Role::Model, "eval_name".into());
    o.roles
        .columns
        .insert(Role::ParamsBillions, "#Params (B)".into());
    o.roles.benchmarks.insert("ifeval".into(), "IFEval".into());
    let out = load_path(&data("leaderboard/contents.csv"), &o).unwrap();
    let Loaded::Models(m) = out.loaded else {
        panic!()
    };
    assert_eq!(m.len(), 5, "a generic table now: every precision row");
    assert!(
        m.iter()
            .any(|x| x.name == "meta-llama_Meta-Llama-3-8B_float16")
    );
    o.roles
        .columns
        .insert(Role::ReleaseDate, "no such column".into());
    let e = load_path(&data("leaderboard/contents.csv"), &o)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("'no such column' chosen for the release date"),
        "{e}"
    );
}

#[test]
fn a_data_folder_in_any_format_and_the_sample_still_load() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        data("tables/models.parquet"),
        dir.path().join("models.parquet"),
    )
    .unwrap();
    std::fs::copy(data("tables/ladder.csv"), dir.path().join("ladder.csv")).unwrap();
    let o = load_path(dir.path(), &LoadOptions::default()).unwrap();
    assert_eq!(o.reports.len(), 2);
    let Loaded::Folder(d) = o.loaded else {
        panic!()
    };
    assert_eq!((d.models.len(), d.ladder.len()), (3, 5));
    let s = densing::data::sample().unwrap();
    // The data rows of sample_data/models.csv: 37 from evaluated_models_scores.csv and 35
    // from evaluated_models_2025.csv (sample_data/README.md); every one must load.
    let rows = csv::Reader::from_path("sample_data/models.csv")
        .unwrap()
        .records()
        .count();
    assert_eq!(rows, 72);
    assert_eq!(s.models.len(), rows);
}

#[test]
fn a_model_column_of_unknown_name_loads_once_the_caller_names_it() {
    let path = data("tables/models_unnamed.csv");
    let err = load_path(&path, &LoadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("model name"), "{err}");
    // The headers the window's column editor offers.
    assert_eq!(
        table_headers(&path).unwrap(),
        ["checkpoint_id", "released", "params_b", "mmlu", "bbh"]
    );
    let mut options = LoadOptions::default();
    options
        .roles
        .columns
        .insert(Role::Model, "checkpoint_id".into());
    let o = load_path(&path, &options).unwrap();
    let Loaded::Models(m) = o.loaded else {
        panic!("not models")
    };
    assert_eq!(m.len(), 3);
    // The same values as models.csv, where the column is named `Model`.
    let phi = get(&m, "Phi-2");
    assert!(close(phi.n_params.unwrap(), 2.7e9));
    assert!(close(phi.scores["mmlu"], 56.7));
    // A tool's results file has no columns to choose.
    let lm = table_headers(&data("lm_eval/results_llama2_7b_v0.4.json")).unwrap_err();
    assert!(lm.to_string().contains("lm-evaluation-harness"), "{lm}");
}
