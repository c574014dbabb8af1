//! What the density view can draw over the models (issue 21 items 2 and 4), described once
//! for the window and the SVG/PNG export: an arrow from each parent to its child (both with
//! a density), and the paper's published doubling times as dashed lines through the
//! frontier's centre.

use super::build::ChartInputs;
use super::palette::{GREY, SERIES};
use super::ticks::days_of;
use super::{Series, Style};
use crate::analysis::lineage::lineage;

/// The series of the parent → child arrows.
pub const LINEAGE_SERIES: &str = "from parent to child";

/// The published doubling times drawn (days): the arXiv version's 95–99 days drawn at 97,
/// the journal version's about 106.
pub const PUBLISHED_SLOPES: [(&str, f64); 2] = [("arXiv", 97.0), ("journal", 106.0)];

/// The legend name of a published slope.
pub fn published_series_name(what: &str, days: f64) -> String {
    format!("published {what}: doubling {days} d")
}

/// Screen width over height the arrowheads assume (both the window and the export are
/// wider than tall; a head drawn on another shape is only a little skewed).
const ASPECT: f64 = 1.6;
/// Arrowhead length, as a fraction of the plot's height.
const HEAD: f64 = 0.03;

/// Adds the overlays the options ask for.
pub(super) fn add_overlays(
    inp: &ChartInputs<'_>,
    series: &mut Vec<Series>,
    notes: &mut Vec<String>,
) {
    let points: Vec<[f64; 2]> = series
        .iter()
        .filter(|s| matches!(s.style, Style::Points { .. }))
        .flat_map(|s| s.points.iter().copied())
        .filter(|p| p[0].is_finite() && p[1].is_finite())
        .collect();
    if points.is_empty() {
        return;
    }
    let span = |k: usize| {
        let lo = points.iter().map(|p| p[k]).fold(f64::INFINITY, f64::min);
        let hi = points
            .iter()
            .map(|p| p[k])
            .fold(f64::NEG_INFINITY, f64::max);
        (hi - lo).max(if k == 0 { 30.0 } else { 0.1 })
    };
    if inp.options.published_slopes
        && let Some(lines) = published(inp)
    {
        series.extend(lines);
    }
    if inp.options.lineage_arrows {
        let (arrows, n) = arrows(inp, (span(0), span(1)));
        notes.push(if n == 0 {
            "no parent and child both with a density".to_string()
        } else {
            format!("{n} arrows from a parent to its child (densing lineage)")
        });
        if n > 0 {
            series.push(arrows);
        }
    }
}

/// The point of a model on the density view.
fn point_of(inp: &ChartInputs<'_>, k: usize) -> Option<[f64; 2]> {
    let r = &inp.analysis.models[k];
    Some([days_of(r.release_date?), r.density?.log10()])
}

/// One polyline: shaft parent → child, then the head, pieces split by NaN.
fn arrows(inp: &ChartInputs<'_>, span: (f64, f64)) -> (Series, usize) {
    let mut s = Series::new(
        LINEAGE_SERIES,
        SERIES[3],
        Style::Line {
            width: 1.5,
            dashed: false,
        },
    );
    let gap = [f64::NAN, f64::NAN];
    let mut n = 0;
    for p in lineage(inp.dataset, inp.analysis).pairs {
        let (Some(from), Some(to)) = (point_of(inp, p.parent), point_of(inp, p.child)) else {
            continue;
        };
        // In screen-like units (the plot's height is 1).
        let (dx, dy) = (
            (to[0] - from[0]) / span.0 * ASPECT,
            (to[1] - from[1]) / span.1,
        );
        let len = dx.hypot(dy);
        if len < 1e-9 {
            continue;
        }
        let (ux, uy) = (dx / len, dy / len);
        let wing = |sign: f64| {
            let (c, s) = (0.42f64.cos(), sign * 0.42f64.sin());
            let (wx, wy) = (-(ux * c - uy * s), -(ux * s + uy * c));
            [
                to[0] + wx * HEAD * span.0 / ASPECT,
                to[1] + wy * HEAD * span.1,
            ]
        };
        s.points
            .extend([from, to, gap, wing(1.0), to, wing(-1.0), gap]);
        n += 1;
    }
    (s, n)
}

