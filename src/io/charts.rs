//! Chart files: the chart layer draws ([`crate::chart::svg_string`],
//! [`crate::chart::png_bytes`]); this writes the result atomically, naming the file in
//! every error.

use super::write::{WriteError, write_atomic};
use crate::chart::{Chart, RenderError, png_bytes, svg_string};
use std::path::Path;

fn named(path: &Path, e: RenderError) -> WriteError {
    let path = path.into();
    match e {
        RenderError::Size { width, height } => WriteError::Size {
            path,
            width,
            height,
        },
        RenderError::Draw(reason) => WriteError::Draw { path, reason },
        RenderError::Io(source) => WriteError::Io { path, source },
    }
}

/// Writes the chart as an SVG file of `size` (width, height) pixels.
pub fn write_svg(chart: &Chart, size: (u32, u32), path: &Path) -> Result<(), WriteError> {
    let svg = svg_string(chart, size).map_err(|e| named(path, e))?;
    write_atomic(path, svg.as_bytes())
}

/// Writes the chart as a PNG file: `size` is the logical size (as for SVG) and `scale` the
/// pixel density (2.0 gives a 2400x1600 image of a 1200x800 chart, for print).
pub fn write_png(
    chart: &Chart,
    size: (u32, u32),
    scale: f32,
    path: &Path,
) -> Result<(), WriteError> {
    let png = png_bytes(chart, size, scale).map_err(|e| named(path, e))?;
    write_atomic(path, &png)
}
