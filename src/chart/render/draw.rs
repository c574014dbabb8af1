//! Draws a [`Chart`] on any plotters backend, in a light theme for print: title, axes with
//! their labels and ticks printed as real values, every series style, reference lines
//! with their labels, the notes in the plot's top-left corner (the y range grows so no
//! data sits under them) and the legend to the right of the plot.

use super::axes::{data_bounds, padded, ticks};
use super::clip::clip_chart;
use super::legend::Legend;
use super::lines::{draw_line, draw_ref_lines, label_ref_lines};
use super::point_labels::draw_point_labels;
use super::style::{
    BAND_ALPHA, FRAME, Fonts, GRID, GRID_MINOR, LABEL, MUTED, Rect, SMALL, TEXT, TICK, TITLE, err,
    measure, point_radius, rgb, wrap,
};
use crate::chart::{Chart, LabelBox, Style, format_axis_value};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, VPos};

/// Maps axis coordinates to pixels.
struct Frame {
    plot: Rect,
    x: (f64, f64),
    y: (f64, f64),
}

impl Frame {
    fn px(&self, x: f64, y: f64) -> (i32, i32) {
        let p = &self.plot;
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (
            (p.x0 as f64 + fx * (p.x1 - p.x0) as f64).round() as i32,
            (p.y1 as f64 - fy * (p.y1 - p.y0) as f64).round() as i32,
        )
    }
}

/// Draws `chart` filling `root`; `k` scales every size (1 for SVG, the pixel density for
/// PNG). Returns the boxes of the point labels drawn.
pub(super) fn render<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    k: f64,
) -> Result<Vec<LabelBox>, String> {
    let f = Fonts { k };
    root.fill(&WHITE).map_err(err)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let m = f.px(16.0);
    let gap = f.px(14.0);
    let title = f.style(TITLE, &TEXT, HPos::Center, VPos::Top);
    root.draw_text(&chart.title, &title, (w / 2, m))
        .map_err(err)?;
    let top = m + measure(root, &chart.title, &title)?.1 + gap;
    if let Some(reason) = &chart.empty_reason {
        let style = f.style(LABEL, &MUTED, HPos::Center, VPos::Center);
        root.draw_text(reason, &style, (w / 2, h / 2))
            .map_err(err)?;
        return Ok(Vec::new());
    }

    // The notes go in the plot's top-left corner; the legend to the right of the plot,
    // or below it when the plot would be too narrow for the notes.
    let note_style = f.style(SMALL, &TEXT, HPos::Left, VPos::Top);
    let pad = f.px(8.0);
    let note_w_whole = chart.notes.iter().try_fold(0, |acc, n| {
        Ok::<_, String>(acc.max(measure(root, n, &note_style)?.0))
    })?;
    let legend = Legend::of(chart);
    let column = legend.layout(root, &f, None)?;
    let side_plot_w = w - 2 * m - column.size.0 - gap - f.px(90.0);
    let below = !legend.entries.is_empty()
        && side_plot_w < (note_w_whole + 2 * pad).max((0.55 * (w - 2 * m) as f64) as i32);
    let (placed, right, below_h) = if legend.entries.is_empty() {
        (column, w - m, 0)
    } else if below {
        let flow = legend.layout(root, &f, Some(w - 2 * m))?;
        let hh = flow.size.1 + gap;
        (flow, w - m, hh)
    } else {
        let r = w - m - column.size.0 - gap;
        (column, r, 0)
    };
    let tick = f.style(TICK, &TEXT, HPos::Center, VPos::Top);
    let label = f.style(LABEL, &TEXT, HPos::Center, VPos::Bottom);
    let tick_h = measure(root, "2023-01", &tick)?.1;
    let label_h = measure(root, "Ag", &label)?.1;
    let tick_len = f.px(5.0);
    let x_label_y = h - m - below_h;
    let bottom = x_label_y - label_h - f.px(10.0) - tick_h - f.px(4.0) - tick_len;

    let (xs, ys) = (chart.x.scale, chart.y.scale);
    let (xb, yb) = data_bounds(chart);
    let xr = chart
        .x_range
        .map_or_else(|| padded(xb, xs), |r| (r[0], r[1]));
    let mut yr = chart
        .y_range
        .map_or_else(|| padded(yb, ys), |r| (r[0], r[1]));
    let max_y = ((bottom - top) as f64 / (k * 40.0)).max(2.0) as usize;
    let y_label_w = |yr: (f64, f64)| -> Result<i32, String> {
        let t = ticks(yr.0, yr.1, ys, max_y);
        t.major.iter().try_fold(0, |acc, &v| {
            Ok(acc.max(measure(root, &format_axis_value(v, ys), &tick)?.0))
        })
    };
    let left_of = |label_w: i32| m + label_h + f.px(10.0) + label_w + f.px(6.0) + tick_len;
    let mut left = left_of(y_label_w(yr)?);

    // Grow the y range so no data sits under the notes.
    let line_gap = f.px(4.0);
    let mut notes: Vec<String> = Vec::new();
    for n in &chart.notes {
        notes.extend(wrap(root, n, &note_style, right - left - 2 * pad)?);
    }
    let (mut note_w, mut note_h) = (0, 0);
    for n in &notes {
        let (nw, nh) = measure(root, n, &note_style)?;
        note_w = note_w.max(nw);
        note_h += nh + line_gap;
    }
    // A range the user zoomed to stays as it is.
    if !notes.is_empty() && chart.y_range.is_none() {
        let plot_h = (bottom - top).max(1) as f64;
        let frac = ((note_h + 2 * pad) as f64 / plot_h).min(0.6);
        let span = (note_w + 2 * pad) as f64 / (right - left).max(1) as f64;
        let marker = f.px(6.0) as f64 / plot_h * (yr.1 - yr.0);
        if let Some(y_max) = highest_in(chart, xr.0, xr.0 + span * (xr.1 - xr.0)) {
            let y_max = y_max + marker;
            if y_max > yr.1 - frac * (yr.1 - yr.0) {
                yr.1 = (y_max - frac * yr.0) / (1.0 - frac);
            }
        }
        left = left.max(left_of(y_label_w(yr)?));
    }
    let frame = Frame {
        plot: Rect {
            x0: left,
            y0: top,
            x1: right,
            y1: bottom,
        },
        x: xr,
        y: yr,
    };
    draw_axes(root, chart, &frame, &f, max_y, x_label_y)?;
    // Nothing is drawn outside the frame (the legend still lists every shown series).
    let clipped = clip_chart(chart, frame.x, frame.y);
    let occupied = draw_series(root, &clipped, &frame, &f)?;
    let to_px = |x, y| frame.px(x, y);
    draw_ref_lines(root, &clipped, &frame.plot, &to_px, &f)?;

    let mut taken = Vec::new();
    if !notes.is_empty() {
        let (x, mut y) = (left + pad, top + pad);
        let bg = Rect::at(
            left + 1,
            top + 1,
            note_w + 2 * pad - 2,
            note_h + 2 * pad - 2,
        );
        root.draw(&Rectangle::new(
            [(bg.x0, bg.y0), (bg.x1, bg.y1)],
            WHITE.mix(0.85).filled(),
        ))
        .map_err(err)?;
        taken.push(bg);
        for n in &notes {
            root.draw_text(n, &note_style, (x, y)).map_err(err)?;
            y += measure(root, n, &note_style)?.1 + line_gap;
        }
    }
    let boxes = draw_point_labels(root, &clipped, &frame.plot, &to_px, &f, &mut taken)?;
    label_ref_lines(
        root,
        &clipped,
        &frame.plot,
        &to_px,
        &f,
        &occupied,
        &mut taken,
    )?;
    if !legend.entries.is_empty() {
        let at = if below {
            (((w - placed.size.0) / 2).max(m), h - m - placed.size.1)
        } else {
            (right + gap, top)
        };
        legend.draw(root, &f, at, &placed)?;
    }
    Ok(boxes)
}

