//! Chart descriptions (DESIGN §2, §3): plain data built from the analysis — series with
//! labels and colours, axes with their scales, annotations. The window draws them with
//! egui_plot; an exporter can write the same data to SVG/PNG, so an export shows what
//! was on screen. Values on log axes are stored as log10, dates as days since 1970-01-01.

mod bands;
mod build;
mod family_chart;
mod iso;
mod labels;
mod law_charts;
mod legend;
mod lineage;
mod model_points;
mod render;
mod sensitivity;
mod ticks;

pub use bands::{
    BAND_NAME, add_bands, add_density_band, add_loss_bands, add_sigmoid_band, bootstrap_note,
};
pub use build::{ChartInputs, density_chart, inversion_chart, regression_note};
pub use iso::{iso_chart, iso_chart_of};
pub use labels::{LabelBox, place_labels};
pub use law_charts::{loss_chart, sigmoid_chart};
pub use legend::{LegendEntry, LegendLook, legend_entries};
pub use lineage::{LINEAGE_SERIES, published_series_name};
pub use render::{
    RenderError, auto_ranges, axis_ticks, emptiest_corner, label_boxes, png_bytes, svg_string,
};
pub use sensitivity::sensitivity_chart;
pub use ticks::{date_of, days_of, format_axis_value};

use serde::{Deserialize, Serialize};

/// How an axis maps values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scale {
    Linear,
    /// Values are log10 of the quantity; ticks print the quantity (10M, 1B, 1T).
    Log10,
    /// Values are days since 1970-01-01; ticks print dates.
    Date,
    /// Values are log10 of a plain number (a density); ticks print plain numbers (0.01,
    /// 1, 100, 10⁴), never parameter suffixes.
    Ratio,
}

impl Scale {
    /// Whether values are stored as log10 (ticks at decades).
    pub fn is_log(self) -> bool {
        matches!(self, Scale::Log10 | Scale::Ratio)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Axis {
    pub label: String,
    pub scale: Scale,
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Style {
    Points {
        radius: f32,
        filled: bool,
    },
    Line {
        width: f32,
        dashed: bool,
    },
    /// A filled band between `points` (lower edge) and `upper`.
    Band,
}

/// The shape of a series' points: circles, or diamonds for mixture-of-experts models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Marker {
    #[default]
    Circle,
    Diamond,
}

/// A model's name written beside its point (the density view; DESIGN §3, issue 13). Both
/// the window and the exporter place these with [`place_labels`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointLabel {
    pub text: String,
    /// The labelled point (axis coordinates).
    pub at: [f64; 2],
    /// The series the point belongs to (hiding the series hides the label).
    pub series: String,
}

/// One legend entry: points, a line or a band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    /// sRGB colour.
    pub color: [u8; 3],
    pub style: Style,
    /// (x, y) in axis coordinates (log10 / days applied).
    pub points: Vec<[f64; 2]>,
    /// Upper edge of a band (same x as `points`).
    pub upper: Vec<f64>,
    /// Hover text per point (may be empty).
    pub labels: Vec<String>,
    #[serde(default)]
    pub marker: Marker,
    /// Whether the series sets the axis ranges: data points (and interval bars) do;
    /// fitted, extrapolated and regression lines and bands do not (issue 22, item 3).
    #[serde(default = "sets_range_default")]
    pub sets_range: bool,
}

fn sets_range_default() -> bool {
    true
}

impl Series {
    /// A series; points set the axis ranges, lines and bands do not (see `sets_range`).
    pub fn new(name: impl Into<String>, color: [u8; 3], style: Style) -> Self {
        Series {
            name: name.into(),
            color,
            style,
            points: Vec::new(),
            upper: Vec::new(),
            labels: Vec::new(),
            marker: Marker::Circle,
            sets_range: matches!(style, Style::Points { .. }),
        }
    }
}

/// A straight reference line across the plot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefLine {
    pub label: String,
    pub vertical: bool,
    /// x for a vertical line, y for a horizontal one (axis coordinates).
    pub at: f64,
    pub color: [u8; 3],
}

/// Everything one view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub title: String,
    pub x: Axis,
    pub y: Axis,
    pub series: Vec<Series>,
    pub ref_lines: Vec<RefLine>,
    /// Lines of text written on the chart (e.g. the doubling time).
    pub notes: Vec<String>,
    /// Said instead of a plot when there is nothing to draw.
    pub empty_reason: Option<String>,
    /// Fixed axis ranges (the window's zoom); `None`: fit the data.
    #[serde(default)]
    pub x_range: Option<[f64; 2]>,
    #[serde(default)]
    pub y_range: Option<[f64; 2]>,
    /// Names written beside points, most important first (placed in that order).
    #[serde(default)]
    pub point_labels: Vec<PointLabel>,
}

/// What the user changed about a chart on screen: series hidden from the legend and the
/// zoomed or panned ranges (axis coordinates; `None` is the automatic range).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartView {
    /// Names of the hidden series and reference lines.
    pub hidden: Vec<String>,
    pub x_range: Option<[f64; 2]>,
    pub y_range: Option<[f64; 2]>,
}

impl ChartView {
    /// True when the chart shows as built.
    pub fn is_default(&self) -> bool {
        self == &ChartView::default()
    }
}

impl Chart {
    /// The chart as the user sees it on screen: hidden series and reference lines removed,
    /// the zoomed ranges fixed (the exporter clips to them).
    pub fn with_view(&self, view: &ChartView) -> Chart {
        let mut c = self.clone();
        let shown = |name: &str| !view.hidden.iter().any(|h| h == name);
        c.series.retain(|s| shown(&s.name));
        c.ref_lines.retain(|r| shown(&r.label));
        c.point_labels.retain(|l| shown(&l.series));
        let valid =
            |r: Option<[f64; 2]>| r.filter(|r| r[0].is_finite() && r[1].is_finite() && r[0] < r[1]);
        c.x_range = valid(view.x_range);
        c.y_range = valid(view.y_range);
        c
    }
}

/// Colours (Okabe–Ito, readable by colour-blind readers) and greys.
pub mod palette {
    pub const SERIES: [[u8; 3]; 8] = [
        [0, 114, 178],
        [230, 159, 0],
        [0, 158, 115],
        [204, 121, 167],
        [86, 180, 233],
        [213, 94, 0],
        [240, 228, 66],
        [0, 0, 0],
    ];
    pub const GREY: [u8; 3] = [150, 150, 150];
    pub const ACCENT: [u8; 3] = [213, 94, 0];
    pub const BLUE: [u8; 3] = [0, 114, 178];
}
