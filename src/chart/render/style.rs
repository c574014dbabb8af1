//! The primitives every part of the renderer shares (issue 15: `draw`, `legend`, `lines`
//! and `point_labels` all use this module and not each other's): the font, colours, text
//! sizes and styles at a pixel scale, pixel rectangles, text measurement.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The family name the bundled font is registered under; SVG files carry it as their
/// `font-family`, so viewers without DejaVu Sans fall back to their sans-serif font.
pub(super) const FONT: &str = "DejaVu Sans, sans-serif";

pub(super) const TEXT: RGBColor = RGBColor(25, 25, 25);
pub(super) const MUTED: RGBColor = RGBColor(80, 80, 80);
pub(super) const FRAME: RGBColor = RGBColor(110, 110, 110);
pub(super) const GRID: RGBColor = RGBColor(222, 222, 222);
pub(super) const GRID_MINOR: RGBColor = RGBColor(241, 241, 241);
/// Opacity of a band's fill (the window uses alpha 40 of 255; a little more for print).
pub(super) const BAND_ALPHA: f64 = 0.2;

/// A pixel rectangle, `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Rect {
    pub(super) fn at(x: i32, y: i32, w: i32, h: i32) -> Rect {
        Rect {
            x0: x,
            y0: y,
            x1: x + w,
            y1: y + h,
        }
    }
    pub(super) fn intersects(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    pub(super) fn contains(&self, p: (i32, i32)) -> bool {
        (self.x0..=self.x1).contains(&p.0) && (self.y0..=self.y1).contains(&p.1)
    }
    pub(super) fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }
}

pub(super) fn rgb(c: [u8; 3]) -> RGBColor {
    RGBColor(c[0], c[1], c[2])
}

pub(super) fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Text styles at one pixel scale `k`.
pub(super) struct Fonts {
    pub k: f64,
}

impl Fonts {
    pub fn style(
        &self,
        size: f64,
        color: &'static RGBColor,
        h: HPos,
        v: VPos,
    ) -> TextStyle<'static> {
        TextStyle::from((FONT, size * self.k).into_font())
            .color(color)
            .pos(Pos::new(h, v))
    }
    pub fn px(&self, v: f64) -> i32 {
        (v * self.k).round() as i32
    }
    pub fn width(&self, v: f64) -> u32 {
        (v * self.k).round().max(1.0) as u32
    }
}

pub(super) const TITLE: f64 = 22.0;
pub(super) const LABEL: f64 = 18.0;
pub(super) const TICK: f64 = 16.0;
pub(super) const SMALL: f64 = 16.0;

pub(super) fn measure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> Result<(i32, i32), String> {
    let (w, h) = root.estimate_text_size(text, style).map_err(err)?;
    Ok((w as i32, h as i32))
}

/// A marker's radius in pixels: the window's radius in points, a little larger for print.
pub(super) fn point_radius(radius: f32, f: &Fonts) -> i32 {
    (radius as f64 * 1.2 * f.k).round().max(1.0) as i32
}

/// Splits `text` at spaces into lines no wider than `max_w` pixels (a single word wider
/// than that stays whole).
pub(super) fn wrap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_w: i32,
) -> Result<Vec<String>, String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && measure(root, &candidate, style)?.0 > max_w {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    lines.push(line);
    Ok(lines)
}
