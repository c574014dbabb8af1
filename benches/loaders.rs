//! Criterion benchmark of the load target of DESIGN §9: a generated 100,000-row results
//! table (model, release date, size in billions, the five benchmarks) loads through the
//! CSV loader — polars parse, roles, units, per-row checks, load report — in < 0.5 s.
//! A peer in the same run, polars' bare `CsvReader` on the same bytes (the parse alone),
//! gives the loader's time as a ratio that does not depend on the machine's speed; the
//! ratio is printed after the run.

use criterion::{Criterion, criterion_group, criterion_main};
use densing::data::{LoadOptions, Loaded, load_path};
use polars::prelude::{CsvReadOptions, SerReader};
use std::fmt::Write;
use std::io::Cursor;
use std::time::{Duration, Instant};

const ROWS: usize = 100_000;

fn generated_csv() -> String {
    let mut s = String::with_capacity(ROWS * 64);
    s.push_str("model,release_date,params_b,mmlu,bbh,math,humaneval,mbpp\n");
    for i in 0..ROWS {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let year = 2020 + (i / 336) % 5;
        let size = 0.5 + (i % 70) as f64;
        let score = |k: usize| 10.0 + ((i * 7 + k * 13) % 800) as f64 / 10.0;
        let _ = writeln!(
            s,
            "model-{i},{year}-{month:02}-{day:02},{size},{:.1},{:.1},{:.1},{:.1},{:.1}",
            score(0),
            score(1),
            score(2),
            score(3),
            score(4)
        );
    }
    s
}

fn load_100k(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("results_100k.csv");
    std::fs::write(&path, generated_csv()).expect("write csv");
    let options = LoadOptions::default();
    let mut g = c.benchmark_group("load");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("csv_100k_rows", |b| {
        b.iter(|| match load_path(&path, &options).expect("loads").loaded {
            Loaded::Models(m) if m.len() == ROWS => m.len(),
            other => panic!("unexpected load: {}", other.summary()),
        })
    });
    let bytes = std::fs::read(&path).expect("read csv");
    let parse = || {
        CsvReadOptions::default()
            .with_has_header(true)
            .into_reader_with_file_handle(Cursor::new(bytes.as_slice()))
            .finish()
            .expect("polars parses")
            .height()
    };
    g.bench_function("polars_csv_reader_100k_rows", |b| {
        b.iter(|| assert_eq!(parse(), ROWS))
    });
    g.finish();
    // The ratio of the two, timed here in turns (median of 7 each), as criterion's own
    // estimates are not available to the bench.
    let median = |f: &dyn Fn()| {
        let mut t: Vec<f64> = (0..7)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed().as_secs_f64()
            })
            .collect();
        t.sort_by(f64::total_cmp);
        t[3]
    };
    let load = median(&|| {
        load_path(&path, &options).expect("loads");
    });
    let bare = median(&|| {
        parse();
    });
    println!(
        "load 100k rows: {:.3} s; polars CsvReader on the same bytes: {:.3} s; ratio {:.2}",
        load,
        bare,
        load / bare
    );
}

criterion_group!(benches, load_100k);
criterion_main!(benches);
