//! Axes from the data (issue 22, item 3): the window and the exporter start at
//! `chart::auto_ranges`, which the models' points set and the fitted, extrapolated and
//! regression lines do not; every axis gets at least three labelled ticks.

mod export_common;

use densing::analysis::Options;
use densing::chart::{self, Scale, Style, auto_ranges, axis_ticks};
use export_common::Sample;

/// The largest and smallest value of the chart's points series on one axis, computed
/// here from the series themselves.
fn points_span(c: &chart::Chart, axis: usize) -> (f64, f64) {
    let vals: Vec<f64> = c
        .series
        .iter()
        .filter(|s| matches!(s.style, Style::Points { .. }))
        .flat_map(|s| s.points.iter().map(move |p| p[axis]))
        .filter(|v| v.is_finite())
        .collect();
    let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo, hi)
}

/// The range is the points' span with the 5% margin the exporter documents.
fn assert_padded(range: [f64; 2], (lo, hi): (f64, f64), what: &str) {
    let m = 0.05 * (hi - lo);
    assert!(
        (range[0] - (lo - m)).abs() < 1e-9 && (range[1] - (hi + m)).abs() < 1e-9,
        "{what}: range {range:?}, points {lo}..{hi}"
    );
}

#[test]
fn the_inversion_axes_end_at_the_models_not_at_the_rho_lines() {
    // With the constants of params.json the sample's largest effective size is far above
    // its largest model (issue 22: 772.9T for a 36B model); the ρ lines used to be drawn
    // to the larger of both and set an x axis decades past the largest model.
    let s = Sample::new(Options::default());
    let c = chart::inversion_chart(s.inputs());
    assert!(c.empty_reason.is_none());
    let (x, y) = auto_ranges(&c);
    assert_padded(x, points_span(&c, 0), "x (N)");
    assert_padded(y, points_span(&c, 1), "y (N_eff)");
    // The largest N in the data, read from the analysis rows, is what ends the x axis.
    let largest_n = s
        .analysis
        .models
        .iter()
        .filter(|r| r.density.is_some() && r.n_hat.is_some())
        .filter_map(|r| r.n_params)
        .fold(0.0f64, f64::max)
        .log10();
    assert!(
        x[1] < largest_n + 0.5,
        "x ends at {} for N ≤ 10^{largest_n}",
        x[1]
    );
}

#[test]
fn density_axes_come_from_the_models_and_the_regression_stays_in_its_band() {
    for breakpoint in [
        None,
        Some(chrono::NaiveDate::from_ymd_opt(2022, 11, 30).unwrap()),
    ] {
        let options = Options {
            breakpoint,
            ..Options::default()
        };
        let s = Sample::new(options);
        let c = chart::density_chart(s.inputs());
        let (x, y) = auto_ranges(&c);
        let (ylo, yhi) = points_span(&c, 1);
        // The breakpoint's vertical line is shown too (the date the user chose).
        let (mut xlo, mut xhi) = points_span(&c, 0);
        for r in c.ref_lines.iter().filter(|r| r.vertical) {
            xlo = xlo.min(r.at);
            xhi = xhi.max(r.at);
        }
        assert_padded(x, (xlo, xhi), "x (date)");
        assert_padded(y, (ylo, yhi), "y (density)");
        // Every regression line stays within the two decades its band is capped to
        // (BAND_REACH_DECADES), inside the shown date range.
        let mut lines = 0;
        for l in c
            .series
            .iter()
            .filter(|l| matches!(l.style, Style::Line { .. }) && l.name.starts_with("fit"))
            .chain(c.series.iter().filter(|l| l.name == "ln ρ = A·t + B"))
        {
            lines += 1;
            for p in &l.points {
                assert!(
                    p[1] >= ylo - 2.0 - 1e-9 && p[1] <= yhi + 2.0 + 1e-9,
                    "{}: {p:?} beyond {ylo}..{yhi} ± 2 decades",
                    l.name
                );
                assert!(
                    p[0] >= xlo - 1e-9 && p[0] <= xhi + 1e-9,
                    "{}: {p:?}",
                    l.name
                );
            }
        }
        assert!(lines >= 1, "a regression line is drawn ({breakpoint:?})");
    }
}

#[test]
fn every_axis_gets_at_least_three_labelled_ticks() {
    // Short and long ranges of each scale, asked for with the fewest ticks the window
    // asks for (a small plot): a third of a decade, a few months, a narrow linear span.
    let cases = [
        (Scale::Log10, 0.1, 0.4),
        (Scale::Log10, 7.8, 12.2),
        (Scale::Ratio, -0.2, 0.15),
        (Scale::Ratio, -3.0, 4.5),
        (Scale::Date, 19_000.0, 19_100.0),
        (Scale::Date, 17_000.0, 20_500.0),
        (Scale::Linear, 0.31, 0.36),
        (Scale::Linear, 0.0, 100.0),
    ];
    for (scale, lo, hi) in cases {
        for max in [2, 3, 8] {
            let (major, _) = axis_ticks(lo, hi, scale, max);
            assert!(
                major.len() >= 3,
                "{scale:?} {lo}..{hi} (max {max}): {major:?}"
            );
            assert!(
                major.iter().all(|v| *v >= lo - 1e-9 && *v <= hi + 1e-9),
                "{scale:?} {lo}..{hi}: {major:?} outside the range"
            );
            let labels: Vec<String> = major
                .iter()
                .map(|&v| chart::format_axis_value(v, scale))
                .collect();
            let mut distinct = labels.clone();
            distinct.dedup();
            assert_eq!(distinct, labels, "{scale:?} {lo}..{hi}: repeated labels");
        }
    }
}
