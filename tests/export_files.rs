//! Exports (issue 5) as files: tables as CSV/JSON, atomic writes, and `densing export` on the
//! command line. The sample is analysed with the constants of sample_data/params.json (no
//! fit), except where the command line fits it as `densing report` does.

use densing::analysis::Options;
use densing::chart;
use densing::data::parse_params;
use densing::io::{
    FIT_COLUMNS, MODEL_COLUMNS, REGRESSION_COLUMNS, Table, TableFormat, WriteError, table_string,
    write_table,
};
use std::path::Path;
use std::process::Command;

mod export_common;
use export_common::{SAMPLE_MODELS, Sample, decode, svg_texts};

#[test]
fn models_table_as_csv_and_json_has_every_column_and_row() {
    let s = Sample::new(Options::default());
    let csv_text = table_string(Table::Models, TableFormat::Csv, s.inputs()).unwrap();
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, MODEL_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), SAMPLE_MODELS);
    assert_eq!(s.dataset.models.len(), SAMPLE_MODELS);
    let col = |name: &str| MODEL_COLUMNS.iter().position(|c| *c == name).unwrap();
    for (row, (m, res)) in rows
        .iter()
        .zip(s.dataset.models.iter().zip(&s.analysis.models))
    {
        assert_eq!(&row[col("model")], m.name);
        match res.density {
            Some(d) => assert_eq!(row[col("density")].parse::<f64>().unwrap(), d),
            None => {
                assert_eq!(&row[col("density")], "");
                assert!(!row[col("excluded_reason")].is_empty());
            }
        }
        assert_eq!(&row[col("on_frontier")], res.on_frontier.to_string());
    }

    let json: serde_json::Value =
        serde_json::from_str(&table_string(Table::Models, TableFormat::Json, s.inputs()).unwrap())
            .unwrap();
    let arr = json.as_array().expect("an array of rows");
    assert_eq!(arr.len(), SAMPLE_MODELS);
    for row in arr {
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        for c in MODEL_COLUMNS {
            assert!(keys.contains(&c), "{c} missing");
        }
    }
    let frontier = arr.iter().filter(|r| r["on_frontier"] == true).count();
    assert_eq!(frontier, s.analysis.frontier.len());
}

#[test]
fn fits_table_round_trips_through_a_params_file() {
    let s = Sample::new(Options::default());
    let csv_text = table_string(Table::Fits, TableFormat::Csv, s.inputs()).unwrap();
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, FIT_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), s.fits.tasks.len());
    assert_eq!(&rows[0][0], "average");
    assert_eq!(&rows[0][1], "paper");
    assert_eq!(&rows[0][2], "", "no E in the paper form");
    assert_eq!(rows[0][3].parse::<f64>().unwrap(), 32.5);

    // The JSON is a params file: read back, the same laws.
    let json = table_string(Table::Fits, TableFormat::Json, s.inputs()).unwrap();
    let back = parse_params("fits.json", &json).unwrap();
    assert_eq!(back, s.fits);
}

#[test]
fn regression_table_carries_the_fit_and_the_breakpoint_sides() {
    let s = Sample::new(Options {
        breakpoint: chrono::NaiveDate::from_ymd_opt(2023, 11, 30),
        ..Options::default()
    });
    let csv_text = table_string(Table::Regression, TableFormat::Csv, s.inputs()).unwrap();
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, REGRESSION_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(&rows[0][0], "all");
    let reg = s.analysis.regression.as_ref().unwrap();
    assert_eq!(rows[0][4].parse::<f64>().unwrap(), reg.slope_per_day);
    assert_eq!(rows[0][12].parse::<usize>().unwrap(), reg.n_points);
    assert_eq!(rows[0][13].split("; ").count(), reg.n_points);
    let bp = s.analysis.breakpoint.as_ref().unwrap();
    let sides = usize::from(bp.before.is_some()) + usize::from(bp.after.is_some());
    assert_eq!(rows.len(), 1 + sides);

    let json: serde_json::Value = serde_json::from_str(
        &table_string(Table::Regression, TableFormat::Json, s.inputs()).unwrap(),
    )
    .unwrap();
    let j = &json["regression"];
    assert_eq!(j["slope_per_day"].as_f64().unwrap(), reg.slope_per_day);
    assert_eq!(j["doubling_days"].as_f64(), reg.doubling_days);
    assert_eq!(j["n_points"].as_u64().unwrap() as usize, reg.n_points);
    assert_eq!(j["frontier"].as_array().unwrap().len(), reg.n_points);
    assert_eq!(json["breakpoint"]["date"], "2023-11-30");
    assert_eq!(json["ref_date"], "2023-02-24");

    // The same schema as `report --json` (one serializer): the regression and the
    // breakpoint of the export equal the report's on the same analysis.
    let report = densing::cli::report_json(&densing::cli::ReportArgs {
        analysis: densing::cli::AnalysisArgs {
            breakpoint: Some("2023-11-30".into()),
            params: Some("sample_data/params.json".into()),
            ..Default::default()
        },
        ..Default::default()
    })
    .unwrap();
    assert_eq!(json["regression"], report["regression"]);
    assert_eq!(json["breakpoint"], report["breakpoint"]);
    // The CSV rows carry the JSON's numbers, each side's on its own row.
    let before = &json["breakpoint"]["before"];
    let row = rows.iter().find(|r| &r[0] == "before").unwrap();
    assert_eq!(
        row[4].parse::<f64>().unwrap(),
        before["slope_per_day"].as_f64().unwrap()
    );
}

