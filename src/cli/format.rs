//! Number formatting for the text reports.

/// A count with a unit suffix: 6.70B, 994M, 1.20T.
pub fn count(x: f64) -> String {
    let (v, unit) = match x.abs() {
        a if a >= 1e12 => (x / 1e12, "T"),
        a if a >= 1e9 => (x / 1e9, "B"),
        a if a >= 1e6 => (x / 1e6, "M"),
        a if a >= 1e3 => (x / 1e3, "K"),
        _ => (x, ""),
    };
    if v.abs() >= 100.0 {
        format!("{v:.0}{unit}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}{unit}")
    } else {
        format!("{v:.2}{unit}")
    }
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
        assert_eq!(count(6.7e9), "6.70B");
        assert_eq!(count(993_704_102.0), "994M");
        assert_eq!(count(1.2e12), "1.20T");
        assert_eq!(sig(0.009476141), "0.009476");
        assert_eq!(sig(482.01), "482.0");
    }
}
