//! Views 1 and 2: the loss curves of the ladder and the loss → score sigmoid of a task,
//! with their fitted laws.

use super::build::{ChartInputs, axis, empty, linspace, reference_note};
use super::palette::{ACCENT, BLUE, GREY, SERIES};
use super::{Chart, RefLine, Scale, Series, Style};
use crate::format::format_count;
use std::collections::BTreeMap;

/// The loss axis, naming the dataset's loss unit.
fn loss_label(inp: &ChartInputs<'_>) -> String {
    format!("loss L ({})", inp.dataset.loss_unit.name())
}

/// View 1: ladder losses vs tokens (log–log), one colour per size, fitted curves, D₀.
/// With a model family as the reference: the family's score against size instead.
pub fn loss_chart(inp: ChartInputs<'_>, task: &str) -> Chart {
    if inp.fits.family.is_some() {
        return super::family_chart::family_curve_chart(inp, task);
    }
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
    notes.extend(reference_note(&inp));
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
/// With a model family as the reference: the models over the family's curve instead.
pub fn sigmoid_chart(inp: ChartInputs<'_>, task: &str) -> Chart {
    if inp.fits.family.is_some() {
        return super::family_chart::family_models_chart(inp, task);
    }
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
    notes.extend(reference_note(&inp));
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
