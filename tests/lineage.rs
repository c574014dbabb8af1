//! Parents and children and density per inference cost (issue 21 items 2–4): `densing
//! lineage` and `--basis inference` on a hand-made table whose densities are computed here
//! from the formulas (DESIGN §1.3) and the sample's illustrative MMLU constants
//! (`sample_data/params.json`), on the sample's published pairs against `report --json`,
//! and on the real leaderboard export where it is present.

use clap::Parser;
use densing::cli::{Cli, run};
use serde_json::Value;

fn run_args(args: &[&str]) -> String {
    let cli = Cli::try_parse_from(std::iter::once("densing").chain(args.iter().copied()))
        .expect("arguments parse");
    run(cli).expect("command runs")
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&run_args(args)).expect("JSON output")
}

const TABLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lineage/models.csv");
const PARAMS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_data/params.json");

/// N̂ of an MMLU score through the sample's constants, at D₀ = 1T tokens (DESIGN §1.3):
/// L̂ = l − ln(c/(S − d) − 1)/γ, N̂ = ((L̂ − b·D₀^−β)/a)^(−1/α).
fn n_hat(score: f64) -> f64 {
    let (a, alpha, b, beta, c, gamma, l, d) = (12.8, 0.226, 26.6, 0.204, 90.0, -32.6, 0.189, 5.0);
    let loss = l - (c / (score - d) - 1.0f64).ln() / gamma;
    ((loss - b * 1e12f64.powf(-beta)) / a).powf(-1.0 / alpha)
}

fn close(got: f64, want: f64, what: &str) {
    assert!(
        (got / want - 1.0).abs() < 1e-6,
        "{what}: {got} against {want}"
    );
}

fn pair<'a>(v: &'a Value, child: &str) -> &'a Value {
    v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["child"] == child)
        .unwrap_or_else(|| panic!("no pair for {child}: {v}"))
}

