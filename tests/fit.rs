//! Fitters: recovery of known constants from simulated data, the public check against
//! Epoch AI's Chinchilla estimates, and the typed errors.

use densing::data::{LossPoint, ScorePoint};
use densing::data::{SAMPLE_PARAMS_JSON, parse_params, read_ladder};
use densing::fit::{FitError, Grid, LossFitOptions, SigmoidFitOptions, fit_loss_law, fit_sigmoid};
use densing::law::Fits;
use densing::law::{LossForm, LossLaw};
use densing::simulate::{SimOptions, simulate};

fn rel(a: f64, b: f64) -> f64 {
    (a / b - 1.0).abs()
}

fn sample_fits() -> Fits {
    parse_params("sample_data/params.json", SAMPLE_PARAMS_JSON).unwrap()
}

/// Loss points of one task from a simulated ladder.
fn task_points(rows: &[densing::data::LadderRow], task: &str) -> Vec<LossPoint> {
    rows.iter()
        .filter(|r| r.task == task)
        .map(|r| LossPoint {
            n_params: r.n_params,
            n_tokens: r.n_tokens,
            loss: r.loss,
        })
        .collect()
}

/// The sample's generating constants (DESIGN §5) come back from a noise-free ladder on
/// the paper's Table 1 design to 1e-4 (exponents, absolute) and 0.1% (scales).
#[test]
fn paper_form_recovers_design_constants_without_noise() {
    let fits = sample_fits();
    let (ladder, _) = simulate(
        &fits,
        &SimOptions {
            seed: 7,
            loss_sigma: 0.0,
            score_sigma: 0.0,
        },
    );
    for (task, truth) in &fits.tasks {
        let f = fit_loss_law(
            &task_points(&ladder, task),
            &LossFitOptions::default(),
            None,
        )
        .unwrap();
        let (got, want) = (f.law, truth.loss);
        assert!(
            (got.alpha - want.alpha).abs() < 1e-4,
            "{task}: alpha {} vs {}",
            got.alpha,
            want.alpha
        );
        assert!(
            (got.beta - want.beta).abs() < 1e-4,
            "{task}: beta {} vs {}",
            got.beta,
            want.beta
        );
        assert!(
            rel(got.a, want.a) < 1e-3,
            "{task}: a {} vs {}",
            got.a,
            want.a
        );
        assert!(
            rel(got.b, want.b) < 1e-3,
            "{task}: b {} vs {}",
            got.b,
            want.b
        );
        assert_eq!(f.n_starts, 900);
        assert!(f.n_converged > f.n_starts / 2);
    }
}

/// Mean and sample standard deviation.
fn mean_sd(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    (mean, sd)
}

/// Per task, the α̂ and β̂ of every seed.
type Spread = std::collections::BTreeMap<String, (Vec<f64>, Vec<f64>)>;

/// α̂ and β̂ of each task over 40 simulated ladders (σ = 1% loss noise, seeds 100–139,
/// the coarse grid), computed once per test binary: the spread one ladder allows.
fn ladder_spread() -> &'static Spread {
    static SPREAD: std::sync::OnceLock<Spread> = std::sync::OnceLock::new();
    SPREAD.get_or_init(|| {
        let fits = sample_fits();
        let opts = LossFitOptions {
            grid: Grid::Coarse,
            ..Default::default()
        };
        let mut out = std::collections::BTreeMap::new();
        for seed in 100..140 {
            let (ladder, _) = simulate(
                &fits,
                &SimOptions {
                    seed,
                    loss_sigma: 0.01,
                    score_sigma: 0.0,
                },
            );
            for task in fits.tasks.keys() {
                let f = fit_loss_law(&task_points(&ladder, task), &opts, None)
                    .unwrap()
                    .law;
                let e: &mut (Vec<f64>, Vec<f64>) = out.entry(task.clone()).or_default();
                e.0.push(f.alpha);
                e.1.push(f.beta);
            }
        }
        out
    })
}

/// With σ = 1% noise one ladder pins the exponents only loosely, but the fitter is
/// unbiased: over 40 seeds the mean lies within 4 standard errors (4·sd/√40, sd of the
/// same runs) of the truth.
#[test]
fn paper_form_is_unbiased_under_noise() {
    let fits = sample_fits();
    for (task, truth) in &fits.tasks {
        let (alphas, betas) = &ladder_spread()[task];
        for (name, v, want) in [
            ("alpha", alphas, truth.loss.alpha),
            ("beta", betas, truth.loss.beta),
        ] {
            let (mean, sd) = mean_sd(v);
            let n = v.len() as f64;
            eprintln!("{task} {name}: mean {mean:.4}, sd {sd:.4} over {n} ladders");
            assert!(
                (mean - want).abs() < 4.0 * sd / n.sqrt(),
                "{task} {name}: mean {mean} sd {sd} truth {want}"
            );
        }
    }
}

