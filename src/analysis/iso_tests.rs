use super::*;
use crate::data::Model;
use chrono::NaiveDate;
use std::collections::BTreeMap;

fn model(name: &str, days: i64, n: f64, score: f64) -> Model {
    let d0 = NaiveDate::from_ymd_opt(2023, 2, 24).unwrap();
    Model {
        name: name.into(),
        release_date: Some(d0 + chrono::Duration::days(days)),
        n_params: Some(n),
        scores: BTreeMap::from([("mmlu".to_string(), score)]),
        ..Default::default()
    }
}

fn opts() -> Options {
    Options {
        task: "mmlu".into(),
        ..Options::default()
    }
}

fn data(models: Vec<Model>) -> Dataset {
    Dataset {
        models,
        ..Dataset::default()
    }
}

fn names(d: &Dataset, s: &Staircase) -> Vec<String> {
    s.models.iter().map(|&i| d.models[i].name.clone()).collect()
}

#[test]
fn staircase_follows_the_record_small_rule() {
    // At one date the smallest comes first; equal size does not join; a larger later
    // model does not join; a model below the threshold never counts.
    let d = data(vec![
        model("big0", 0, 8e9, 60.0),
        model("small0", 0, 4e9, 55.0),
        model("same", 100, 4e9, 70.0),
        model("larger", 150, 6e9, 80.0),
        model("weak", 160, 1e9, 49.9),
        model("smaller", 200, 2e9, 50.0),
    ]);
    let s = staircase(&d, &opts(), 50.0);
    assert_eq!(names(&d, &s), ["small0", "smaller"]);
    assert_eq!(s.n_reaching, 5);
}

#[test]
fn a_size_halving_every_h_days_is_recovered() {
    // N = 8e9 · 2^(−t/H) exactly, H = 120 days: the fit gives H back and R² = 1.
    let h = 120.0;
    let ms: Vec<Model> = [0i64, 90, 200, 350, 500]
        .iter()
        .enumerate()
        .map(|(k, &t)| model(&format!("m{k}"), t, 8e9 * 2f64.powf(-(t as f64) / h), 60.0))
        .collect();
    let d = data(ms);
    let r = iso(&d, &opts(), &[50.0]);
    let g = r.staircases[0].regression.as_ref().unwrap();
    assert!((g.doubling_days.unwrap() - h).abs() < 1e-9);
    assert!((g.r2 - 1.0).abs() < 1e-12);
    let p = r.pooled.unwrap();
    assert!((p.halving_days.unwrap() - h).abs() < 1e-9);
}

#[test]
fn pooled_slope_is_the_common_within_threshold_slope() {
    // Two thresholds whose staircases fall at 100 and 200 days per halving, each on three
    // equally spaced dates with the same spread: the common slope is the mean of the two
    // slopes (equal Sxx), −(ln2/100 + ln2/200)/2 per day, so the halving is 133.33 days.
    let mut ms = Vec::new();
    for (k, &t) in [0i64, 100, 200].iter().enumerate() {
        ms.push(model(
            &format!("a{k}"),
            t,
            1e10 * 2f64.powf(-(t as f64) / 100.0),
            41.0,
        ));
        ms.push(model(
            &format!("b{k}"),
            t,
            1e11 * 2f64.powf(-(t as f64) / 200.0),
            71.0,
        ));
    }
    let d = data(ms);
    let r = iso(&d, &opts(), &[40.0, 70.0]);
    assert_eq!(names(&d, &r.staircases[0]), ["a0", "a1", "a2"]);
    assert_eq!(names(&d, &r.staircases[1]), ["b0", "b1", "b2"]);
    let p = r.pooled.unwrap();
    assert_eq!((p.n_points, p.n_groups), (6, 2));
    assert!((p.halving_days.unwrap() - 400.0 / 3.0).abs() < 1e-9);
    // Residuals are not zero (the slopes differ): a bounded interval around it.
    let (lo, hi) = (p.halving_days_low.unwrap(), p.halving_days_high.unwrap());
    assert!(lo < 400.0 / 3.0 && 400.0 / 3.0 < hi);
}

#[test]
fn since_and_defaults() {
    let d = data(vec![
        model("old", -100, 1e9, 20.0),
        model("a", 0, 1e9, 30.0),
        model("b", 10, 1e9, 80.0),
    ]);
    let mut o = opts();
    o.since = NaiveDate::from_ymd_opt(2023, 1, 1);
    // Scores 30..80 reached: four thresholds at 40, 50, 60, 70.
    assert_eq!(default_thresholds(&d, &o, 4), [40.0, 50.0, 60.0, 70.0]);
    let none = iso(&d, &o, &[90.0]);
    assert!(none.staircases[0].models.is_empty() && none.pooled.is_none());
}
