//! Exports (issue 5): charts as SVG/PNG drawn from the same chart values as the window,
//! tables as CSV/JSON, atomic writes, and `densing export` on the command line.
//! The sample is analysed with the constants of sample_data/params.json (no fit), except
//! where the command line fits it as `densing report` does.

use densing::analysis::{Analysis, Options, analyze};
use densing::chart::{self, Chart, ChartInputs, format_axis_value, regression_note};
use densing::data::{Dataset, SAMPLE_PARAMS_JSON, parse_params, sample};
use densing::io::{
    FIT_COLUMNS, MODEL_COLUMNS, REGRESSION_COLUMNS, Table, TableFormat, WriteError, table_string,
    write_table,
};
use densing::law::Fits;
use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

/// Models in the embedded sample: the data rows of sample_data/models.csv (37 of the paper's
/// window and 35 of 2024-09 … 2025-08, see sample_data/README.md).
const SAMPLE_MODELS: usize = 72;

struct Sample {
    dataset: Dataset,
    fits: Fits,
    options: Options,
    analysis: Analysis,
}

impl Sample {
    fn new(options: Options) -> Sample {
        let dataset = sample().expect("the embedded sample loads");
        let fits = parse_params("params.json", SAMPLE_PARAMS_JSON).expect("sample params parse");
        let analysis = analyze(&dataset, &fits, &options);
        Sample {
            dataset,
            fits,
            options,
            analysis,
        }
    }

    fn inputs(&self) -> ChartInputs<'_> {
        ChartInputs {
            dataset: &self.dataset,
            fits: &self.fits,
            options: &self.options,
            analysis: &self.analysis,
        }
    }
}

/// The trimmed text of every `<text>` element of an SVG document.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

#[test]
fn density_svg_carries_title_axes_ticks_legend_and_the_doubling_time() {
    let s = Sample::new(Options::default());
    let chart = chart::density_chart(s.inputs());
    let svg = chart::svg_string(&chart, (1200, 800)).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("1200"));
    assert_eq!(root.attribute("height"), Some("800"));
    let texts = svg_texts(&svg);
    let has = |t: &str| texts.iter().any(|x| x == t);
    assert!(has("Density over time"), "title missing: {texts:?}");
    assert!(has("release date"), "x label missing: {texts:?}");
    assert!(
        has("density ρ = N_eff / N (total parameters)"),
        "y label missing: {texts:?}"
    );
    // Date ticks print as dates, log ticks as real densities.
    assert!(texts.iter().any(|t| t.starts_with("2023-")), "{texts:?}");
    assert!(has("1") || has("0.1"), "no density tick: {texts:?}");
    assert!(
        !texts
            .iter()
            .any(|t| t.contains('e') && t.parse::<f64>().is_ok())
    );
    assert!(
        has("frontier") && has("models"),
        "legend missing: {texts:?}"
    );
    let r = s
        .analysis
        .regression
        .as_ref()
        .expect("the sample has a regression");
    let note = regression_note(r);
    assert!(note.starts_with("doubling time"), "{note}");
    assert!(has(&note), "doubling-time note missing: {texts:?}");
    // Every text uses the bundled font (with a generic fallback).
    for n in doc.descendants().filter(|n| n.tag_name().name() == "text") {
        assert!(
            n.attribute("font-family")
                .unwrap_or("")
                .contains("DejaVu Sans")
        );
    }
}

#[test]
fn svg_ticks_are_the_axis_formatter_values() {
    let s = Sample::new(Options::default());
    let chart = chart::inversion_chart(s.inputs());
    let texts = svg_texts(&chart::svg_string(&chart, (900, 600)).unwrap());
    // Parameter counts on a log axis: 1B, 10B, 100B — never 9 or 1e9.
    for v in [9.0, 10.0, 11.0] {
        let label = format_axis_value(v, chart.x.scale);
        assert!(texts.contains(&label), "{label} missing: {texts:?}");
    }
    assert!(!texts.iter().any(|t| t == "9" || t == "10"));
}

#[test]
fn every_view_renders_and_an_empty_chart_says_why() {
    let s = Sample::new(Options::default());
    let i = s.inputs();
    for c in [
        chart::loss_chart(i, "average"),
        chart::sigmoid_chart(i, "average"),
        chart::inversion_chart(i),
        chart::density_chart(i),
    ] {
        let texts = svg_texts(&chart::svg_string(&c, (800, 500)).unwrap());
        assert!(texts.contains(&c.title));
        assert!(texts.contains(&c.x.label) && texts.contains(&c.y.label));
        for r in &c.ref_lines {
            assert!(texts.iter().filter(|t| **t == r.label).count() >= 1);
        }
    }
    let empty = chart::loss_chart(i, "no-such-task");
    let reason = empty.empty_reason.clone().expect("no ladder for that task");
    let texts = svg_texts(&chart::svg_string(&empty, (800, 500)).unwrap());
    assert!(texts.contains(&reason));
}

