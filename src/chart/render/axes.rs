//! Axis ranges and tick positions for exported charts. Ticks are placed where the window's
//! are (decades and 1-2-5 on log axes, month starts on date axes, 1-2-5 steps on linear
//! axes) and printed by [`format_axis_value`](crate::chart::format_axis_value).

use crate::chart::{Chart, Scale, Style, date_of, days_of};
use chrono::{Datelike, NaiveDate};

/// Data range of a chart on both axes: the points of every series that sets the range
/// (data, not fitted or extrapolated lines; all series when none does) and the reference
/// lines.
pub(super) fn data_bounds(chart: &Chart) -> ((f64, f64), (f64, f64)) {
    let any_sets = chart.series.iter().any(|s| {
        s.sets_range
            && s.points
                .iter()
                .any(|p| p[0].is_finite() && p[1].is_finite())
    });
    let mut x = (f64::INFINITY, f64::NEG_INFINITY);
    let mut y = (f64::INFINITY, f64::NEG_INFINITY);
    let grow = |r: &mut (f64, f64), v: f64| {
        if v.is_finite() {
            r.0 = r.0.min(v);
            r.1 = r.1.max(v);
        }
    };
    for s in chart.series.iter().filter(|s| s.sets_range || !any_sets) {
        for p in &s.points {
            grow(&mut x, p[0]);
            grow(&mut y, p[1]);
        }
        if s.style == Style::Band {
            for &u in &s.upper {
                grow(&mut y, u);
            }
        }
    }
    for r in &chart.ref_lines {
        grow(if r.vertical { &mut x } else { &mut y }, r.at);
    }
    (x, y)
}

/// A data range with a margin on each side (5% of the span, as the window does); a
/// single value or an empty range gets a span of its own.
pub(super) fn padded(r: (f64, f64), scale: Scale) -> (f64, f64) {
    if !(r.0.is_finite() && r.1.is_finite()) {
        return match scale {
            Scale::Date => (days_of(date(2020, 1)), days_of(date(2025, 1))),
            _ => (0.0, 1.0),
        };
    }
    let span = r.1 - r.0;
    if span <= 0.0 {
        let half = match scale {
            Scale::Date => 60.0,
            Scale::Log10 | Scale::Ratio => 0.5,
            Scale::Linear => (r.0.abs() * 0.1).max(0.5),
        };
        return (r.0 - half, r.1 + half);
    }
    (r.0 - 0.05 * span, r.1 + 0.05 * span)
}

/// Major ticks (labelled) and minor ticks (light grid only).
#[derive(Debug, Default, PartialEq)]
pub(super) struct Ticks {
    pub major: Vec<f64>,
    pub minor: Vec<f64>,
}

/// Ticks for the range `lo..=hi` of an axis, at most about `max` labelled ones.
pub(super) fn ticks(lo: f64, hi: f64, scale: Scale, max: usize) -> Ticks {
    let max = max.max(2);
    match scale {
        Scale::Linear => Ticks {
            major: linear(lo, hi, max),
            minor: Vec::new(),
        },
        Scale::Log10 | Scale::Ratio => log10(lo, hi, max),
        Scale::Date => dates(lo, hi, max),
    }
}

/// Multiples of a 1-2-5 step in `lo..=hi`, at most `max` of them.
fn linear(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    let span = hi - lo;
    if span.is_nan() || span <= 0.0 {
        return vec![lo];
    }
    let raw = span / max as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|&s| s >= raw * 0.999)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last)
        .map(|i| {
            let v = i as f64 * step;
            // Round away float noise (0.30000000000000004) and -0.
            let v = (v / step).round() * step;
            if v == 0.0 { 0.0 } else { v }
        })
        .collect()
}

