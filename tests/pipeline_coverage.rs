//! Coverage of the doubling-time intervals on the whole pipeline the window runs by default
//! (issue 14): ladder and checkpoints simulated from known laws and refitted, models on a
//! timeline with a known slope, the **record** frontier, and both intervals the app can
//! show: the Student-t interval of the OLS slope and the bootstrap percentile interval
//! (ladder, checkpoints and models resampled, laws refitted with the point fit's options).
//!
//! The timeline: 6 frontier models 150 days apart with `ln ρ = A·t + ε`, A = 0.007/day
//! (doubling 99.0 days), ε ~ N(0, 0.25²); and 14 dominated models at random dates,
//! 1.5 to 2.5 below the line in ln ρ, so that (with the true laws) the record frontier is
//! exactly the 6 frontier models whenever ε keeps them increasing. Each model's score is
//! its density run forward through the true laws; the analysis inverts it through the
//! fitted laws, so the law fits' errors reach the slope as they do in the app.

use densing::analysis::{BootstrapOptions, FrontierRule, Options, analyze, bootstrap};
use densing::data::{AVERAGE, Dataset, Model};
use densing::fit::{Grid, LossFitOptions, SigmoidFitOptions, fit_tasks};
use densing::law::Fits;
use densing::simulate::{SimOptions, simulate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use std::collections::BTreeMap;

mod simulated;
use simulated::{model, truth};

const SLOPE: f64 = 0.007;
const N_FRONTIER: usize = 6;
const N_DOMINATED: usize = 14;
const FRONTIER_SIGMA: f64 = 0.25;

fn timeline(seed: u64) -> Vec<Model> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7157);
    let eps = Normal::new(0.0, FRONTIER_SIGMA).expect("valid σ");
    let mut out = Vec::new();
    for i in 0..N_FRONTIER {
        let days = -300 + 150 * i as i64;
        let n = 10f64.powf(rng.random_range(9.5..11.0));
        out.push(model(
            i,
            days,
            n,
            SLOPE * days as f64 + eps.sample(&mut rng),
        ));
    }
    for i in 0..N_DOMINATED {
        let days: i64 = rng.random_range(-299..=450);
        let n = 10f64.powf(rng.random_range(9.5..11.0));
        let below = rng.random_range(1.5..2.5);
        out.push(model(N_FRONTIER + i, days, n, SLOPE * days as f64 - below));
    }
    out
}

/// Per dataset: whether the Student-t and the bootstrap intervals cover the true doubling
/// time, and the frontier's size.
fn one(seed: u64, replicates: usize) -> (bool, bool, usize) {
    let true_doubling = std::f64::consts::LN_2 / SLOPE;
    let fits_truth = Fits {
        tasks: BTreeMap::from([(AVERAGE.to_string(), truth())]),
        ..Default::default()
    };
    let (ladder, checkpoints) = simulate(
        &fits_truth,
        &SimOptions {
            seed,
            ..SimOptions::default()
        },
    );
    let data = Dataset {
        models: timeline(seed),
        ladder,
        checkpoints,
        ..Dataset::default()
    };
    let loss_fit = LossFitOptions {
        grid: Grid::Coarse,
        ..LossFitOptions::default()
    };
    let sigmoid_fit = SigmoidFitOptions::default();
    let options = Options {
        frontier: FrontierRule::Record,
        ..Options::default()
    };
    let (fits, _) = fit_tasks(&data, &[AVERAGE.to_string()], &loss_fit, &sigmoid_fit)
        .expect("the simulated ladder and checkpoints fit");
    let analysis = analyze(&data, &fits, &options);
    let r = analysis.regression.as_ref().expect("a regression");
    let covers = |lo: Option<f64>, hi: Option<f64>, unbounded: bool| {
        let hi = if unbounded {
            f64::INFINITY
        } else {
            hi.unwrap_or(f64::INFINITY)
        };
        lo.unwrap_or(0.0) <= true_doubling && true_doubling <= hi
    };
    let t_covers = covers(
        r.doubling_days_low,
        r.doubling_days_high,
        r.doubling_high_unbounded,
    );
    let boot = BootstrapOptions {
        n_replicates: replicates,
        seed,
        loss_fit,
        sigmoid_fit,
        ..BootstrapOptions::default()
    };
    let u = bootstrap(&data, &fits, &options, &analysis, &boot, None).expect("the bootstrap runs");
    let b = u
        .regression
        .expect("bootstrap replicates with a regression");
    let b_covers = covers(
        b.doubling_days_low,
        b.doubling_days_high,
        b.doubling_high_unbounded,
    );
    (t_covers, b_covers, analysis.frontier.len())
}

/// Coverage counts (Student-t, bootstrap) over `datasets` seeds.
fn coverage(datasets: u64, replicates: usize) -> (usize, usize) {
    let (mut t, mut b) = (0, 0);
    let mut sizes = BTreeMap::new();
    for seed in 0..datasets {
        let (tc, bc, n) = one(seed, replicates);
        t += tc as usize;
        b += bc as usize;
        *sizes.entry(n).or_insert(0) += 1;
    }
    eprintln!(
        "record frontier, {datasets} datasets, {replicates} replicates: Student-t covers {t}/{datasets}, bootstrap covers {b}/{datasets}; frontier sizes {sizes:?}"
    );
    (t, b)
}

/// Both intervals must hold: at least 90% of nominal 95% (85.5%). With 40 datasets a
/// true 90% coverage gives fewer than 33 covers with probability ~3% (binomial), so the
/// bound is 33/40. Measured (README): Student-t 36/40, bootstrap 40/40 here; on the
/// ignored larger run Student-t 108/120 (90.0%), bootstrap 120/120 (conservative).
#[test]
fn record_frontier_pipeline_coverage() {
    let (t, b) = coverage(40, 100);
    assert!(t >= 33, "Student-t covers only {t}/40");
    assert!(b >= 33, "the bootstrap covers only {b}/40");
}

/// The figures of the README: 120 datasets × 200 replicates (minutes in the dev
/// profile). `cargo test --test pipeline_coverage -- --ignored --nocapture`.
#[test]
#[ignore]
fn record_frontier_pipeline_coverage_large() {
    let (t, b) = coverage(120, 200);
    eprintln!("Student-t {t}/120, bootstrap {b}/120");
}
