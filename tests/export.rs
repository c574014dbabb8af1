//! Exports (issue 5): charts as SVG/PNG drawn from the same chart values as the window,
//! tables as CSV/JSON, atomic writes, and `densing export` on the command line.
//! The sample is analysed with the constants of sample_data/params.json (no fit), except
//! where the command line fits it as `densing report` does.
//! (Tables, atomic writes and `densing export`: tests/export_files.rs.)

use densing::analysis::Options;
use densing::chart::{self, Chart, format_axis_value, regression_note};
use std::collections::HashSet;

mod export_common;
use export_common::{Sample, decode, svg_texts};

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
