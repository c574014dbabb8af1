//! Axis value formatting: log axes print real values, date axes print dates.

use super::Scale;
use crate::format::format_count;
use chrono::{Days, NaiveDate};

/// The date `days` after 1970-01-01.
pub fn date_of(days: f64) -> Option<NaiveDate> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    if !(0.0..=200_000.0).contains(&days) {
        return None;
    }
    epoch.checked_add_days(Days::new(days.round() as u64))
}

/// Days since 1970-01-01 of a date.
pub fn days_of(date: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (date - epoch).num_days() as f64
}

/// Prints an axis coordinate as the quantity it stands for.
pub fn format_axis_value(value: f64, scale: Scale) -> String {
    match scale {
        Scale::Linear => {
            let s = format!("{value:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        Scale::Log10 => {
            let x = 10f64.powf(value);
            if x >= 1000.0 {
                format_count(x)
            } else {
                trim_sig(x)
            }
        }
        Scale::Date => date_of(value).map_or_else(String::new, |d| d.format("%Y-%m").to_string()),
        Scale::Ratio => plain_number(value),
    }
}

/// 10^`value` as a plain number: 0.00001 … 10000 written out, above that a mantissa and a
/// power of ten (3·10⁵); below 10⁻⁶ in e-notation (the window's font has no superscript
/// minus).
fn plain_number(value: f64) -> String {
    let x = 10f64.powf(value);
    if !x.is_finite() {
        return String::new();
    }
    if (1e-6..1e4 + 0.5).contains(&x) {
        return trim_sig(x);
    }
    if x < 1e-6 {
        return format!("{x:.0e}");
    }
    let exp = value.floor();
    let mantissa = 10f64.powf(value - exp);
    let (mantissa, exp) = if mantissa >= 9.995 {
        (1.0, exp + 1.0)
    } else {
        (mantissa, exp)
    };
    let power = format!("10{}", superscript(exp as i64));
    if (mantissa - 1.0).abs() < 5e-3 {
        power
    } else {
        format!("{}·{power}", trim_sig(mantissa))
    }
}

fn superscript(n: i64) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.unsigned_abs()
        .to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

/// Up to 3 significant digits without trailing zeros: 0.1, 0.25, 3, 12.5.
fn trim_sig(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let decimals = (2 - x.abs().log10().floor() as i32).clamp(0, 12) as usize;
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_axes_print_real_values() {
        assert_eq!(format_axis_value(7.0, Scale::Log10), "10M");
        assert_eq!(format_axis_value(9.0, Scale::Log10), "1B");
        assert_eq!(format_axis_value(12.0, Scale::Log10), "1T");
        assert_eq!(format_count(432_632_000_000.0), "432.6B");
        assert_eq!(format_count(5_247_232.0), "5.247M");
        assert_eq!(format_axis_value(-1.0, Scale::Log10), "0.1");
        assert_eq!(format_axis_value(0.0, Scale::Log10), "1");
        // Densities are plain numbers (issue 22): the decades 0.01 … 10⁴ written out.
        assert_eq!(format_axis_value(-2.0, Scale::Ratio), "0.01");
        assert_eq!(format_axis_value(0.0, Scale::Ratio), "1");
        assert_eq!(format_axis_value(2.0, Scale::Ratio), "100");
        assert_eq!(format_axis_value(4.0, Scale::Ratio), "10000");
        assert_eq!(format_axis_value(10.0, Scale::Ratio), "10¹⁰");
        assert_eq!(format_axis_value(5.0 + 3f64.log10(), Scale::Ratio), "3·10⁵");
        assert_eq!(format_axis_value(-5.0, Scale::Ratio), "0.00001");
        let d = days_of(NaiveDate::from_ymd_opt(2023, 2, 24).unwrap());
        assert_eq!(format_axis_value(d, Scale::Date), "2023-02");
    }
}
