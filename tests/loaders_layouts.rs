//! Issue 19, what was left: a column choice keeps the file's layout (the Open LLM
//! Leaderboard export stays one, with its `olb2_*` tasks, its 0–100 scale and its
//! one-row-per-precision rule); size columns that are not counts (whole billions with 0
//! for small models, a few round buckets) give way to the sizes written in the names;
//! OpenCompass's `summary_*.txt` in its three shapes. Expected scores are the fixtures'
//! values as typed; expected sizes are the ones the model names write (410m = 4.1e8).

use densing::data::{LoadOptions, LoadReport, Loaded, Model, Role, load_path};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

fn load_with(path: &Path, options: &LoadOptions) -> (Vec<Model>, LoadReport) {
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

fn by_name<'a>(models: &'a [Model], name: &str) -> &'a Model {
    models
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

/// Name → scores, the comparison of two loads of one file.
fn scores(models: &[Model]) -> BTreeMap<String, BTreeMap<String, f64>> {
    models
        .iter()
        .map(|m| (m.name.clone(), m.scores.clone()))
        .collect()
}

fn with_columns(roles: &[(Role, &str)], benches: &[(&str, &str)]) -> LoadOptions {
    let mut o = LoadOptions::default();
    for (r, h) in roles {
        o.roles.columns.insert(*r, h.to_string());
    }
    for (b, h) in benches {
        o.roles.benchmarks.insert(b.to_string(), h.to_string());
    }
    o
}

#[test]
fn a_column_choice_keeps_the_leaderboard_layout() {
    let path = data("leaderboard/contents.csv");
    let (plain, plain_report) = load_with(&path, &LoadOptions::default());
    assert!(plain_report.format.contains("Open LLM Leaderboard"));
    // A choice of an unrelated column (the family) and one naming the layout's own model
    // column: same layout, tasks, rows and scores.
    for options in [
        with_columns(&[(Role::Family, "Architecture")], &[]),
        with_columns(&[(Role::Model, "fullname")], &[]),
    ] {
        let (models, report) = load_with(&path, &options);
        assert_eq!(report.format, plain_report.format, "{options:?}");
        assert_eq!(scores(&models), scores(&plain), "{options:?}");
        assert_eq!(report.rows_kept, plain_report.rows_kept);
    }
    let (models, report) = load_with(&path, &with_columns(&[(Role::Family, "Architecture")], &[]));
    // The bfloat16 row of Llama-3-8B is kept (BBH 24.5 there, 24.21 in the float16 row).
    let llama = by_name(&models, "meta-llama/Meta-Llama-3-8B");
    assert_eq!(llama.scores.get("olb2_bbh"), Some(&24.5));
    // Its `BBH Raw` accuracy (0.4598 in the file) is the task bbh, in points, as the
    // flattened export's `evaluations_bbh_value` is.
    assert!(
        (llama.scores["bbh"] - 45.98).abs() < 1e-9,
        "{:?}",
        llama.scores
    );
    assert_eq!(llama.family.as_deref(), Some("LlamaForCausalLM"));
    assert!(
        report.notes.iter().any(|n| n.contains("columns chosen")),
        "{:?}",
        report.notes
    );
}

#[test]
fn a_benchmark_choice_in_the_leaderboard_layout_renames_one_column() {
    let path = data("leaderboard/contents.csv");
    let (plain, _) = load_with(&path, &LoadOptions::default());
    // `--column bbh="BBH Raw"`: the raw accuracy (0–1 in the file) becomes the paper's
    // bbh; the five other olb2_* tasks and the precision rule stay.
    let (models, _) = load_with(&path, &with_columns(&[], &[("bbh", "BBH Raw")]));
    assert_eq!(models.len(), plain.len());
    let llama = by_name(&models, "meta-llama/Meta-Llama-3-8B");
    assert!(
        (llama.scores["bbh"] - 45.98).abs() < 1e-9,
        "{:?}",
        llama.scores
    );
    assert_eq!(llama.scores.get("olb2_bbh"), Some(&24.5));
    assert_eq!(llama.scores.get("olb2_ifeval"), Some(&14.55));
    // The layout's own column under another name: moved, not copied.
    let (models, _) = load_with(&path, &with_columns(&[], &[("my_bbh", "BBH")]));
    let llama = by_name(&models, "meta-llama/Meta-Llama-3-8B");
    assert_eq!(llama.scores.get("my_bbh"), Some(&24.5));
    assert!(!llama.scores.contains_key("olb2_bbh"));
    // A choice naming no column is refused, as in every other table.
    let e = load_path(&path, &with_columns(&[], &[("bbh", "No Such Column")])).unwrap_err();
    assert!(e.to_string().contains("No Such Column"), "{e}");
}

