//! The models' points on the inversion and density views: grey dots, the frontier
//! highlighted, mixture-of-experts models as diamonds, with hover text and the names the
//! density view writes beside its points.

use super::palette::{ACCENT, GREY, SERIES};

/// Sky blue and reddish purple of the palette: models dated other than by release.
const SKY: [u8; 3] = SERIES[4];
const PURPLE: [u8; 3] = SERIES[3];
use super::{ChartInputs, Marker, PointLabel, Series, Style};
use crate::analysis::{ModelResult, PointLabels};
use crate::data::Model;
use crate::format::format_count;

/// Hover text of a model: name, date, N (and the total of a mixture of experts), N_eff,
/// ρ, scores (one allocation).
fn model_label(m: &Model, r: &ModelResult) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(128);
    let _ = write!(s, "{}\nreleased ", m.name);
    let _ = match r.release_date {
        Some(d) if !r.date_kind.is_release() => {
            write!(s, "? (dated {d} by {})", r.date_kind.describe())
        }
        Some(d) => write!(s, "{d}"),
        None => write!(s, "?"),
    };
    let _ = write!(
        s,
        "\nN {}  N_eff {}\nρ {:.3}\n",
        r.n_params.map_or("?".into(), format_count),
        r.n_hat.map_or("?".into(), format_count),
        r.density.unwrap_or(f64::NAN)
    );
    if let (true, Some(total), Some(active)) = (m.is_moe(), m.n_params, m.n_params_active) {
        let _ = writeln!(
            s,
            "mixture of experts: {} total, {} active",
            format_count(total),
            format_count(active)
        );
    }
    for (i, (b, v)) in m.scores.iter().enumerate() {
        let _ = write!(s, "{}{b} {v}", if i > 0 { ", " } else { "" });
    }
    s
}

/// The model series of a view and what did not make it.
pub(super) struct ModelPoints {
    /// `models`, `models (MoE)`, `frontier`, `frontier (MoE)` — the MoE ones only when
    /// they have points.
    pub series: Vec<Series>,
    /// Models without a point.
    pub missing: usize,
    /// Names to write beside points per the options' label choice: the frontier in date
    /// order first, then (with "all") the others.
    pub labels: Vec<PointLabel>,
}

pub(super) fn model_series(
    inp: ChartInputs<'_>,
    frontier_radius: f32,
    point: impl Fn(&ModelResult) -> Option<[f64; 2]>,
) -> ModelPoints {
    let dot = |radius| Style::Points {
        radius,
        filled: true,
    };
    let mut sets = [
        Series::new("models", GREY, dot(3.0)),
        Series::new("models (MoE)", GREY, dot(4.0)),
        Series::new("frontier", ACCENT, dot(frontier_radius)),
        Series::new("frontier (MoE)", ACCENT, dot(frontier_radius + 1.0)),
    ];
    sets[1].marker = Marker::Diamond;
    sets[3].marker = Marker::Diamond;
    // Densities a one-point change would double (issue 20's guard): hollow.
    let mut unreliable = Series::new(
        "unreliable (one point moves N̂ ≥ the threshold)",
        GREY,
        Style::Points {
            radius: 3.5,
            filled: false,
        },
    );
    // Dated by a hub upload or leaderboard submission date, not a release date (issue 20):
    // their own colour, frontier or not.
    let mut other_dated = [
        Series::new("models (upload/submission date)", SKY, dot(3.0)),
        Series::new(
            "frontier (upload/submission date)",
            PURPLE,
            dot(frontier_radius),
        ),
    ];
    let mut missing = 0;
    let mut frontier_labels: Vec<(f64, PointLabel)> = Vec::new();
    let mut other_labels = Vec::new();
    for (m, r) in inp.dataset.models.iter().zip(&inp.analysis.models) {
        let Some(p) = point(r) else {
            missing += 1;
            continue;
        };
        if r.unreliable && !r.on_frontier {
            unreliable.points.push(p);
            unreliable.labels.push(model_label(m, r));
            continue;
        }
        let k = 2 * usize::from(r.on_frontier) + usize::from(m.is_moe());
        let set = if r.date_kind.is_release() {
            &mut sets[k]
        } else {
            &mut other_dated[usize::from(r.on_frontier)]
        };
        set.points.push(p);
        set.labels.push(model_label(m, r));
        let label = PointLabel {
            text: m.name.clone(),
            at: p,
            series: set.name.clone(),
        };
        match (r.on_frontier, inp.options.labels) {
            (_, PointLabels::None) => {}
            (true, _) => frontier_labels.push((p[0], label)),
            (false, PointLabels::All) => other_labels.push(label),
            (false, PointLabels::Frontier) => {}
        }
    }
    frontier_labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut labels: Vec<PointLabel> = frontier_labels.into_iter().map(|(_, l)| l).collect();
    labels.extend(other_labels);
    let [others, others_moe, frontier, frontier_moe] = sets;
    let mut series = vec![others];
    if !others_moe.points.is_empty() {
        series.push(others_moe);
    }
    series.push(frontier);
    if !frontier_moe.points.is_empty() {
        series.push(frontier_moe);
    }
    series.extend(other_dated.into_iter().filter(|s| !s.points.is_empty()));
    if !unreliable.points.is_empty() {
        series.push(unreliable);
    }
    ModelPoints {
        series,
        missing,
        labels,
    }
}
