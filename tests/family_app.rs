//! The window with a model family of the data as the reference (issue 20): the same entry
//! point as `--reference family:SPEC`, so the same densities as `densing report`.

mod common;

use common::{harness, settle};
use densing::app::commands::Command;
use std::process::Command as Process;

#[test]
fn the_window_measures_the_sample_against_its_qwen2_5_family_as_the_report_does() {
    let mut h = harness();
    h.state_mut()
        .state
        .apply(Command::UseFamilyReference("Qwen2.5".into()));
    settle(&mut h);
    let state = &h.state().state;
    let family = state
        .fits
        .family
        .as_ref()
        .expect("the family is the reference");
    // The sample holds Qwen2.5 0.5B, 1.5B, 3B, 7B, 14B, 32B and 72B (sample_data/models.csv).
    assert_eq!(family.members.len(), 7, "{:?}", family.members);
    let line = state.dataset.reference_line(state.options.d0_tokens);
    assert!(line.contains("Qwen2.5 (7 sizes"), "{line}");
    assert!(
        state.dataset.ladder.is_empty(),
        "a family reference has no ladder"
    );

    // `densing report --reference family:Qwen2.5 --json` on the same sample and options.
    let out = Process::new(env!("CARGO_BIN_EXE_densing"))
        .args(["report", "--reference", "family:Qwen2.5", "--json"])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v["models"].as_array().unwrap();
    assert_eq!(rows.len(), state.analysis.models.len());
    let mut dense = 0;
    for (w, r) in rows.iter().zip(&state.analysis.models) {
        match (w["density"].as_f64(), r.density) {
            // Same code, same inputs: equal to the last bits but for JSON's printing.
            (Some(a), Some(b)) => {
                assert!(
                    (a - b).abs() <= 1e-12 * b.abs(),
                    "{}: {a} vs {b}",
                    w["model"]
                );
                dense += 1;
            }
            (None, None) => {}
            (a, b) => panic!("{}: report {a:?}, window {b:?}", w["model"]),
        }
    }
    assert!(dense > 10, "{dense} densities");
    let (a, b) = (
        v["regression"]["doubling_days"].as_f64(),
        state
            .analysis
            .regression
            .as_ref()
            .and_then(|r| r.doubling_days),
    );
    assert_eq!(a.is_some(), b.is_some());
    if let (Some(a), Some(b)) = (a, b) {
        assert!((a - b).abs() <= 1e-9 * b, "{a} vs {b}");
    }
}

#[test]
fn an_unknown_family_is_refused_and_the_reference_kept() {
    let mut h = harness();
    let before = h.state().state.dataset.reference_line(1e12);
    h.state_mut()
        .state
        .apply(Command::UseFamilyReference("NoSuchFamily".into()));
    let state = &h.state().state;
    assert!(state.fits.family.is_none());
    assert_eq!(state.dataset.reference_line(1e12), before);
    assert!(
        state
            .error
            .as_deref()
            .is_some_and(|e| e.contains("NoSuchFamily"))
    );
}