/// The highest y of any series drawn over `x_lo..=x_hi` (line segments clipped there).
fn highest_in(chart: &Chart, x_lo: f64, x_hi: f64) -> Option<f64> {
    let mut best: Option<f64> = None;
    let mut take = |y: f64| {
        if y.is_finite() {
            best = Some(best.map_or(y, |b| b.max(y)));
        }
    };
    for r in chart.ref_lines.iter().filter(|r| !r.vertical) {
        take(r.at);
    }
    for s in &chart.series {
        let pts: Vec<[f64; 2]> = match s.style {
            Style::Band => s
                .points
                .iter()
                .zip(&s.upper)
                .map(|(p, u)| [p[0], *u])
                .collect(),
            _ => s.points.clone(),
        };
        for p in &pts {
            if (x_lo..=x_hi).contains(&p[0]) {
                take(p[1]);
            }
        }
        if !matches!(s.style, Style::Points { .. }) {
            for seg in pts.windows(2) {
                let ([xa, ya], [xb, yb]) = (seg[0], seg[1]);
                for x in [x_lo, x_hi] {
                    if (xa.min(xb)..=xa.max(xb)).contains(&x) && xa != xb {
                        take(ya + (yb - ya) * (x - xa) / (xb - xa));
                    }
                }
            }
        }
    }
    best
}

