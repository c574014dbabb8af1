//! The bootstrap (issue 6) on the embedded sample: reproducible bit for bit, intervals
//! that bracket the point estimates, progress and cancel through `FitControl`.

use densing::analysis::{BootstrapOptions, Options, UncertaintyError, analyze, bootstrap};
use densing::data::sample;
use densing::fit::{FitControl, LossFitOptions, SigmoidFitOptions, fit_tasks};
use std::sync::atomic::Ordering;
use std::time::Instant;

fn sample_inputs(
    options: &Options,
) -> (
    densing::data::Dataset,
    densing::law::Fits,
    densing::analysis::Analysis,
) {
    let data = sample().expect("the embedded sample loads");
    let (fits, _) = fit_tasks(
        &data,
        &options.needed_tasks(),
        &LossFitOptions::default(),
        &SigmoidFitOptions::default(),
    )
    .expect("the sample fits");
    let analysis = analyze(&data, &fits, options);
    (data, fits, analysis)
}

#[test]
fn same_seed_gives_identical_intervals_and_they_bracket_the_estimates() {
    // MMLU: the task with pre-ChatGPT models on both sides of the paper's breakpoint.
    let options = Options {
        task: "mmlu".into(),
        breakpoint: chrono::NaiveDate::from_ymd_opt(2022, 11, 30),
        ..Options::default()
    };
    let (data, fits, analysis) = sample_inputs(&options);
    let boot = BootstrapOptions {
        n_replicates: 200,
        seed: 2412,
        ..BootstrapOptions::default()
    };
    let t = Instant::now();
    let a = bootstrap(&data, &fits, &options, &analysis, &boot, None).unwrap();
    eprintln!("200 replicates of the sample: {:?}", t.elapsed());
    let b = bootstrap(&data, &fits, &options, &analysis, &boot, None).unwrap();
    // Bit-identical: compare the serialised numbers, not just PartialEq.
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    // And bit-identical on one thread: each replicate has its own random stream, so
    // rayon's scheduling cannot change which resample a replicate draws.
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| bootstrap(&data, &fits, &options, &analysis, &boot, None).unwrap());
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&one_thread).unwrap()
    );
    let other = BootstrapOptions { seed: 1, ..boot };
    let c = bootstrap(&data, &fits, &options, &analysis, &other, None).unwrap();
    assert_ne!(
        a.regression, c.regression,
        "another seed draws other resamples"
    );

    assert_eq!(a.n_replicates, 200);
    assert!(
        a.n_failed_refits < 20,
        "{} failed refits",
        a.n_failed_refits
    );
    let law = &a.laws[0];
    for (name, i) in &law.params {
        assert!(i.low <= i.high, "{name}: {i:?}");
    }
    let alpha = law.param("alpha").unwrap();
    assert!(alpha.contains(alpha.estimate), "{alpha:?}");
    let r = a.regression.as_ref().unwrap();
    assert!(r.slope.contains(r.slope.estimate), "{r:?}");
    let d = analysis.regression.as_ref().unwrap().doubling_days.unwrap();
    assert!(r.doubling_days_low.unwrap() < d, "{r:?} vs {d}");
    assert!(r.doubling_high_unbounded || r.doubling_days_high.unwrap() > d);
    // Every model with a density has an interval around it.
    for (m, i) in analysis.models.iter().zip(&a.models) {
        assert_eq!(m.density.is_some(), i.density.is_some());
    }
    let band = a.regression_band.as_ref().unwrap();
    assert_eq!(band.x.len(), 60);
    assert!(band.low.iter().zip(&band.high).all(|(l, h)| l <= h));
    let bp = a.breakpoint.as_ref().unwrap();
    assert!(bp.before.is_some() && bp.after.is_some());
    assert!(a.method.contains("bootstrap percentile"));
}

#[test]
fn progress_counts_every_step_and_cancel_stops() {
    let options = Options::default();
    let (data, fits, analysis) = sample_inputs(&options);
    let boot = BootstrapOptions {
        n_replicates: 50,
        ..BootstrapOptions::default()
    };
    let control = FitControl::default();
    bootstrap(&data, &fits, &options, &analysis, &boot, Some(&control)).unwrap();
    // 50 ladder refits + 50 sigmoid refits + 50 model resamples (one task).
    assert_eq!(
        control.done.load(Ordering::Relaxed),
        boot.total_steps(&options)
    );
    assert_eq!(boot.total_steps(&options), 150);
    let control = FitControl::default();
    control.cancel.store(true, Ordering::Relaxed);
    let out = bootstrap(&data, &fits, &options, &analysis, &boot, Some(&control));
    assert_eq!(out, Err(UncertaintyError::Cancelled));
}

/// The curve bands: per-x percentiles of the refitted curves, which bracket the best fit
/// (it sits in the middle of its own bootstrap distribution).
#[test]
fn curve_bands_bracket_the_fitted_curves() {
    use densing::analysis::uncertainty::{loss_band, sigmoid_band};
    let options = Options::default();
    let (data, fits, analysis) = sample_inputs(&options);
    let boot = BootstrapOptions {
        n_replicates: 200,
        ..BootstrapOptions::default()
    };
    let u = bootstrap(&data, &fits, &options, &analysis, &boot, None).unwrap();
    let best = fits.tasks["average"];
    let t = &u.laws[0];
    let n = 828_225_024.0; // the largest ladder size (paper Table 1)
    let tokens: Vec<f64> = (0..20).map(|i| 1e10 * 1.2f64.powi(i)).collect();
    let band = loss_band(&t.loss_draws, n, &tokens, 0.95);
    for (k, &d) in band.x.iter().enumerate() {
        let y = best.loss.loss(n, d);
        assert!(
            band.low[k] <= y && y <= band.high[k],
            "D {d}: {y} not in band"
        );
    }
    let losses: Vec<f64> = (0..20).map(|i| 0.1 + 0.02 * i as f64).collect();
    let band = sigmoid_band(&t.sigmoid_draws, &losses, 0.95);
    assert_eq!(band.x.len(), 20);
    for (k, &l) in band.x.iter().enumerate() {
        let y = best.sigmoid.score(l);
        assert!(
            band.low[k] <= y && y <= band.high[k],
            "L {l}: {y} not in band"
        );
    }
}

/// The refits use the point fit's options, not the defaults: an option no fit accepts
/// (a negative Huber δ) given to the bootstrap must reach the refits and be refused there.
/// With the defaults in its place this bootstrap would succeed.
#[test]
fn refits_use_the_point_fits_options() {
    let options = Options::default();
    let (data, fits, analysis) = sample_inputs(&options);
    let boot = BootstrapOptions {
        n_replicates: 4,
        ..BootstrapOptions::default()
    };
    assert!(bootstrap(&data, &fits, &options, &analysis, &boot, None).is_ok());
    let bad_sigmoid = BootstrapOptions {
        sigmoid_fit: SigmoidFitOptions {
            huber_delta: -1.0,
            ..SigmoidFitOptions::default()
        },
        ..boot
    };
    let e = bootstrap(&data, &fits, &options, &analysis, &bad_sigmoid, None).unwrap_err();
    assert!(
        e.to_string().contains("sigmoid") && e.to_string().contains("huber-delta"),
        "{e}"
    );
    let bad_loss = BootstrapOptions {
        loss_fit: LossFitOptions {
            huber_delta: -1.0,
            ..LossFitOptions::default()
        },
        ..boot
    };
    let e = bootstrap(&data, &fits, &options, &analysis, &bad_loss, None).unwrap_err();
    assert!(
        e.to_string().contains("loss law") && e.to_string().contains("huber"),
        "{e}"
    );
}