/// The published slopes through the frontier's centre (mean of its dates and log ρ), over
/// the frontier's dates.
fn published(inp: &ChartInputs<'_>) -> Option<Vec<Series>> {
    let front: Vec<[f64; 2]> = inp
        .analysis
        .frontier
        .iter()
        .filter_map(|&k| point_of(inp, k))
        .collect();
    if front.len() < 2 {
        return None;
    }
    let n = front.len() as f64;
    let (cx, cy) = (
        front.iter().map(|p| p[0]).sum::<f64>() / n,
        front.iter().map(|p| p[1]).sum::<f64>() / n,
    );
    let lo = front.iter().map(|p| p[0]).fold(f64::INFINITY, f64::min);
    let hi = front.iter().map(|p| p[0]).fold(f64::NEG_INFINITY, f64::max);
    let lines = PUBLISHED_SLOPES
        .iter()
        .zip([GREY, SERIES[2]])
        .map(|(&(what, days), color)| {
            // log10 ρ rises by log10 2 every `days`.
            let slope = 2f64.log10() / days;
            let mut s = Series::new(
                published_series_name(what, days),
                color,
                Style::Line {
                    width: 1.0,
                    dashed: true,
                },
            );
            s.points = vec![[lo, cy + slope * (lo - cx)], [hi, cy + slope * (hi - cx)]];
            s
        })
        .collect();
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Options, analyze};
    use crate::data::sample;
    use crate::law::Fits;

    fn sample_fits() -> Fits {
        crate::data::parse_params("params.json", crate::data::SAMPLE_PARAMS_JSON).unwrap()
    }

    #[test]
    fn published_slopes_pass_through_the_frontier_centre() {
        let d = sample().unwrap();
        let fits = sample_fits();
        let o = Options {
            task: "mmlu".into(),
            published_slopes: true,
            ..Options::default()
        };
        let a = analyze(&d, &fits, &o);
        let inp = ChartInputs {
            dataset: &d,
            fits: &fits,
            options: &o,
            analysis: &a,
        };
        let c = crate::chart::density_chart(inp);
        let front: Vec<[f64; 2]> = a
            .frontier
            .iter()
            .filter_map(|&k| point_of(&inp, k))
            .collect();
        let n = front.len() as f64;
        let cx = front.iter().map(|p| p[0]).sum::<f64>() / n;
        let cy = front.iter().map(|p| p[1]).sum::<f64>() / n;
        for (what, days) in PUBLISHED_SLOPES {
            let s = c
                .series
                .iter()
                .find(|s| s.name == published_series_name(what, days))
                .expect("the published slope is drawn");
            let [a0, b0] = [s.points[0], s.points[1]];
            // Doubling every `days`: log10 ρ rises by log10 2 over `days` days.
            let slope = (b0[1] - a0[1]) / (b0[0] - a0[0]);
            assert!((slope * days / 2f64.log10() - 1.0).abs() < 1e-9);
            let at_cx = a0[1] + slope * (cx - a0[0]);
            assert!((at_cx - cy).abs() < 1e-9, "{what}: through the centre");
        }
    }

    #[test]
    fn arrows_join_the_sample_parents_to_their_children() {
        let d = sample().unwrap();
        let fits = sample_fits();
        let o = Options {
            task: "mmlu".into(),
            lineage_arrows: true,
            ..Options::default()
        };
        let a = analyze(&d, &fits, &o);
        let inp = ChartInputs {
            dataset: &d,
            fits: &fits,
            options: &o,
            analysis: &a,
        };
        let c = crate::chart::density_chart(inp);
        let s = c.series.iter().find(|s| s.name == LINEAGE_SERIES).unwrap();
        let pairs = lineage(&d, &a).pairs;
        let with_both = pairs.iter().filter(|p| p.ratio.is_some()).count();
        assert!(with_both > 0);
        // Seven points per arrow: shaft, gap, head (three points), gap.
        assert_eq!(s.points.len(), 7 * with_both);
        let parent = d
            .models
            .iter()
            .position(|m| m.name == "Llama-3.1-8B")
            .unwrap();
        assert_eq!(s.points[0], point_of(&inp, parent).unwrap());
        // Off by default.
        let plain = Options {
            lineage_arrows: false,
            ..o.clone()
        };
        let a2 = analyze(&d, &fits, &plain);
        let c2 = crate::chart::density_chart(ChartInputs {
            options: &plain,
            analysis: &a2,
            ..inp
        });
        assert!(c2.series.iter().all(|s| s.name != LINEAGE_SERIES));
    }
}
