//! Dates of the cells people write: ISO (`2024-07-18`, with a time after it too),
//! `2024/07/18`, `2024-07`, `Jul 2024`, and Unix seconds.

use chrono::{DateTime, NaiveDate};

/// Dates after 2100 or before 1950 as Unix seconds are not dates of this field.
const UNIX_MIN: f64 = -631_152_000.0;
const UNIX_MAX: f64 = 4_102_444_800.0;

/// A date from a cell: `2024-07-18` (optionally with a time after it), `2024-07` and
/// `Jul 2024`/`July 2024` (the first of the month), `2024/07/18`, or Unix seconds.
pub fn parse_date_cell(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(d) = iso_date(t) {
        return Some(d);
    }
    let head = t.get(..10).unwrap_or(t);
    for fmt in ["%Y-%m-%d", "%Y/%m/%d"] {
        let rest = t.get(10..).unwrap_or("");
        if let Ok(d) = NaiveDate::parse_from_str(head, fmt)
            && (rest.is_empty() || rest.starts_with(['T', ' ']))
        {
            return Some(d);
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d")
        && t.len() == 7
    {
        return Some(d);
    }
    for fmt in ["%b %Y-%d", "%B %Y-%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(&format!("{t}-01"), fmt) {
            return Some(d);
        }
    }
    let secs: f64 = t.parse().ok()?;
    unix_date(secs)
}

/// `YYYY-MM-DD` exactly, without chrono's format parser (the common case, and the cost of
/// a 100,000-row load); anything else goes through the general shapes.
fn iso_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// The UTC date of Unix seconds, within 1950–2100.
pub fn unix_date(secs: f64) -> Option<NaiveDate> {
    if !(UNIX_MIN..UNIX_MAX).contains(&secs) || secs.abs() < 1e8 {
        return None;
    }
    DateTime::from_timestamp(secs.floor() as i64, 0).map(|d| d.date_naive())
}

/// Today's UTC date (for "release date in the future").
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    DateTime::from_timestamp(secs as i64, 0).map_or(NaiveDate::MAX, |d| d.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_in_every_accepted_shape() {
        assert_eq!(parse_date_cell("2024-07-18"), d(2024, 7, 18));
        assert_eq!(parse_date_cell("2024-07-18T09:30:00Z"), d(2024, 7, 18));
        assert_eq!(parse_date_cell("2024-07"), d(2024, 7, 1));
        assert_eq!(parse_date_cell("Jul 2024"), d(2024, 7, 1));
        assert_eq!(parse_date_cell("July 2024"), d(2024, 7, 1));
        assert_eq!(parse_date_cell("1721260800"), d(2024, 7, 18));
        assert_eq!(parse_date_cell("March 32 2023"), None);
        assert_eq!(parse_date_cell("2024-07-18x"), None);
        assert_eq!(parse_date_cell("42"), None);
    }
}