fn draw_axes<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    fr: &Frame,
    f: &Fonts,
    max_y: usize,
    x_label_y: i32,
) -> Result<(), String> {
    let p = fr.plot;
    let (xs, ys) = (chart.x.scale, chart.y.scale);
    let max_x = ((p.x1 - p.x0) as f64 / (f.k * 90.0)).max(2.0) as usize;
    let xt = ticks(fr.x.0, fr.x.1, xs, max_x);
    let yt = ticks(fr.y.0, fr.y.1, ys, max_y);
    let line = |a: (i32, i32), b: (i32, i32), c: &RGBColor, w: u32| {
        root.draw(&PathElement::new(vec![a, b], c.stroke_width(w)))
            .map_err(err)
    };
    let thin = f.width(1.0);
    for (t, major) in [(&xt.minor, false), (&xt.major, true)] {
        for &v in t {
            let x = fr.px(v, fr.y.0).0;
            line(
                (x, p.y0),
                (x, p.y1),
                if major { &GRID } else { &GRID_MINOR },
                thin,
            )?;
        }
    }
    for (t, major) in [(&yt.minor, false), (&yt.major, true)] {
        for &v in t {
            let y = fr.px(fr.x.0, v).1;
            line(
                (p.x0, y),
                (p.x1, y),
                if major { &GRID } else { &GRID_MINOR },
                thin,
            )?;
        }
    }
    root.draw(&Rectangle::new(
        [(p.x0, p.y0), (p.x1, p.y1)],
        FRAME.stroke_width(thin),
    ))
    .map_err(err)?;
    let tick_len = f.px(5.0);
    let x_tick = f.style(TICK, &TEXT, HPos::Center, VPos::Top);
    for &v in &xt.major {
        let x = fr.px(v, fr.y.0).0;
        line((x, p.y1), (x, p.y1 + tick_len), &FRAME, thin)?;
        root.draw_text(
            &format_axis_value(v, xs),
            &x_tick,
            (x, p.y1 + tick_len + f.px(4.0)),
        )
        .map_err(err)?;
    }
    let y_tick = f.style(TICK, &TEXT, HPos::Right, VPos::Center);
    for &v in &yt.major {
        let y = fr.px(fr.x.0, v).1;
        line((p.x0 - tick_len, y), (p.x0, y), &FRAME, thin)?;
        root.draw_text(
            &format_axis_value(v, ys),
            &y_tick,
            (p.x0 - tick_len - f.px(6.0), y),
        )
        .map_err(err)?;
    }
    let m = f.px(16.0);
    let x_label = f.style(LABEL, &TEXT, HPos::Center, VPos::Bottom);
    root.draw_text(&chart.x.label, &x_label, ((p.x0 + p.x1) / 2, x_label_y))
        .map_err(err)?;
    let y_label = f
        .style(LABEL, &TEXT, HPos::Center, VPos::Top)
        .transform(FontTransform::Rotate270);
    root.draw_text(&chart.y.label, &y_label, (m, (p.y0 + p.y1) / 2))
        .map_err(err)?;
    Ok(())
}

/// Draws every series in order; returns the pixels they cover (points and line samples),
/// which reference-line labels avoid.
fn draw_series<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    fr: &Frame,
    f: &Fonts,
) -> Result<Vec<(i32, i32)>, String> {
    let mut occupied = Vec::new();
    for s in &chart.series {
        let color = rgb(s.color);
        let px: Vec<(i32, i32)> = s
            .points
            .iter()
            .filter(|p| p[0].is_finite() && p[1].is_finite())
            .map(|p| fr.px(p[0], p[1]))
            .collect();
        match s.style {
            Style::Band => {
                let mut outline = px.clone();
                outline.extend(
                    s.points
                        .iter()
                        .zip(&s.upper)
                        .rev()
                        .filter(|(p, u)| p[0].is_finite() && u.is_finite())
                        .map(|(p, u)| fr.px(p[0], *u)),
                );
                root.draw(&Polygon::new(outline, color.mix(BAND_ALPHA).filled()))
                    .map_err(err)?;
            }
            Style::Line { width, dashed } => {
                draw_line(root, &px, &color, f.width(width as f64), dashed, f)?;
                for seg in px.windows(2) {
                    let (a, b) = (seg[0], seg[1]);
                    let n = ((b.0 - a.0).abs().max((b.1 - a.1).abs()) / f.px(8.0).max(1)).max(1);
                    occupied.extend(
                        (0..=n).map(|i| (a.0 + (b.0 - a.0) * i / n, a.1 + (b.1 - a.1) * i / n)),
                    );
                }
            }
            Style::Points { radius, filled } => {
                let r = point_radius(radius, f);
                for &p in &px {
                    super::legend::draw_marker(root, p, r, &color, filled, s.marker, f)?;
                }
                occupied.extend(px);
            }
        }
    }
    Ok(occupied)
}
