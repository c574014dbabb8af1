//! A chart's legend entries, for the window and the exporter alike (so the two agree):
//! one entry per series name, with every look drawn under that name (a points series
//! and its line share an entry), a line's "… 95% band" joined to its line, then the
//! reference lines. A series with no points draws nothing and gets no entry.

use super::{Chart, Marker, Style};

/// The suffix of a band drawn around a line of the same name (`build::regression_series`).
const BAND_SUFFIX: &str = " 95% band";

/// How one look of an entry is drawn: as a series (its style and marker) or as a
/// reference line (dashed).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LegendLook {
    Series { style: Style, marker: Marker },
    RefLine,
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// The text shown.
    pub name: String,
    /// The series (and reference lines) the entry stands for: hiding it hides them all.
    pub names: Vec<String>,
    /// sRGB colour.
    pub color: [u8; 3],
    /// Drawn one over the other, in this order.
    pub looks: Vec<LegendLook>,
}

/// The chart's legend entries in drawing order (unnamed helper series left out).
pub fn legend_entries(chart: &Chart) -> Vec<LegendEntry> {
    let mut out: Vec<LegendEntry> = Vec::new();
    let mut add = |name: &str, color: [u8; 3], look: LegendLook| {
        if name.is_empty() {
            return;
        }
        match out.iter_mut().find(|e| e.name == name) {
            Some(e) => {
                if !e.looks.contains(&look) {
                    e.looks.push(look);
                }
            }
            None => out.push(LegendEntry {
                name: name.to_string(),
                names: vec![name.to_string()],
                color,
                looks: vec![look],
            }),
        }
    };
    for s in chart.series.iter().filter(|s| !s.points.is_empty()) {
        let look = LegendLook::Series {
            style: s.style,
            marker: s.marker,
        };
        add(&s.name, s.color, look);
    }
    for r in &chart.ref_lines {
        add(&r.label, r.color, LegendLook::RefLine);
    }
    merge_bands(out)
}

/// A band named after a line ("X 95% band" beside "X") becomes part of the line's entry,
/// drawn under it ("X, 95% band"), so a legend has one row less per fitted line.
fn merge_bands(entries: Vec<LegendEntry>) -> Vec<LegendEntry> {
    let band = LegendLook::Series {
        style: Style::Band,
        marker: Marker::Circle,
    };
    let is_solid_line = |l: &LegendLook| {
        matches!(
            l,
            LegendLook::Series {
                style: Style::Line { dashed: false, .. },
                ..
            }
        )
    };
    let mut out: Vec<LegendEntry> = Vec::with_capacity(entries.len());
    let mut bands = Vec::new();
    for e in entries {
        match e.name.strip_suffix(BAND_SUFFIX) {
            Some(line) if e.looks == [band] => bands.push((line.to_string(), e)),
            _ => out.push(e),
        }
    }
    for (line, b) in bands {
        match out
            .iter_mut()
            .find(|e| e.name == line && e.looks.iter().any(is_solid_line))
        {
            Some(e) => {
                e.looks.insert(0, band);
                e.names.extend(b.names);
                e.name = format!("{line}, 95% band");
            }
            None => out.push(b),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Series;

    fn series(name: &str, style: Style, n: usize) -> Series {
        let mut s = Series::new(name, [1, 2, 3], style);
        s.points = vec![[0.0, 0.0]; n];
        s
    }

    #[test]
    fn a_band_joins_its_line_and_empty_series_have_no_entry() {
        let line = Style::Line {
            width: 2.0,
            dashed: false,
        };
        let dots = Style::Points {
            radius: 3.0,
            filled: true,
        };
        let axis = || crate::chart::Axis {
            label: String::new(),
            scale: crate::chart::Scale::Linear,
        };
        let mut chart = crate::chart::build::empty(String::new(), axis(), axis(), String::new());
        chart.series = vec![
            series("fit 95% band", Style::Band, 4),
            series("fit", line, 4),
            series("models", dots, 3),
            series("models", line, 2),
            series("frontier", dots, 0),
            series("bootstrap 95% band", Style::Band, 4),
        ];
        let entries = legend_entries(&chart);
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        // "bootstrap" is no line's name: its band keeps its own entry.
        assert_eq!(names, ["fit, 95% band", "models", "bootstrap 95% band"]);
        assert_eq!(entries[0].names, ["fit", "fit 95% band"]);
        assert_eq!(entries[0].looks.len(), 2);
        assert_eq!(entries[1].looks.len(), 2, "points and line share an entry");
    }
}