/// The committed sample ladder (σ = 1%, seed 2412) fits back to the DESIGN §5 exponents
/// within 3 of the per-ladder standard deviations measured on the 40 seeds above (a
/// normal estimate misses that only 0.3% of the time).
#[test]
fn committed_sample_ladder_fits_back() {
    let fits = sample_fits();
    let rows = read_ladder(
        "sample_data/ladder.csv",
        include_str!("../sample_data/ladder.csv"),
        "average",
    )
    .unwrap();
    for (task, fit) in &fits.tasks {
        let truth = fit.loss;
        let (sd_alpha, sd_beta) = {
            let (a, b) = &ladder_spread()[task];
            (mean_sd(a).1, mean_sd(b).1)
        };
        let pts = task_points(&rows, task);
        assert_eq!(pts.len(), 36);
        let f = fit_loss_law(&pts, &LossFitOptions::default(), None)
            .unwrap()
            .law;
        assert!(
            (f.alpha - truth.alpha).abs() < 3.0 * sd_alpha,
            "{task}: alpha {} (sd {sd_alpha})",
            f.alpha
        );
        assert!(
            (f.beta - truth.beta).abs() < 3.0 * sd_beta,
            "{task}: beta {} (sd {sd_beta})",
            f.beta
        );
    }
}

/// Chinchilla form: simulate Epoch's published constants on a Chinchilla-like design,
/// noise-free, and recover all five within 0.5%.
#[test]
fn chinchilla_form_recovers_epoch_constants() {
    let truth = LossLaw::chinchilla(1.8172, 482.01, 0.3478, 2085.43, 0.3658);
    let mut pts = Vec::new();
    for i in 0..8 {
        let n = 7e7 * 2f64.powi(i);
        for m in [5.0, 10.0, 20.0, 40.0, 80.0] {
            let d = m * n;
            pts.push(LossPoint {
                n_params: n,
                n_tokens: d,
                loss: truth.loss(n, d),
            });
        }
    }
    let opts = LossFitOptions {
        form: LossForm::Chinchilla,
        grid: Grid::Coarse,
        ..Default::default()
    };
    let f = fit_loss_law(&pts, &opts, None).unwrap().law;
    for (name, got, want) in [
        ("E", f.e, truth.e),
        ("A", f.a, truth.a),
        ("alpha", f.alpha, truth.alpha),
        ("B", f.b, truth.b),
        ("beta", f.beta, truth.beta),
    ] {
        assert!(rel(got, want) < 5e-3, "{name}: {got} vs {want}");
    }
}

/// The public check (DESIGN §1): Epoch AI's 240 Chinchilla points (arXiv 2404.10102,
/// read from the shared reference folder, not committed) fitted with the Epoch grid land
/// within 1% of Epoch's E, α, β and within 3% of A and B.
#[test]
fn epoch_chinchilla_replication() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reference/epoch_chinchilla_svg_extracted_data.csv"
    );
    // The shared folder sits beside the project in CI, not in a bare clone: skip, saying so.
    let Ok(text) = std::fs::read_to_string(path) else {
        // Written to the stderr handle itself, which the test harness does not capture,
        // so `cargo test` shows the skip even though the test passes.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED epoch_chinchilla_replication: {path} not found (the shared reference folder is not beside this clone)"
        );
        return;
    };
    let pts: Vec<LossPoint> = read_ladder(path, &text, "chinchilla")
        .unwrap()
        .iter()
        .map(|r| LossPoint {
            n_params: r.n_params,
            n_tokens: r.n_tokens,
            loss: r.loss,
        })
        .collect();
    assert_eq!(pts.len(), 245);
    let opts = LossFitOptions {
        form: LossForm::Chinchilla,
        exclude_top_loss: 5,
        ..Default::default()
    };
    let f = fit_loss_law(&pts, &opts, None).unwrap();
    assert_eq!((f.n_points, f.n_starts), (240, 4500));
    let l = f.law;
    assert!(rel(l.e, 1.8172) < 0.01, "E {}", l.e);
    assert!(rel(l.alpha, 0.3478) < 0.01, "alpha {}", l.alpha);
    assert!(rel(l.beta, 0.3658) < 0.01, "beta {}", l.beta);
    assert!(rel(l.a, 482.01) < 0.03, "A {}", l.a);
    assert!(rel(l.b, 2085.43) < 0.03, "B {}", l.b);
}

/// Sigmoid fits of each task's checkpoints simulated with score noise σ (points).
fn sigmoid_fits(sigma: f64, seeds: std::ops::Range<u64>) -> Vec<(String, densing::law::Sigmoid)> {
    let fits = sample_fits();
    let mut out = Vec::new();
    for seed in seeds {
        let (_, checkpoints) = simulate(
            &fits,
            &SimOptions {
                seed,
                loss_sigma: 0.0,
                score_sigma: sigma,
            },
        );
        for task in fits.tasks.keys() {
            let pts: Vec<ScorePoint> = checkpoints
                .iter()
                .filter(|r| &r.task == task)
                .map(|r| ScorePoint {
                    loss: r.loss,
                    score: r.score,
                })
                .collect();
            let s = fit_sigmoid(&pts, &SigmoidFitOptions::default(), None)
                .unwrap()
                .sigmoid;
            out.push((task.clone(), s));
        }
    }
    out
}