#[test]
fn an_unrelated_choice_changes_nothing_in_the_real_leaderboard_export() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/real_formats/open_llm_leaderboard/fboulnois_huggingface_v2.csv");
    if !path.is_file() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED an_unrelated_choice_changes_nothing_in_the_real_leaderboard_export: {} is absent",
            path.display()
        );
        return;
    }
    let (plain, plain_report) = load_with(&path, &LoadOptions::default());
    let (chosen, report) = load_with(
        &path,
        &with_columns(&[(Role::Family, "model_architecture")], &[]),
    );
    assert_eq!(chosen.len(), plain.len());
    assert_eq!(report.rows_kept, plain_report.rows_kept);
    let tasks = |m: &[Model]| -> Vec<String> {
        let mut t: Vec<String> = m.iter().flat_map(|m| m.scores.keys().cloned()).collect();
        t.sort();
        t.dedup();
        t
    };
    assert_eq!(tasks(&chosen), tasks(&plain));
    assert_eq!(scores(&chosen), scores(&plain));
}

#[test]
fn whole_billion_sizes_give_way_to_the_names() {
    let (models, report) = load_with(&data("quirks/sizes_rounded.csv"), &LoadOptions::default());
    let n = |name: &str| by_name(&models, name).n_params;
    // The sizes the names write, not the column's 0 and 1.
    assert_eq!(n("EleutherAI/pythia-410m"), Some(4.1e8));
    assert_eq!(n("EleutherAI/pythia-1.4b"), Some(1.4e9));
    assert_eq!(n("Qwen/Qwen1.5-1.8B"), Some(1.8e9));
    assert_eq!(n("meta-llama/Meta-Llama-3-8B"), Some(8e9));
    // gpt2 writes no size: none, rather than the column's 0 read as a size.
    assert_eq!(n("openai-community/gpt2"), None);
    let w = warnings(&report);
    assert_eq!(w.matches("#Params (B)").count(), 1, "{w}");
    assert!(
        w.contains("whole billions") && w.contains("3 rows changed"),
        "{w}"
    );
}

#[test]
fn scaled_sizes_give_way_to_the_names() {
    // The 2023 leaderboard report's Parameters column: 100 × size / 70B (100, 18.57, 10),
    // 0 where unknown.
    let (models, report) = load_with(&data("quirks/sizes_buckets.csv"), &LoadOptions::default());
    let n = |name: &str| by_name(&models, name).n_params;
    assert_eq!(n("meta-llama/Llama-2-70b-hf"), Some(70e9));
    assert_eq!(n("meta-llama/Llama-2-13b-hf"), Some(13e9));
    assert_eq!(n("mistralai/Mistral-7B-v0.1"), Some(7e9));
    assert_eq!(n("uni-tianyan/Uni-TianYan"), None);
    let w = warnings(&report);
    assert!(w.contains("times 1.429"), "{w}");
    assert_eq!(w.matches("'Parameters'").count(), 1, "{w}");
}

#[test]
fn exact_sizes_stay_counts() {
    let (models, report) = load_with(&data("quirks/sizes_exact.csv"), &LoadOptions::default());
    // 0.405 billions as written, although the name says 410m.
    assert_eq!(
        by_name(&models, "EleutherAI/pythia-410m").n_params,
        Some(0.405e9)
    );
    assert!(!warnings(&report).contains("not read as parameter counts"));
}

#[test]
fn the_scaled_real_report_uses_the_names() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/real_formats/open_llm_leaderboard/dsdanielpark_20230904.csv");
    if !path.is_file() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the_scaled_real_report_uses_the_names: {} is absent",
            path.display()
        );
        return;
    }
    let (models, report) = load_with(&path, &LoadOptions::default());
    // ORCA_LLaMA_70B_QLoRA is 100.0 in the column; its name writes 70B.
    assert_eq!(
        by_name(&models, "fangloveskari/ORCA_LLaMA_70B_QLoRA").n_params,
        Some(70e9)
    );
    // One warning for the column (100/70 = 1.429: a percentage of the 70B size).
    let w = warnings(&report);
    assert_eq!(w.matches("column 'Parameters'").count(), 1, "{w}");
    assert!(w.contains("times 1.429"), "{w}");
}

