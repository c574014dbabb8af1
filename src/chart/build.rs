//! The four views' chart data, from (dataset, fits, options, analysis).

use super::model_points::{ModelPoints, model_series};
use super::palette::{ACCENT, BLUE, GREY, SERIES};
use super::ticks::days_of;
use super::{Axis, Chart, RefLine, Scale, Series, Style};
use crate::analysis::{Analysis, Basis, Options, Regression};
use crate::data::Dataset;
use crate::format::format_count;
use crate::law::Fits;
use std::collections::BTreeMap;

/// What every chart is built from.
#[derive(Clone, Copy)]
pub struct ChartInputs<'a> {
    pub dataset: &'a Dataset,
    pub fits: &'a Fits,
    pub options: &'a Options,
    pub analysis: &'a Analysis,
}

fn axis(label: &str, scale: Scale) -> Axis {
    Axis {
        label: label.into(),
        scale,
    }
}

fn empty(title: String, x: Axis, y: Axis, reason: String) -> Chart {
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
fn linspace(lo: f64, hi: f64, n: usize) -> impl Iterator<Item = f64> {
    (0..n).map(move |i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
}

/// The loss axis, naming the dataset's loss unit.
fn loss_label(inp: &ChartInputs<'_>) -> String {
    format!("loss L ({})", inp.dataset.loss_unit.name())
}

/// View 1: ladder losses vs tokens (log–log), one colour per size, fitted curves, D₀.
pub fn loss_chart(inp: ChartInputs<'_>, task: &str) -> Chart {
    let title = format!("Loss curves ({task})");
    let (x, y) = (
        axis("training tokens D", Scale::Log10),
        axis(&loss_label(&inp), Scale::Log10),
    );
    let rows: Vec<_> = inp
        .dataset
        .ladder
        .iter()
        .filter(|r| r.task == task)
        .collect();
    if rows.is_empty() {
        return empty(title, x, y, format!("no ladder points for task {task}"));
    }
    let law = inp.fits.tasks.get(task).map(|f| f.loss);
    let mut by_size: BTreeMap<u64, Vec<(f64, f64)>> = BTreeMap::new();
    for r in &rows {
        by_size
            .entry(r.n_params.to_bits())
            .or_default()
            .push((r.n_tokens, r.loss));
    }
    let mut series = Vec::new();
    for (i, (bits, pts)) in by_size.iter().enumerate() {
        let n = f64::from_bits(*bits);
        let color = SERIES[i % SERIES.len()];
        let name = format!("N = {}", format_count(n));
        let mut s = Series::new(
            &name,
            color,
            Style::Points {
                radius: 3.0,
                filled: true,
            },
        );
        for &(d, l) in pts {
            s.points.push([d.log10(), l.log10()]);
            let fit = law.map_or(String::new(), |law| {
                let p = law.loss(n, d);
                format!("\nfit {p:.4} (residual {:+.2}%)", (l / p - 1.0) * 100.0)
            });
            s.labels.push(format!(
                "N {}  D {}\nL {l:.4}{fit}",
                format_count(n),
                format_count(d)
            ));
        }
        series.push(s);
        if let Some(law) = law {
            let (lo, hi) = pts
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                    (a.min(p.0), b.max(p.0))
                });
            let mut line = Series::new(
                &name,
                color,
                Style::Line {
                    width: 1.5,
                    dashed: false,
                },
            );
            for ld in linspace(lo.log10() - 0.1, hi.log10() + 0.1, 40) {
                line.points.push([ld, law.loss(n, 10f64.powf(ld)).log10()]);
            }
            series.push(line);
        }
    }
    let d0 = inp.options.d0_tokens;
    let mut notes = Vec::new();
    if let Some(l) = law {
        let e = if l.e != 0.0 {
            format!("{:.3} + ", l.e)
        } else {
            String::new()
        };
        notes.push(format!(
            "L = {e}{:.3}·N^-{:.3} + {:.3}·D^-{:.3}",
            l.a, l.alpha, l.b, l.beta
        ));
    } else {
        notes.push(format!("no loss law for task {task}"));
    }
    let ref_lines = vec![RefLine {
        label: format!("D₀ = {}", format_count(d0)),
        vertical: true,
        at: d0.log10(),
        color: GREY,
    }];
    Chart {
        title,
        x,
        y,
        series,
        ref_lines,
        notes,
        empty_reason: None,
        x_range: None,
        y_range: None,
        point_labels: Vec::new(),
    }
}

