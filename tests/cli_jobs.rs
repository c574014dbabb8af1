//! The command line's longer jobs: the bootstrap, the held-out size, the sensitivity table
//! and exports with bootstrap bands.

mod cli_common;
use cli_common::*;

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
