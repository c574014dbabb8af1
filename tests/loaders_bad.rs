//! The malformed corpus of `tests/data/bad/`: every file gives its own error (naming the
//! file, the line/row or column, and what was expected) or, where only some rows are
//! bad, loads the rest with one warning per skipped row. A duplicate model or a ragged
//! row is a warning, not a refusal (unless most rows are ragged).

use densing::data::{LoadOptions, Loaded, load_path};
use std::path::Path;

enum Expect {
    /// The load fails with a message containing every needle.
    Error(&'static [&'static str]),
    /// The load succeeds, keeping `kept` rows, with warnings containing every needle.
    Warn(usize, &'static [&'static str]),
}
use Expect::{Error, Warn};

const CASES: &[(&str, Expect)] = &[
    ("empty.csv", Error(&["no data rows"])),
    ("whitespace_only.csv", Error(&["no data rows"])),
    ("header_only.csv", Error(&["no data rows"])),
    (
        "truncated_row.csv",
        Error(&["line 2", "not a valid CSV row", "expected 4 fields"]),
    ),
    ("unterminated_quote.csv", Error(&["line 2", "never closed"])),
    ("binary.csv", Error(&["not UTF-8"])),
    ("not_utf8.csv", Error(&["not UTF-8", "offset 36"])),
    (
        "semicolons.csv",
        Error(&["split by semicolons", "expected commas"]),
    ),
    (
        "duplicate_header.csv",
        Error(&["two columns are named 'model'"]),
    ),
    (
        "text_in_number.csv",
        Error(&["line 2", "column 'mmlu'", "'abc'", "a finite number"]),
    ),
    (
        "negative_size.csv",
        Error(&["line 2", "params_b", "'-7'", "a positive number"]),
    ),
    (
        "zero_size.csv",
        Warn(
            1,
            &[
                "column 'params_b'",
                "1 cell of -1 or 0 read as an unknown size",
            ],
        ),
    ),
    (
        "infinity.csv",
        Error(&["line 2", "'inf'", "a finite number"]),
    ),
    (
        "nan_score.csv",
        Error(&["line 2", "'NaN'", "a finite number"]),
    ),
    ("ladder_nan.csv", Error(&["line 2", "'loss'", "'NaN'"])),
    (
        "ladder_negative_tokens.csv",
        Warn(
            1,
            &[
                "line 3",
                "n_tokens",
                "'-4e9'",
                "a positive number; row skipped",
            ],
        ),
    ),
    (
        "ladder_no_tokens.csv",
        Error(&["no column for the training tokens", "trainingflop"]),
    ),
    (
        "checkpoints_text_score.csv",
        Error(&["line 2", "column 'score'", "'abc'"]),
    ),
    (
        "score_over_100.csv",
        Error(&["line 2", "'140'", "between 0 and 100"]),
    ),
    (
        "score_over_100_warning.csv",
        // The bad cell is skipped, not its row (which keeps its mmlu).
        Warn(
            2,
            &[
                "line 3",
                "column 'bbh'",
                "'130'",
                "between 0 and 100",
                "cell skipped",
            ],
        ),
    ),
    (
        "fraction_over_one.csv",
        Warn(2, &["column 'mmlu'", "read as 0–100 points"]),
    ),
    (
        "bad_date.csv",
        Error(&[
            "line 2",
            "release_date",
            "'2023-13-45'",
            "YYYY-MM-DD, YYYY-MM, Mon YYYY or Unix seconds",
        ]),
    ),
    (
        "future_date.csv",
        Error(&["line 2", "'2099-01-01'", "not after today"]),
    ),
    (
        "moe_size.csv",
        Error(&[
            "line 2",
            "'8x7B'",
            "mixture-of-experts",
            "explicit parameter count",
        ]),
    ),
    ("missing_date_column.csv", Warn(1, &[])),
    (
        "no_benchmark_column.csv",
        Error(&["no column for a benchmark score", "mmlu, bbh"]),
    ),
    (
        "duplicate_model.csv",
        Warn(
            1,
            &[
                "line 3",
                "'A' repeats line 2 with other values",
                "release date",
                "kept line 2, this row skipped",
            ],
        ),
    ),
    (
        "ragged_one_row.csv",
        Warn(
            2,
            &[
                "line 3",
                "expected 4 fields like the header, found 3",
                "row skipped",
            ],
        ),
    ),
    (
        "mostly_ragged.csv",
        Error(&["line 3", "expected 4 fields", "most rows are ragged"]),
    ),
    (
        "duplicate_identical.csv",
        Warn(1, &["line 3", "repeats line 2 with the same values"]),
    ),
    (
        "some_rows_bad.csv",
        Warn(
            2,
            &[
                "line 3, column 'mmlu': got 'abc'",
                "line 4, column 'params_b': got '-13'",
            ],
        ),
    ),
    (
        "json_object.json",
        Error(&["the JSON is an object", "expected an array of records"]),
    ),
    (
        "json_not_records.json",
        Error(&["row 1", "the record is a number", "expected a JSON object"]),
    ),
    (
        "json_nested_score.json",
        Error(&["column 'mmlu'", "nested JSON", "expected scores"]),
    ),
    (
        "ndjson_bad_line.jsonl",
        Error(&["line 2", "not a JSON record", "one JSON object per line"]),
    ),
    (
        "not_parquet.parquet",
        Error(&["not a Parquet file", "PAR1"]),
    ),
    (
        "parquet_truncated.parquet",
        Error(&["not a Parquet file", "PAR1"]),
    ),
    (
        "parquet_wrong_types.parquet",
        Error(&["row 1", "column 'mmlu'", "'high'", "a finite number"]),
    ),
    (
        "lm_eval_no_model.json",
        Error(&["no model name", "pretrained="]),
    ),
    (
        "lm_eval_no_mapped_task.json",
        Error(&[
            "no task with a 0–1 score",
            "lambada_openai",
            "model org/m skipped",
        ]),
    ),
    (
        "lm_eval_results_not_object.json",
        Error(&["no \"results\" object"]),
    ),
    (
        "opencompass_no_benchmark.csv",
        Error(&["no dataset row has a score", "gsm8k"]),
    ),
    (
        "opencompass_bad_cell.csv",
        Warn(1, &["line 3", "column 'model-a'", "'high'", "cell skipped"]),
    ),
];

