//! The command line as users run it: numbers, and one-line errors with exit status 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn densing(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_densing"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts exit status 2 and exactly one stderr line containing every `needle`.
fn assert_one_line_error(o: &Output, needles: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
    for n in needles {
        assert!(err.contains(n), "'{n}' not in: {err}");
    }
}

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/bad")
        .join(name)
}

/// A data folder whose models.csv is `file`.
fn folder_with_models(file: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(bad(file), dir.path().join("models.csv")).unwrap();
    dir
}

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
fn bad_model_tables_give_one_line_errors() {
    let cases: [(&str, &[&str]); 9] = [
        (
            "text_in_number.csv",
            &["line 2", "column 'mmlu'", "'abc'", "a finite number"],
        ),
        (
            "negative_size.csv",
            &["line 2", "params_b", "a positive number"],
        ),
        ("empty.csv", &["no data rows"]),
        ("header_only.csv", &["no data rows"]),
        (
            "bad_date.csv",
            &["line 2", "release_date", "2023-13-45", "YYYY-MM-DD"],
        ),
        (
            "mostly_ragged.csv",
            &["line 3", "not a valid CSV row", "most rows are ragged"],
        ),
        ("score_over_100.csv", &["line 2", "between 0 and 100"]),
        ("truncated_row.csv", &["line 2", "not a valid CSV row"]),
        ("binary.csv", &["not UTF-8"]),
    ];
    for (file, needles) in cases {
        let dir = folder_with_models(file);
        let o = densing(&[
            "report",
            "--params",
            "sample_data/params.json",
            "--data",
            dir.path().to_str().unwrap(),
        ]);
        let mut all = needles.to_vec();
        all.push("models.csv");
        assert_one_line_error(&o, &all);
    }
}

#[test]
fn bad_files_and_arguments_give_one_line_errors() {
    let missing = densing(&["report", "--data", "no/such/folder"]);
    assert_one_line_error(&missing, &["no/such/folder", "no such file or folder"]);
    let no_file = densing(&["fit-loss", "no_such_file.csv"]);
    assert_one_line_error(&no_file, &["no_such_file.csv", "cannot read"]);
    let p = bad("params_missing_beta.json");
    let o = densing(&["report", "--params", p.to_str().unwrap()]);
    assert_one_line_error(
        &o,
        &[
            "params_missing_beta.json",
            "task 'average' is missing key 'beta'",
        ],
    );
    let p = bad("params_wrong_shape.json");
    assert_one_line_error(
        &densing(&["report", "--params", p.to_str().unwrap()]),
        &["expected a JSON object keyed by task"],
    );
    let o = densing(&[
        "report",
        "--params",
        "sample_data/params.json",
        "--task",
        "bbh",
    ]);
    assert_one_line_error(&o, &["no parameters for task 'bbh'"]);
    let l = bad("ladder_no_tokens.csv");
    assert_one_line_error(
        &densing(&["fit-loss", l.to_str().unwrap()]),
        &["no column for the training tokens", "trainingflop"],
    );
    let l = bad("ladder_nan.csv");
    assert_one_line_error(
        &densing(&["fit-loss", l.to_str().unwrap()]),
        &["line 2", "'loss'", "NaN"],
    );
    assert_one_line_error(
        &densing(&["report", "--ref-date", "2023-13-45"]),
        &["--ref-date", "YYYY-MM-DD"],
    );
    assert_one_line_error(
        &densing(&["report", "--frontier", "best"]),
        &["--frontier", "quantile:Q"],
    );
    assert_one_line_error(&densing(&["report", "--d0", "-5"]), &["--d0"]);
    assert_one_line_error(
        &densing(&["report", "--task", "gsm8k"]),
        &["--task", "gsm8k"],
    );
    assert_one_line_error(
        &densing(&["fit-loss", "sample_data/ladder.csv", "--form", "kaplan"]),
        &["--form", "kaplan"],
    );
    assert_one_line_error(&densing(&["report", "--no-such-flag"]), &["--no-such-flag"]);
    // Too few points for a fit: a three-row ladder.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("tiny.csv");
    std::fs::write(
        &f,
        "n_params,n_tokens,loss\n1e8,2e9,0.5\n2e8,4e9,0.4\n4e8,8e9,0.3\n",
    )
    .unwrap();
    assert_one_line_error(
        &densing(&["fit-loss", f.to_str().unwrap()]),
        &["tiny.csv", "too few points", "need at least 5, got 3"],
    );
}

