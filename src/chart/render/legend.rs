//! The legend of an exported chart: the entries the window lists (`chart::legend_entries`:
//! one per series name, a line's band joined to it, then the reference lines), drawn with
//! plotters.

use super::lines::draw_line;
use super::style::{BAND_ALPHA, Fonts, SMALL, err, measure, point_radius, rgb};
use crate::chart::{Chart, LegendLook, Marker, Style, legend_entries};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// How an entry's swatch is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Mark {
    Points {
        radius: f32,
        filled: bool,
        marker: Marker,
    },
    Line {
        width: f32,
        dashed: bool,
    },
    Band,
}

impl Mark {
    fn of(look: LegendLook) -> Mark {
        match look {
            LegendLook::Series { style, marker } => match style {
                Style::Points { radius, filled } => Mark::Points {
                    radius,
                    filled,
                    marker,
                },
                Style::Line { width, dashed } => Mark::Line { width, dashed },
                Style::Band => Mark::Band,
            },
            LegendLook::RefLine => Mark::Line {
                width: 1.5,
                dashed: true,
            },
        }
    }
}

pub(super) struct Entry {
    pub name: String,
    pub color: [u8; 3],
    pub marks: Vec<Mark>,
}

pub(super) struct Legend {
    pub entries: Vec<Entry>,
}

/// A legend laid out: its box size and each entry's offset in it.
pub(super) struct Placed {
    pub size: (i32, i32),
    cells: Vec<(i32, i32)>,
    row: i32,
}

const SWATCH: f64 = 30.0;
const PAD: f64 = 10.0;
const GAP: f64 = 8.0;

impl Legend {
    /// The chart's entries as the window lists them (`chart::legend_entries`).
    pub fn of(chart: &Chart) -> Legend {
        let entries = legend_entries(chart)
            .into_iter()
            .map(|e| Entry {
                name: e.name,
                color: e.color,
                marks: e.looks.into_iter().map(Mark::of).collect(),
            })
            .collect();
        Legend { entries }
    }

    /// Where each entry goes: one column (`max_width` None) or rows filling `max_width`.
    pub fn layout<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        f: &Fonts,
        max_width: Option<i32>,
    ) -> Result<Placed, String> {
        let style = f.style(SMALL, &BLACK, HPos::Left, VPos::Center);
        let row = (measure(root, "Ag", &style)?.1 as f64 * 1.55).round() as i32;
        let pad = f.px(PAD);
        let mut cells = Vec::with_capacity(self.entries.len());
        let (mut x, mut y, mut width) = (pad, pad, 0);
        for e in &self.entries {
            let cell = f.px(SWATCH + GAP) + measure(root, &e.name, &style)?.0;
            match max_width {
                None => {
                    cells.push((pad, y));
                    y += row;
                    width = width.max(cell + 2 * pad);
                }
                Some(max) => {
                    if x > pad && x + cell + pad > max {
                        x = pad;
                        y += row;
                    }
                    cells.push((x, y));
                    x += cell + f.px(2.0 * PAD);
                    width = width.max(x - f.px(PAD));
                }
            }
        }
        if max_width.is_some() && !cells.is_empty() {
            y += row;
        }
        Ok(Placed {
            size: (width, y + pad - row / 4),
            cells,
            row,
        })
    }

    /// Draws the legend box with its top-left corner at `at`.
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        f: &Fonts,
        at: (i32, i32),
        placed: &Placed,
    ) -> Result<(), String> {
        let row = placed.row;
        root.draw(&Rectangle::new(
            [at, (at.0 + placed.size.0, at.1 + placed.size.1)],
            RGBColor(190, 190, 190).stroke_width(f.width(1.0)),
        ))
        .map_err(err)?;
        let text = f.style(SMALL, &RGBColor(25, 25, 25), HPos::Left, VPos::Center);
        let sw = f.px(SWATCH);
        for (e, cell) in self.entries.iter().zip(&placed.cells) {
            let cy = at.1 + cell.1 + row * 3 / 8;
            let x0 = at.0 + cell.0;
            let color = rgb(e.color);
            // Bands under lines under points, as in the plot.
            let mut marks = e.marks.clone();
            marks.sort_by_key(|m| match m {
                Mark::Band => 0,
                Mark::Line { .. } => 1,
                Mark::Points { .. } => 2,
            });
            for mark in marks {
                match mark {
                    Mark::Band => {
                        let h = row * 5 / 16;
                        root.draw(&Rectangle::new(
                            [(x0, cy - h), (x0 + sw, cy + h)],
                            color.mix(BAND_ALPHA).filled(),
                        ))
                        .map_err(err)?;
                    }
                    Mark::Line { width, dashed } => {
                        let w = f.width(width as f64);
                        draw_line(root, &[(x0, cy), (x0 + sw, cy)], &color, w, dashed, f)?;
                    }
                    Mark::Points {
                        radius,
                        filled,
                        marker,
                    } => {
                        let r = point_radius(radius, f);
                        draw_marker(root, (x0 + sw / 2, cy), r, &color, filled, marker, f)?;
                    }
                }
            }
            root.draw_text(&e.name, &text, (x0 + sw + f.px(GAP), cy))
                .map_err(err)?;
        }
        Ok(())
    }
}

/// One point's marker, in the plot and in the legend alike: a circle or a diamond, filled
/// or hollow (the window draws the same four).
pub(super) fn draw_marker<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    p: (i32, i32),
    r: i32,
    color: &RGBColor,
    filled: bool,
    marker: Marker,
    f: &Fonts,
) -> Result<(), String> {
    let stroke = color.stroke_width(f.width(1.5));
    match marker {
        Marker::Diamond => {
            let d = vec![
                (p.0, p.1 - r),
                (p.0 + r, p.1),
                (p.0, p.1 + r),
                (p.0 - r, p.1),
            ];
            if filled {
                root.draw(&Polygon::new(d, color.filled())).map_err(err)?;
            } else {
                let mut ring = d.clone();
                ring.push(d[0]);
                root.draw(&PathElement::new(ring, stroke)).map_err(err)?;
            }
        }
        Marker::Circle if filled => root.draw(&Circle::new(p, r, color.filled())).map_err(err)?,
        Marker::Circle => root.draw(&Circle::new(p, r, stroke)).map_err(err)?,
    }
    Ok(())
}
