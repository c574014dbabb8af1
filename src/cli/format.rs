//! Number formatting for the text reports.

pub use crate::chart::format_count as count;

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
        assert_eq!(count(6.7e9), "6.7B");
        assert_eq!(count(993_704_102.0), "993.7M");
        assert_eq!(count(1.2e12), "1.2T");
        assert_eq!(sig(0.009476141), "0.009476");
        assert_eq!(sig(482.01), "482.0");
    }
}
