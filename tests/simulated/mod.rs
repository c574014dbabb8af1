//! Models made from known constants, for the coverage tests: each model's score is its
//! chosen density run forward through the true laws, so an analysis with those laws
//! recovers the density exactly and the only noise is the one a test adds.
#![allow(dead_code)]

use chrono::Days;
use densing::analysis::Options;
use densing::data::{BENCHMARKS, Model};
use densing::law::{LossLaw, Sigmoid, TaskFit};

/// The sample's `average` constants (DESIGN §5 table).
pub fn truth() -> TaskFit {
    TaskFit {
        loss: LossLaw::paper(32.5, 0.229, 14.5, 0.227),
        sigmoid: Sigmoid::new(90.0, -12.8, 0.18, 5.0),
    }
}

/// Model `m{i}` released `days` after the default reference date, of `n_params`, whose
/// density under [`truth`] at the default D₀ is `exp(ln_rho)`. Every benchmark scores the
/// same S, so the mean the `average` task inverts is S.
pub fn model(i: usize, days: i64, n_params: f64, ln_rho: f64) -> Model {
    let t = truth();
    let o = Options::default();
    let loss = t.loss.loss(ln_rho.exp() * n_params, o.d0_tokens);
    let date = if days >= 0 {
        o.ref_date + Days::new(days as u64)
    } else {
        o.ref_date - Days::new((-days) as u64)
    };
    Model {
        name: format!("m{i}"),
        family: None,
        release_date: Some(date),
        n_params: Some(n_params),
        scores: BENCHMARKS
            .iter()
            .map(|b| (b.to_string(), t.sigmoid.score(loss)))
            .collect(),
        n_params_active: None,
        ..Default::default()
    }
}
