//! The analysis against an independent implementation, and the frontier rules, options and
//! exclusions on small hand-made datasets.

use chrono::NaiveDate;
use densing::analysis::{Aggregate, Exclusion, FrontierRule, Options, analyze};
use densing::data::{Dataset, Model, SAMPLE_PARAMS_JSON, parse_params, sample};
use densing::law::Fits;
use serde_json::Value;
use std::collections::BTreeMap;

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs()
}

/// Compares with `tests/reference/expected_<task>.json`, written by
/// `python3 tests/reference/densing_ref.py --models sample_data/models.csv
/// --params sample_data/params.json --task <task>` (with `--chance 25` for mmlu, the task
/// table's chance level) — an implementation of DESIGN §1 and of issue 20's guards written
/// from the design alone, without reading this crate. Agreement to 1e-9 relative; the
/// sensitivity (a central finite difference there, analytic here) to 1e-6.
fn check_against_reference(task: &str, expected: &str) {
    let want: Value = serde_json::from_str(expected).unwrap();
    let fits = parse_params("params.json", SAMPLE_PARAMS_JSON).unwrap();
    let data = sample().unwrap();
    let options = Options {
        task: task.into(),
        ..Options::default()
    };
    let got = analyze(&data, &fits, &options);
    let want_models = want["models"].as_array().unwrap();
    assert_eq!(want_models.len(), got.models.len());
    for ((m, r), w) in data.models.iter().zip(&got.models).zip(want_models) {
        assert_eq!(w["model"], m.name.as_str());
        for (name, value) in [
            ("score", r.score),
            ("loss_hat", r.loss_hat),
            ("n_hat", r.n_hat),
            ("density", r.density),
        ] {
            match (value, w[name].as_f64()) {
                (Some(a), Some(b)) => {
                    assert!(close(a, b, 1e-9), "{task} {} {name}: {a} vs {b}", m.name)
                }
                (None, None) => {}
                (a, b) => panic!("{task} {} {name}: {a:?} vs {b:?}", m.name),
            }
        }
        assert_eq!(
            r.excluded.is_some(),
            !w["excluded_reason"].is_null(),
            "{}",
            m.name
        );
        match (r.sensitivity, w["sensitivity"].as_f64()) {
            (Some(a), Some(b)) => assert!(close(a, b, 1e-6), "{task} {}: {a} vs {b}", m.name),
            (None, None) => {}
            (a, b) => panic!("{task} {} sensitivity: {a:?} vs {b:?}", m.name),
        }
        assert_eq!(
            r.unreliable,
            w["unreliable"].as_bool().unwrap(),
            "{}",
            m.name
        );
    }
    let reg = got.regression.unwrap();
    let w = &want["regression"];
    for (name, value) in [
        ("slope_per_day", Some(reg.slope_per_day)),
        ("intercept", Some(reg.intercept)),
        ("r2", Some(reg.r2)),
        ("slope_se", reg.slope_se),
        ("doubling_days", reg.doubling_days),
        ("doubling_days_low", reg.doubling_days_low),
        ("doubling_days_high", reg.doubling_days_high),
    ] {
        let (a, b) = (value.unwrap(), w[name].as_f64().unwrap());
        assert!(close(a, b, 1e-9), "{task} {name}: {a} vs {b}");
    }
    let names: Vec<&str> = got
        .frontier
        .iter()
        .map(|&i| data.models[i].name.as_str())
        .collect();
    let want_names: Vec<&str> = w["frontier"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(names, want_names);
}

#[test]
fn average_matches_independent_implementation() {
    check_against_reference("average", include_str!("reference/expected_average.json"));
}

#[test]
fn mmlu_matches_independent_implementation() {
    check_against_reference("mmlu", include_str!("reference/expected_mmlu.json"));
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A dataset whose MMLU scores give chosen densities: with the identity-like fits below
/// the density of each model is exactly what we ask for.
fn toy(models: &[(&str, &str, f64)]) -> (Dataset, Fits) {
    let fits = parse_params("toy", SAMPLE_PARAMS_JSON).unwrap();
    let mmlu = fits.tasks["mmlu"];
    let models = models
        .iter()
        .map(|&(name, d, density)| {
            // Choose N = 1e9 and a score whose N̂ is density·1e9.
            let n_hat = density * 1e9;
            let loss = mmlu.loss.loss(n_hat, 1e12);
            let score = mmlu.sigmoid.score(loss);
            Model {
                name: name.into(),
                family: None,
                release_date: Some(date(d)),
                n_params: Some(1e9),
                scores: BTreeMap::from([("mmlu".to_string(), score)]),
                n_params_active: None,
                ..Default::default()
            }
        })
        .collect();
    (
        Dataset {
            models,
            ..Dataset::default()
        },
        fits,
    )
}

fn frontier_names(data: &Dataset, fits: &Fits, rule: FrontierRule) -> Vec<String> {
    let options = Options {
        task: "mmlu".into(),
        frontier: rule,
        ..Options::default()
    };
    let a = analyze(data, fits, &options);
    a.frontier
        .iter()
        .map(|&i| data.models[i].name.clone())
        .collect()
}

#[test]
fn record_rule_keeps_strict_records_per_date() {
    let (data, fits) = toy(&[
        ("a", "2023-01-01", 1.0),
        ("b", "2023-01-01", 2.0), // densest of its date
        ("c", "2023-03-01", 2.0), // ties the record: not strictly denser
        ("d", "2023-05-01", 1.5),
        ("e", "2023-07-01", 3.0),
        ("f", "2023-07-01", 2.5),
        ("g", "2023-09-01", 4.0),
    ]);
    assert_eq!(
        frontier_names(&data, &fits, FrontierRule::Record),
        ["b", "e", "g"]
    );
    assert_eq!(frontier_names(&data, &fits, FrontierRule::All).len(), 7);
}

#[test]
fn quantile_rule_compares_with_models_released_so_far() {
    let (data, fits) = toy(&[
        ("a", "2023-01-01", 1.0),
        ("b", "2023-02-01", 4.0),
        ("c", "2023-03-01", 2.0),
        ("d", "2023-04-01", 8.0),
    ]);
    // q = 0.5: a (alone) kept; b ≥ median{1,4} = 2.5 kept; c < median{1,2,4} = 2 kept
    // (equal counts as above); d ≥ median{1,2,4,8} = 3 kept.
    assert_eq!(
        frontier_names(&data, &fits, FrontierRule::Quantile(0.5)),
        ["a", "b", "c", "d"]
    );
    // q = 0.9: only the models at the top of their population.
    assert_eq!(
        frontier_names(&data, &fits, FrontierRule::Quantile(0.9)),
        ["a", "b", "d"]
    );
    assert_eq!(
        FrontierRule::parse("quantile:0.9"),
        Ok(FrontierRule::Quantile(0.9))
    );
    assert!(FrontierRule::parse("quantile:2").is_err());
}

#[test]
fn exact_exponential_growth_gives_its_doubling_time() {
    // ρ doubles every 100 days exactly.
    let (data, fits) = toy(&[
        ("a", "2023-02-24", 1.0),
        ("b", "2023-06-04", 2.0),
        ("c", "2023-09-12", 4.0),
        ("d", "2023-12-21", 8.0),
    ]);
    let a = analyze(
        &data,
        &fits,
        &Options {
            task: "mmlu".into(),
            ..Options::default()
        },
    );
    let r = a.regression.unwrap();
    assert!(
        close(r.doubling_days.unwrap(), 100.0, 1e-9),
        "{:?}",
        r.doubling_days
    );
    assert!(close(r.r2, 1.0, 1e-9));
    assert!(r.intercept.abs() < 1e-9);
}

#[test]
fn breakpoint_fits_each_side() {
    let (data, fits) = toy(&[
        ("a", "2022-01-01", 0.1),
        ("b", "2022-06-01", 0.15),
        ("c", "2022-10-01", 0.2),
        ("d", "2023-01-01", 0.5),
        ("e", "2023-05-01", 1.0),
        ("f", "2023-09-01", 3.0),
    ]);
    let options = Options {
        task: "mmlu".into(),
        breakpoint: Some(date("2022-11-30")),
        ..Options::default()
    };
    let a = analyze(&data, &fits, &options);
    let bp = a.breakpoint.unwrap();
    let (before, after) = (bp.before.unwrap(), bp.after.unwrap());
    assert_eq!((before.n_points, after.n_points), (3, 3));
    assert!(after.slope_per_day > before.slope_per_day);
    assert!(close(
        bp.ratio.unwrap(),
        after.slope_per_day / before.slope_per_day,
        1e-15
    ));
}

#[test]
fn since_and_missing_data_are_reasons() {
    let (mut data, fits) = toy(&[
        ("old", "2021-01-01", 1.0),
        ("new", "2023-01-01", 2.0),
        ("x", "2023-02-01", 3.0),
    ]);
    data.models[2].release_date = None;
    data.models.push(Model {
        name: "no-size".into(),
        family: None,
        release_date: Some(date("2023-03-01")),
        n_params: None,
        scores: BTreeMap::new(),
        n_params_active: None,
        ..Default::default()
    });
    let options = Options {
        task: "mmlu".into(),
        since: Some(date("2022-01-01")),
        ..Options::default()
    };
    let a = analyze(&data, &fits, &options);
    assert!(matches!(
        a.models[0].excluded,
        Some(Exclusion::BeforeSince(_))
    ));
    assert!(a.models[1].excluded.is_none());
    assert!(matches!(
        a.models[2].excluded,
        Some(Exclusion::NoReleaseDate)
    ));
    assert!(matches!(a.models[3].excluded, Some(Exclusion::NoParams)));
    assert!(a.regression.is_none(), "one model left: no regression");
}

#[test]
fn domain_failures_exclude_with_reason() {
    let (mut data, fits) = toy(&[("ok", "2023-01-01", 1.0)]);
    for (name, score) in [("ceiling", 95.0), ("floor", 4.0)] {
        let mut m = data.models[0].clone();
        m.name = name.into();
        m.scores.insert("mmlu".into(), score);
        data.models.push(m);
    }
    let a = analyze(
        &data,
        &fits,
        &Options {
            task: "mmlu".into(),
            ..Options::default()
        },
    );
    let reasons: Vec<String> = a
        .models
        .iter()
        .map(|m| m.excluded.as_ref().map_or(String::new(), |e| e.to_string()))
        .collect();
    assert_eq!(reasons[0], "");
    assert!(reasons[1].contains("ceiling"), "{}", reasons[1]);
    assert!(reasons[2].contains("floor"), "{}", reasons[2]);
    // A data budget so small that the data term alone exceeds the implied loss.
    let tiny = Options {
        task: "mmlu".into(),
        d0_tokens: 1e3,
        ..Options::default()
    };
    let a = analyze(&data, &fits, &tiny);
    assert!(
        a.models[0]
            .excluded
            .as_ref()
            .unwrap()
            .to_string()
            .contains("data-term floor")
    );
}

#[test]
fn geometric_mean_needs_every_benchmark_fit() {
    let data = sample().unwrap();
    let fits = parse_params("p", SAMPLE_PARAMS_JSON).unwrap();
    let options = Options {
        aggregate: Aggregate::GeoMeanDensity,
        ..Options::default()
    };
    let a = analyze(&data, &fits, &options);
    // Llama-1-7B has all five scores but the sample params only fit average and mmlu.
    assert_eq!(
        a.models[0].excluded.as_ref().unwrap().to_string(),
        "no reference laws for bbh: load a ladder and checkpoints, or a params file"
    );
    // With MMLU alone, the geometric mean of one density is that density.
    let one = Options {
        aggregate: Aggregate::GeoMeanDensity,
        benchmarks: vec!["mmlu".into()],
        ..Options::default()
    };
    let geo = analyze(&data, &fits, &one);
    let plain = analyze(
        &data,
        &fits,
        &Options {
            task: "mmlu".into(),
            ..Options::default()
        },
    );
    for (g, p) in geo.models.iter().zip(&plain.models) {
        assert_eq!(g.density.is_some(), p.density.is_some());
        if let (Some(x), Some(y)) = (g.density, p.density) {
            assert!(close(x, y, 1e-12));
        }
    }
}

#[test]
fn geometric_mean_of_two_benchmarks() {
    let data = sample().unwrap();
    let mut fits = parse_params("p", SAMPLE_PARAMS_JSON).unwrap();
    let mmlu = fits.tasks["mmlu"];
    fits.tasks.insert("bbh".into(), fits.tasks["average"]);
    let options = Options {
        aggregate: Aggregate::GeoMeanDensity,
        benchmarks: vec!["mmlu".into(), "bbh".into()],
        ..Options::default()
    };
    let a = analyze(&data, &fits, &options);
    let m = &data.models[0]; // Llama-1-7B
    let n = m.n_params.unwrap();
    let rho = |fit: &densing::law::TaskFit, s: f64| {
        fit.loss
            .effective_params(fit.sigmoid.loss_for_score(s).unwrap(), 1e12)
            .unwrap()
            / n
    };
    let want = (rho(&mmlu, m.scores["mmlu"]) * rho(&fits.tasks["average"], m.scores["bbh"])).sqrt();
    assert!(close(a.models[0].density.unwrap(), want, 1e-12));
}