#[test]
fn ratios_of_a_hand_made_table() {
    let v = json(&[
        "lineage", "--data", TABLE, "--params", PARAMS, "--task", "mmlu", "--json",
    ]);
    assert_eq!(v["pairs"].as_array().unwrap().len(), 3);
    assert_eq!(v["parent_absent"], 1);
    // No release date: compared all the same (ρ needs no date), N̂(61)/8B against N̂(60)/8B.
    close(
        pair(&v, "Undated-Chat-8B")["ratio"].as_f64().unwrap(),
        n_hat(61.0) / n_hat(60.0),
        "undated ratio",
    );
    // ρ = N̂/N: Parent-8B scores 60 at 8B, the pruned child 52 at 4B, the chat child 62 at 8B.
    let parent = n_hat(60.0) / 8e9;
    let pruned = pair(&v, "Child-Pruned-4B");
    assert_eq!(pruned["parent"], "Parent-8B");
    assert_eq!(pruned["kind"], "pruned");
    close(
        pruned["ratio"].as_f64().unwrap(),
        (n_hat(52.0) / 4e9) / parent,
        "pruned ratio",
    );
    assert!((pruned["score_diff"].as_f64().unwrap() + 8.0).abs() < 1e-9);
    let chat = pair(&v, "Child-Chat-8B");
    // The column said "Fine-tuned".
    assert_eq!(chat["kind"], "fine-tune");
    close(
        chat["ratio"].as_f64().unwrap(),
        n_hat(62.0) / n_hat(60.0),
        "chat ratio",
    );
    let summary = v["summary"].as_array().unwrap();
    let kinds: Vec<&str> = summary
        .iter()
        .map(|k| k["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["fine-tune", "pruned"]);
    // A higher score at the same size is denser (both chat children); the pruned child's
    // ratio is computed above.
    assert_eq!(summary[0]["denser"], 2);
    let pruned_denser = (n_hat(52.0) / 4e9) / parent > 1.0;
    assert_eq!(summary[1]["denser"], pruned_denser as u64);
    let text = run_args(&[
        "lineage", "--data", TABLE, "--params", PARAMS, "--task", "mmlu",
    ]);
    assert!(
        text.contains("Child-Pruned-4B") && text.contains("per kind"),
        "{text}"
    );
}

#[test]
fn inference_basis_of_a_hand_made_table() {
    let v = json(&[
        "report",
        "--data",
        TABLE,
        "--params",
        PARAMS,
        "--task",
        "mmlu",
        "--basis",
        "inference",
        "--t-ref",
        "200",
        "--json",
    ]);
    assert_eq!(v["basis"], "inference");
    let m = |name: &str| {
        v["models"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["model"] == name)
            .unwrap()
            .clone()
    };
    // ρ_inf = N̂·T_ref / (N_active·T): Parent-8B T = 100, Child-Chat-8B T = 400.
    close(
        m("Parent-8B")["density"].as_f64().unwrap(),
        n_hat(60.0) * 200.0 / (8e9 * 100.0),
        "Parent-8B",
    );
    close(
        m("Child-Chat-8B")["density"].as_f64().unwrap(),
        n_hat(62.0) * 200.0 / (8e9 * 400.0),
        "Child-Chat-8B",
    );
    // No T: no ρ_inf, and the reason says so.
    let moe = m("MoE-30B-A3B");
    assert!(moe["density"].is_null());
    assert!(
        moe["excluded_reason"]
            .as_str()
            .unwrap()
            .contains("no tokens per answer on mmlu"),
        "{moe}"
    );
    // Without --t-ref nobody has one, and the reason asks for it.
    let w = json(&[
        "report",
        "--data",
        TABLE,
        "--params",
        PARAMS,
        "--task",
        "mmlu",
        "--basis",
        "inference",
        "--json",
    ]);
    assert!(
        w["models"][0]["excluded_reason"]
            .as_str()
            .unwrap()
            .contains("--t-ref")
    );
}

#[test]
fn the_sample_lists_its_published_pairs() {
    let v = json(&["lineage", "--task", "mmlu", "--json"]);
    let r = json(&["report", "--task", "mmlu", "--json"]);
    let density = |name: &str| {
        r["models"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["model"] == name)
            .and_then(|m| m["density"].as_f64())
            .unwrap()
    };
    // sample_data/lineage.csv: Llama-3.2-1B/3B and Minitron-4B were pruned from Llama-3.1-8B.
    let children = ["Llama-3.2-1B", "Llama-3.2-3B", "Llama-3.1-minitron-4B"];
    assert_eq!(v["pairs"].as_array().unwrap().len(), children.len());
    for c in children {
        let p = pair(&v, c);
        assert_eq!(p["parent"], "Llama-3.1-8B");
        assert_eq!(p["kind"], "pruned");
        close(
            p["ratio"].as_f64().unwrap(),
            density(c) / density("Llama-3.1-8B"),
            c,
        );
    }
    assert!(v["note"].is_null());
}

#[test]
fn the_report_prints_the_published_rates_beside_the_measured_one() {
    let text = run_args(&["report", "--task", "mmlu"]);
    assert!(
        text.contains("Density doubling: measured ")
            && text.contains("; published: 95–99 d (arXiv), ~106 d (journal)"),
        "{text}"
    );
}

#[test]
fn export_draws_the_published_slopes_and_the_arrows() {
    let dir = std::env::temp_dir().join(format!("densing_lineage_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("density.svg");
    let out_s = out.to_str().unwrap();
    run_args(&[
        "export",
        "--chart",
        "density",
        "--task",
        "mmlu",
        "--published-slopes",
        "--lineage-arrows",
        "--out",
        out_s,
    ]);
    let svg = std::fs::read_to_string(&out).unwrap();
    for name in [
        "published arXiv: doubling 97 d",
        "published journal: doubling 106 d",
        "from parent to child",
    ] {
        assert!(svg.contains(name), "{name} not in the legend");
    }
    run_args(&[
        "export", "--chart", "density", "--task", "mmlu", "--out", out_s,
    ]);
    let plain = std::fs::read_to_string(&out).unwrap();
    assert!(!plain.contains("published arXiv") && !plain.contains("from parent to child"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_leaderboard_export_summed_up_per_kind() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/real_formats/open_llm_leaderboard/fboulnois_huggingface_v2.csv"
    );
    if !std::path::Path::new(file).exists() {
        eprintln!("skipped: {file} is absent");
        return;
    }
    let v = json(&["lineage", "--data", file, "--json"]);
    let summary = v["summary"].as_array().unwrap();
    let fine = summary.iter().find(|k| k["kind"] == "fine-tune").unwrap();
    // The export links 550 models to a base model that is in the file (counted with
    // Python's csv module: metadata_base_model ≠ model_name and among the model names);
    // most are fine-tuned or chat models.
    assert_eq!(v["pairs"].as_array().unwrap().len(), 550);
    assert!(fine["n_links"].as_u64().unwrap() > 250, "{fine}");
    // The embedded reference covers none of the leaderboard's tasks: said, not hidden.
    let note = v["note"].as_str().unwrap();
    assert!(
        note.contains("no reference covers the file's tasks"),
        "{note}"
    );
}

#[test]
fn an_lm_eval_adapter_run_names_its_base() {
    use densing::data::{LoadOptions, Loaded, load_path};
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/lineage/lm_eval_peft/results_2024-06-01T10-00-00.json"
    );
    let out = load_path(std::path::Path::new(file), &LoadOptions::default()).unwrap();
    let models = match out.loaded {
        Loaded::Models(m) => m,
        Loaded::Folder(d) => d.models,
        other => panic!("not models: {other:?}"),
    };
    // model_args: pretrained=meta-llama/Llama-3.1-8B,peft=example-org/…-lora: the run is
    // the adapter, a fine-tune of its pretrained base.
    assert_eq!(models.len(), 1);
    let m = &models[0];
    assert_eq!(m.name, "example-org/llama-3.1-8b-medical-lora");
    assert_eq!(
        m.info.base_model.as_deref(),
        Some("meta-llama/Llama-3.1-8B")
    );
    assert_eq!(m.info.derived_kind.as_deref(), Some("fine-tune"));
    assert!((m.scores["mmlu"] - 62.0).abs() < 1e-9);
}
