//! Criterion benchmarks of the two speed targets of DESIGN §9:
//! - `analysis/1000_models`: recomputing the analysis after a parameter change (< 1 ms);
//! - `fit/chinchilla_epoch_grid_240`: Epoch's 4,500-start Chinchilla fit on 240 points
//!   (< 1 s on 2 cores), and the same on one thread (`..._one_thread`). It reads Epoch's
//!   points from `../shared/reference` when present (never committed), else simulates
//!   240 points from Epoch's published constants.

use criterion::{Criterion, criterion_group, criterion_main};
use densing::analysis::{Options, analyze};
use densing::data::LossPoint;
use densing::data::{Dataset, SAMPLE_PARAMS_JSON, parse_params, read_ladder};
use densing::fit::{LossFitOptions, fit_loss_law};
use densing::law::{LossForm, LossLaw};
use densing::simulate::synthetic_models;
use std::hint::black_box;
use std::time::Duration;

fn analysis(c: &mut Criterion) {
    let fits = parse_params("params.json", SAMPLE_PARAMS_JSON).expect("sample params parse");
    let data = Dataset {
        models: synthetic_models(1000, 1),
        ..Dataset::default()
    };
    let options = Options::default();
    c.bench_function("analysis/1000_models", |b| {
        b.iter(|| analyze(black_box(&data), black_box(&fits), &options))
    });
}

fn epoch_points() -> Vec<LossPoint> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reference/epoch_chinchilla_svg_extracted_data.csv"
    );
    if let Ok(text) = std::fs::read_to_string(path)
        && let Ok(rows) = read_ladder(path, &text, "chinchilla")
    {
        return rows
            .iter()
            .map(|r| LossPoint {
                n_params: r.n_params,
                n_tokens: r.n_tokens,
                loss: r.loss,
            })
            .collect();
    }
    eprintln!(
        "NOTE: Epoch's points not found or unreadable at {path}; the bench uses 245 points simulated from Epoch's constants instead"
    );
    let law = LossLaw::chinchilla(1.8172, 482.01, 0.3478, 2085.43, 0.3658);
    (0..245)
        .map(|i| {
            let n = 4e7 * 1.025f64.powi(i);
            let d = n * (10.0 + (i % 7) as f64 * 5.0);
            LossPoint {
                n_params: n,
                n_tokens: d,
                loss: law.loss(n, d) * (1.0 + 0.01 * ((i * 37 % 11) as f64 - 5.0) / 5.0),
            }
        })
        .collect()
}

fn fit(c: &mut Criterion) {
    let points = epoch_points();
    let options = LossFitOptions {
        form: LossForm::Chinchilla,
        exclude_top_loss: 5,
        ..Default::default()
    };
    let mut group = c.benchmark_group("fit");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("chinchilla_epoch_grid_240", |b| {
        b.iter(|| fit_loss_law(black_box(&points), &options, None))
    });
    // The same 4,500 starts on one thread: the CPU cost that benches/scipy_compare.sh
    // sets against scipy's.
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    group.bench_function("chinchilla_epoch_grid_240_one_thread", |b| {
        b.iter(|| one.install(|| fit_loss_law(black_box(&points), &options, None)))
    });
    group.finish();
}

criterion_group!(benches, analysis, fit);
criterion_main!(benches);
