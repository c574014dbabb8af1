//! The OLMo ladder loader and held-out prediction on the real folder
//! (`../shared/real_ladder/olmo_ladder`, never committed; skipped with a notice when absent),
//! and the loader's warnings on a damaged copy.

use densing::analysis::ladder_holdout::{Recipe, ladder_holdout};
use densing::analysis::{BootstrapOptions, Options, analyze, bootstrap};
use densing::data::{
    Dataset, LadderSelection, LoadOptions, Loaded, LossUnit, load_path, read_olmo_ladder,
};
use densing::fit::{LossFitOptions, SigmoidFitOptions, fit_tasks};
use std::path::PathBuf;

mod shared_data;
use shared_data::olmo_ladder_or_skip;

fn real() -> Option<PathBuf> {
    olmo_ladder_or_skip("olmo_ladder checks")
}

#[test]
fn real_folder_n_d_and_the_13b_actuals() {
    let Some(dir) = real() else { return };
    let (ladder, report) = read_olmo_ladder(&dir).unwrap();
    // 25 runs + 5 reruns + 3 targets.
    assert_eq!(ladder.runs.len(), 33, "{report}");
    assert!(report.warnings.is_empty(), "{report}");
    // N from configs/final.json (190M) and, for 3B (absent there), the architecture table:
    // the values the real ladder's README reproduces from the architectures.
    let run = |f: &str| ladder.runs.iter().find(|r| r.file == f).unwrap();
    assert_eq!(run("190M-1xC").n_params, 190_354_176.0);
    assert_eq!(run("3B-10xC").n_params, 3_169_537_280.0);
    assert_eq!(ladder.target("13B").unwrap().n_params, 13_202_396_160.0);
    assert_eq!(ladder.target("1B").unwrap().n_params, 1_279_395_840.0);
    // D of a run: throughput/total_tokens of its last row, ≈ k·20·N (1xC = 20 tokens per
    // parameter; the ladder rounds to whole batches, so within 2 %).
    let (d, _) = run("760M-5xC").final_mean("mmlu", 1).unwrap();
    assert!(
        (d / (5.0 * 20.0 * 758_220_288.0) - 1.0).abs() < 0.02,
        "D = {d}"
    );
    // The 13B target: D = _step × batch_size_in_tokens ≈ 5.0T tokens (README), and the
    // paper's "Actual" of figures/step1_main.csv and step2_main.csv: MMLU bpb 0.74883 and
    // accuracy 0.51614 (mean of the last 5 rows, categories weighted .215/.335/.219/.231).
    let t = ladder.target("13B").unwrap();
    let (d, v) = t.final_mean("mmlu", 5).unwrap();
    assert!((d / 5.0e12 - 1.0).abs() < 0.02, "13B D = {d}");
    assert!((v.bpb - 0.74883).abs() < 1e-5, "bpb {}", v.bpb);
    assert!((v.acc - 0.51614).abs() < 1e-5, "acc {}", v.acc);
    // The folder opens through the generic loader too, with losses in bits per byte.
    let o = load_path(&dir, &LoadOptions::default()).unwrap();
    let Loaded::Folder(data) = o.loaded else {
        panic!("not a folder")
    };
    assert_eq!(data.loss_unit, LossUnit::BitsPerByte);
    // Default selection: 5 sizes × 4 budgets (1-10xC), one point per run and task.
    assert_eq!(data.loss_points("mmlu").len(), 20);
}

#[test]
fn paper_recipe_step1_on_mmlu_for_13b_lands_within_1pct_of_the_paper() {
    let Some(dir) = real() else { return };
    let (ladder, _) = read_olmo_ladder(&dir).unwrap();
    let r = ladder_holdout(
        &ladder,
        "13B",
        "mmlu",
        Recipe::Paper,
        &LadderSelection::paper(),
    )
    .unwrap();
    // The paper's published prediction (figures/step1_main.csv): 0.75016 bpb.
    let paper = 0.750_156_243_915_616_4;
    assert!(
        (r.step1.predicted / paper - 1.0).abs() < 0.01,
        "step 1: {} vs the paper's {paper}",
        r.step1.predicted
    );
    assert_eq!(r.n_loss_points, 16, "the paper fits 4 sizes x 4 budgets");
    // The sigmoid's ceiling stays at or below 100 %.
    assert!(r.sigmoid.c + r.sigmoid.d <= 100.0 + 1e-9);
}

