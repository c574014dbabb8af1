//! The sigmoid's bootstrap band on the sample (issue 14, item 5 of the issue): where it
//! lies against the fitted curve, and why.

use densing::analysis::uncertainty::sigmoid_band;
use densing::data::ScorePoint;
use densing::data::sample;
use densing::fit::{SigmoidFitOptions, bootstrap_sigmoid, fit_sigmoid, fit_sigmoid_from};

fn points() -> Vec<ScorePoint> {
    sample().unwrap().score_points("average")
}

/// The band the window draws (the 241-point grid over the checkpoints' losses, 200
/// replicates here) contains the fitted curve wherever the checkpoints are: a percentile
/// band of refits that scatter around the fit must. (The window once drew it with a
/// convex-polygon fill, which spans the chords of the S-shaped band: 20–30 points at loss
/// 0.3 with the fit, 21.9, on its lower edge; the band itself is 19.5–22.8 there.)
#[test]
fn sigmoid_band_contains_the_fit_where_the_data_are() {
    let pts = points();
    let opts = SigmoidFitOptions::default();
    let s = fit_sigmoid(&pts, &opts, None).unwrap().sigmoid;
    let draws = bootstrap_sigmoid(&pts, &opts, &s, 200, 0, None).unwrap();
    let ok: Vec<_> = draws.draws.iter().flatten().copied().collect();
    assert!(ok.len() >= 190, "{} of 200 converged", ok.len());
    let (lo, hi) = pts.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |a, p| {
        (a.0.min(p.loss), a.1.max(p.loss))
    });
    let xs: Vec<f64> = (0..=240)
        .map(|i| lo + (hi - lo) * i as f64 / 240.0)
        .collect();
    let band = sigmoid_band(&ok, &xs, 0.95);
    assert_eq!(band.x.len(), 241);
    for ((x, l), h) in band.x.iter().zip(&band.low).zip(&band.high) {
        let f = s.score(*x);
        assert!(
            *l <= f && f <= *h,
            "L {x}: fit {f:.2} outside {l:.2}–{h:.2}"
        );
        // Narrow where the checkpoints pin the curve: under 8 points wide.
        assert!(h - l < 8.0, "L {x}: {l:.2}–{h:.2}");
    }
}

/// Prints the figures behind the report: the band at loss 0.3 with the app's 1,000
/// replicates, how many replicates a full grid refit improves on, and the spread of d.
#[test]
#[ignore]
fn sigmoid_band_figures() {
    let pts = points();
    let opts = SigmoidFitOptions::default();
    let best = fit_sigmoid(&pts, &opts, None).unwrap();
    let s = best.sigmoid;
    eprintln!(
        "fit: {s:?}, objective {:.4}, S(0.3) = {:.2}",
        best.objective,
        s.score(0.3)
    );
    let draws = bootstrap_sigmoid(&pts, &opts, &s, 1000, 0, None).unwrap();
    let ok: Vec<_> = draws.draws.iter().flatten().copied().collect();
    eprintln!("{} of 1000 replicates converged", ok.len());
    let band = sigmoid_band(&ok, &[0.1, 0.18, 0.25, 0.3, 0.35, 0.4], 0.95);
    for ((x, lo), hi) in band.x.iter().zip(&band.low).zip(&band.high) {
        eprintln!("L {x}: band {lo:.2} – {hi:.2}, fit {:.2}", s.score(*x));
    }
    let at = |q: f64| {
        densing::fit::percentile(&ok.iter().map(|d| d.score(0.3)).collect::<Vec<_>>(), q).unwrap()
    };
    eprintln!(
        "S(0.3) over replicates: 2.5% {:.2}, 25% {:.2}, 50% {:.2}, 75% {:.2}, 97.5% {:.2}",
        at(0.025),
        at(0.25),
        at(0.5),
        at(0.75),
        at(0.975)
    );
    let ds: Vec<f64> = ok.iter().map(|d| d.d).collect();
    eprintln!(
        "d over replicates: 2.5% {:.2}, 50% {:.2}, 97.5% {:.2}",
        densing::fit::percentile(&ds, 0.025).unwrap(),
        densing::fit::percentile(&ds, 0.5).unwrap(),
        densing::fit::percentile(&ds, 0.975).unwrap()
    );
    // Replicates stuck in another optimum: refit each resample from the full grid too.
    use densing::fit::bootstrap::{CHECKPOINT_STREAM, replicate_rng, resample_indices};
    let (mut stuck, mut worse_at_03) = (0, Vec::new());
    for i in 0..1000 {
        let idx = resample_indices(&mut replicate_rng(0, CHECKPOINT_STREAM, i), pts.len());
        let sample: Vec<ScorePoint> = idx.iter().map(|&k| pts[k]).collect();
        let (Ok(warm), Ok(grid)) = (
            fit_sigmoid_from(&sample, &opts, Some(&s), None),
            fit_sigmoid(&sample, &opts, None),
        ) else {
            continue;
        };
        if warm.objective > grid.objective * (1.0 + 1e-6) + 1e-9 {
            stuck += 1;
            worse_at_03.push((warm.sigmoid.score(0.3), grid.sigmoid.score(0.3)));
        }
    }
    eprintln!("{stuck} of 1000 warm-started refits end above the grid's optimum");
    for (w, g) in worse_at_03.iter().take(10) {
        eprintln!("  S(0.3): warm {w:.2}, grid {g:.2}");
    }
    let distinct: Vec<usize> = (0..1000)
        .map(|i| {
            let mut idx = resample_indices(&mut replicate_rng(0, CHECKPOINT_STREAM, i), pts.len());
            idx.sort();
            idx.dedup();
            idx.len()
        })
        .collect();
    let mean = distinct.iter().sum::<usize>() as f64 / 1000.0;
    eprintln!(
        "distinct checkpoints per resample: mean {mean:.2} of {}",
        pts.len()
    );
}