/// Log axis (values are log10): whole decades when there are enough of them, else 1-2-5
/// of each decade, else evenly spaced real values (a loss axis spanning 2.2–4.5).
fn log10(lo: f64, hi: f64, max: usize) -> Ticks {
    let decades: Vec<i32> = (lo.ceil() as i32..=hi.floor() as i32).collect();
    let in_range = |v: &f64| *v >= lo - 1e-9 && *v <= hi + 1e-9;
    let multiples = |ms: &[f64]| -> Vec<f64> {
        (lo.floor() as i32..=hi.ceil() as i32)
            .flat_map(|k| ms.iter().map(move |m| m.log10() + k as f64))
            .filter(in_range)
            .collect()
    };
    if decades.len() >= 3 {
        let step = decades.len().div_ceil(max).max(1) as i32;
        let major: Vec<f64> = decades
            .iter()
            .filter(|k| k.rem_euclid(step) == 0)
            .map(|&k| k as f64)
            .collect();
        let minor = if step == 1 {
            multiples(&[2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0])
        } else {
            decades.iter().map(|&k| k as f64).collect()
        };
        return Ticks { major, minor };
    }
    let one_two_five = multiples(&[1.0, 2.0, 5.0]);
    if one_two_five.len() >= 3 && one_two_five.len() <= max {
        let minor = multiples(&[3.0, 4.0, 6.0, 7.0, 8.0, 9.0]);
        return Ticks {
            major: one_two_five,
            minor,
        };
    }
    let major = linear(10f64.powf(lo), 10f64.powf(hi), max)
        .into_iter()
        .filter(|v| *v > 0.0)
        .map(f64::log10)
        .collect();
    Ticks {
        major,
        minor: Vec::new(),
    }
}

fn date(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
}

/// Date axis (days since 1970-01-01): first days of months, every 1, 2, 3, 6 or 12·k
/// months; minor ticks at the other month starts when the step is short enough.
fn dates(lo: f64, hi: f64, max: usize) -> Ticks {
    let (Some(a), Some(b)) = (date_of(lo.max(0.0)), date_of(hi.max(0.0))) else {
        return Ticks {
            major: linear(lo, hi, max),
            minor: Vec::new(),
        };
    };
    let month_index = |d: NaiveDate| d.year() as i64 * 12 + d.month0() as i64;
    let (first, last) = (month_index(a), month_index(b) + 1);
    let months = (last - first).max(1);
    let step = [1, 2, 3, 6, 12, 24, 36, 60, 120, 240, 600]
        .into_iter()
        .find(|s| months / s <= max as i64)
        .unwrap_or(1200);
    let day = |m: i64| days_of(date(m.div_euclid(12) as i32, (m.rem_euclid(12) + 1) as u32));
    let mut major = Vec::new();
    let mut minor = Vec::new();
    for m in first..=last {
        let d = day(m);
        if d < lo || d > hi {
            continue;
        }
        if m.rem_euclid(step) == 0 {
            major.push(d);
        } else if step <= 12 && months <= 120 {
            minor.push(d);
        }
    }
    Ticks { major, minor }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::format_axis_value;

    fn labels(t: &Ticks, scale: Scale) -> Vec<String> {
        t.major
            .iter()
            .map(|&v| format_axis_value(v, scale))
            .collect()
    }

    #[test]
    fn log_axes_tick_at_real_values() {
        // 1e8 .. 1e12 parameters: every decade.
        let t = ticks(7.8, 12.2, Scale::Log10, 8);
        assert_eq!(
            labels(&t, Scale::Log10),
            ["100M", "1B", "10B", "100B", "1T"]
        );
        // Density 0.03 .. 5: 1-2-5.
        let t = ticks(-1.5, 0.7, Scale::Log10, 10);
        assert_eq!(
            labels(&t, Scale::Log10),
            ["0.05", "0.1", "0.2", "0.5", "1", "2", "5"]
        );
        // A loss from 2.2 to 4.5: plain steps.
        let t = ticks(2.2f64.log10(), 4.5f64.log10(), Scale::Log10, 6);
        assert_eq!(labels(&t, Scale::Log10), ["2.5", "3", "3.5", "4", "4.5"]);
    }

    #[test]
    fn date_axes_tick_at_month_starts() {
        let lo = days_of(NaiveDate::from_ymd_opt(2020, 5, 17).unwrap());
        let hi = days_of(NaiveDate::from_ymd_opt(2024, 8, 2).unwrap());
        let t = ticks(lo, hi, Scale::Date, 4);
        assert_eq!(
            labels(&t, Scale::Date),
            ["2021-01", "2022-01", "2023-01", "2024-01"]
        );
        // Other month starts are minor ticks (light grid).
        assert!(t.minor.len() > 40);
        let t = ticks(lo, hi, Scale::Date, 8);
        assert_eq!(
            labels(&t, Scale::Date)[..3],
            ["2020-07", "2021-01", "2021-07"]
        );
        assert_eq!(t.major.len(), 9);
    }

    #[test]
    fn linear_ticks_are_round() {
        let t = ticks(-0.07, 1.03, Scale::Linear, 6);
        assert_eq!(
            labels(&t, Scale::Linear),
            ["0", "0.2", "0.4", "0.6", "0.8", "1"]
        );
    }
}
