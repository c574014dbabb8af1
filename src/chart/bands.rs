//! The bootstrap's bands on the charts (issue 15): the regression line's band and the
//! doubling time's interval on the density view, the loss law's band at each ladder size
//! on the loss view and the sigmoid's band on the sigmoid view, built from the analysis'
//! [`Uncertainty`]. The window and `densing export --bootstrap` draw the same series.

use super::{Chart, Series, Style, days_of, palette};
use crate::analysis::uncertainty::{loss_band, sigmoid_band};
use crate::analysis::{Band, Options, Uncertainty};
use crate::data::Dataset;
use crate::format::CHART_INTERVAL;

/// Name of the band series (the legend's entry).
pub const BAND_NAME: &str = "bootstrap 95% band";

/// The bootstrap's doubling-time interval in words (the density view's note).
pub fn bootstrap_note(u: &Uncertainty) -> String {
    match &u.regression {
        Some(r) => {
            let interval = CHART_INTERVAL.text(
                r.doubling_days_low,
                r.doubling_days_high,
                r.doubling_high_unbounded,
            );
            let edited = if u.laws_edited {
                "; laws edited by hand, held as shown: only the models resampled"
            } else {
                ""
            };
            format!(
                "bootstrap ({} replicates, {} dropped{edited}): doubling time 95% interval {interval} days",
                u.n_replicates, u.n_failed_refits
            )
        }
        None => "bootstrap: no regression".into(),
    }
}

/// A band as a chart series, with the axis transforms of its chart.
fn band_series(band: &Band, fx: impl Fn(f64) -> f64, fy: impl Fn(f64) -> f64) -> Series {
    let mut s = Series::new(BAND_NAME, palette::GREY, Style::Band);
    for ((x, lo), hi) in band.x.iter().zip(&band.low).zip(&band.high) {
        s.points.push([fx(*x), fy(*lo)]);
        s.upper.push(fy(*hi));
    }
    s
}

/// The density view with the regression line's band (drawn first, under the points) and
/// the doubling time's bootstrap interval as a note.
pub fn add_density_band(chart: &mut Chart, u: &Uncertainty, options: &Options) {
    if let Some(band) = &u.regression_band {
        let ref_day = days_of(options.ref_date);
        let ln10 = std::f64::consts::LN_10;
        let s = band_series(band, |x| x + ref_day, |y| y / ln10);
        chart.series.insert(0, s);
        chart.notes.push(bootstrap_note(u));
    }
}

/// The loss view of `task` with the loss law's band at each ladder size, over the fitted
/// curve's own span (0.1 dex either side of that size's points).
pub fn add_loss_bands(chart: &mut Chart, u: &Uncertainty, dataset: &Dataset, task: &str) {
    let Some(t) = u.laws.iter().find(|t| t.task == task) else {
        return;
    };
    let mut sizes: Vec<(f64, f64, f64)> = Vec::new(); // (N, min D, max D)
    for r in dataset.ladder.iter().filter(|r| r.task == task) {
        match sizes.iter_mut().find(|s| s.0 == r.n_params) {
            Some(s) => (s.1, s.2) = (s.1.min(r.n_tokens), s.2.max(r.n_tokens)),
            None => sizes.push((r.n_params, r.n_tokens, r.n_tokens)),
        }
    }
    for (n, lo, hi) in sizes {
        let xs: Vec<f64> = (0..=120)
            .map(|i| {
                let span = (hi / lo).log10() + 0.2;
                10f64.powf(lo.log10() - 0.1 + span * i as f64 / 120.0)
            })
            .collect();
        let band = loss_band(&t.loss_draws, n, &xs, u.level);
        chart
            .series
            .insert(0, band_series(&band, f64::log10, f64::log10));
    }
}

/// The sigmoid view of `task` with the sigmoid's band over the checkpoints' losses.
pub fn add_sigmoid_band(chart: &mut Chart, u: &Uncertainty, dataset: &Dataset, task: &str) {
    let Some(t) = u.laws.iter().find(|t| t.task == task) else {
        return;
    };
    let losses = dataset
        .checkpoints
        .iter()
        .filter(|r| r.task == task)
        .map(|r| r.loss);
    let (lo, hi) = losses.fold((f64::INFINITY, f64::NEG_INFINITY), |a, l| {
        (a.0.min(l), a.1.max(l))
    });
    if lo < hi {
        // A fine grid: the band bends with the curve, never a few chords.
        let xs: Vec<f64> = (0..=240)
            .map(|i| lo + (hi - lo) * i as f64 / 240.0)
            .collect();
        let band = sigmoid_band(&t.sigmoid_draws, &xs, u.level);
        chart.series.insert(0, band_series(&band, |x| x, |y| y));
    }
}

/// The bands of `u` on the view named `view` (`loss`, `sigmoid`, `density`; the
/// inversion view has none) showing `task`.
pub fn add_bands(
    chart: &mut Chart,
    view: &str,
    u: &Uncertainty,
    dataset: &Dataset,
    options: &Options,
    task: &str,
) {
    match view {
        "loss" => add_loss_bands(chart, u, dataset, task),
        "sigmoid" => add_sigmoid_band(chart, u, dataset, task),
        "density" => add_density_band(chart, u, options),
        _ => {}
    }
}
