//! Criterion benchmark of the bootstrap speed target (DESIGN §9, issue 6):
//! - `bootstrap/sample_ladder_1000_refits`: 1,000 resample-and-refit replicates of the
//!   sample's `average` ladder fit (36 points, paper form, warm-started) — target < 5 s on
//!   2 cores (median 167 ms here);
//! - `bootstrap/sample_analysis_1000`: the whole bootstrap `report --bootstrap 1000` runs
//!   (ladder and sigmoid refits, re-inversion, model resample, frontier and regression;
//!   median 1.6 s, most of it the sigmoid grid fallback of ~3% of the replicates).

use criterion::{Criterion, criterion_group, criterion_main};
use densing::analysis::{BootstrapOptions, Options, analyze, bootstrap};
use densing::data::{AVERAGE, sample};
use densing::fit::{
    LossFitOptions, SigmoidFitOptions, bootstrap_loss_law, fit_loss_law, fit_tasks,
};
use std::hint::black_box;
use std::time::Duration;

fn ladder(c: &mut Criterion) {
    let data = sample().expect("the embedded sample loads");
    let points = data.loss_points(AVERAGE);
    let options = LossFitOptions::default();
    let best = fit_loss_law(&points, &options, None).expect("the sample ladder fits");
    let mut group = c.benchmark_group("bootstrap");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("sample_ladder_1000_refits", |b| {
        b.iter(|| bootstrap_loss_law(black_box(&points), &options, &best.law, 1000, 1, None))
    });
    let opts = Options::default();
    let (fits, _) = fit_tasks(
        &data,
        &opts.needed_tasks(),
        &options,
        &SigmoidFitOptions::default(),
    )
    .expect("the sample fits");
    let analysis = analyze(&data, &fits, &opts);
    let boot = BootstrapOptions {
        n_replicates: 1000,
        ..BootstrapOptions::default()
    };
    group.bench_function("sample_analysis_1000", |b| {
        b.iter(|| bootstrap(black_box(&data), &fits, &opts, &analysis, &boot, None))
    });
    group.finish();
}

criterion_group!(benches, ladder);
criterion_main!(benches);
