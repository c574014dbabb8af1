//! The views' legends, drawn beside the plot (never over it: issue 22, item 2) with egui
//! widgets instead of egui_plot's overlay: one entry per series and reference line, its
//! marker drawn as the plot draws it (diamonds as diamonds, hollow as hollow, each series in
//! its own colour); a click hides or shows the series. Collapsible per view.

use crate::chart::{Chart, LegendLook, Marker, Style, legend_entries};
use egui::{Color32, Pos2, Rect, Sense, Shape, Stroke, pos2, vec2};

fn color(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// The width the legend column asks for in a view `avail` points wide.
pub(super) fn width(avail: f32) -> f32 {
    (avail * 0.3).clamp(110.0, 230.0)
}

/// Draws the legend in the space given; a click on an entry toggles it in `hidden`.
pub(super) fn show(ui: &mut egui::Ui, chart: &Chart, hidden: &mut Vec<String>) {
    // Compact rows: a grid cell at 1280×720 gives its legend little more than 100 px.
    ui.spacing_mut().item_spacing.y = 1.0;
    ui.spacing_mut().interact_size.y = 14.0;
    for e in legend_entries(chart) {
        let off = e.names.iter().any(|n| hidden.contains(n));
        let clicked = ui
            .horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                let (rect, swatch) = ui.allocate_exact_size(vec2(20.0, 14.0), Sense::click());
                let c = if off {
                    color(e.color).gamma_multiply(0.25)
                } else {
                    color(e.color)
                };
                for look in &e.looks {
                    draw_swatch(ui.painter(), rect, *look, c);
                }
                let mut text = egui::RichText::new(&e.name).small();
                if off {
                    text = text.weak().strikethrough();
                }
                // Left-aligned beside its swatch (`add_sized` would centre it in the
                // column, far from the marker it names); truncated to the column.
                let label = ui.add(egui::Label::new(text).truncate().sense(Sense::click()));
                let label = label.on_hover_text(format!(
                    "{}\nclick to {}",
                    e.name,
                    if off { "show" } else { "hide" }
                ));
                swatch.clicked() || label.clicked()
            })
            .inner;
        if clicked {
            if off {
                hidden.retain(|n| !e.names.contains(n));
            } else {
                for n in &e.names {
                    if !hidden.contains(n) {
                        hidden.push(n.clone());
                    }
                }
            }
        }
    }
}

/// The entry's marker in `rect`, as the plot draws it.
fn draw_swatch(p: &egui::Painter, rect: Rect, look: LegendLook, c: Color32) {
    let mid = rect.center();
    let (style, marker) = match look {
        LegendLook::Series { style, marker } => (style, marker),
        LegendLook::RefLine => (
            Style::Line {
                width: 1.5,
                dashed: true,
            },
            Marker::Circle,
        ),
    };
    match style {
        Style::Points { filled, .. } => {
            let r = 4.0;
            match marker {
                Marker::Circle if filled => {
                    p.circle_filled(mid, r, c);
                }
                Marker::Circle => {
                    p.circle_stroke(mid, r, Stroke::new(1.2, c));
                }
                Marker::Diamond => {
                    let pts: Vec<Pos2> = [(0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)]
                        .iter()
                        .map(|(dx, dy)| pos2(mid.x + dx * (r + 1.0), mid.y + dy * (r + 1.0)))
                        .collect();
                    let shape = if filled {
                        Shape::convex_polygon(pts, c, Stroke::NONE)
                    } else {
                        Shape::closed_line(pts, Stroke::new(1.2, c))
                    };
                    p.add(shape);
                }
            }
        }
        Style::Line { dashed, .. } => {
            let (a, b) = (pos2(rect.left(), mid.y), pos2(rect.right(), mid.y));
            if dashed {
                p.extend(Shape::dashed_line(&[a, b], Stroke::new(1.5, c), 4.0, 2.5));
            } else {
                p.line_segment([a, b], Stroke::new(2.0, c));
            }
        }
        Style::Band => {
            let band = Rect::from_center_size(mid, vec2(rect.width(), 8.0));
            p.rect_filled(band, 0.0, c.gamma_multiply(0.3));
        }
    }
}
