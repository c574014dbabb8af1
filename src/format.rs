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

/// How an interval of days (the doubling time's 95% interval) is written: decimals, the
/// mark of a missing bound, the word of an unbounded upper end, the separator. The one
/// formatter of the interval text; each surface picks its style.
#[derive(Clone, Copy, Debug)]
pub struct IntervalStyle {
    pub decimals: usize,
    pub missing: &'static str,
    pub unbounded: &'static str,
    pub separator: &'static str,
}

/// Text reports (`densing report`, `densing sensitivity`): `12.3 to unbounded`.
pub const REPORT_INTERVAL: IntervalStyle = IntervalStyle {
    decimals: 1,
    missing: "?",
    unbounded: "unbounded",
    separator: " to ",
};

/// Charts and the window's summary line: `120–∞`.
pub const CHART_INTERVAL: IntervalStyle = IntervalStyle {
    decimals: 0,
    missing: "?",
    unbounded: "∞",
    separator: "–",
};

/// The window's sensitivity table: `120.0 – ∞`, `-` when missing.
pub const TABLE_INTERVAL: IntervalStyle = IntervalStyle {
    decimals: 1,
    missing: "-",
    unbounded: "∞",
    separator: " – ",
};

impl IntervalStyle {
    /// One bound, or the missing mark.
    pub fn bound(&self, v: Option<f64>) -> String {
        v.map_or_else(
            || self.missing.to_string(),
            |v| format!("{v:.prec$}", prec = self.decimals),
        )
    }

    /// The upper bound: the unbounded word when `unbounded`, else the bound.
    pub fn high(&self, high: Option<f64>, unbounded: bool) -> String {
        if unbounded {
            self.unbounded.to_string()
        } else {
            self.bound(high)
        }
    }

    /// `low<separator>high`.
    pub fn text(&self, low: Option<f64>, high: Option<f64>, unbounded: bool) -> String {
        format!(
            "{}{}{}",
            self.bound(low),
            self.separator,
            self.high(high, unbounded)
        )
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

    #[test]
    fn intervals_in_each_style() {
        assert_eq!(
            REPORT_INTERVAL.text(Some(98.04), None, true),
            "98.0 to unbounded"
        );
        assert_eq!(REPORT_INTERVAL.text(None, Some(1.26), false), "? to 1.3");
        assert_eq!(
            CHART_INTERVAL.text(Some(98.6), Some(150.2), false),
            "99–150"
        );
        assert_eq!(TABLE_INTERVAL.text(None, None, true), "- – ∞");
    }
}