#[test]
fn a_failed_write_leaves_the_existing_file_intact() {
    let s = Sample::new(Options::default());
    let dir = tempfile::tempdir().unwrap();
    let chart = chart::density_chart(s.inputs());

    // Into a missing folder: an error naming the file, nothing created.
    let missing = dir.path().join("no/such/folder/models.csv");
    let e = write_table(Table::Models, TableFormat::Csv, s.inputs(), &missing).unwrap_err();
    assert!(matches!(e, WriteError::Io { .. }));
    assert!(e.to_string().contains("no/such/folder/models.csv"), "{e}");
    let e =
        densing::io::write_png(&chart, (400, 300), 1.0, &dir.path().join("no/d.png")).unwrap_err();
    assert!(e.to_string().contains("d.png: cannot write"), "{e}");
    let e = densing::io::write_svg(&chart, (400, 300), &dir.path().join("no/d.svg")).unwrap_err();
    assert!(e.to_string().contains("d.svg: cannot write"), "{e}");

    // An existing file stays as it was when an export to it fails.
    let keep = dir.path().join("density.svg");
    std::fs::write(&keep, "previous export").unwrap();
    let e = densing::io::write_svg(&chart, (0, 0), &keep).unwrap_err();
    assert!(matches!(e, WriteError::Size { .. }), "{e}");
    let e = densing::io::write_png(&chart, (20_000, 10), 1.0, &keep).unwrap_err();
    assert!(e.to_string().contains("density.svg"), "{e}");
    assert_eq!(std::fs::read_to_string(&keep).unwrap(), "previous export");

    // A folder in the way is not replaced.
    let folder = dir.path().join("models.json");
    std::fs::create_dir(&folder).unwrap();
    assert!(write_table(Table::Models, TableFormat::Json, s.inputs(), &folder).is_err());
    assert!(folder.is_dir());

    // A successful export replaces the file whole; no temporary file is left behind.
    densing::io::write_svg(&chart, (400, 300), &keep).unwrap();
    assert!(std::fs::read_to_string(&keep).unwrap().starts_with("<svg"));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["density.svg", "models.json"]);
}

fn densing(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_densing"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

#[test]
fn cli_exports_a_chart_fitted_from_the_sample_and_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("density.svg");
    let out = densing(&["export", "--chart", "density", "--out", path_str(&svg)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let texts = svg_texts(&std::fs::read_to_string(&svg).unwrap());
    assert!(texts.iter().any(|t| t.starts_with("doubling time")));

    let csv_path = dir.path().join("models.csv");
    let out = densing(&[
        "export",
        "--params",
        "sample_data/params.json",
        "--table",
        "models",
        "--format",
        "csv",
        "--out",
        path_str(&csv_path),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert_eq!(text.lines().count(), SAMPLE_MODELS + 1);
    assert!(text.starts_with(&MODEL_COLUMNS.join(",")));

    let all = dir.path().join("charts");
    std::fs::create_dir(&all).unwrap();
    let out = densing(&[
        "export",
        "--params",
        "sample_data/params.json",
        "--chart",
        "all",
        "--format",
        "png",
        "--size",
        "640x400",
        "--out",
        path_str(&all),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for view in ["loss", "sigmoid", "inversion", "density"] {
        let img = decode(&std::fs::read(all.join(format!("{view}.png"))).unwrap());
        assert_eq!(img.dimensions(), (640, 400), "{view}");
    }
}

#[test]
fn cli_bad_arguments_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("x.svg");
    let o = path_str(&out_file);
    for (args, expected) in [
        (vec!["export", "--chart", "pie", "--out", o], "--chart"),
        (
            vec!["export", "--table", "models", "--format", "svg", "--out", o],
            "--format",
        ),
        (
            vec![
                "export", "--chart", "density", "--format", "png", "--size", "big", "--out", o,
            ],
            "--size",
        ),
        (vec!["export", "--chart", "density"], "--out"),
        (vec!["export", "--out", o], "nothing to export"),
        (
            vec!["export", "--chart", "all", "--format", "svg", "--out", o],
            "not a folder",
        ),
    ] {
        let out = densing(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    assert!(!out_file.exists());
}
