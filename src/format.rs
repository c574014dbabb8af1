//! Number formatting shared by every layer (charts, tables, reports, the window): counts
//! with a suffix (6.7B), four significant digits, optional numbers. A leaf module: it uses
//! nothing of the crate, so any layer may use it.

/// A count with a suffix: 10M, 1.5B, 1T; small values with up to 3 significant digits.
pub fn format_count(x: f64) -> String {
    let (v, unit) = match x.abs() {
        a if a >= 1e12 => (x / 1e12, "T"),
        a if a >= 1e9 => (x / 1e9, "B"),
        a if a >= 1e6 => (x / 1e6, "M"),
        a if a >= 1e3 => (x / 1e3, "K"),
        _ => (x, ""),
    };
    // Four significant digits, trailing zeros dropped: 5.247M, 106.2M, 1T.
    let decimals = (3 - v.abs().max(1e-300).log10().floor() as i32).clamp(0, 3) as usize;
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    format!("{s}{unit}")
}

/// An optional number with a fixed number of decimals, or `-`.
pub fn opt(x: Option<f64>, decimals: usize) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.decimals$}"))
}

/// Four significant digits.
pub fn sig(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let digits = 3 - x.abs().log10().floor() as i32;
    if (0..=8).contains(&digits) {
        format!("{x:.prec$}", prec = digits as usize)
    } else {
        format!("{x:.3e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_people_write_them() {
        assert_eq!(format_count(6.7e9), "6.7B");
        assert_eq!(format_count(993_704_102.0), "993.7M");
        assert_eq!(format_count(1.2e12), "1.2T");
        assert_eq!(sig(0.009476141), "0.009476");
        assert_eq!(sig(482.01), "482.0");
    }
}
