//! The parameter sliders (issue 14): each spans a range around a centre (the fitted value,
//! or the value at the last "reset range"): a factor of 3 either way in log steps for
//! scale parameters (E, a, b, c), ±50% for the exponents and the sigmoid's midpoint, ±50%
//! or ±10 points for the floor d. The track is finer near the centre than at its ends
//! (position u ∈ [−1, 1] maps through sinh(3u)/sinh(3)), so a short drag explores near the
//! fit while the ends still reach the whole range. Dragging is relative (the handle moves
//! with the pointer from where it was); Shift makes steps ten times finer.

use super::commands::Param;

/// Curvature of the track: the centre's slope is 3/sinh(3) ≈ 0.30 of the mean slope.
const K: f64 = 3.0;
/// Shift-drag moves this fraction of a plain drag.
const FINE: f64 = 0.1;

/// The range of one slider.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Range {
    /// `centre · factor^s(u)` (centre > 0).
    Log { centre: f64, factor: f64 },
    /// `centre + half · s(u)`.
    Linear { centre: f64, half: f64 },
}

fn s(u: f64) -> f64 {
    (K * u).sinh() / K.sinh()
}

fn s_inv(v: f64) -> f64 {
    (v * K.sinh()).asinh() / K
}

impl Range {
    /// The range of `param` around `centre`.
    pub fn of(param: Param, centre: f64) -> Range {
        let scale = matches!(param, Param::E | Param::A | Param::B | Param::C);
        if scale && centre > 0.0 && centre.is_finite() {
            return Range::Log {
                centre,
                factor: 3.0,
            };
        }
        let half = match param {
            Param::D => (0.5 * centre.abs()).max(10.0),
            Param::E | Param::A | Param::B | Param::C => centre.abs().max(1.0),
            _ => (0.5 * centre.abs()).max(1e-3),
        };
        Range::Linear { centre, half }
    }

    /// The value at track position `u` (−1 and 1 are the ends).
    pub fn value(&self, u: f64) -> f64 {
        match *self {
            Range::Log { centre, factor } => centre * factor.powf(s(u)),
            Range::Linear { centre, half } => centre + half * s(u),
        }
    }

    /// The track position of `value` (outside [−1, 1] when outside the range; −∞ for a
    /// non-positive value on a log range).
    pub fn position(&self, value: f64) -> f64 {
        match *self {
            Range::Log { centre, factor } if value > 0.0 => {
                s_inv((value / centre).ln() / factor.ln())
            }
            Range::Log { .. } => f64::NEG_INFINITY,
            Range::Linear { centre, half } => s_inv((value - centre) / half),
        }
    }

    /// The value after dragging by `du` of track position from `value`: the handle cannot
    /// be dragged past an end, but a value typed outside the range can be dragged back.
    pub fn dragged(&self, value: f64, du: f64) -> f64 {
        let u0 = self.position(value);
        let u0 = if u0.is_finite() { u0 } else { -1.0 };
        let u = (u0 + du).clamp(u0.min(-1.0), u0.max(1.0));
        self.value(u)
    }
}

/// The track's width in a row `row` wide: what is left after room for the label and the
/// value (so equal in every row of the panel).
pub fn track_width(row: f32) -> f32 {
    row - LABEL_AND_VALUE
}

/// The track length a drag's pixels are measured against, at least.
const DRAG_SPAN: f32 = 180.0;

/// Room left in a row for a parameter's label (with its `*`) and value field.
const LABEL_AND_VALUE: f32 = 150.0;

/// Draws the slider and applies a drag to `value`; `changed()` when it moved.
pub fn show(ui: &mut egui::Ui, value: &mut f64, range: Range, label: &str) -> egui::Response {
    // The same track in every row, whatever the label and value before it (and no jump
    // when the label gains its `*`): a fixed width, flush with the row's right edge.
    let available = ui.available_width();
    let width = track_width(ui.max_rect().width()).min(available).max(60.0);
    let pad = available - width - ui.spacing().item_spacing.x;
    if pad > 0.0 {
        ui.add_space(pad);
    }
    let height = ui.spacing().interact_size.y;
    let (rect, mut response) =
        ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::drag());
    if response.dragged() {
        let dx = response.drag_delta().x as f64;
        if dx != 0.0 {
            let fine = ui.input(|i| i.modifiers.shift);
            // Per pixel as on a track of at least DRAG_SPAN: a narrow panel's short track
            // does not make a drag coarser.
            let span = rect.width().max(DRAG_SPAN) as f64;
            let du = 2.0 * dx / span * if fine { FINE } else { 1.0 };
            let v = range.dragged(*value, du);
            if v.is_finite() && v != *value {
                *value = v;
                response.mark_changed();
            }
        }
    }
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        let y = rect.center().y;
        let painter = ui.painter();
        let track = egui::Rect::from_min_max(
            egui::pos2(rect.left(), y - 2.0),
            egui::pos2(rect.right(), y + 2.0),
        );
        painter.rect_filled(track, 2.0, ui.visuals().widgets.inactive.bg_fill);
        // The centre (the fitted value or the last reset), then the handle.
        painter.vline(
            rect.center().x,
            egui::Rangef::new(y - 5.0, y + 5.0),
            ui.visuals().widgets.noninteractive.fg_stroke,
        );
        let u = range.position(*value);
        let u = if u.is_finite() {
            u.clamp(-1.0, 1.0)
        } else {
            -1.0
        };
        let x = rect.left() + (u as f32 + 1.0) / 2.0 * rect.width();
        painter.circle(
            egui::pos2(x, y),
            height / 3.0,
            visuals.bg_fill,
            visuals.fg_stroke,
        );
    }
    let v = *value;
    response.widget_info(|| egui::WidgetInfo::slider(true, v, label));
    response.on_hover_text(
        "Drag to explore around the fitted value (finer near the centre mark); Shift for fine steps. The number field takes any value.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_reach_their_ends_and_invert() {
        let r = Range::of(Param::A, 32.5);
        assert!((r.value(1.0) / 97.5 - 1.0).abs() < 1e-12);
        assert!((r.value(-1.0) / (32.5 / 3.0) - 1.0).abs() < 1e-12);
        let r = Range::of(Param::Alpha, 0.229);
        assert!((r.value(1.0) - 0.3435).abs() < 1e-12);
        assert!((r.value(-1.0) - 0.1145).abs() < 1e-12);
        assert!((r.position(0.2) - s_inv((0.2 - 0.229) / 0.1145)).abs() < 1e-12);
        let g = Range::of(Param::Gamma, -12.8);
        assert!((g.value(1.0) + 6.4).abs() < 1e-12 && (g.value(-1.0) + 19.2).abs() < 1e-12);
    }

    #[test]
    fn drags_stop_at_the_ends_but_bring_outside_values_back() {
        let r = Range::of(Param::Alpha, 0.2);
        assert!((r.dragged(0.2, 5.0) - 0.3).abs() < 1e-12);
        // Typed in far outside: a drag towards the range moves it, one away does not.
        assert!(r.dragged(0.9, -0.1) < 0.9);
        assert!((r.dragged(0.9, 0.1) - 0.9).abs() < 1e-12);
    }
}
