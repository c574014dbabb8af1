//! The four views' chart data, from (dataset, fits, options, analysis).

use super::model_points::{ModelPoints, model_series};
use super::palette::{ACCENT, BLUE, GREY};
use super::ticks::days_of;
use super::{Axis, Chart, RefLine, Scale, Series, Style};
use crate::analysis::{Analysis, Basis, Options, Regression};
use crate::data::Dataset;
use crate::format::format_count;
use crate::law::Fits;

/// What every chart is built from.
#[derive(Clone, Copy)]
pub struct ChartInputs<'a> {
    pub dataset: &'a Dataset,
    pub fits: &'a Fits,
    pub options: &'a Options,
    pub analysis: &'a Analysis,
}

pub(super) fn axis(label: &str, scale: Scale) -> Axis {
    Axis {
        label: label.into(),
        scale,
    }
}

pub(super) fn empty(title: String, x: Axis, y: Axis, reason: String) -> Chart {
    Chart {
        title,
        x,
        y,
        series: Vec::new(),
        ref_lines: Vec::new(),
        notes: Vec::new(),
        empty_reason: Some(reason),
        x_range: None,
        y_range: None,
        point_labels: Vec::new(),
    }
}

/// `n` values evenly spaced from `lo` to `hi`.
pub(super) fn linspace(lo: f64, hi: f64, n: usize) -> impl Iterator<Item = f64> {
    (0..n).map(move |i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
}

/// View 3: effective size N_eff against actual size N (log–log) with ρ = 1 (and 0.1, 10).
pub fn inversion_chart(inp: ChartInputs<'_>) -> Chart {
    let title = "Effective size vs actual size".to_string();
    let x_label = match inp.options.basis {
        Basis::Total => "parameters N (total)",
        Basis::Active | Basis::Inference => "parameters N (active per token for MoE)",
    };
    let (x, y) = (
        axis(x_label, Scale::Log10),
        axis("effective parameters N_eff", Scale::Log10),
    );
    let ModelPoints { series: models, .. } = model_series(inp, 4.0, |r| {
        r.density?;
        Some([r.n_params?.log10(), r.n_hat?.log10()])
    });
    let all = || {
        models
            .iter()
            .flat_map(|s| &s.points)
            .flat_map(|p| [p[0], p[1]])
    };
    let lo = all().fold(f64::INFINITY, f64::min);
    let hi = all().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() {
        return empty(title, x, y, "no model has an effective size".into());
    }
    let mut series = Vec::new();
    for (rho, dashed) in [(1.0f64, false), (0.1, true), (10.0, true)] {
        let mut l = Series::new(
            format!("ρ = {rho}"),
            GREY,
            Style::Line { width: 1.0, dashed },
        );
        l.points = vec![
            [lo - 0.3, lo - 0.3 + rho.log10()],
            [hi + 0.3, hi + 0.3 + rho.log10()],
        ];
        series.push(l);
    }
    series.extend(models);
    Chart {
        title,
        x,
        y,
        series,
        ref_lines: Vec::new(),
        notes: match reference_note(&inp) {
            Some(line) => vec![line],
            None => vec![format!(
                "D₀ = {} tokens",
                format_count(inp.options.d0_tokens)
            )],
        },
        empty_reason: None,
        x_range: None,
        y_range: None,
        point_labels: Vec::new(),
    }
}

/// The text written on the density view about a regression.
pub fn regression_note(r: &Regression) -> String {
    let d = match r.doubling_days {
        None => "density does not grow (A ≤ 0)".to_string(),
        Some(d) => {
            // A CI only when both ends are known (or the upper one unbounded).
            let known = r.doubling_days_low.is_some()
                && (r.doubling_high_unbounded || r.doubling_days_high.is_some());
            let ci = if known {
                let interval = crate::format::CHART_INTERVAL.text(
                    r.doubling_days_low,
                    r.doubling_days_high,
                    r.doubling_high_unbounded,
                );
                format!(" (95% CI {interval})")
            } else {
                String::new()
            };
            format!("doubling time {d:.1} days{ci}")
        }
    };
    format!("{d}, R² = {:.3}, n = {}", r.r2, r.n_points)
}

/// How far (decades) the regression band may reach beyond the models' densities: a band
/// of few frontier points widens without bound away from them, and drawn whole it would
/// set the axis (to 10^20 and more) instead of the data.
const BAND_REACH_DECADES: f64 = 2.0;

fn regression_series(
    name: &str,
    r: &Regression,
    ref_day: f64,
    (x_lo, x_hi): (f64, f64),
    (y_lo, y_hi): (f64, f64),
    color: [u8; 3],
) -> Vec<Series> {
    let ln10 = std::f64::consts::LN_10;
    let mut line = Series::new(
        name,
        color,
        Style::Line {
            width: 2.0,
            dashed: false,
        },
    );
    let mut band = Series::new(format!("{name} 95% band"), color, Style::Band);
    let (cap_lo, cap_hi) = (y_lo - BAND_REACH_DECADES, y_hi + BAND_REACH_DECADES);
    for x in linspace(x_lo, x_hi, 60) {
        let t = x - ref_day;
        let y = r.predict(t);
        // The line stops where it leaves its capped band (a steep fit of few frontier
        // points would otherwise run decades past the data: issue 22, item 4).
        if (cap_lo..=cap_hi).contains(&(y / ln10)) {
            line.points.push([x, y / ln10]);
        }
        if let Some(h) = r.band_half_width(t) {
            let clip = |v: f64| v.clamp(cap_lo, cap_hi);
            band.points.push([x, clip((y - h) / ln10)]);
            band.upper.push(clip((y + h) / ln10));
        }
    }
    if band.points.is_empty() {
        vec![line]
    } else {
        vec![band, line]
    }
}

/// View 4: ρ (log scale) vs release date, frontier highlighted, the regression line with
/// its band, the doubling time written on the chart.
pub fn density_chart(inp: ChartInputs<'_>) -> Chart {
    let title = "Density over time".to_string();
    let y_label = match inp.options.basis {
        Basis::Total => "density ρ = N_eff / N (total parameters)",
        Basis::Active => "density ρ = N_eff / N (active parameters)",
        Basis::Inference => "density per inference cost ρ = N_eff·T_ref / (N_active·T)",
    };
    let (x, y) = (
        axis("release date", Scale::Date),
        axis(y_label, Scale::Ratio),
    );
    let ModelPoints {
        series: models,
        missing: excluded,
        labels: point_labels,
    } = model_series(inp, 4.5, |r| {
        Some([days_of(r.release_date?), r.density?.log10()])
    });
    let xs = || models.iter().flat_map(|s| &s.points).map(|p| p[0]);
    let lo = xs().fold(f64::INFINITY, f64::min);
    let hi = xs().fold(f64::NEG_INFINITY, f64::max);
    let ys = || models.iter().flat_map(|s| &s.points).map(|p| p[1]);
    let y_span = (
        ys().fold(f64::INFINITY, f64::min),
        ys().fold(f64::NEG_INFINITY, f64::max),
    );
    if !lo.is_finite() {
        let undated = inp
            .analysis
            .models
            .iter()
            .filter(|r| r.density.is_some() && r.release_date.is_none())
            .count();
        let why = if undated > 0 {
            format!(
                "no model with a density has a date ({undated} have a density): give release \
                 dates (a date column, a dates table) or place them at their hub upload dates"
            )
        } else {
            "no model has a density".into()
        };
        return empty(title, x, y, why);
    }
    let ref_day = days_of(inp.options.ref_date);
    let mut series = Vec::new();
    let mut notes = Vec::new();
    match (&inp.analysis.breakpoint, &inp.analysis.regression) {
        (Some(bp), _) => {
            notes.push(format!(
                "breakpoint {}: {}",
                bp.date,
                bp.frontier_rule.describe()
            ));
            let cut = days_of(bp.date);
            for (name, r, a, b, color) in [
                ("before", &bp.before, lo, cut, BLUE),
                ("after", &bp.after, cut, hi, ACCENT),
            ] {
                if let Some(r) = r {
                    series.extend(regression_series(
                        &format!("fit {name} {}", bp.date),
                        r,
                        ref_day,
                        (a, b),
                        y_span,
                        color,
                    ));
                    notes.push(format!("{name} {}: {}", bp.date, regression_note(r)));
                }
            }
        }
        (None, Some(r)) => {
            series.extend(regression_series(
                "ln ρ = A·t + B",
                r,
                ref_day,
                (lo, hi),
                y_span,
                BLUE,
            ));
            notes.push(regression_note(r));
        }
        (None, None) => notes.push(format!(
            "no regression: {}",
            inp.analysis.regression_note().unwrap_or_default()
        )),
    }
    if excluded > 0 {
        let what = if excluded == 1 {
            "model has"
        } else {
            "models have"
        };
        notes.push(format!(
            "{excluded} {what} no density (reasons in the table)"
        ));
    }
    let moe = inp.dataset.models.iter().any(|m| m.is_moe());
    notes.push(format!(
        "{}{}",
        inp.options.basis.describe(),
        if moe {
            "; diamonds: mixture of experts"
        } else {
            ""
        }
    ));
    let other_dated: Vec<_> = inp
        .analysis
        .models
        .iter()
        .filter(|r| !r.date_kind.is_release() && r.release_date.is_some())
        .collect();
    if let Some(first) = other_dated.first() {
        notes.push(format!(
            "{} models dated by {}, not release date (sky blue; purple on the frontier)",
            other_dated.len(),
            first.date_kind.describe()
        ));
    }
    notes.extend(reference_note(&inp));
    series.extend(models);
    super::lineage::add_overlays(&inp, &mut series, &mut notes);
    let ref_lines = inp.options.breakpoint.map(|d| RefLine {
        label: format!("breakpoint {d}"),
        vertical: true,
        at: days_of(d),
        color: GREY,
    });
    Chart {
        title,
        x,
        y,
        series,
        ref_lines: ref_lines.into_iter().collect(),
        notes,
        empty_reason: None,
        x_range: None,
        y_range: None,
        point_labels,
    }
}

/// The line naming the reference on every view and export: a real ladder ("densities
/// relative to the OLMo ladder (DIR), D₀ = 1T tokens"), or the embedded sample's synthetic
/// one, so its doubling time does not read as the paper's; none for a table's own ladder.
pub(super) fn reference_note(inp: &ChartInputs<'_>) -> Option<String> {
    if inp.dataset.reference.is_some() {
        return Some(inp.dataset.reference_line(inp.options.d0_tokens));
    }
    is_embedded_ladder(&inp.dataset.ladder).then(|| {
        format!(
            "densities relative to the embedded synthetic ladder — not the paper's, D₀ = {} tokens",
            crate::format::format_count(inp.options.d0_tokens)
        )
    })
}

/// Whether `ladder` is the embedded sample's synthetic ladder.
fn is_embedded_ladder(ladder: &[crate::data::LadderRow]) -> bool {
    static SAMPLE: std::sync::OnceLock<Vec<crate::data::LadderRow>> = std::sync::OnceLock::new();
    let sample = SAMPLE.get_or_init(|| crate::data::sample().map(|d| d.ladder).unwrap_or_default());
    !ladder.is_empty() && ladder == sample.as_slice()
}
