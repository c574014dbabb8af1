//! The sensitivity view (issue 6): the doubling time of each case with its interval, one
//! colour per group, so the same chart data goes to the window and the SVG/PNG exporter.

use super::palette::{ACCENT, BLUE, GREY, SERIES};
use super::{Axis, Chart, RefLine, Scale, Series, Style};
use crate::analysis::SensitivityRow;

/// Groups in display order with their colours.
const GROUPS: [(&str, [u8; 3]); 5] = [
    ("baseline", ACCENT),
    ("d0", BLUE),
    ("frontier", SERIES[1]),
    ("benchmarks", SERIES[2]),
    ("leave-one-out", SERIES[3]),
];

/// Doubling time (days) per case, x = case number (1-based, table order); intervals as
/// vertical lines; an unbounded upper end drawn to the top of the plot and said so.
pub fn sensitivity_chart(rows: &[SensitivityRow], method: &str) -> Chart {
    let finite: Vec<f64> = rows
        .iter()
        .flat_map(|r| [r.doubling_days, r.doubling_days_low, r.doubling_days_high])
        .flatten()
        .collect();
    let top = finite.iter().copied().fold(0.0f64, f64::max) * 1.1;
    let mut series = Vec::new();
    for (group, color) in GROUPS {
        let mut pts = Series::new(
            group,
            color,
            Style::Points {
                radius: 4.0,
                filled: true,
            },
        );
        for (i, r) in rows.iter().enumerate().filter(|(_, r)| r.group == group) {
            let x = (i + 1) as f64;
            let Some(d) = r.doubling_days else { continue };
            pts.points.push([x, d]);
            let high = if r.doubling_high_unbounded {
                "unbounded".to_string()
            } else {
                r.doubling_days_high
                    .map_or("?".into(), |h| format!("{h:.0}"))
            };
            let low = r
                .doubling_days_low
                .map_or("?".into(), |l| format!("{l:.0}"));
            pts.labels.push(format!(
                "#{} {}: {d:.1} days ({low}–{high}), {} frontier models",
                i + 1,
                r.case,
                r.n_frontier
            ));
            if let Some(lo) = r.doubling_days_low {
                let hi = match (r.doubling_high_unbounded, r.doubling_days_high) {
                    (false, Some(h)) => h,
                    _ => top,
                };
                let mut bar = Series::new(
                    "95% interval",
                    GREY,
                    Style::Line {
                        width: 1.5,
                        dashed: r.doubling_high_unbounded,
                    },
                );
                bar.points = vec![[x, lo], [x, hi]];
                // An interval is data: the axis shows all of it.
                bar.sets_range = true;
                series.push(bar);
            }
        }
        if !pts.points.is_empty() {
            series.push(pts);
        }
    }
    let mut notes = vec![format!("intervals: {method}")];
    for (group, _) in GROUPS {
        let idx: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.group == group)
            .map(|(i, _)| i + 1)
            .collect();
        if let (Some(a), Some(b)) = (idx.first(), idx.last()) {
            notes.push(format!("{group}: cases {a}–{b}"));
        }
    }
    let baseline = rows.first().and_then(|r| r.doubling_days);
    Chart {
        title: "Sensitivity of the doubling time".into(),
        x: Axis {
            label: "case (see the table)".into(),
            scale: Scale::Linear,
        },
        y: Axis {
            label: "doubling time (days)".into(),
            scale: Scale::Linear,
        },
        x_range: None,
        y_range: None,
        point_labels: Vec::new(),
        empty_reason: series
            .is_empty()
            .then(|| "no case has a growing density".to_string()),
        series,
        ref_lines: baseline
            .map(|d| RefLine {
                label: format!("baseline {d:.0} days"),
                vertical: false,
                at: d,
                color: GREY,
            })
            .into_iter()
            .collect(),
        notes,
    }
}
