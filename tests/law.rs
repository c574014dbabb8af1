//! The laws and their inverses: every domain error, and round trips (property tests).

use densing::law::{DomainError, LossLaw, Sigmoid};
use proptest::prelude::*;

/// DESIGN §5 "average" constants.
fn avg_law() -> LossLaw {
    LossLaw::paper(32.5, 0.229, 14.5, 0.227)
}
fn avg_sigmoid() -> Sigmoid {
    Sigmoid::new(90.0, -12.8, 0.18, 5.0)
}

#[test]
fn score_at_or_above_ceiling_is_refused() {
    let s = avg_sigmoid();
    for score in [95.0, 99.0] {
        assert!(
            matches!(s.loss_for_score(score), Err(DomainError::ScoreAtOrAboveCeiling { ceiling, .. }) if ceiling == 95.0)
        );
    }
}

#[test]
fn score_at_or_below_floor_is_refused() {
    let s = avg_sigmoid();
    for score in [5.0, 1.0] {
        assert!(
            matches!(s.loss_for_score(score), Err(DomainError::ScoreAtOrBelowFloor { floor, .. }) if floor == 5.0)
        );
    }
}

#[test]
fn loss_below_data_floor_is_refused() {
    let law = avg_law();
    let floor = law.data_floor(1e12); // 14.5·1e12^-0.227 ≈ 0.0274
    let err = law.effective_params(floor * 0.5, 1e12).unwrap_err();
    assert!(matches!(err, DomainError::LossBelowDataFloor { .. }));
    assert!(err.to_string().contains("data-term floor"));
    // Exactly at the floor the bracket is 0: still refused.
    assert!(law.effective_params(floor, 1e12).is_err());
}

#[test]
fn bad_parameters_and_inputs_are_named() {
    let cases: Vec<(Result<f64, DomainError>, &str)> = vec![
        (
            Sigmoid::new(0.0, -12.8, 0.18, 5.0).loss_for_score(50.0),
            "c",
        ),
        (
            Sigmoid::new(-90.0, -12.8, 0.18, 5.0).loss_for_score(50.0),
            "c",
        ),
        (
            Sigmoid::new(90.0, 0.0, 0.18, 5.0).loss_for_score(50.0),
            "gamma",
        ),
        (
            Sigmoid::new(90.0, -12.8, f64::NAN, 5.0).loss_for_score(50.0),
            "l",
        ),
        (avg_sigmoid().loss_for_score(f64::NAN), "score"),
        (
            LossLaw::paper(0.0, 0.229, 14.5, 0.227).effective_params(0.2, 1e12),
            "a",
        ),
        (
            LossLaw::paper(32.5, -0.1, 14.5, 0.227).effective_params(0.2, 1e12),
            "alpha",
        ),
        (
            LossLaw::paper(32.5, 0.229, -1.0, 0.227).effective_params(0.2, 1e12),
            "b",
        ),
        (avg_law().effective_params(0.2, 0.0), "D0"),
        (
            avg_law().effective_params(f64::INFINITY, 1e12),
            "implied loss",
        ),
    ];
    for (result, name) in cases {
        match result {
            Err(DomainError::BadInput { what, .. }) => assert_eq!(what, name),
            other => panic!("{name}: expected BadInput, got {other:?}"),
        }
    }
}

proptest! {
    /// S(L̂(S)) = S inside the open domain (d, c + d).
    #[test]
    fn sigmoid_round_trip(frac in 0.001f64..0.999, c in 10.0f64..100.0, gamma in -60.0f64..-1.0, l in 0.05f64..1.0, d in 0.0f64..20.0) {
        let s = Sigmoid::new(c, gamma, l, d);
        let score = d + frac * c;
        let back = s.score(s.loss_for_score(score).unwrap());
        prop_assert!((back - score).abs() <= 1e-9 * score.abs().max(1.0));
    }

    /// N̂(L(N, D₀)) = N for both forms.
    #[test]
    fn loss_law_round_trip(ln_n in 13.0f64..27.0, ln_d0 in 20.0f64..30.0, e in 0.0f64..2.0, a in 1.0f64..1000.0, alpha in 0.1f64..0.8, b in 1.0f64..3000.0, beta in 0.1f64..0.8, chinchilla in any::<bool>()) {
        let law = if chinchilla { LossLaw::chinchilla(e, a, alpha, b, beta) } else { LossLaw::paper(a, alpha, b, beta) };
        let (n, d0) = (ln_n.exp(), ln_d0.exp());
        let loss = law.loss(n, d0);
        // Skip cases where the N term is lost in rounding against E + data term.
        prop_assume!(a * n.powf(-alpha) > 1e-9 * loss);
        let n_hat = law.effective_params(loss, d0).unwrap();
        let tol = 1e-6 * (loss / (a * n.powf(-alpha))) / alpha;
        prop_assert!((n_hat / n - 1.0).abs() <= tol.max(1e-9), "n {n} n_hat {n_hat}");
    }
}
