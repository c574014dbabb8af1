//! The model-free check (issue 21) against an independent implementation:
//! `tests/reference/iso_ref.py` (plain Python, its own OLS and t quantile) read
//! `sample_data/models.csv` and wrote `tests/reference/iso_ref_mmlu.json` with the command
//! stored in that file. Halving times must agree to 0.1%, staircases name for name.

use clap::Parser;
use densing::cli::{Cli, run};
use serde_json::Value;

fn run_args(args: &[&str]) -> String {
    let cli = Cli::try_parse_from(std::iter::once("densing").chain(args.iter().copied()))
        .expect("arguments parse");
    run(cli).expect("command runs")
}

fn close(ours: &Value, theirs: &Value, what: &str) {
    match (ours.as_f64(), theirs.as_f64()) {
        (Some(a), Some(b)) => assert!(
            ((a - b) / b).abs() < 1e-3,
            "{what}: {a} against the reference {b}"
        ),
        _ => assert_eq!(ours, theirs, "{what}: one side is missing"),
    }
}

#[test]
fn mmlu_staircases_match_the_python_reference() {
    let expected: Value =
        serde_json::from_str(include_str!("reference/iso_ref_mmlu.json")).unwrap();
    let text = run_args(&[
        "iso",
        "--task",
        "mmlu",
        "--thresholds",
        "40,50,60,70",
        "--since",
        "2023-01-01",
        "--json",
    ]);
    let ours: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(ours["task"], "mmlu");
    assert_eq!(ours["basis"], "total");
    let (a, b) = (
        ours["thresholds"].as_array().unwrap(),
        expected["thresholds"].as_array().unwrap(),
    );
    assert_eq!(a.len(), b.len());
    for (o, e) in a.iter().zip(b) {
        let t = e["threshold"].as_f64().unwrap();
        assert_eq!(o["threshold"].as_f64(), Some(t));
        assert_eq!(o["staircase"], e["staircase"], "staircase at {t}");
        assert_eq!(o["n"], e["n"], "n at {t}");
        close(
            &o["halving_days"],
            &e["halving_days"],
            &format!("halving at {t}"),
        );
        close(&o["r2"], &e["r2"], &format!("R2 at {t}"));
        for k in 0..2 {
            close(
                &o["interval"][k],
                &e["interval"][k],
                &format!("interval[{k}] at {t}"),
            );
        }
    }
    let (p, q) = (&ours["pooled"], &expected["pooled"]);
    assert_eq!(p["n"], q["n"]);
    close(&p["halving_days"], &q["halving_days"], "pooled halving");
    for k in 0..2 {
        close(
            &p["interval"][k],
            &q["interval"][k],
            &format!("pooled interval[{k}]"),
        );
    }
}

#[test]
fn text_puts_density_doubling_beside_size_halving() {
    let text = run_args(&["iso", "--task", "mmlu", "--since", "2023-01-01"]);
    assert!(text.contains("score >= "), "{text}");
    assert!(
        text.contains("density doubling") && text.contains("against size halving"),
        "{text}"
    );
}

#[test]
fn export_draws_the_staircases_and_report_ends_with_both_answers() {
    let dir = std::env::temp_dir().join(format!("densing-iso-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("iso.svg");
    let out_s = out.to_str().unwrap();
    run_args(&["export", "--chart", "iso", "--task", "mmlu", "--out", out_s]);
    let svg = std::fs::read_to_string(&out).unwrap();
    // The default thresholds' staircases name their models: Qwen2.5-0.5B is the
    // smallest model of the sample past the lowest default MMLU threshold.
    assert!(
        svg.contains("<svg") && svg.contains("Qwen2.5-0.5B"),
        "{svg}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let text = run_args(&["report", "--task", "mmlu"]);
    assert!(
        text.contains("Model-free check (smallest model reaching mmlu"),
        "{text}"
    );
    assert!(
        text.contains("; published: 95–99 d (arXiv), ~106 d (journal)")
            && text.contains("Density doubling: measured "),
        "{text}"
    );
}
