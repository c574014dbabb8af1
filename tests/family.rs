//! A model family as the reference, and the guards of an inversion (issue 20).

use densing::analysis::{GuardOptions, Options, analyze};
use densing::data::{Dataset, Model, find_families, select_family};
use densing::fit::{fit_family, fit_family_task};
use densing::law::{FamilyCurve, Fits};
use std::collections::BTreeMap;

/// A small deterministic noise source (xorshift), uniform in [−1, 1].
fn noise(state: &mut u64) -> f64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    (*state >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
}

const TRUTH: FamilyCurve = FamilyCurve {
    c: 60.0,
    k: 0.9,
    m: 22.669_246_724_624_23, // ln 7e9
    d: 10.0,                  // MMLU-Pro's chance level (10 options)
};
const SIZES_B: [f64; 7] = [0.5, 1.5, 3.0, 7.0, 14.0, 32.0, 72.0];

fn model(name: &str, n: f64, score: f64) -> Model {
    Model {
        name: name.into(),
        n_params: Some(n),
        scores: BTreeMap::from([("mmlu_pro".to_string(), score)]),
        ..Default::default()
    }
}

fn family_models(curve: &FamilyCurve, seed: u64, amp: f64) -> Vec<Model> {
    let mut st = seed;
    SIZES_B
        .iter()
        .map(|b| {
            let n = b * 1e9;
            model(
                &format!("Acme/Base-{b}B"),
                n,
                curve.score(n) + amp * noise(&mut st),
            )
        })
        .collect()
}

/// Constants simulated (c 60, k 0.9, m ln 7e9, d = chance 10) with ±0.5-point noise are
/// recovered: c within 5 points, k within 15%, the midpoint within a factor 1.3 in N.
/// The tolerances are what ±0.5 points on 7 members allow (the task table has no chance
/// level for MMLU-Pro: the floor is fitted, bounded below by its 10 points, so d may rise
/// a little). On MMLU, whose chance level (25) the task table knows, d is fixed at it.
#[test]
fn a_simulated_family_is_fitted_back() {
    for seed in [1u64, 7, 42] {
        let models = family_models(&TRUTH, seed, 0.5);
        let members: Vec<usize> = (0..models.len()).collect();
        let f = fit_family("Acme/Base", &models, &members, &["mmlu_pro".into()], None).unwrap();
        let t = &f.tasks["mmlu_pro"];
        assert!(t.refused.is_none(), "{:?}", t.refused);
        let c = t.curve.unwrap();
        assert!((c.c - TRUTH.c).abs() < 5.0, "seed {seed}: c {}", c.c);
        assert!((c.k / TRUTH.k - 1.0).abs() < 0.15, "seed {seed}: k {}", c.k);
        assert!(
            (c.m - TRUTH.m).abs() < 0.3f64.ln().abs(),
            "seed {seed}: m {}",
            c.m
        );
        assert!(c.d >= 10.0 - 1e-9 && c.d < 13.0, "seed {seed}: d {}", c.d);
        assert_eq!(f.describe(), "Acme/Base (7 sizes, 500M–72B), same harness");
    }
}

/// On a task whose chance level the task table knows (MMLU, 4 options: 25 points), the
/// floor is that level, fixed: constants simulated (c 50, k 0.9, m ln 7e9, d 25) with
/// ±0.5-point noise come back with d exactly 25 and c, k, m within the tolerances above;
/// a flat family on MMLU is still refused.
#[test]
fn on_a_task_with_a_known_chance_level_the_floor_is_fixed() {
    let truth = FamilyCurve {
        c: 50.0,
        d: 25.0,
        ..TRUTH
    };
    for seed in [2u64, 9] {
        let points: Vec<(f64, f64)> = family_models(&truth, seed, 0.5)
            .iter()
            .map(|m| (m.n_params.unwrap(), m.scores["mmlu_pro"]))
            .collect();
        let t = fit_family_task("mmlu", &points, None).unwrap();
        assert!(t.refused.is_none(), "{:?}", t.refused);
        let c = t.curve.unwrap();
        assert_eq!(c.d, 25.0, "seed {seed}");
        assert!((c.c - truth.c).abs() < 5.0, "seed {seed}: c {}", c.c);
        assert!((c.k / truth.k - 1.0).abs() < 0.15, "seed {seed}: k {}", c.k);
        assert!(
            (c.m - truth.m).abs() < 0.3f64.ln().abs(),
            "seed {seed}: m {}",
            c.m
        );
    }
    let flat: Vec<(f64, f64)> = SIZES_B.iter().map(|b| (b * 1e9, 26.0 + 0.01 * b)).collect();
    assert!(
        fit_family_task("mmlu", &flat, None)
            .unwrap()
            .refused
            .is_some()
    );
}

/// A family whose scores do not rise with size is refused with its message.
#[test]
fn a_flat_family_is_refused() {
    let flat = FamilyCurve { c: 1.0, ..TRUTH };
    let points: Vec<(f64, f64)> = family_models(&flat, 3, 0.3)
        .iter()
        .map(|m| (m.n_params.unwrap(), m.scores["mmlu_pro"]))
        .collect();
    let t = fit_family_task("mmlu_pro", &points, None).unwrap();
    let why = t.refused.expect("a flat family is refused");
    assert!(why.contains("flat or falling"), "{why}");
    // Falling with size: refused too.
    let falling: Vec<(f64, f64)> = points
        .iter()
        .map(|&(n, _)| (n, 80.0 - 5.0 * n.ln() / 3.0))
        .collect();
    let t = fit_family_task("mmlu_pro", &falling, None).unwrap();
    assert!(t.refused.is_some());
}

