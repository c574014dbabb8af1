//! The model-free view (issue 21): each threshold's record-small staircase on log N
//! against release date, with its fitted line, the models named. The same description
//! feeds the window's fifth view and `densing export --chart iso`.

use super::build::{axis, empty};
use super::palette::SERIES;
use super::ticks::days_of;
use super::{Chart, PointLabel, Scale, Series, Style};
use crate::analysis::iso::{DEFAULT_THRESHOLD_COUNT, IsoResult, default_thresholds, iso};
use crate::data::Dataset;
use crate::format::CHART_INTERVAL;

/// The view's chart for `thresholds` (the defaults when empty).
pub fn iso_chart(inp: super::ChartInputs<'_>, thresholds: &[f64]) -> Chart {
    let thresholds = if thresholds.is_empty() {
        default_thresholds(inp.dataset, inp.options, DEFAULT_THRESHOLD_COUNT)
    } else {
        thresholds.to_vec()
    };
    let r = iso(inp.dataset, inp.options, &thresholds);
    iso_chart_of(inp.dataset, &r, inp.options.ref_date)
}

/// The chart of a computed check.
pub fn iso_chart_of(dataset: &Dataset, r: &IsoResult, ref_date: chrono::NaiveDate) -> Chart {
    let title = format!("Smallest model reaching each {} score", r.task);
    let (x, y) = (
        axis("release date", Scale::Date),
        axis(
            &format!("parameters N ({}, log scale)", r.basis.name()),
            Scale::Log10,
        ),
    );
    if r.staircases.iter().all(|s| s.models.is_empty()) {
        return empty(
            title,
            x,
            y,
            format!("no model reaches the thresholds on {}", r.task),
        );
    }
    let ref_day = days_of(ref_date);
    let (mut series, mut notes, mut point_labels) = (Vec::new(), Vec::new(), Vec::new());
    for (k, s) in r.staircases.iter().enumerate() {
        let color = SERIES[k % SERIES.len()];
        let name = format!("score ≥ {}", s.threshold);
        let mut pts = Series::new(
            name.clone(),
            color,
            Style::Points {
                radius: 4.5,
                filled: true,
            },
        );
        let mut days = Vec::new();
        for &i in &s.models {
            let m = &dataset.models[i];
            let (Some(d), Some(n)) = (m.release_date, r.basis.size_of(m)) else {
                continue;
            };
            let at = [days_of(d), n.log10()];
            days.push(at[0]);
            pts.points.push(at);
            pts.labels.push(m.name.clone());
            point_labels.push(PointLabel {
                text: m.name.clone(),
                at,
                series: name.clone(),
            });
        }
        series.push(pts);
        match &s.regression {
            Some(g) => {
                let lo = days.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = days.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let mut line = Series::new(
                    format!("fit {name}"),
                    color,
                    Style::Line {
                        width: 1.5,
                        dashed: false,
                    },
                );
                for d in [lo, hi] {
                    if let Some(ln_n) = s.ln_n_at(d - ref_day) {
                        line.points.push([d, ln_n / std::f64::consts::LN_10]);
                    }
                }
                series.push(line);
                notes.push(format!(
                    "{name}: halving {} days (95% {}), R² {:.2}, n {}",
                    CHART_INTERVAL.bound(g.doubling_days),
                    CHART_INTERVAL.text(
                        g.doubling_days_low,
                        g.doubling_days_high,
                        g.doubling_high_unbounded
                    ),
                    g.r2,
                    s.models.len()
                ));
            }
            None => notes.push(format!(
                "{name}: {} model(s) on the staircase, no line",
                s.models.len()
            )),
        }
    }
    if let Some(p) = &r.pooled {
        notes.push(format!(
            "pooled: halving {} days (95% {}), {} points",
            CHART_INTERVAL.bound(p.halving_days),
            CHART_INTERVAL.text(
                p.halving_days_low,
                p.halving_days_high,
                p.halving_high_unbounded
            ),
            p.n_points
        ));
    }
    super::Chart {
        title,
        x,
        y,
        series,
        ref_lines: Vec::new(),
        notes,
        empty_reason: None,
        x_range: None,
        y_range: None,
        point_labels,
    }
}
