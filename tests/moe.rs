//! Issue 13: mixture-of-experts sizes on loading, the density basis (total or active
//! parameters) and the point labels of the density chart.

use densing::analysis::{Basis, Options, PointLabels, analyze};
use densing::chart::{self, ChartInputs};
use densing::data::{
    LoadOptions, Loaded, Model, SAMPLE_PARAMS_JSON, load_bytes, parse_params, sample,
};
use std::path::Path;

fn load_models(csv: &str) -> (Vec<Model>, Vec<String>) {
    let (loaded, report) = load_bytes(
        Path::new("moe.csv"),
        csv.as_bytes(),
        &LoadOptions::default(),
        None,
    )
    .expect("the table loads");
    let Loaded::Models(models) = loaded else {
        panic!("a models table, got {loaded:?}")
    };
    (models, report.to_supply)
}

fn get<'a>(models: &'a [Model], name: &str) -> &'a Model {
    models
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("{name} not loaded"))
}

/// Each form with the counts it states: a column (`active_params`), size text
/// (`30B-A3B`), names (`-A22B`, Llama 4's `17B-16E` = 17B active) and `8x7B`, whose
/// active count is unknown and must be asked for, not guessed.
#[test]
fn every_moe_form_gives_its_total_and_active_counts() {
    let csv = "model,params,active_params,mmlu,release_date\n\
               Qwen3-30B-A3B-Base,30B-A3B,,81.38,2025-04-29\n\
               Qwen3-235B-A22B-Base,235,,87.8,2025-04-29\n\
               Llama-4-Scout-17B-16E,109,,79.6,2025-04-05\n\
               DeepSeek-V3-Base,671,37,87.1,2024-12-26\n\
               Mixtral-8x7B-v0.1,46.7,,70.6,2023-12-11\n\
               Llama-3.1-405B,405,,85.2,2024-07-23\n";
    let (models, to_supply) = load_models(csv);
    assert_eq!(models.len(), 6, "no row lost: {to_supply:?}");
    let counts = |name: &str| {
        let m = get(&models, name);
        (m.n_params, m.n_params_active)
    };
    assert_eq!(counts("Qwen3-30B-A3B-Base"), (Some(30e9), Some(3e9)));
    assert_eq!(counts("Qwen3-235B-A22B-Base"), (Some(235e9), Some(22e9)));
    assert_eq!(counts("Llama-4-Scout-17B-16E"), (Some(109e9), Some(17e9)));
    assert_eq!(counts("DeepSeek-V3-Base"), (Some(671e9), Some(37e9)));
    assert_eq!(counts("Llama-3.1-405B"), (Some(405e9), None));
    // 8x7B: the total comes from its column; the active count is not guessed (8 × 7B or
    // 2 × 7B would both be wrong: Mixtral has 12.9B active) but asked for.
    assert_eq!(counts("Mixtral-8x7B-v0.1"), (Some(46.7e9), None));
    let asks: Vec<&String> = to_supply
        .iter()
        .filter(|s| s.contains("active parameter count"))
        .collect();
    assert_eq!(asks.len(), 1, "{to_supply:?}");
    assert!(
        asks[0].contains("Mixtral-8x7B-v0.1") && asks[0].contains("8x7B"),
        "{asks:?}"
    );
}

#[test]
fn a_size_without_total_and_a_flag_without_active_count_are_reported() {
    let csv = "model,params,architecture,mmlu\n\
               Mixtral-8x7B,8x7B,moe,70.6\n\
               Secret-MoE,100,moe,80\n\
               Dense,7,dense,60\n";
    let (loaded, report) = load_bytes(
        Path::new("moe.csv"),
        csv.as_bytes(),
        &LoadOptions::default(),
        None,
    )
    .unwrap();
    let Loaded::Models(models) = loaded else {
        panic!()
    };
    // 8x7B alone gives no total: the row is skipped with a message saying why.
    assert_eq!(models.len(), 2);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("8x7B") && w.message.contains("mixture-of-experts")),
        "{:?}",
        report.warnings
    );
    assert!(
        report
            .to_supply
            .iter()
            .any(|s| s.contains("Secret-MoE") && s.contains("flagged")),
        "{:?}",
        report.to_supply
    );
    assert_eq!(get(&models, "Secret-MoE").n_params_active, None);
}

