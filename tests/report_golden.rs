//! Behaviour kept through issue 15's restructure: `densing report --json` must print, byte
//! for byte, what it printed before the layers were moved. The expected files in
//! `tests/data/before_issue15/` were written by the binary built from commit 5258fa4 (the
//! last commit before the restructure) with exactly the arguments below; they are not
//! edited by hand. A change that alters the analysis on purpose rewrites them in its own
//! commit and says why.

use std::path::Path;
use std::process::Command;

fn report(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_densing"))
        .arg("report")
        .args(args)
        .arg("--json")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "report {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 JSON")
}

fn expected(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/before_issue15")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Compares whole texts; on a difference names the first differing line, not 30 KB of JSON.
fn assert_same(name: &str, got: &str) {
    let want = expected(name);
    if got == want {
        return;
    }
    let line = got
        .lines()
        .zip(want.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
    panic!(
        "{name}: report --json differs from the copy made before the restructure, first at line {}:\n  now:    {:?}\n  before: {:?}",
        line + 1,
        got.lines().nth(line),
        want.lines().nth(line)
    );
}

#[test]
fn the_sample_report_is_unchanged() {
    assert_same("report_sample.json", &report(&[]));
}

#[test]
fn the_mmlu_breakpoint_active_basis_report_is_unchanged() {
    let got = report(&[
        "--task",
        "mmlu",
        "--breakpoint",
        "2022-11-30",
        "--basis",
        "active",
    ]);
    assert_same("report_mmlu_breakpoint.json", &got);
}

#[test]
fn the_olmo_reference_report_is_unchanged() {
    let ladder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real_ladder/olmo_ladder");
    if !ladder.is_dir() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED report golden on the OLMo ladder: {} is absent (the ladder is not committed)",
            ladder.display()
        );
        return;
    }
    let got = report(&[
        "--reference",
        "../shared/real_ladder/olmo_ladder",
        "--data",
        "sample_data/models_rc.csv",
        "--task",
        "mmlu",
    ]);
    assert_same("report_olmo_rc_mmlu.json", &got);
}