/// The three summary files of one run hold one table: the same models and scores.
#[test]
fn opencompass_summaries_in_txt_csv_and_md_agree() {
    let (csv, _) = load_with(
        &data("opencompass/summary_20240801_121530.csv"),
        &LoadOptions::default(),
    );
    for f in [
        "opencompass/summary_20240801_121530.txt",
        "opencompass/summary_20240801_121530.md",
        "opencompass/v2023/summary_20231010_090000.txt",
        "opencompass/summary_tabulate_only.txt",
    ] {
        let (models, report) = load_with(&data(f), &LoadOptions::default());
        assert!(
            report.format.contains("OpenCompass"),
            "{f}: {}",
            report.format
        );
        assert_eq!(scores(&models), scores(&csv), "{f}");
    }
    let qwen = by_name(&csv, "qwen2-7b-hf");
    assert_eq!(qwen.scores.get("mmlu"), Some(&70.30));
    assert_eq!(qwen.scores.get("humaneval"), Some(&51.83));
    // Sizes from the abbrs: qwen2-7b-hf writes 7b, llama-3-8b-hf 8b.
    assert_eq!(qwen.n_params, Some(7e9));
    assert_eq!(by_name(&csv, "llama-3-8b-hf").n_params, Some(8e9));
}

#[test]
fn a_txt_summary_names_the_file_lines_of_its_rows() {
    // A bad cell in the csv block of the 2023 summary is reported at its line in the
    // file, not in the block.
    let text = std::fs::read_to_string(data("opencompass/v2023/summary_20231010_090000.txt"))
        .unwrap()
        .replace("70.81,79.91,54.81", "70.81,n/a?,54.81");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summary_x.txt");
    std::fs::write(&path, &text).unwrap();
    let (_, report) = load_with(&path, &LoadOptions::default());
    let line = text
        .lines()
        .position(|l| l.contains("n/a?") && l.contains(','))
        .unwrap()
        + 1;
    let w = warnings(&report);
    assert!(w.contains(&format!("line {line}")), "line {line}: {w}");
}

/// The same leaderboard from its two exports gives the same tasks on the same scale: the
/// contents table's `MMLU-PRO Raw` (0.4365…) and the flattened export's
/// `evaluations_mmlu_pro_value` are both the task mmlu_pro, 43.65 points, for every model
/// the two files share (both are real exports, read in place; skipped when absent).
#[test]
fn both_leaderboard_exports_give_the_raw_tasks_alike() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real_formats/open_llm_leaderboard");
    let (contents, flat) = (
        root.join("causal-eval_open_llm_leaderboard.csv"),
        root.join("fboulnois_huggingface_v2.csv"),
    );
    if !contents.is_file() || !flat.is_file() {
        eprintln!(
            "SKIPPED both_leaderboard_exports_give_the_raw_tasks_alike: {} is absent",
            root.display()
        );
        return;
    }
    let (a, _) = load_with(&contents, &LoadOptions::default());
    let (b, _) = load_with(&flat, &LoadOptions::default());
    let b: BTreeMap<&str, &Model> = b.iter().map(|m| (m.name.as_str(), m)).collect();
    let mut shared = 0;
    for m in &a {
        let Some(o) = b.get(m.name.as_str()) else {
            continue;
        };
        for task in ["ifeval", "bbh", "math_lvl5", "gpqa", "musr", "mmlu_pro"] {
            if let (Some(x), Some(y)) = (m.scores.get(task), o.scores.get(task)) {
                // The exports were taken at different times: a re-evaluated model may
                // differ; the rows that agree must agree to rounding.
                if (x - y).abs() < 1e-6 {
                    shared += 1;
                }
            }
        }
    }
    let qwen = by_name(&a, "Qwen/Qwen2.5-7B");
    assert!(
        (qwen.scores["mmlu_pro"] - 43.650_265_957_446_8).abs() < 1e-9,
        "{:?}",
        qwen.scores
    );
    assert!(qwen.scores.contains_key("olb2_mmlu_pro"));
    assert!(
        shared > 1000,
        "{shared} scores agree across the two exports"
    );
}
