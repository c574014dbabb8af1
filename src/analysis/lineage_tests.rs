use super::*;
use crate::analysis::{Exclusion, ModelResult};
use crate::data::{Model, ModelInfo};

fn model(name: &str, base: Option<&str>, kind: Option<&str>) -> Model {
    Model {
        name: name.into(),
        info: ModelInfo {
            base_model: base.map(str::to_string),
            derived_kind: kind.map(str::to_string),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn result(density: Option<f64>, score: Option<f64>) -> ModelResult {
    ModelResult {
        release_date: None,
        n_params: None,
        score,
        loss_hat: None,
        n_hat: None,
        density,
        days_since_ref: None,
        excluded: density.is_none().then_some(Exclusion::NoReleaseDate),
        on_frontier: false,
        date_kind: Default::default(),
        sensitivity: None,
        extrapolation: None,
        unreliable: false,
    }
}

/// A hand-made table: a parent of density 2.0 (score 60) with three children of known
/// densities, a child whose parent is absent, a model that is its own base, and a child
/// without a density.
fn table() -> (Dataset, Analysis) {
    let models = vec![
        model("org/Parent-8B", Some("org/Parent-8B"), None),
        model("Small-1B", Some("Parent-8B"), Some("pruned")),
        model("Small-3B", Some("org/Parent-8B"), Some("pruned")),
        model("Chat-8B", Some("org/Parent-8B"), Some("fine-tune")),
        model("Orphan", Some("not-in-the-data"), Some("merge")),
        model("Undated", Some("org/Parent-8B"), None),
    ];
    let results = vec![
        result(Some(2.0), Some(60.0)),
        result(Some(1.0), Some(45.0)),
        result(Some(3.0), Some(55.5)),
        result(Some(2.5), Some(63.0)),
        result(Some(9.0), Some(1.0)),
        result(None, Some(50.0)),
    ];
    let dataset = Dataset {
        models,
        ..Dataset::default()
    };
    let analysis = Analysis {
        models: results,
        frontier: Vec::new(),
        regression: None,
        breakpoint: None,
    };
    (dataset, analysis)
}

#[test]
fn ratios_and_score_differences_of_a_hand_made_table() {
    let (d, a) = table();
    let l = lineage(&d, &a);
    // Four children find their parent (one by the normalised name, `Parent-8B` for
    // `org/Parent-8B`); the orphan's parent is absent; the parent is its own base.
    assert_eq!(l.pairs.len(), 4);
    assert_eq!(l.parent_absent, 1);
    let by = |name: &str| {
        l.pairs
            .iter()
            .find(|p| d.models[p.child].name == name)
            .unwrap()
    };
    // ρ_child / ρ_parent = 1.0/2.0, 3.0/2.0, 2.5/2.0; score differences 45 − 60 etc.
    for (name, ratio, diff) in [
        ("Small-1B", 0.5, -15.0),
        ("Small-3B", 1.5, -4.5),
        ("Chat-8B", 1.25, 3.0),
    ] {
        let p = by(name);
        assert_eq!(p.parent, 0);
        assert!((p.ratio.unwrap() - ratio).abs() < 1e-12, "{name}");
        assert!((p.score_diff.unwrap() - diff).abs() < 1e-12, "{name}");
        assert!(p.reason.is_none());
    }
    let undated = by("Undated");
    assert_eq!(undated.ratio, None);
    assert_eq!(undated.kind, "unknown");
    assert!(
        undated
            .reason
            .as_deref()
            .unwrap()
            .starts_with("child has no density")
    );
}

#[test]
fn summary_counts_denser_children_per_kind() {
    let (d, a) = table();
    let l = lineage(&d, &a);
    let kinds: Vec<&str> = l.summary.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(kinds, ["fine-tune", "pruned", "unknown"]);
    let pruned = &l.summary[1];
    // Ratios 0.5 and 1.5: one denser, median (0.5 + 1.5) / 2 = 1.0.
    assert_eq!((pruned.n_links, pruned.n, pruned.denser), (2, 2, 1));
    assert!((pruned.median_ratio.unwrap() - 1.0).abs() < 1e-12);
    let unknown = &l.summary[2];
    assert_eq!(
        (unknown.n_links, unknown.n, unknown.median_ratio),
        (1, 0, None)
    );
}

#[test]
fn median_of_odd_and_even_lists() {
    assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
    assert_eq!(median(&mut []), None);
}