/// View 2: score vs loss, checkpoints, the fitted sigmoid, its asymptotes and where each
/// model's score lands on it.
pub fn sigmoid_chart(inp: ChartInputs<'_>, task: &str) -> Chart {
    let title = format!("Loss → score sigmoid ({task})");
    let (x, y) = (
        axis(&loss_label(&inp), Scale::Linear),
        axis("score S (%)", Scale::Linear),
    );
    let points: Vec<_> = inp
        .dataset
        .checkpoints
        .iter()
        .filter(|r| r.task == task)
        .collect();
    let sigmoid = inp.fits.tasks.get(task).map(|f| f.sigmoid);
    if points.is_empty() && sigmoid.is_none() {
        return empty(
            title,
            x,
            y,
            format!("no checkpoints and no sigmoid for task {task}"),
        );
    }
    let mut series = Vec::new();
    let mut cp = Series::new(
        "checkpoints",
        BLUE,
        Style::Points {
            radius: 3.0,
            filled: true,
        },
    );
    for r in &points {
        cp.points.push([r.loss, r.score]);
        cp.labels
            .push(format!("checkpoint\nL {:.4}  S {:.2}", r.loss, r.score));
    }
    let mut models = Series::new(
        "models (implied loss)",
        ACCENT,
        Style::Points {
            radius: 3.5,
            filled: false,
        },
    );
    if inp.options.task == task {
        for (m, r) in inp.dataset.models.iter().zip(&inp.analysis.models) {
            if let (Some(l), Some(s)) = (r.loss_hat, r.score) {
                models.points.push([l, s]);
                models
                    .labels
                    .push(format!("{}\nS {s:.2} -> implied L {l:.4}", m.name));
            }
        }
    }
    let losses = cp.points.iter().chain(&models.points).map(|p| p[0]);
    let (lo, hi) = losses.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let mut ref_lines = Vec::new();
    let mut notes = Vec::new();
    if let Some(s) = sigmoid {
        let (lo, hi) = if lo.is_finite() {
            (lo, hi)
        } else {
            (s.l - 4.0 / s.gamma.abs(), s.l + 4.0 / s.gamma.abs())
        };
        let pad = 0.1 * (hi - lo).max(1e-3);
        let mut line = Series::new(
            "fitted sigmoid",
            BLUE,
            Style::Line {
                width: 2.0,
                dashed: false,
            },
        );
        for l in linspace((lo - pad).max(0.0), hi + pad, 80) {
            line.points.push([l, s.score(l)]);
        }
        series.push(line);
        ref_lines.push(RefLine {
            label: format!("c + d = {:.1}", s.c + s.d),
            vertical: false,
            at: s.c + s.d,
            color: GREY,
        });
        ref_lines.push(RefLine {
            label: format!("d = {:.1}", s.d),
            vertical: false,
            at: s.d,
            color: GREY,
        });
        notes.push(format!(
            "S = {:.1}/(1 + exp({:.2}·(L − {:.3}))) + {:.1}",
            s.c, -s.gamma, s.l, s.d
        ));
    }
    series.push(cp);
    if !models.points.is_empty() {
        series.push(models);
    }
    Chart {
        title,
        x,
        y,
        series,
        ref_lines,
        notes,
        empty_reason: None,
        x_range: None,
        y_range: None,
        point_labels: Vec::new(),
    }
}

/// View 3: effective size N_eff against actual size N (log–log) with ρ = 1 (and 0.1, 10).
pub fn inversion_chart(inp: ChartInputs<'_>) -> Chart {
    let title = "Effective size vs actual size".to_string();
    let x_label = match inp.options.basis {
        Basis::Total => "parameters N (total)",
        Basis::Active => "parameters N (active per token for MoE)",
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
        notes: vec![format!(
            "D₀ = {} tokens",
            format_count(inp.options.d0_tokens)
        )],
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

fn regression_series(
    name: &str,
    r: &Regression,
    ref_day: f64,
    x_lo: f64,
    x_hi: f64,
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
    for x in linspace(x_lo, x_hi, 60) {
        let t = x - ref_day;
        let y = r.predict(t);
        line.points.push([x, y / ln10]);
        if let Some(h) = r.band_half_width(t) {
            band.points.push([x, (y - h) / ln10]);
            band.upper.push((y + h) / ln10);
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
    };
    let (x, y) = (
        axis("release date", Scale::Date),
        axis(y_label, Scale::Log10),
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
    if !lo.is_finite() {
        return empty(title, x, y, "no model has a density".into());
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
                        a,
                        b,
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
                lo,
                hi,
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
    series.extend(models);
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