/// `--bootstrap N --seed S` (issue 6): the same seed prints the same numbers; the JSON's
/// doubling interval becomes the bootstrap's and says so; every model with a density has
/// an interval.
#[test]
fn report_bootstrap_is_reproducible_and_names_its_interval() {
    let args = ["report", "--bootstrap", "200", "--seed", "3", "--json"];
    let (a, b) = (densing(&args), densing(&args));
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(stdout(&a), stdout(&b), "same seed, same output");
    let v: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    let r = &v["regression"];
    let interval = r["interval"].as_str().unwrap();
    assert!(interval.contains("bootstrap percentile"), "{interval}");
    assert!(interval.contains("200 replicates, seed 3"), "{interval}");
    let d = r["doubling_days"].as_f64().unwrap();
    let (lo, hi) = (
        r["doubling_days_low"].as_f64().unwrap(),
        r["doubling_days_high"].as_f64().unwrap(),
    );
    assert!(lo < d && d < hi, "{lo} < {d} < {hi}");
    assert!(r["slope_low"].as_f64().unwrap() < r["slope_per_day"].as_f64().unwrap());
    assert_eq!(v["bootstrap"]["n_replicates"], 200);
    assert!(v["bootstrap"]["n_failed_refits"].as_u64().unwrap() < 20);
    let alpha = &v["bootstrap"]["laws"][0]["params"][1];
    assert_eq!(alpha[0], "alpha");
    for m in v["models"].as_array().unwrap() {
        assert_eq!(m["density"].is_null(), m["density_low"].is_null(), "{m}");
    }
    let other = densing(&["report", "--bootstrap", "200", "--seed", "4", "--json"]);
    assert_ne!(stdout(&a), stdout(&other), "another seed, other resamples");
}

#[test]
fn report_bootstrap_text_and_bad_counts() {
    let o = densing(&[
        "report",
        "--task",
        "mmlu",
        "--breakpoint",
        "2022-11-30",
        "--bootstrap",
        "100",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("intervals: 95% bootstrap percentile interval"),
        "{out}"
    );
    assert!(out.contains("doubling time 95% interval"), "{out}");
    assert!(out.contains("slope ratio after/before") && out.contains("bootstrap 95% interval"));
    assert_one_line_error(
        &densing(&["report", "--bootstrap", "1"]),
        &["bootstrap", "at least 2 replicates"],
    );
}

/// `holdout` (issue 6): the loss law without the largest ladder size predicts it within a
/// few percent on the sample (simulated with 1% loss noise); a size not on the ladder is a
/// one-line error.
#[test]
fn holdout_reports_the_prediction_error() {
    let o = densing(&["holdout", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["loss"]["held_out_n_params"], 828_225_024.0);
    assert!(v["loss"]["mean_abs_rel_error"].as_f64().unwrap() < 0.03);
    assert_eq!(v["sigmoid"]["n_held_out"], 2);
    assert_one_line_error(
        &densing(&["holdout", "--size", "7e9"]),
        &["no ladder points of size 7000000000"],
    );
}

/// `sensitivity` prints one row per case and writes the chart through the same exporter.
#[test]
fn sensitivity_prints_the_table_and_writes_the_chart() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("sensitivity.svg");
    let o = densing(&["sensitivity", "--chart", svg.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for case in [
        "as chosen",
        "D0 = 100B",
        "D0 = 10T",
        "quantile:0.9",
        "without Phi-2-2B",
    ] {
        assert!(out.contains(case), "{case} missing: {out}");
    }
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(roxmltree::Document::parse(&text).is_ok());
    assert!(text.contains("Sensitivity of the doubling time"));
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

/// `export --bootstrap N` (issue 15): the loss, sigmoid and density SVGs carry the
/// bootstrap bands (filled polygons at the band opacity, named in the legend), built by the
/// chart layer as the window's are; without the flag, and on the inversion view, none.
#[test]
fn export_draws_the_bootstrap_bands_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let svgs = |sub: &str, extra: &[&str]| -> Vec<(String, String)> {
        let out = dir.path().join(sub);
        std::fs::create_dir(&out).unwrap();
        let out_s = out.display().to_string();
        let mut args = vec![
            "export", "--chart", "all", "--format", "svg", "--out", &out_s,
        ];
        args.extend_from_slice(extra);
        let o = densing(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        ["loss", "sigmoid", "inversion", "density"]
            .iter()
            .map(|v| {
                let text = std::fs::read_to_string(out.join(format!("{v}.svg"))).unwrap();
                (v.to_string(), text)
            })
            .collect()
    };
    // Bands are filled at opacity 0.2; the bootstrap's in the band grey (the density view
    // also has the Student-t band of its line, in the line's colour, with or without).
    let [r, g, b] = densing::chart::palette::GREY;
    let grey = format!("opacity=\"0.2\" fill=\"#{r:02X}{g:02X}{b:02X}\"");
    let band_polygons = |svg: &str| {
        svg.lines()
            .filter(|l| l.contains("<polygon") && l.contains(&grey))
            .count()
    };
    for (view, svg) in svgs("plain", &[]) {
        assert_eq!(band_polygons(&svg), 0, "{view}");
        assert!(!svg.contains("bootstrap 95% band"), "{view}");
    }
    for (view, svg) in svgs("boot", &["--bootstrap", "20", "--seed", "1"]) {
        if view == "inversion" {
            assert_eq!(band_polygons(&svg), 0, "{view}");
        } else {
            assert!(band_polygons(&svg) >= 1, "{view}: no band polygon");
            assert!(
                svg.contains("bootstrap 95% band"),
                "{view}: no legend entry"
            );
        }
    }
    let o = densing(&[
        "export",
        "--table",
        "models",
        "--out",
        "x.csv",
        "--bootstrap",
        "20",
    ]);
    assert_one_line_error(&o, &["--bootstrap", "--chart"]);
}
