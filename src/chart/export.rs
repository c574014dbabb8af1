//! Writes a [`Chart`] to SVG or PNG with plotters (DESIGN §2, issue 5). The exporter draws
//! the same chart values the window draws, so an export shows what was on screen, in a
//! light theme for print. Text uses the bundled DejaVu Sans (assets/), so exports look the
//! same on every machine and need no system fonts. Files are written to a temporary file
//! beside the target and renamed into place: a failed export leaves no partial file.

mod axes;
mod clip;
mod draw;
mod legend;
mod lines;
mod point_labels;

use super::{Chart, LabelBox};
use crate::export::{ExportError, rename_into_place, temp_path_beside, write_atomic};
use plotters::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// DejaVu Sans (Bitstream Vera licence, assets/DejaVuSans-LICENSE.txt).
static FONT_BYTES: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// Registers the bundled font with plotters once.
fn font_ready() -> Result<(), String> {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    READY
        .get_or_init(|| {
            plotters::style::register_font(draw::FONT, FontStyle::Normal, FONT_BYTES)
                .map_err(|_| "the bundled font could not be loaded".to_string())
        })
        .clone()
}

const MAX_SIDE: u32 = 10_000;

fn check_size(size: (u32, u32), path: &Path) -> Result<(), ExportError> {
    let ok = |v: u32| (16..=MAX_SIDE).contains(&v);
    if ok(size.0) && ok(size.1) {
        Ok(())
    } else {
        Err(ExportError::Size {
            path: path.into(),
            width: size.0,
            height: size.1,
        })
    }
}

fn memory() -> PathBuf {
    PathBuf::from("(in memory)")
}

/// The chart as an SVG document of `size` (width, height) pixels.
pub fn svg_string(chart: &Chart, size: (u32, u32)) -> Result<String, ExportError> {
    svg_for(chart, size, &memory())
}

fn svg_for(chart: &Chart, size: (u32, u32), path: &Path) -> Result<String, ExportError> {
    svg_and_labels(chart, size, path).map(|(svg, _)| svg)
}

/// Where the exporter puts the chart's point labels at `size` (the boxes of an SVG
/// export, in its pixels).
pub fn label_boxes(chart: &Chart, size: (u32, u32)) -> Result<Vec<LabelBox>, ExportError> {
    svg_and_labels(chart, size, &memory()).map(|(_, b)| b)
}

fn svg_and_labels(
    chart: &Chart,
    size: (u32, u32),
    path: &Path,
) -> Result<(String, Vec<LabelBox>), ExportError> {
    check_size(size, path)?;
    let draw_err = |reason: String| ExportError::Draw {
        path: path.into(),
        reason,
    };
    font_ready().map_err(draw_err)?;
    let mut out = String::new();
    let boxes;
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        boxes = draw::render(&root, chart, 1.0).map_err(draw_err)?;
        root.present().map_err(|e| draw_err(e.to_string()))?;
    }
    Ok((out, boxes))
}

/// Writes the chart as an SVG file of `size` (width, height) pixels.
pub fn write_svg(chart: &Chart, size: (u32, u32), path: &Path) -> Result<(), ExportError> {
    let svg = svg_for(chart, size, path)?;
    write_atomic(path, svg.as_bytes())
}

/// The pixel size of a PNG of logical `size` at pixel density `scale`.
fn png_pixels(size: (u32, u32), scale: f32, path: &Path) -> Result<(u32, u32, f64), ExportError> {
    let k = if scale.is_finite() && scale > 0.0 {
        scale as f64
    } else {
        1.0
    };
    let px = (
        (size.0 as f64 * k).round() as u32,
        (size.1 as f64 * k).round() as u32,
    );
    check_size(size, path)?;
    check_size(px, path)?;
    Ok((px.0, px.1, k))
}

/// Renders a PNG into the file `tmp` (a fresh file; plotters encodes by its extension).
fn render_png(
    chart: &Chart,
    size: (u32, u32),
    scale: f32,
    tmp: &Path,
    path: &Path,
) -> Result<(), ExportError> {
    let (w, h, k) = png_pixels(size, scale, path)?;
    let draw_err = |reason: String| ExportError::Draw {
        path: path.into(),
        reason,
    };
    font_ready().map_err(draw_err)?;
    // Create the file first so a missing folder or a read-only one is an I/O error.
    std::fs::File::create(tmp).map_err(|source| ExportError::Io {
        path: path.into(),
        source,
    })?;
    let root = BitMapBackend::new(tmp, (w, h)).into_drawing_area();
    draw::render(&root, chart, k).map_err(draw_err)?;
    root.present().map_err(|e| ExportError::Io {
        path: path.into(),
        source: std::io::Error::other(e.to_string()),
    })
}

/// Writes the chart as a PNG file: `size` is the logical size (as for SVG) and `scale` the
/// pixel density (2.0 gives a 2400x1600 image of a 1200x800 chart, for print).
pub fn write_png(
    chart: &Chart,
    size: (u32, u32),
    scale: f32,
    path: &Path,
) -> Result<(), ExportError> {
    let tmp = temp_path_beside(path, "png")?;
    match render_png(chart, size, scale, &tmp, path) {
        Ok(()) => rename_into_place(&tmp, path),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// The chart as PNG file bytes (see [`write_png`]).
pub fn png_bytes(chart: &Chart, size: (u32, u32), scale: f32) -> Result<Vec<u8>, ExportError> {
    let path = memory();
    let tmp = temp_path_beside(&std::env::temp_dir().join("densing-chart"), "png")?;
    let result = render_png(chart, size, scale, &tmp, &path).and_then(|()| {
        std::fs::read(&tmp).map_err(|source| ExportError::Io {
            path: path.clone(),
            source,
        })
    });
    let _ = std::fs::remove_file(&tmp);
    result
}
