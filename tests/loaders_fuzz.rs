//! Property tests: arbitrary bytes and arbitrary tables fed to every loader (each format
//! by name and by content, the tool recognisers, every table kind) never panic — each
//! load returns models or one error.

use densing::data::{LoadOptions, TableKind, load_bytes};
use proptest::prelude::*;
use std::path::Path;

const NAMES: [&str; 8] = [
    "t.csv",
    "t.tsv",
    "t.parquet",
    "t.json",
    "t.jsonl",
    "t.txt",
    "results_x.json",
    "summary.csv",
];

const HEADERS: &[&str] = &[
    "model",
    "release_date",
    "params_b",
    "n_params",
    "Model Size",
    "mmlu",
    "BBH",
    "MATH Lvl 5",
    "loss",
    "score",
    "task",
    "n_tokens",
    "Training FLOP",
    "dataset",
    "version",
    "metric",
    "mode",
    "fullname",
    "Precision",
    "IFEval",
    "GPQA",
    "MUSR",
    "MMLU-PRO",
    "#Params (B)",
    "",
];

const CELLS: &[&str] = &[
    "",
    "0",
    "-1",
    "0.5",
    "45.3",
    "140",
    "1e308",
    "1e-320",
    "NaN",
    "inf",
    "-inf",
    "7B",
    "350M",
    "8x7B",
    "1.3b",
    "x",
    "-",
    "N/A",
    "2024-07",
    "Jul 2024",
    "2023-02-30",
    "1721260800",
    "9999999999999",
    "\"q\"",
    "a,b",
    "é",
    "🟢",
    "bfloat16",
    "{}",
    "[1]",
    " ",
];

fn table() -> impl Strategy<Value = (Vec<usize>, Vec<Vec<usize>>)> {
    (1usize..7).prop_flat_map(|w| {
        (
            prop::collection::vec(0..HEADERS.len(), w),
            prop::collection::vec(prop::collection::vec(0..CELLS.len(), w), 0..6),
        )
    })
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn render(headers: &[usize], rows: &[Vec<usize>], style: usize) -> (String, &'static str) {
    let h: Vec<&str> = headers.iter().map(|&i| HEADERS[i]).collect();
    let cell = |i: usize| CELLS[i];
    match style {
        0 | 1 => {
            let sep = if style == 0 { "," } else { "\t" };
            let mut s = h.iter().map(|x| quote(x)).collect::<Vec<_>>().join(sep);
            for r in rows {
                s.push('\n');
                s.push_str(
                    &r.iter()
                        .map(|&c| quote(cell(c)))
                        .collect::<Vec<_>>()
                        .join(sep),
                );
            }
            (s, if style == 0 { "t.csv" } else { "t.tsv" })
        }
        _ => {
            let records: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    let mut m = serde_json::Map::new();
                    for (k, &c) in h.iter().zip(r) {
                        let v = cell(c);
                        let value = v
                            .parse::<f64>()
                            .ok()
                            .and_then(serde_json::Number::from_f64)
                            .map_or_else(|| serde_json::Value::String(v.into()), Into::into);
                        m.insert((*k).to_string(), value);
                    }
                    serde_json::Value::Object(m)
                })
                .collect();
            if style == 2 {
                (serde_json::Value::Array(records).to_string(), "t.json")
            } else {
                let lines: Vec<String> = records.iter().map(ToString::to_string).collect();
                (lines.join("\n"), "t.jsonl")
            }
        }
    }
}

fn every_kind(name: &str, bytes: &[u8]) {
    let o = LoadOptions::default();
    for kind in [
        None,
        Some(TableKind::Models),
        Some(TableKind::Ladder),
        Some(TableKind::Checkpoints),
    ] {
        let _ = load_bytes(Path::new(name), bytes, &o, kind);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), n in 0..NAMES.len()) {
        every_kind(NAMES[n], &bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[a-z0-9,\t\"\n{}\\[\\]:. -]{0,200}", n in 0..NAMES.len()) {
        every_kind(NAMES[n], text.as_bytes());
    }

    #[test]
    fn arbitrary_tables_never_panic((headers, rows) in table(), style in 0usize..4) {
        let (text, name) = render(&headers, &rows, style);
        every_kind(name, text.as_bytes());
    }

    // Damaged Parquet files: polars 0.55 allocates what a damaged footer or data page
    // header claims (once ~2^61 bytes, an abort that catch_unwind cannot stop) and panics on
    // out-of-range dates. The loader checks the footer and every page header first and
    // catches conversion panics; found and fixed with this test (PROPTEST_RNG_SEED=1,
    // PROPTEST_CASES=20000 aborted before the page check; seeds 1-10 x 20,000 pass now).
    #[test]
    fn damaged_parquet_never_panics(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tables/models.parquet");
        let mut bytes = std::fs::read(path).expect("fixture");
        let len = bytes.len();
        for (i, b) in flips {
            // Keep the PAR1 marks so the bytes reach the Parquet reader itself.
            let k = 4 + i.index(len - 8);
            bytes[k] = b;
        }
        every_kind("t.parquet", &bytes);
    }
}
