//! The command line's failures: every bad table, file and argument is one line on stderr
//! and exit status 2.

mod cli_common;
use cli_common::*;

#[test]
fn bad_model_tables_give_one_line_errors() {
    let cases: [(&str, &[&str]); 9] = [
        (
            "text_in_number.csv",
            &["line 2", "column 'mmlu'", "'abc'", "a finite number"],
        ),
        (
            "negative_size.csv",
            &["line 2", "params_b", "a positive number"],
        ),
        ("empty.csv", &["no data rows"]),
        ("header_only.csv", &["no data rows"]),
        (
            "bad_date.csv",
            &["line 2", "release_date", "2023-13-45", "YYYY-MM-DD"],
        ),
        (
            "mostly_ragged.csv",
            &["line 3", "not a valid CSV row", "most rows are ragged"],
        ),
        ("score_over_100.csv", &["line 2", "between 0 and 100"]),
        ("truncated_row.csv", &["line 2", "not a valid CSV row"]),
        ("binary.csv", &["not UTF-8"]),
    ];
    for (file, needles) in cases {
        let dir = folder_with_models(file);
        let o = densing(&[
            "report",
            "--params",
            "sample_data/params.json",
            "--data",
            dir.path().to_str().unwrap(),
        ]);
        let mut all = needles.to_vec();
        all.push("models.csv");
        assert_one_line_error(&o, &all);
    }
}

#[test]
fn bad_files_and_arguments_give_one_line_errors() {
    let missing = densing(&["report", "--data", "no/such/folder"]);
    assert_one_line_error(&missing, &["no/such/folder", "no such file or folder"]);
    let no_file = densing(&["fit-loss", "no_such_file.csv"]);
    assert_one_line_error(&no_file, &["no_such_file.csv", "cannot read"]);
    let p = bad("params_missing_beta.json");
    let o = densing(&["report", "--params", p.to_str().unwrap()]);
    assert_one_line_error(
        &o,
        &[
            "params_missing_beta.json",
            "task 'average' is missing key 'beta'",
        ],
    );
    let p = bad("params_wrong_shape.json");
    assert_one_line_error(
        &densing(&["report", "--params", p.to_str().unwrap()]),
        &["expected a JSON object keyed by task"],
    );
    let o = densing(&[
        "report",
        "--params",
        "sample_data/params.json",
        "--task",
        "bbh",
    ]);
    assert_one_line_error(&o, &["no parameters for task 'bbh'"]);
    let l = bad("ladder_no_tokens.csv");
    assert_one_line_error(
        &densing(&["fit-loss", l.to_str().unwrap()]),
        &["no column for the training tokens", "trainingflop"],
    );
    let l = bad("ladder_nan.csv");
    assert_one_line_error(
        &densing(&["fit-loss", l.to_str().unwrap()]),
        &["line 2", "'loss'", "NaN"],
    );
    assert_one_line_error(
        &densing(&["report", "--ref-date", "2023-13-45"]),
        &["--ref-date", "YYYY-MM-DD"],
    );
    assert_one_line_error(
        &densing(&["report", "--frontier", "best"]),
        &["--frontier", "quantile:Q"],
    );
    assert_one_line_error(&densing(&["report", "--d0", "-5"]), &["--d0"]);
    assert_one_line_error(
        &densing(&["report", "--task", "gsm8k"]),
        &["--task", "gsm8k"],
    );
    assert_one_line_error(
        &densing(&["fit-loss", "sample_data/ladder.csv", "--form", "kaplan"]),
        &["--form", "kaplan"],
    );
    assert_one_line_error(&densing(&["report", "--no-such-flag"]), &["--no-such-flag"]);
    // Too few points for a fit: a three-row ladder.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("tiny.csv");
    std::fs::write(
        &f,
        "n_params,n_tokens,loss\n1e8,2e9,0.5\n2e8,4e9,0.4\n4e8,8e9,0.3\n",
    )
    .unwrap();
    assert_one_line_error(
        &densing(&["fit-loss", f.to_str().unwrap()]),
        &["tiny.csv", "too few points", "need at least 5, got 3"],
    );
}