#[test]
fn a_unit_mismatch_is_refused() {
    let Some(dir) = real() else { return };
    let (ladder, _) = read_olmo_ladder(&dir).unwrap();
    let mut data: Dataset = ladder.dataset(&LadderSelection::default());
    // A checkpoints table in nats per token merged into the bits-per-byte ladder.
    data.checkpoint_unit = LossUnit::NatsPerToken;
    let err = fit_tasks(
        &data,
        &["mmlu".to_string()],
        &LossFitOptions::default(),
        &SigmoidFitOptions::default(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("bits per byte") && msg.contains("nats per token") && msg.contains("mix"),
        "{msg}"
    );
}

#[test]
fn truncated_and_renamed_run_files_give_warnings_naming_them() {
    let Some(dir) = real() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let runs = tmp.path().join("ladder-runs");
    std::fs::create_dir(&runs).unwrap();
    let src = dir.join("ladder-runs");
    for f in ["190M-1xC.csv", "370M-1xC.csv", "760M-2xC.csv"] {
        std::fs::copy(src.join(f), runs.join(f)).unwrap();
    }
    // A renamed copy and a truncated one (cut in the middle of a row).
    std::fs::copy(src.join("190M-2xC.csv"), runs.join("190M-two-times.csv")).unwrap();
    let text = std::fs::read(src.join("1B-1xC.csv")).unwrap();
    std::fs::write(runs.join("1B-1xC.csv"), &text[..text.len() * 2 / 3]).unwrap();
    std::fs::write(runs.join("3B-1xC.csv"), b"").unwrap();
    let (ladder, report) = read_olmo_ladder(tmp.path()).unwrap();
    let text = report.to_string();
    assert!(text.contains("190M-two-times.csv"), "{text}");
    assert!(
        text.contains("1B-1xC.csv") && text.contains("truncated"),
        "{text}"
    );
    assert!(text.contains("3B-1xC.csv"), "{text}");
    // The truncated run keeps its complete rows; the others load whole; N from the
    // architecture table (no configs/final.json here).
    assert!(ladder.runs.iter().any(|r| r.file == "1B-1xC"));
    assert_eq!(ladder.runs.len(), 4);
    assert!(text.contains("architectures"), "{text}");
}

#[test]
fn bootstrap_refits_keep_the_references_bounds() {
    // The point fit of a real reference is bounded (c + d <= 100, d >= chance: 25 for
    // 4-way MMLU); its bootstrap refits must be bounded the same way, or the band is of
    // another fit than the one shown. On this ladder the ceiling is the active bound of
    // MMLU (the unbounded fit puts c + d far above 100); the per-task floor is checked by
    // `fit::sigmoid_fit`'s unit test of `for_task`.
    let Some(dir) = real() else { return };
    let (ladder, _) = read_olmo_ladder(&dir).unwrap();
    let data: Dataset = ladder.dataset(&LadderSelection::default());
    let tasks = ["mmlu".to_string()];
    let sigmoid_fit = SigmoidFitOptions::bounded_by_chance();
    let (fits, _) = fit_tasks(&data, &tasks, &LossFitOptions::default(), &sigmoid_fit).unwrap();
    let options = Options {
        task: "mmlu".into(),
        ..Options::default()
    };
    let analysis = analyze(&data, &fits, &options);
    let boot = BootstrapOptions {
        n_replicates: 40,
        seed: 7,
        sigmoid_fit,
        ..BootstrapOptions::default()
    };
    let u = bootstrap(&data, &fits, &options, &analysis, &boot, None).unwrap();
    let mmlu = u.laws.iter().find(|t| t.task == "mmlu").unwrap();
    assert!(
        mmlu.sigmoid_draws.len() >= 30,
        "{}",
        mmlu.sigmoid_draws.len()
    );
    for s in &mmlu.sigmoid_draws {
        assert!(s.c + s.d <= 100.0 + 1e-6, "ceiling {}", s.c + s.d);
        assert!(s.d >= 25.0 - 1e-6, "floor {}", s.d);
    }
}

/// Every exported view names the real reference the densities are relative to (issue 12),
/// and the density view's regression band of four frontier points (doubling-time interval
/// unbounded above) no longer sets the axis: the band stays within two decades of the
/// models' densities (`BAND_REACH_DECADES`), so the SVG's tick labels stay short.
#[test]
fn exported_views_name_the_reference() {
    let Some(_) = real() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_densing"))
        .args([
            "export",
            "--reference",
            "../shared/real_ladder/olmo_ladder",
            "--data",
            "sample_data/models_rc.csv",
            "--task",
            "mmlu",
            "--chart",
            "all",
            "--format",
            "svg",
            "--out",
        ])
        .arg(dir.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for view in ["loss", "sigmoid", "inversion", "density"] {
        let svg = std::fs::read_to_string(dir.path().join(format!("{view}.svg"))).unwrap();
        assert!(
            svg.contains("densities relative to the OLMo ladder"),
            "{view}.svg does not name the reference"
        );
        assert!(svg.contains("1T tokens"), "{view}.svg does not give D₀");
    }
    let density = std::fs::read_to_string(dir.path().join("density.svg")).unwrap();
    // Before the band was clipped its axis ran to 10^21 ("1000000000T" ticks).
    assert!(!density.contains("000000T"), "the band still sets the axis");
}
