//! The command line as users run it: reports, fits, simulation, the load report and the
//! files it reads (errors: tests/cli_errors.rs; bootstrap, holdout, sensitivity and exports
//! with bands: tests/cli_jobs.rs).

mod cli_common;
use cli_common::*;
use std::process::Command;

#[test]
fn report_json_with_design_params_has_every_field() {
    let o = densing(&[
        "report",
        "--params",
        "sample_data/params.json",
        "--task",
        "average",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let m = &v["models"][0];
    for key in [
        "model",
        "release_date",
        "n_params",
        "score",
        "loss_hat",
        "n_hat",
        "density",
        "excluded_reason",
    ] {
        assert!(m.get(key).is_some(), "models[0] lacks {key}");
    }
    let r = &v["regression"];
    for key in [
        "slope_per_day",
        "intercept",
        "r2",
        "doubling_days",
        "doubling_days_low",
        "doubling_days_high",
        "frontier",
    ] {
        assert!(r.get(key).is_some(), "regression lacks {key}");
    }
    // Same numbers as the independent implementation (tests/reference/expected_average.json).
    let want: serde_json::Value =
        serde_json::from_str(include_str!("reference/expected_average.json")).unwrap();
    let (a, b) = (
        r["doubling_days"].as_f64().unwrap(),
        want["regression"]["doubling_days"].as_f64().unwrap(),
    );
    assert!((a / b - 1.0).abs() < 1e-9, "{a} vs {b}");
    assert_eq!(r["frontier"], want["regression"]["frontier"]);
}

#[test]
fn report_text_fits_the_sample_and_lists_exclusions() {
    let o = densing(&["report", "--task", "mmlu", "--breakpoint", "2022-11-30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("fitted from the data"));
    assert!(out.contains("doubling time"));
    assert!(out.contains("excluded: no score for mmlu"), "{out}");
    assert!(out.contains("before 2022-11-30") && out.contains("after 2022-11-30"));
}

/// With no subcommand the binary opens the window; without a display it says so in one
/// line (exit status 1) instead of panicking. Bad window options are usage errors.
#[cfg(feature = "app")]
#[test]
fn no_subcommand_opens_the_window_or_says_why_not() {
    let o = Command::new(env!("CARGO_BIN_EXE_densing"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot open the window") && !err.contains("panicked"),
        "{err}"
    );
    assert_one_line_error(&densing(&["--size", "12"]), &["--size", "WxH"]);
}

#[test]
fn fit_loss_and_fit_sigmoid_read_the_sample_files() {
    let o = densing(&[
        "fit-loss",
        "sample_data/ladder.csv",
        "--grid",
        "coarse",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let alpha = v["fits"]["mmlu"]["params"]["alpha"].as_f64().unwrap();
    // The command fits what the library fits on the same points (the same coarse grid,
    // bit for bit but for the JSON's decimal round trip)...
    let rows = densing::data::read_ladder(
        "sample_data/ladder.csv",
        include_str!("../sample_data/ladder.csv"),
        "average",
    )
    .unwrap();
    let pts: Vec<densing::data::LossPoint> = rows
        .iter()
        .filter(|r| r.task == "mmlu")
        .map(|r| densing::data::LossPoint {
            n_params: r.n_params,
            n_tokens: r.n_tokens,
            loss: r.loss,
        })
        .collect();
    let coarse = densing::fit::LossFitOptions {
        grid: densing::fit::Grid::Coarse,
        ..Default::default()
    };
    let lib = densing::fit::fit_loss_law(&pts, &coarse, None).unwrap().law;
    assert!(
        (alpha - lib.alpha).abs() < 1e-12,
        "alpha {alpha} vs {}",
        lib.alpha
    );
    // ...and that lands near the generating 0.226 (DESIGN §5): within 3 × 0.023, the
    // standard deviation of mmlu's α̂ over 40 simulated ladders (tests/fit.rs prints it).
    assert!((alpha - 0.226).abs() < 0.07, "alpha {alpha}");
    assert_eq!(v["fits"]["average"]["n_starts"], 81);
    let o = densing(&[
        "fit-sigmoid",
        "sample_data/sigmoid_points.csv",
        "--task",
        "mmlu",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("gamma"));
}

#[test]
fn simulate_is_reproducible() {
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for d in [&d1, &d2] {
        let o = densing(&[
            "simulate",
            "--params",
            "sample_data/params.json",
            "--seed",
            "2412",
            "--out",
            d.path().to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let read = |d: &tempfile::TempDir, f: &str| std::fs::read_to_string(d.path().join(f)).unwrap();
    assert_eq!(read(&d1, "ladder.csv"), read(&d2, "ladder.csv"));
    // The committed sample was made by exactly this command (sample_data/README.md).
    assert_eq!(
        read(&d1, "ladder.csv"),
        include_str!("../sample_data/ladder.csv")
    );
    assert_eq!(
        read(&d1, "sigmoid_points.csv"),
        include_str!("../sample_data/sigmoid_points.csv")
    );
}

#[test]
fn inspect_prints_the_load_report() {
    let o = densing(&["inspect", "tests/data/lm_eval/output"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "lm-evaluation-harness results (v0.4 metric keys)",
        "rows:      3 read, 2 kept",
        "(later) replaces",
        "task mmlu ← task mmlu, metric acc,none",
        "release dates for 2 models",
        "meta-llama/Llama-2-7b-hf | date ? | 6.738B",
    ] {
        assert!(out.contains(needle), "'{needle}' not in:\n{out}");
    }
    // A table without a release-date column loads; the report says what to supply.
    let o = densing(&["inspect", "tests/data/bad/missing_date_column.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("release dates for 1 model: A"),
        "{}",
        stdout(&o)
    );
    let o = densing(&["inspect", "tests/data/bad/some_rows_bad.csv", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["reports"][0]["rows_kept"], 2);
    assert_eq!(v["reports"][0]["warnings"].as_array().unwrap().len(), 2);
    let o = densing(&["inspect", "tests/data/bad/moe_size.csv"]);
    assert_one_line_error(
        &o,
        &["moe_size.csv", "line 2", "8x7B", "mixture-of-experts"],
    );
    let o = densing(&[
        "inspect",
        "tests/data/tables/models.csv",
        "--column",
        "colour=x",
    ]);
    assert_one_line_error(&o, &["--column", "colour=x"]);
}

#[test]
fn report_reads_any_supported_file() {
    for file in [
        "tests/data/tables/models.tsv",
        "tests/data/tables/models.parquet",
        "tests/data/lm_eval/results_llama2_7b_v0.4.json",
    ] {
        let o = densing(&[
            "report",
            "--params",
            "sample_data/params.json",
            "--data",
            file,
            "--json",
        ]);
        assert!(o.status.success(), "{file}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert!(v["data"].as_str().unwrap().contains(file), "{file}");
        assert!(!v["models"].as_array().unwrap().is_empty(), "{file}");
    }
}

/// `fit-loss --json` and `fit-sigmoid --json` name parameters as parameter files do
/// (issue 15: the Chinchilla form used to write `A`/`B`, which `--params` refused): their
/// two `params` objects, merged, are a params file that `report --params` reads, and the
/// report then uses exactly the fitted values.
#[test]
fn fitted_parameters_are_a_params_file_report_reads() {
    let fit = |cmd: &str, file: &str, extra: &[&str]| -> serde_json::Value {
        let mut args = vec![cmd, file, "--task", "average", "--json"];
        args.extend_from_slice(extra);
        let o = densing(&args);
        assert!(o.status.success(), "{cmd}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["fits"]["average"]["params"].clone()
    };
    let loss = fit(
        "fit-loss",
        "sample_data/ladder.csv",
        &["--form", "chinchilla", "--grid", "coarse"],
    );
    let sigmoid = fit("fit-sigmoid", "sample_data/sigmoid_points.csv", &[]);
    let mut params = loss.as_object().unwrap().clone();
    assert!(
        params.contains_key("E") && params.contains_key("a"),
        "{params:?}"
    );
    params.extend(sigmoid.as_object().unwrap().clone());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("params.json");
    let text = serde_json::json!({ "average": params }).to_string();
    std::fs::write(&file, text).unwrap();
    let o = densing(&["report", "--params", file.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let used = &v["fits"]["average"];
    assert_eq!(used["loss"]["form"], "chinchilla");
    assert_eq!(used["loss"]["e"], params["E"]);
    assert_eq!(used["loss"]["b"], params["b"]);
    assert_eq!(used["sigmoid"]["gamma"], params["gamma"]);
}