fn analysed(extra: Vec<Model>, guards: GuardOptions) -> (Dataset, densing::analysis::Analysis) {
    let mut models = family_models(&TRUTH, 1, 0.0);
    let members: Vec<usize> = (0..models.len()).collect();
    let family = fit_family("Acme/Base", &models, &members, &["mmlu_pro".into()], None).unwrap();
    models.extend(extra);
    let dataset = Dataset {
        models,
        ..Default::default()
    };
    let fits = Fits {
        family: Some(family),
        ..Default::default()
    };
    let options = Options {
        task: "mmlu_pro".into(),
        guards,
        ..Default::default()
    };
    let a = analyze(&dataset, &fits, &options);
    (dataset, a)
}

/// Scores above the members' best (64.4 at 72B): N̂ = 150B lies 2.1× beyond 72B, allowed
/// (factor 4) and marked; N̂ = 600B lies 8.3× beyond, excluded with the reason. A score 1
/// point above chance is excluded; undated models get N̂ and ρ.
#[test]
fn extrapolations_are_marked_or_excluded_and_chance_is_refused() {
    let inside = model("inside", 5e9, TRUTH.score(5e9));
    let near = model("near", 150e9, TRUTH.score(150e9));
    let far = model("far", 600e9, TRUTH.score(600e9));
    let chance = model("chance", 1e8, 11.0);
    let (_, a) = analysed(vec![inside, near, far, chance], GuardOptions::default());
    let r = |i: usize| &a.models[SIZES_B.len() + i];
    assert_eq!(r(0).extrapolation, None);
    assert!((r(0).n_hat.unwrap() / 5e9 - 1.0).abs() < 0.02);
    let e = r(1).extrapolation.expect("marked");
    assert!((e - 150.0 / 72.0).abs() < 0.1, "{e}");
    assert!(r(1).density.is_some());
    let why = r(2).excluded.as_ref().unwrap().to_string();
    assert!(
        why.contains("beyond the reference's sizes (allowed 4×)"),
        "{why}"
    );
    assert!(r(2).density.is_none());
    let why = r(3).excluded.as_ref().unwrap().to_string();
    assert!(
        why.contains("within 2 points of the chance level 10"),
        "{why}"
    );
    // Undated (no release date in these models): N̂ and ρ all the same.
    assert!(r(0).release_date.is_none() && r(0).density.is_some());
    // A larger factor admits the far one.
    let (_, a) = analysed(
        vec![model("far", 600e9, TRUTH.score(600e9))],
        GuardOptions {
            extrapolation_factor: 10.0,
            ..Default::default()
        },
    );
    assert!(a.models[SIZES_B.len()].density.is_some());
}

/// The sensitivity exp(|d ln N̂/dS|) against a central finite difference of ln N̂ (h = 1e-4
/// points; agreement to 1e-6 relative), for the family and the sample's ladder.
#[test]
fn the_one_point_sensitivity_matches_a_finite_difference() {
    let (_, a) = analysed(vec![model("x", 9e9, 41.0)], GuardOptions::default());
    let got = a.models[SIZES_B.len()].sensitivity.unwrap();
    let (_, b) = analysed(vec![model("x", 9e9, 41.0 + 1e-4)], GuardOptions::default());
    let (_, c) = analysed(vec![model("x", 9e9, 41.0 - 1e-4)], GuardOptions::default());
    let n = |x: &densing::analysis::Analysis| x.models[SIZES_B.len()].n_hat.unwrap().ln();
    let fd = ((n(&b) - n(&c)) / 2e-4).abs().exp();
    assert!((got / fd - 1.0).abs() < 1e-6, "{got} vs {fd}");

    // The sample's ladder: nudge one model's benchmark scores (all five by the same h
    // moves their mean by h).
    let sample = densing::data::sample().unwrap();
    let fits = densing::fit::fit_tasks(
        &sample,
        &["average".into()],
        &Default::default(),
        &Default::default(),
    )
    .unwrap()
    .0;
    let options = Options::default();
    let at = |h: f64| {
        let mut d = sample.clone();
        for v in d.models[3].scores.values_mut() {
            *v += h;
        }
        analyze(&d, &fits, &options).models[3].clone()
    };
    let got = at(0.0).sensitivity.unwrap();
    let fd = ((at(1e-4).n_hat.unwrap().ln() - at(-1e-4).n_hat.unwrap().ln()) / 2e-4)
        .abs()
        .exp();
    assert!((got / fd - 1.0).abs() < 1e-6, "{got} vs {fd}");
}

/// Families found by name: base models only, ≥ 4 sizes; `family:` patterns select them.
#[test]
fn families_are_found_in_names() {
    let mut models = family_models(&TRUTH, 1, 0.0);
    models.push(model("Acme/Base-7B-Instruct", 7e9, 45.0));
    models.push(model("Other/Three-1B", 1e9, 20.0));
    models.push(model("Other/Three-2B", 2e9, 20.0));
    let f = find_families(&models);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].stem, "Acme/Base");
    assert_eq!(f[0].members.len(), 7);
    assert_eq!(select_family(&models, "base").unwrap().1.len(), 7);
    assert_eq!(select_family(&models, "ACME/BASE").unwrap().1.len(), 7);
    assert!(select_family(&models, "Three").is_err());
    let listed = select_family(&models, "Acme/Base-0.5B,Acme/Base-72B").unwrap();
    assert_eq!(listed.1, vec![0, 6]);
}
