//! Draws a [`Chart`] as SVG text or PNG bytes with plotters (DESIGN §2, issue 5). It draws
//! the same chart values the window draws, so an export shows what was on screen, in a
//! light theme for print. Text uses the bundled DejaVu Sans (assets/), so exports look the
//! same on every machine and need no system fonts. Files are written by the io layer
//! (`crate::io::write_svg`, `write_png`), atomically.

mod axes;
mod clip;
mod draw;
mod legend;
mod lines;
mod point_labels;
mod style;

use super::{Chart, LabelBox, Scale};
use plotters::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use thiserror::Error;

/// DejaVu Sans (Bitstream Vera licence, assets/DejaVuSans-LICENSE.txt).
static FONT_BYTES: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// Registers the bundled font with plotters once.
fn font_ready() -> Result<(), String> {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    READY
        .get_or_init(|| {
            plotters::style::register_font(style::FONT, FontStyle::Normal, FONT_BYTES)
                .map_err(|_| "the bundled font could not be loaded".to_string())
        })
        .clone()
}

/// Why a chart could not be drawn.
#[derive(Debug, Error)]
pub enum RenderError {
    #[error("size {width}x{height} is out of range (16 to 10000 pixels a side)")]
    Size { width: u32, height: u32 },
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    #[error("cannot encode the image: {0}")]
    Io(#[source] std::io::Error),
}

const MAX_SIDE: u32 = 10_000;

fn check_size(size: (u32, u32)) -> Result<(), RenderError> {
    let ok = |v: u32| (16..=MAX_SIDE).contains(&v);
    if ok(size.0) && ok(size.1) {
        Ok(())
    } else {
        Err(RenderError::Size {
            width: size.0,
            height: size.1,
        })
    }
}

/// The corner of the plot area with the fewest data points and labels in it, as (left,
/// top): where a legend inside the plot hides the least. `frac` is the legend's share of
/// the plot's width and height. Ties keep the usual top right.
pub fn emptiest_corner(chart: &Chart, frac: (f64, f64)) -> (bool, bool) {
    let ([x0, x1], [y0, y1]) = auto_ranges(chart);
    let norm = |p: [f64; 2]| ((p[0] - x0) / (x1 - x0), (p[1] - y0) / (y1 - y0));
    let mut pts: Vec<(f64, f64)> = Vec::new();
    for s in &chart.series {
        if s.style != super::Style::Band {
            pts.extend(s.points.iter().map(|&p| norm(p)));
        }
    }
    pts.extend(chart.point_labels.iter().map(|l| norm(l.at)));
    let count = |(left, top): (bool, bool)| {
        pts.iter()
            .filter(|&&(x, y)| {
                let in_x = if left { x <= frac.0 } else { x >= 1.0 - frac.0 };
                let in_y = if top { y >= 1.0 - frac.1 } else { y <= frac.1 };
                in_x && in_y
            })
            .count()
    };
    [(false, true), (true, true), (false, false), (true, false)]
        .into_iter()
        .min_by_key(|&c| count(c))
        .unwrap_or((false, true))
}

/// The labelled (major) and grid-only (minor) ticks of an axis showing `lo..=hi`, at
/// most about `max` labelled ones and at least 3 whenever the range allows: the window
/// asks for as many as its plot's size holds, as the exporter does.
pub fn axis_ticks(lo: f64, hi: f64, scale: Scale, max: usize) -> (Vec<f64>, Vec<f64>) {
    let mut t = axes::ticks(lo, hi, scale, max);
    // A short range (a third of a decade, a few months) can give one or two labels at
    // `max`; ask for finer steps until there are three.
    let mut m = max.max(2);
    while t.major.len() < 3 && m < 4 * max.max(3) {
        m += 1;
        t = axes::ticks(lo, hi, scale, m);
    }
    (t.major, t.minor)
}

/// The ranges a chart shows before any zoom: its data with a 5% margin (point labels do
/// not set them). The window starts and resets its plots at these, as exports do.
pub fn auto_ranges(chart: &Chart) -> ([f64; 2], [f64; 2]) {
    let (xb, yb) = axes::data_bounds(chart);
    let (x, y) = (
        axes::padded(xb, chart.x.scale),
        axes::padded(yb, chart.y.scale),
    );
    ([x.0, x.1], [y.0, y.1])
}

/// The chart as an SVG document of `size` (width, height) pixels.
pub fn svg_string(chart: &Chart, size: (u32, u32)) -> Result<String, RenderError> {
    svg_and_labels(chart, size).map(|(svg, _)| svg)
}

/// Where the exporter puts the chart's point labels at `size` (the boxes of an SVG
/// export, in its pixels).
pub fn label_boxes(chart: &Chart, size: (u32, u32)) -> Result<Vec<LabelBox>, RenderError> {
    svg_and_labels(chart, size).map(|(_, b)| b)
}

fn svg_and_labels(chart: &Chart, size: (u32, u32)) -> Result<(String, Vec<LabelBox>), RenderError> {
    check_size(size)?;
    font_ready().map_err(RenderError::Draw)?;
    let mut out = String::new();
    let boxes;
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        boxes = draw::render(&root, chart, 1.0).map_err(RenderError::Draw)?;
        root.present()
            .map_err(|e| RenderError::Draw(e.to_string()))?;
    }
    Ok((out, boxes))
}

/// The pixel size of a PNG of logical `size` at pixel density `scale`.
fn png_pixels(size: (u32, u32), scale: f32) -> Result<(u32, u32, f64), RenderError> {
    let k = if scale.is_finite() && scale > 0.0 {
        scale as f64
    } else {
        1.0
    };
    let px = (
        (size.0 as f64 * k).round() as u32,
        (size.1 as f64 * k).round() as u32,
    );
    check_size(size)?;
    check_size(px)?;
    Ok((px.0, px.1, k))
}

/// A fresh file name in the system's temporary folder (plotters encodes PNGs to a file).
fn scratch_png() -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!(".densing-chart.{}-{n}.png", std::process::id()))
}

/// Renders a PNG into the file `tmp` (a fresh file; plotters encodes by its extension).
fn render_png(chart: &Chart, size: (u32, u32), scale: f32, tmp: &Path) -> Result<(), RenderError> {
    let (w, h, k) = png_pixels(size, scale)?;
    font_ready().map_err(RenderError::Draw)?;
    std::fs::File::create(tmp).map_err(RenderError::Io)?;
    let root = BitMapBackend::new(tmp, (w, h)).into_drawing_area();
    draw::render(&root, chart, k).map_err(RenderError::Draw)?;
    root.present()
        .map_err(|e| RenderError::Io(std::io::Error::other(e.to_string())))
}

/// The chart as PNG file bytes: `size` is the logical size (as for SVG) and `scale` the
/// pixel density (2.0 gives a 2400x1600 image of a 1200x800 chart, for print).
pub fn png_bytes(chart: &Chart, size: (u32, u32), scale: f32) -> Result<Vec<u8>, RenderError> {
    let tmp = scratch_png();
    let result = render_png(chart, size, scale, &tmp)
        .and_then(|()| std::fs::read(&tmp).map_err(RenderError::Io));
    let _ = std::fs::remove_file(&tmp);
    result
}