fn decode(bytes: &[u8]) -> image::RgbaImage {
    image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .expect("a PNG")
        .to_rgba8()
}

fn distinct_colours(img: &image::RgbaImage) -> usize {
    img.pixels().map(|p| p.0).collect::<HashSet<_>>().len()
}

#[test]
fn density_png_has_the_requested_size_and_is_not_blank() {
    let s = Sample::new(Options::default());
    let chart = chart::density_chart(s.inputs());
    let img = decode(&chart::png_bytes(&chart, (1200, 800), 1.0).unwrap());
    assert_eq!(img.dimensions(), (1200, 800));
    assert!(distinct_colours(&img) > 100, "{}", distinct_colours(&img));
    // Mostly white paper, but well covered.
    let white = img.pixels().filter(|p| p.0 == [255, 255, 255, 255]).count();
    let share = white as f64 / (1200.0 * 800.0);
    assert!((0.3..0.95).contains(&share), "white share {share}");
    // A scale of 2 doubles the pixels for print.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("density@2x.png");
    densing::io::write_png(&chart, (600, 400), 2.0, &path).unwrap();
    let img = decode(&std::fs::read(&path).unwrap());
    assert_eq!(img.dimensions(), (1200, 800));
    assert!(distinct_colours(&img) > 100);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left"
    );
}

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

/// The markers of one colour in document order, as (cx, cy) pixels.
fn svg_circles(svg: &str, color: [u8; 3]) -> Vec<(f64, f64)> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let hex = format!("#{:02X}{:02X}{:02X}", color[0], color[1], color[2]);
    doc.descendants()
        .filter(|n| n.tag_name().name() == "circle")
        .filter(|n| {
            [n.attribute("fill"), n.attribute("stroke")]
                .iter()
                .flatten()
                .any(|c| c.eq_ignore_ascii_case(&hex))
        })
        .map(|n| {
            let num = |a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap();
            (num("cx"), num("cy"))
        })
        .collect()
}

/// Least-squares `p = k·v + c` and the largest residual in pixels.
fn affine_residual(values: &[f64], pixels: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let (mv, mp) = (
        values.iter().sum::<f64>() / n,
        pixels.iter().sum::<f64>() / n,
    );
    let sxx: f64 = values.iter().map(|v| (v - mv).powi(2)).sum();
    let sxy: f64 = values
        .iter()
        .zip(pixels)
        .map(|(v, p)| (v - mv) * (p - mp))
        .sum();
    let k = sxy / sxx;
    let worst = values
        .iter()
        .zip(pixels)
        .map(|(v, p)| (p - (mp + k * (v - mv))).abs())
        .fold(0.0, f64::max);
    (k, worst)
}

#[test]
fn chart_values_are_what_the_exporter_draws() {
    // The exporter reads the chart as built for the window: a legend entry per series
    // name, so a renamed series shows up under its new name.
    let s = Sample::new(Options::default());
    let mut chart: Chart = chart::density_chart(s.inputs());
    for series in &mut chart.series {
        if series.name == "frontier" {
            series.name = "densest so far".into();
        }
    }
    let svg = chart::svg_string(&chart, (1000, 700)).unwrap();
    let texts = svg_texts(&svg);
    assert!(texts.iter().any(|t| t == "densest so far"));
    assert!(!texts.iter().any(|t| t == "frontier"));
    // And the coordinates: each marker of the frontier and of the other models sits where
    // one affine map of the chart's (x, y) values puts it. Markers are drawn in series
    // order before the legend's, so the first n circles of a colour are the series'
    // points. Pixels are whole numbers: a residual under 1.5 px (rounding of both the
    // marker and the plot area) means the drawn point is the chart's value; a point
    // drawn from any other value (another model's, a stale analysis) is tens of pixels off.
    for name in ["densest so far", "models"] {
        let series = chart.series.iter().find(|x| x.name == name).unwrap();
        let n = series.points.len();
        assert!(n >= 5, "{name}: {n} points");
        let drawn = svg_circles(&svg, series.color);
        assert!(
            drawn.len() > n,
            "{name}: {} markers for {n} points (+ legend)",
            drawn.len()
        );
        let drawn = &drawn[..n];
        let xs: Vec<f64> = series.points.iter().map(|p| p[0]).collect();
        let ys: Vec<f64> = series.points.iter().map(|p| p[1]).collect();
        let px: Vec<f64> = drawn.iter().map(|d| d.0).collect();
        let py: Vec<f64> = drawn.iter().map(|d| d.1).collect();
        let (kx, wx) = affine_residual(&xs, &px);
        let (ky, wy) = affine_residual(&ys, &py);
        assert!(
            kx > 0.0 && ky < 0.0,
            "{name}: axes run the wrong way ({kx}, {ky})"
        );
        assert!(
            wx < 1.5 && wy < 1.5,
            "{name}: drawn {wx:.2} px / {wy:.2} px off"
        );
    }
}
