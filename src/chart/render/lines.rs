//! Lines in exported charts: solid and dashed polylines, and the reference lines with
//! their labels.

use super::style::{Fonts, MUTED, Rect, SMALL, err, measure, rgb};
use crate::chart::{Chart, RefLine};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Maps axis coordinates to pixels.
pub(super) type ToPx<'a> = dyn Fn(f64, f64) -> (i32, i32) + 'a;

pub(super) fn draw_line<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    px: &[(i32, i32)],
    color: &RGBColor,
    width: u32,
    dashed: bool,
    f: &Fonts,
) -> Result<(), String> {
    let style = color.stroke_width(width);
    if !dashed {
        return root
            .draw(&PathElement::new(px.to_vec(), style))
            .map_err(err);
    }
    for dash in dashes(px, 7.0 * f.k, 5.0 * f.k) {
        root.draw(&PathElement::new(dash, style)).map_err(err)?;
    }
    Ok(())
}

/// Splits a polyline into dashes of length `on` separated by gaps of `off` (pixels),
/// measured along the whole line so the pattern runs on across its vertices.
fn dashes(px: &[(i32, i32)], on: f64, off: f64) -> Vec<Vec<(i32, i32)>> {
    let (on, off) = (on.max(1.0), off.max(1.0));
    let mut out = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let (mut drawing, mut left) = (true, on);
    for seg in px.windows(2) {
        let a = (seg[0].0 as f64, seg[0].1 as f64);
        let b = (seg[1].0 as f64, seg[1].1 as f64);
        let len = (b.0 - a.0).hypot(b.1 - a.1);
        let mut t = 0.0;
        if drawing && current.is_empty() {
            current.push(a);
        }
        while len - t > left {
            t += left;
            let p = (a.0 + (b.0 - a.0) * t / len, a.1 + (b.1 - a.1) * t / len);
            if drawing {
                current.push(p);
                out.push(std::mem::take(&mut current));
            } else {
                current.push(p);
            }
            drawing = !drawing;
            left = if drawing { on } else { off };
        }
        left -= len - t;
        if drawing {
            current.push(b);
        } else {
            current.clear();
        }
    }
    if drawing && current.len() > 1 {
        out.push(current);
    }
    out.into_iter()
        .map(|d| {
            let mut v: Vec<(i32, i32)> = d
                .into_iter()
                .map(|(x, y)| (x.round() as i32, y.round() as i32))
                .collect();
            v.dedup();
            v
        })
        .filter(|v| v.len() > 1)
        .collect()
}

/// Where a reference line runs across the plot, in pixels.
fn ends(r: &RefLine, plot: &Rect, to_px: &ToPx) -> ((i32, i32), (i32, i32)) {
    if r.vertical {
        let x = to_px(r.at, 0.0).0;
        ((x, plot.y0), (x, plot.y1))
    } else {
        let y = to_px(0.0, r.at).1;
        ((plot.x0, y), (plot.x1, y))
    }
}

/// Dashed reference lines across the plot (drawn under the notes).
pub(super) fn draw_ref_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    plot: &Rect,
    to_px: &ToPx,
    f: &Fonts,
) -> Result<(), String> {
    for r in &chart.ref_lines {
        let (a, b) = ends(r, plot, to_px);
        draw_line(root, &[a, b], &rgb(r.color), f.width(1.5), true, f)?;
    }
    Ok(())
}

/// Labels each reference line where its label covers the fewest data points (`occupied`)
/// and nothing already written (`taken`, which the labels join).
pub(super) fn label_ref_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    plot: &Rect,
    to_px: &ToPx,
    f: &Fonts,
    occupied: &[(i32, i32)],
    taken: &mut Vec<Rect>,
) -> Result<(), String> {
    let p = *plot;
    let g = f.px(5.0);
    for r in &chart.ref_lines {
        let (a, _) = ends(r, plot, to_px);
        let style = f.style(SMALL, &MUTED, HPos::Left, VPos::Top);
        let (tw, th) = measure(root, &r.label, &style)?;
        let candidates = if r.vertical {
            let x = a.0;
            [
                Rect::at(x + g, p.y0 + g, tw, th),
                Rect::at(x - g - tw, p.y0 + g, tw, th),
                Rect::at(x + g, p.y1 - g - th, tw, th),
                Rect::at(x - g - tw, p.y1 - g - th, tw, th),
            ]
        } else {
            let y = a.1;
            [
                Rect::at(p.x1 - g - tw, y - g - th, tw, th),
                Rect::at(p.x1 - g - tw, y + g, tw, th),
                Rect::at(p.x0 + g, y - g - th, tw, th),
                Rect::at(p.x0 + g, y + g, tw, th),
            ]
        };
        let cost = |c: &Rect| {
            let grown = Rect {
                x0: c.x0 - g,
                y0: c.y0 - g,
                x1: c.x1 + g,
                y1: c.y1 + g,
            };
            let hits = occupied.iter().filter(|q| grown.contains(**q)).count();
            let clash = taken.iter().any(|t| t.intersects(c));
            hits + if clash { 10_000 } else { 0 } + if c.inside(&p) { 0 } else { 100_000 }
        };
        let best = candidates
            .iter()
            .enumerate()
            .min_by_key(|(i, c)| (cost(c), *i))
            .map(|(_, c)| *c)
            .unwrap_or(candidates[0]);
        root.draw(&Rectangle::new(
            [(best.x0 - 2, best.y0 - 1), (best.x1 + 2, best.y1 + 1)],
            WHITE.mix(0.8).filled(),
        ))
        .map_err(err)?;
        root.draw_text(&r.label, &style, (best.x0, best.y0))
            .map_err(err)?;
        taken.push(best);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::dashes;

    #[test]
    fn dashes_follow_the_line_across_vertices() {
        // 30 px of line, 4 on, 2 off: on at 0-4, 6-10, 12-16, 18-22, 24-28 along it.
        let d = dashes(&[(0, 0), (10, 0), (10, 20)], 4.0, 2.0);
        assert_eq!(
            d,
            [
                vec![(0, 0), (4, 0)],
                vec![(6, 0), (10, 0)],
                vec![(10, 2), (10, 6)],
                vec![(10, 8), (10, 12)],
                vec![(10, 14), (10, 18)],
            ]
        );
        // A dash that runs over a corner turns with the line.
        let d = dashes(&[(0, 0), (2, 0), (2, 10)], 4.0, 2.0);
        assert_eq!(d[0], [(0, 0), (2, 0), (2, 2)]);
        assert!(dashes(&[(0, 0)], 4.0, 2.0).is_empty());
    }
}
