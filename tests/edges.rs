//! Numbers at the edges (issue 14): effective sizes beyond f64, an empty benchmark set,
//! and the reasons they leave in the table, the report JSON and the regression.

use densing::analysis::{Exclusion, Options, analyze};
use densing::data::{SAMPLE_PARAMS_JSON, parse_params, sample};
use densing::law::DomainError;
use serde_json::Value;
use std::process::Command;

/// The sample's design parameters with the `average` task's alpha set to `alpha`.
fn params_with_alpha(alpha: f64) -> String {
    let mut v: Value = serde_json::from_str(SAMPLE_PARAMS_JSON).unwrap();
    v["average"]["alpha"] = alpha.into();
    v.to_string()
}

/// alpha = 0.002 makes N̂ = bracket^(−500): with the sample's brackets (L̂ − floor)/a of
/// about 0.005 that is 10^1150, beyond f64. Every model must say so, and the regression
/// must be absent with its reason, never a NaN slope.
#[test]
fn tiny_alpha_gives_every_model_a_reason_and_the_regression_a_note() {
    let fits = parse_params("params.json", &params_with_alpha(0.002)).unwrap();
    let data = sample().unwrap();
    let a = analyze(&data, &fits, &Options::default());
    let mut overflowed = 0;
    for (m, r) in data.models.iter().zip(&a.models) {
        assert!(r.density.is_none() && r.n_hat.is_none(), "{}", m.name);
        let reason = r.excluded.as_ref().unwrap_or_else(|| panic!("{}", m.name));
        if let Exclusion::Domain {
            error: DomainError::EffectiveSizeOutOfRange { log10_n_hat, .. },
            ..
        } = reason
        {
            assert!(*log10_n_hat > 308.0, "{}: 10^{log10_n_hat}", m.name);
            overflowed += 1;
        }
    }
    assert!(overflowed > 0);
    assert!(a.frontier.is_empty() && a.regression.is_none());
    let note = a.regression_note().unwrap();
    assert!(note.contains("no model has a density"), "{note}");
}

#[test]
fn report_json_with_tiny_alpha_names_every_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("params.json");
    std::fs::write(&path, params_with_alpha(0.002)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_densing"))
        .args(["report", "--json", "--params", path.to_str().unwrap()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("NaN"), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    let models = v["models"].as_array().unwrap();
    assert_eq!(models.len(), sample().unwrap().models.len());
    for m in models {
        assert!(m["density"].is_null(), "{m}");
        let why = m["excluded_reason"]
            .as_str()
            .unwrap_or_else(|| panic!("{m}"));
        assert!(!why.is_empty());
    }
    assert!(
        models.iter().any(|m| m["excluded_reason"]
            .as_str()
            .unwrap()
            .contains("outside the range of a 64-bit float")),
        "{text}"
    );
    assert!(v["regression"].is_null());
    let why = v["regression_reason"].as_str().unwrap();
    assert!(why.contains("no model has a density"), "{why}");
}

/// The `average` of no benchmark has no score: say so, not "score must be finite" (0/0).
#[test]
fn empty_benchmark_set_says_no_benchmark_selected() {
    let fits = parse_params("params.json", SAMPLE_PARAMS_JSON).unwrap();
    let data = sample().unwrap();
    let options = Options {
        benchmarks: Vec::new(),
        ..Options::default()
    };
    let a = analyze(&data, &fits, &options);
    for (m, r) in data.models.iter().zip(&a.models) {
        // Models without a date or size are excluded for that first.
        if m.release_date.is_some() && m.n_params.is_some() {
            assert_eq!(
                r.excluded,
                Some(Exclusion::NoBenchmarkSelected),
                "{}",
                m.name
            );
            assert_eq!(
                r.excluded.as_ref().unwrap().to_string(),
                "no benchmark selected for the average"
            );
        }
    }
    assert!(a.regression.is_none());
}