/// The sample's 8 MoE rows carry the active counts of sample_data/models.csv (from
/// evaluated_models_2025.csv); the other 64 are dense.
#[test]
fn the_sample_has_its_eight_moe_models() {
    let s = sample().unwrap();
    let moe: Vec<(&str, f64, f64)> = s
        .models
        .iter()
        .filter(|m| m.is_moe())
        .map(|m| {
            (
                m.name.as_str(),
                m.n_params.unwrap() / 1e9,
                m.n_params_active.unwrap() / 1e9,
            )
        })
        .collect();
    assert_eq!(moe.len(), 8, "{moe:?}");
    assert!(moe.contains(&("Qwen3-30B-A3B-Base", 30.5, 3.3)), "{moe:?}");
    assert!(moe.contains(&("Kimi-K2-Base", 1000.0, 32.0)), "{moe:?}");
}

/// Switching the basis changes exactly the MoE rows' densities, by total/active (the
/// effective size N̂ does not depend on the basis), and nothing else.
#[test]
fn switching_the_basis_changes_only_the_moe_densities() {
    let data = sample().unwrap();
    let fits = parse_params("params.json", SAMPLE_PARAMS_JSON).unwrap();
    for task in ["mmlu", "average"] {
        let total = Options {
            task: task.into(),
            frontier: densing::analysis::FrontierRule::All,
            ..Options::default()
        };
        let active = Options {
            basis: Basis::Active,
            ..total.clone()
        };
        let (a, b) = (
            analyze(&data, &fits, &total),
            analyze(&data, &fits, &active),
        );
        let mut changed = 0;
        for ((m, x), y) in data.models.iter().zip(&a.models).zip(&b.models) {
            assert_eq!(x.n_hat, y.n_hat, "{}", m.name);
            if let (true, Some(dx)) = (m.is_moe(), x.density) {
                changed += 1;
                let ratio = m.n_params.unwrap() / m.n_params_active.unwrap();
                let got = y.density.unwrap() / dx;
                assert!(
                    (got / ratio - 1.0).abs() < 1e-12,
                    "{}: {got} vs {ratio}",
                    m.name
                );
            } else if m.is_moe() {
                // No density on either basis: only the size it would divide by differs.
                assert_eq!(y.n_params, m.n_params_active, "{}", m.name);
                let y_total = densing::analysis::ModelResult {
                    n_params: x.n_params,
                    ..y.clone()
                };
                assert_eq!(x, &y_total, "{}", m.name);
            } else {
                assert_eq!(x, y, "{}", m.name);
            }
        }
        assert!(changed > 0, "{task}: some MoE model has a density");
    }
}

fn density_chart_of(labels: PointLabels) -> (chart::Chart, Vec<String>) {
    let data = sample().unwrap();
    let fits = parse_params("params.json", SAMPLE_PARAMS_JSON).unwrap();
    let options = Options {
        task: "mmlu".into(),
        labels,
        ..Options::default()
    };
    let analysis = analyze(&data, &fits, &options);
    let frontier: Vec<String> = analysis
        .frontier
        .iter()
        .map(|&i| data.models[i].name.clone())
        .collect();
    let c = chart::density_chart(ChartInputs {
        dataset: &data,
        fits: &fits,
        options: &options,
        analysis: &analysis,
    });
    (c, frontier)
}

/// Every frontier model's name is a `<text>` of the exported SVG, and no two label boxes
/// overlap at 1200x800 (the export size of the README's figure).
#[test]
fn frontier_labels_are_written_and_do_not_overlap() {
    let (c, frontier) = density_chart_of(PointLabels::Frontier);
    assert!(frontier.len() >= 5, "{frontier:?}");
    assert_eq!(c.point_labels.len(), frontier.len());
    let svg = chart::svg_string(&c, (1200, 800)).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect();
    for name in &frontier {
        assert!(texts.contains(name), "{name} not in the SVG's texts");
    }
    let boxes = chart::label_boxes(&c, (1200, 800)).unwrap();
    assert_eq!(boxes.len(), frontier.len());
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
        }
    }
    // "none" writes no name; "all" adds the other models (as room allows).
    let (none, _) = density_chart_of(PointLabels::None);
    assert!(none.point_labels.is_empty());
    let (all, _) = density_chart_of(PointLabels::All);
    assert!(all.point_labels.len() > frontier.len());
    let boxes = chart::label_boxes(&all, (1200, 800)).unwrap();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
        }
    }
}

/// MoE models have their own series drawn as diamonds, and the chart says its basis.
#[test]
fn moe_models_are_diamonds_and_the_basis_is_said() {
    let (c, _) = density_chart_of(PointLabels::Frontier);
    let moe: Vec<&chart::Series> = c
        .series
        .iter()
        .filter(|s| s.marker == chart::Marker::Diamond)
        .collect();
    assert!(!moe.is_empty());
    assert!(moe.iter().all(|s| s.name.contains("MoE")));
    assert!(c.y.label.contains("total"), "{}", c.y.label);
    assert!(
        c.notes.iter().any(|n| n.contains("per total parameter")),
        "{:?}",
        c.notes
    );
}
