//! Units of the cells people write: parameter counts (`6738415616`, `6.7` billions, `7B`,
//! `350M`), scores (0–1 or 0–100, decided per column) and dates (ISO, `2024-07`,
//! `Jul 2024`, Unix seconds).

use chrono::{DateTime, NaiveDate};
use serde::{Deserialize, Serialize};

/// How a score column is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreScale {
    /// 0–1, multiplied by 100 on load.
    Fraction,
    /// 0–100 points, kept as is.
    Points,
}

impl ScoreScale {
    /// The guess for a column: every value at most 1 → a fraction.
    pub fn guess(values: impl Iterator<Item = f64>) -> ScoreScale {
        let mut any = false;
        for v in values {
            any = true;
            if v > 1.0 {
                return ScoreScale::Points;
            }
        }
        if any {
            ScoreScale::Fraction
        } else {
            ScoreScale::Points
        }
    }

    pub fn to_points(self, v: f64) -> f64 {
        match self {
            ScoreScale::Fraction => v * 100.0,
            ScoreScale::Points => v,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            ScoreScale::Fraction => "0–1, multiplied by 100",
            ScoreScale::Points => "0–100 points",
        }
    }
}

/// How the plain numbers of a parameter column are written (cells like `7B` say so
/// themselves).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeUnit {
    Raw,
    Billions,
}

/// Plain numbers below this are read as billions when the header does not say.
pub const BILLIONS_BELOW: f64 = 100_000.0;

impl SizeUnit {
    /// The guess for a column of plain numbers: all below 100,000 → billions.
    pub fn guess(values: impl Iterator<Item = f64>) -> SizeUnit {
        let mut any = false;
        for v in values {
            any = true;
            if v.abs() >= BILLIONS_BELOW {
                return SizeUnit::Raw;
            }
        }
        if any {
            SizeUnit::Billions
        } else {
            SizeUnit::Raw
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            SizeUnit::Raw => "raw parameter counts",
            SizeUnit::Billions => "billions of parameters",
        }
    }
}

/// A size written with a suffix: `7B` → 7e9, `1.3b` → 1.3e9, `350M` → 3.5e8, `125K`,
/// `1.2T`. `Ok(None)` when the text is not of that shape (a plain number, say); an error
/// message for mixture-of-experts sizes like `8x7B`, which need an explicit count.
pub fn parse_size_text(text: &str) -> Result<Option<f64>, String> {
    let t = text.trim();
    if let Some((experts, _)) = t.split_once(['x', 'X'])
        && !experts.is_empty()
        && experts.chars().all(|c| c.is_ascii_digit())
    {
        return Err(format!(
            "an explicit parameter count ('{t}' is a mixture-of-experts size: give the total, e.g. 46.7B)"
        ));
    }
    let Some(last) = t.chars().last() else {
        return Ok(None);
    };
    let mult = match last.to_ascii_lowercase() {
        'k' => 1e3,
        'm' => 1e6,
        'b' => 1e9,
        't' => 1e12,
        _ => return Ok(None),
    };
    let digits = t[..t.len() - 1].trim();
    match digits.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v * mult)),
        _ => Ok(None),
    }
}

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
    fn sizes_with_suffixes() {
        assert_eq!(parse_size_text("7B"), Ok(Some(7e9)));
        assert_eq!(parse_size_text("1.3b"), Ok(Some(1.3e9)));
        assert_eq!(parse_size_text(" 350M "), Ok(Some(3.5e8)));
        assert_eq!(parse_size_text("6738415616"), Ok(None));
        assert!(
            parse_size_text("8x7B")
                .unwrap_err()
                .contains("mixture-of-experts")
        );
        assert_eq!(parse_size_text("B"), Ok(None));
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

    #[test]
    fn scales_are_guessed_per_column() {
        assert_eq!(
            ScoreScale::guess([0.5, 0.9].into_iter()),
            ScoreScale::Fraction
        );
        assert_eq!(
            ScoreScale::guess([0.5, 45.0].into_iter()),
            ScoreScale::Points
        );
        assert_eq!(SizeUnit::guess([7.0, 70.0].into_iter()), SizeUnit::Billions);
        assert_eq!(SizeUnit::guess([7e9].into_iter()), SizeUnit::Raw);
    }
}
