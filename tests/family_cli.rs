//! The family reference from the command line (issue 20): an independent implementation
//! (tests/reference/family_ref.py) agrees, the v2 leaderboard export gets N̂ and ρ, and
//! its family curves agree with scipy (tests/reference/family_scipy.py).

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn report(args: &[&str]) -> Value {
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
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// tests/reference/expected_family.json was written by the plain-Python fit of
/// tests/reference/family_ref.py (the command is in the file). Effective sizes of models
/// inside the family's score range agree within 15% (the tolerance).
#[test]
fn effective_sizes_agree_with_the_independent_implementation() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/reference/expected_family.json")).unwrap(),
    )
    .unwrap();
    let got = report(&[
        "--data",
        "tests/data/family/acme.csv",
        "--reference",
        "family:Acme/Base",
        "--task",
        "mmlu_pro",
    ]);
    assert!(
        got["reference"]
            .as_str()
            .unwrap()
            .contains("Acme/Base (7 sizes")
    );
    let (lo, hi) = (
        expected["score_min"].as_f64().unwrap(),
        expected["score_max"].as_f64().unwrap(),
    );
    let mut compared = 0;
    for m in got["models"].as_array().unwrap() {
        let name = m["model"].as_str().unwrap();
        let Some(e) = expected["models"].get(name) else {
            continue;
        };
        let score = e["score"].as_f64().unwrap();
        if !(lo..=hi).contains(&score) || m["n_hat"].is_null() {
            continue;
        }
        let (ours, theirs) = (m["n_hat"].as_f64().unwrap(), e["n_hat"].as_f64().unwrap());
        assert!(
            (ours / theirs - 1.0).abs() < 0.15,
            "{name}: N̂ {ours:e} vs the reference's {theirs:e}"
        );
        compared += 1;
    }
    assert!(compared >= 10, "only {compared} models compared");
}

/// The v2 export with the Qwen2.5 base models as the reference, on MMLU-Pro: every model
/// with a size and a score between the family's lowest and highest member gets N̂ and ρ
/// (dated or not), unless the guards say why not.
#[test]
fn the_v2_export_gets_densities_through_qwen2_5() {
    let path = "../shared/real_formats/open_llm_leaderboard/fboulnois_huggingface_v2.csv";
    if !Path::new(env!("CARGO_MANIFEST_DIR")).join(path).exists() {
        eprintln!("skipped: {path} is absent");
        return;
    }
    let got = report(&[
        "--data",
        path,
        "--reference",
        "family:Qwen2.5",
        "--task",
        "mmlu_pro",
    ]);
    let family = &got["family"];
    assert_eq!(family["members"].as_array().unwrap().len(), 7);
    let t = &family["tasks"]["mmlu_pro"];
    assert!(t["refused"].is_null(), "{t}");
    let scores: Vec<f64> = t["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1].as_f64().unwrap())
        .collect();
    let lo = scores.iter().cloned().fold(f64::INFINITY, f64::min);
    let hi = scores.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let mut inside = 0;
    for m in got["models"].as_array().unwrap() {
        let Some(s) = m["score"].as_f64() else {
            continue;
        };
        if m["n_params"].is_null() || !(lo..=hi).contains(&s) {
            continue;
        }
        inside += 1;
        let why = m["excluded_reason"].as_str().unwrap_or("");
        assert!(
            m["density"].is_f64() && m["sensitivity"].is_f64() || why.contains("chance level"),
            "{}: {why}",
            m["model"]
        );
    }
    assert!(inside > 1000, "{inside}");
}

/// The Qwen2.5 family's curves on the v2 export's six tasks agree with scipy's
/// least_squares fit of the same points (tests/reference/family_scipy.py, whose output is
/// typed below to 5 digits): every parameter within 0.1% (m, a log size, within 0.002) and
/// the residual sum of squares within 0.1%.
#[test]
fn the_v2_family_curves_agree_with_scipy() {
    let path = "../shared/real_formats/open_llm_leaderboard/fboulnois_huggingface_v2.csv";
    if !Path::new(env!("CARGO_MANIFEST_DIR")).join(path).exists() {
        eprintln!("skipped: {path} is absent");
        return;
    }
    // task, c, k, m, d, rss (scipy 1.17.1)
    let scipy = [
        ("bbh", 43.8463, 0.93558, 22.23166, 28.24569, 6.58766),
        ("gpqa", 17.37633, 1.23781, 22.68486, 25.0, 7.93239),
        ("ifeval", 45.84924, 0.57502, 20.93096, 0.0, 12.01532),
        ("math_lvl5", 42.64707, 0.93692, 22.49093, 0.0, 2.50536),
        ("mmlu_pro", 46.95107, 1.05334, 22.36761, 16.26333, 10.79952),
        ("musr", 16.71856, 1.19266, 21.71643, 31.90191, 14.83325),
    ];
    for (task, c, k, m, d, rss) in scipy {
        let got = report(&[
            "--data",
            path,
            "--reference",
            "family:Qwen2.5",
            "--task",
            task,
        ]);
        let t = &got["family"]["tasks"][task];
        let curve = &t["curve"];
        let f = |key: &str| curve[key].as_f64().unwrap();
        let close = |ours: f64, theirs: f64, what: &str| {
            assert!(
                (ours - theirs).abs() <= 1e-3 * theirs.abs().max(1.0),
                "{task} {what}: ours {ours} vs scipy {theirs}"
            )
        };
        close(f("c"), c, "c");
        close(f("k"), k, "k");
        assert!((f("m") - m).abs() < 2e-3, "{task} m: {} vs {m}", f("m"));
        close(f("d"), d, "d");
        close(t["rss"].as_f64().unwrap(), rss, "rss");
    }
}
