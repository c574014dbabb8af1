//! Writes the Parquet fixtures of `tests/data` (committed; Parquet is binary, so it is
//! made here rather than by hand). Run again after changing them:
//! `cargo test --no-default-features --test make_fixtures -- --ignored`.
//! The loaders' tests then read the committed files.

use polars::prelude::*;
use std::path::Path;

fn data(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

fn write(rel: &str, mut df: DataFrame) {
    let f = std::fs::File::create(data(rel)).expect("create fixture");
    ParquetWriter::new(f)
        .finish(&mut df)
        .expect("write parquet");
}

/// Days since 1970-01-01 of a date, for a Date column (what pandas/pyarrow write).
fn days(y: i32, m: u32, d: u32) -> i32 {
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
    (date - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days() as i32
}

#[test]
#[ignore = "writes the committed Parquet fixtures"]
fn write_parquet_fixtures() {
    // An evaluated-models table as pandas writes it: a Date column, Int64 sizes,
    // Float64 scores in 0–1 with a null.
    let dates = Series::new(
        "release_date".into(),
        &[days(2023, 7, 18), days(2024, 6, 27), days(2024, 2, 1)],
    )
    .cast(&DataType::Date)
    .expect("date cast");
    let df = DataFrame::new(
        3,
        vec![
            Column::new(
                "model".into(),
                &["Llama-2-7B", "Gemma-2-9B", "MiniCPM-2.4B"],
            ),
            dates.into(),
            Column::new(
                "n_params".into(),
                &[6_738_415_616i64, 9_241_705_984, 2_442_057_984],
            ),
            Column::new("mmlu".into(), &[Some(0.453), Some(0.713), Some(0.535)]),
            Column::new("bbh".into(), &[Some(0.326), Some(0.682), None]),
        ],
    )
    .expect("frame");
    write("tables/models.parquet", df);

    // The leaderboard contents, typed as in the published Parquet.
    let csv = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(100))
        .try_into_reader_with_file_path(Some(data("leaderboard/contents.csv")))
        .expect("open csv")
        .finish()
        .expect("read csv");
    write("leaderboard/contents.parquet", csv);

    // Wrong types: the mmlu column holds words, the size a list.
    let df = DataFrame::new(
        2,
        vec![
            Column::new("model".into(), &["A", "B"]),
            Column::new("release_date".into(), &["2023-01-01", "2023-02-01"]),
            Column::new("params_b".into(), &[7.0, 13.0]),
            Column::new("mmlu".into(), &["high", "low"]),
        ],
    )
    .expect("frame");
    write("bad/parquet_wrong_types.parquet", df);

    // A Parquet file cut short: the first 200 bytes of the models fixture.
    let bytes = std::fs::read(data("tables/models.parquet")).expect("read back");
    std::fs::write(data("bad/parquet_truncated.parquet"), &bytes[..200]).expect("write");
}