/// The sigmoid constants of DESIGN §5 come back from noise-free checkpoints to 1e-4, and
/// from σ = 1 point checkpoints as an unbiased estimate: over 30 seeds the mean of each
/// parameter lies within 4 standard errors of the truth, and every seed's estimate within
/// 4 of the standard deviations those seeds show (computed here, not typed in).
#[test]
fn sigmoid_recovers_design_constants() {
    let fits = sample_fits();
    let params =
        |s: &densing::law::Sigmoid| [("c", s.c), ("gamma", s.gamma), ("l", s.l), ("d", s.d)];
    for (task, s) in sigmoid_fits(0.0, 11..12) {
        let truth = fits.tasks[&task].sigmoid;
        for ((name, got), (_, want)) in params(&s).into_iter().zip(params(&truth)) {
            assert!(
                (got - want).abs() < 1e-4 * want.abs().max(1.0),
                "{task} σ0: {name} {got} vs {want}"
            );
        }
    }
    let noisy = sigmoid_fits(1.0, 11..41);
    for (task, fit) in &fits.tasks {
        let truth = params(&fit.sigmoid);
        let runs: Vec<[(&str, f64); 4]> = noisy
            .iter()
            .filter(|(t, _)| t == task)
            .map(|(_, s)| params(s))
            .collect();
        for k in 0..4 {
            let (name, want) = truth[k];
            let v: Vec<f64> = runs.iter().map(|r| r[k].1).collect();
            let (mean, sd) = mean_sd(&v);
            let n = v.len() as f64;
            eprintln!("{task} σ1 {name}: mean {mean:.4}, sd {sd:.4}, truth {want}");
            assert!(
                (mean - want).abs() < 4.0 * sd / n.sqrt(),
                "{task} σ1 {name}: mean {mean} sd {sd} truth {want}"
            );
            for x in &v {
                assert!(
                    (x - want).abs() < 4.0 * sd,
                    "{task} σ1 {name}: {x} (sd {sd})"
                );
            }
        }
    }
}

#[test]
fn fit_errors_are_typed() {
    let good = LossPoint {
        n_params: 1e8,
        n_tokens: 2e9,
        loss: 0.5,
    };
    let opts = LossFitOptions::default();
    assert!(matches!(
        fit_loss_law(&[good; 4], &opts, None),
        Err(FitError::TooFewPoints {
            needed: 5,
            got: 4,
            ..
        })
    ));
    let chin = LossFitOptions {
        form: LossForm::Chinchilla,
        ..opts
    };
    assert!(matches!(
        fit_loss_law(&[good; 5], &chin, None),
        Err(FitError::TooFewPoints { needed: 6, .. })
    ));
    let mut pts = vec![good; 8];
    pts[3].loss = f64::NAN;
    assert!(matches!(
        fit_loss_law(&pts, &opts, None),
        Err(FitError::NonFinite {
            index: 3,
            column: "loss",
            ..
        })
    ));
    pts[3].loss = 0.5;
    pts[5].n_params = -1.0;
    assert!(matches!(
        fit_loss_law(&pts, &opts, None),
        Err(FitError::NonPositive {
            index: 5,
            column: "n_params",
            ..
        })
    ));
    let bad_delta = LossFitOptions {
        huber_delta: 0.0,
        ..opts
    };
    assert!(matches!(
        fit_loss_law(&[good; 8], &bad_delta, None),
        Err(FitError::BadOption { .. })
    ));
    let sp = ScorePoint {
        loss: 0.2,
        score: 40.0,
    };
    assert!(matches!(
        fit_sigmoid(&[sp; 4], &SigmoidFitOptions::default(), None),
        Err(FitError::TooFewPoints { needed: 5, .. })
    ));
    let mut sps = vec![sp; 6];
    sps[2].score = f64::INFINITY;
    assert!(matches!(
        fit_sigmoid(&sps, &SigmoidFitOptions::default(), None),
        Err(FitError::NonFinite {
            index: 2,
            column: "score",
            ..
        })
    ));
}

/// Identical points leave the sigmoid's parameters unidentified but the fit still ends
/// (no hang), either converging somewhere or saying it converged nowhere.
#[test]
fn degenerate_sigmoid_data_terminates() {
    let pts = vec![
        ScorePoint {
            loss: 0.2,
            score: 40.0
        };
        6
    ];
    match fit_sigmoid(&pts, &SigmoidFitOptions::default(), None) {
        Ok(f) => assert!((f.sigmoid.score(0.2) - 40.0).abs() < 1.0),
        Err(e) => assert!(matches!(e, FitError::NoConvergence { .. })),
    }
}
