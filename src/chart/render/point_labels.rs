//! Writes the chart's point labels (model names on the density view) where
//! [`place_labels`] puts them, with a leader line to a label set away from its point.

use super::lines::ToPx;
use super::style::{Fonts, MUTED, Rect, err, measure, point_radius};
use crate::chart::{Chart, LabelBox, Style, place_labels};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Size of the label text (points at scale 1).
const LABEL_TEXT: f64 = 13.0;
const LEADER: RGBColor = RGBColor(140, 140, 140);

/// Draws the labels whose points are inside `plot`; the boxes drawn join `taken`.
pub(super) fn draw_point_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    plot: &Rect,
    to_px: &ToPx,
    f: &Fonts,
    taken: &mut Vec<Rect>,
) -> Result<Vec<LabelBox>, String> {
    let inside = |p: (i32, i32)| plot.contains(p);
    let labels: Vec<_> = chart
        .point_labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l, to_px(l.at[0], l.at[1]), i))
        .filter(|(l, p, _)| l.at[0].is_finite() && l.at[1].is_finite() && inside(*p))
        .collect();
    if labels.is_empty() {
        return Ok(Vec::new());
    }
    let style = f.style(LABEL_TEXT, &MUTED, HPos::Left, VPos::Top);
    let mut sizes = Vec::with_capacity(labels.len());
    for (l, _, _) in &labels {
        let (w, h) = measure(root, &l.text, &style)?;
        sizes.push((w as f32, h as f32));
    }
    let mut points = Vec::new();
    let mut radius = 0;
    for s in &chart.series {
        if let Style::Points { radius: r, .. } = s.style {
            radius = radius.max(point_radius(r, f));
            points.extend(s.points.iter().map(|p| {
                let q = to_px(p[0], p[1]);
                (q.0 as f32, q.1 as f32)
            }));
        }
    }
    let anchors: Vec<(f32, f32)> = labels
        .iter()
        .map(|(_, p, _)| (p.0 as f32, p.1 as f32))
        .collect();
    let avoid: Vec<[f32; 4]> = taken
        .iter()
        .map(|r| [r.x0 as f32, r.y0 as f32, r.x1 as f32, r.y1 as f32])
        .collect();
    let bounds = [
        plot.x0 as f32 + 2.0,
        plot.y0 as f32 + 2.0,
        plot.x1 as f32 - 2.0,
        plot.y1 as f32 - 2.0,
    ];
    let mut placed = place_labels(&anchors, &sizes, &points, radius as f32, bounds, &avoid);
    for b in &mut placed {
        if b.leader {
            let a = b.attach();
            let from = (b.anchor.0.round() as i32, b.anchor.1.round() as i32);
            root.draw(&PathElement::new(
                vec![from, (a.0.round() as i32, a.1.round() as i32)],
                LEADER.stroke_width(f.width(0.8)),
            ))
            .map_err(err)?;
        }
        let text = &labels[b.index].0.text;
        root.draw_text(text, &style, (b.x0.round() as i32, b.y0.round() as i32))
            .map_err(err)?;
        taken.push(Rect {
            x0: b.x0.floor() as i32,
            y0: b.y0.floor() as i32,
            x1: b.x1.ceil() as i32,
            y1: b.y1.ceil() as i32,
        });
        // The caller counts labels as the chart lists them.
        b.index = labels[b.index].2;
    }
    Ok(placed)
}
