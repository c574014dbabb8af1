//! Held-out checks, the sensitivity table and its chart (issue 6), on the embedded sample.

use densing::analysis::{Options, SensitivityOptions, analyze, sensitivity};
use densing::data::{AVERAGE, sample};
use densing::fit::{
    FitError, LossFitOptions, SigmoidFitOptions, fit_tasks, holdout_loss, holdout_sigmoid,
};
use densing::simulate::LADDER_SIZES;

/// The sample's ladder is simulated from known constants with 1% log-normal noise
/// (sample_data/README.md), so the law fitted on the five smaller sizes should predict the
/// largest (828M) to about the noise level; 3% leaves room for the extrapolation.
#[test]
fn loss_law_predicts_the_held_out_largest_size() {
    let data = sample().unwrap();
    let points = data.loss_points(AVERAGE);
    let h = holdout_loss(&points, &LossFitOptions::default(), None, None).unwrap();
    assert_eq!(h.held_out_n_params, LADDER_SIZES[5]);
    assert_eq!((h.points.len(), h.n_fit_points), (6, 30));
    assert!(h.mean_abs_rel_error < 0.03, "{h:?}");
    // Any size can be held out; an unknown size is a typed error naming the sizes.
    let h2 = holdout_loss(
        &points,
        &LossFitOptions::default(),
        Some(LADDER_SIZES[0]),
        None,
    );
    assert_eq!(h2.unwrap().points.len(), 6);
    let bad = holdout_loss(&points, &LossFitOptions::default(), Some(7e9), None);
    assert!(matches!(bad, Err(FitError::BadOption { .. })), "{bad:?}");
}

/// Checkpoint scores carry 1-point normal noise (sample_data/README.md): predicting the two
/// highest from the other ten should miss by a few points at most.
#[test]
fn sigmoid_predicts_the_held_out_top_checkpoints() {
    let data = sample().unwrap();
    let h = holdout_sigmoid(
        &data.score_points(AVERAGE),
        &SigmoidFitOptions::default(),
        2,
        None,
    )
    .unwrap();
    assert_eq!((h.n_held_out, h.n_fit_points), (2, 10));
    assert!(h.mean_abs_error_points < 5.0, "{h:?}");
    let too_many = holdout_sigmoid(&data.score_points(AVERAGE), &Default::default(), 12, None);
    assert!(matches!(too_many, Err(FitError::BadOption { .. })));
}

#[test]
fn sensitivity_table_has_every_group_and_a_chart() {
    let data = sample().unwrap();
    let tasks = vec![AVERAGE.to_string(), "mmlu".to_string()];
    let (fits, _) = fit_tasks(
        &data,
        &tasks,
        &LossFitOptions::default(),
        &SigmoidFitOptions::default(),
    )
    .unwrap();
    let options = Options::default();
    let rows = sensitivity(&data, &fits, &options, &SensitivityOptions::default());
    let count = |g: &str| rows.iter().filter(|r| r.group == g).count();
    let base = analyze(&data, &fits, &options);
    assert_eq!(count("baseline"), 1);
    assert_eq!(count("d0"), 7);
    assert_eq!(count("frontier"), 3);
    // average (mean-score) and mmlu have fits; geo-mean needs all five benchmarks.
    assert_eq!(count("benchmarks"), 2);
    assert_eq!(count("leave-one-out"), base.frontier.len());
    // The baseline is the analysis itself; D0 = 1e12 is the default, so the same number.
    let d = base.regression.unwrap().doubling_days;
    assert_eq!(rows[0].doubling_days, d);
    let d0_1t = rows.iter().find(|r| r.case == "D0 = 1T").unwrap();
    assert_eq!(d0_1t.doubling_days, d);
    // D0 changes the answer (the data term shifts every N_eff differently).
    let d0s: Vec<f64> = rows
        .iter()
        .filter(|r| r.group == "d0")
        .filter_map(|r| r.doubling_days)
        .collect();
    assert!(
        d0s.iter().any(|v| (v / d.unwrap() - 1.0).abs() > 1e-6),
        "{d0s:?}"
    );
    let chart = densing::chart::sensitivity_chart(&rows, "test");
    assert!(chart.empty_reason.is_none());
    let svg = densing::chart::svg_string(&chart, (900, 500)).unwrap();
    assert!(svg.contains("Sensitivity of the doubling time"));
}