#[test]
fn every_malformed_file_gives_its_own_error_or_warning() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    assert!(CASES.len() >= 25, "the corpus has {} cases", CASES.len());
    let mut failures = Vec::new();
    for (file, expect) in CASES {
        let path = dir.join(file);
        assert!(path.exists(), "{file} is missing");
        let result = load_path(&path, &LoadOptions::default());
        let (text, ok) = match (&result, expect) {
            (Err(e), Error(_)) => (e.to_string(), true),
            (Ok(o), Warn(kept, _)) => {
                let n = match &o.loaded {
                    Loaded::Models(m) => m.len(),
                    Loaded::Ladder(l) => l.len(),
                    Loaded::Checkpoints(c) => c.len(),
                    Loaded::Folder(d) => d.models.len(),
                };
                let warnings: Vec<String> = o.reports[0]
                    .warnings
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                (warnings.join(" | "), n == *kept)
            }
            (Err(e), Warn(..)) => (format!("unexpected error: {e}"), false),
            (Ok(o), Error(_)) => (
                format!("unexpectedly loaded: {}", o.loaded.summary()),
                false,
            ),
        };
        let needles = match expect {
            Error(n) | Warn(_, n) => n,
        };
        let missing: Vec<&&str> = needles.iter().filter(|n| !text.contains(**n)).collect();
        let names_file = matches!(expect, Warn(..)) || text.contains(file);
        if !ok || !missing.is_empty() || !names_file {
            failures.push(format!("{file}: {text} (missing {missing:?})"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
