//! Density per inference cost (issue 21 item 3; DESIGN §1.8): the third basis,
//! ρ_inf = (N̂ · T_ref) / (N_active · T), with T the mean tokens a model generates per
//! answer on the task (`info.tokens_per_answer`) and T_ref that of the reference protocol
//! (`Options::t_ref`, from `--t-ref`). A model without a T, or a task without a T_ref, gets
//! no ρ_inf and its reason says so: nothing is guessed.

use super::{Basis, Exclusion, Options};
use crate::data::model::ANY_TASK_TOKENS;
use crate::data::{AVERAGE, Model};

/// A positive finite token count.
fn positive(v: Option<&f64>) -> Option<f64> {
    v.copied().filter(|t| t.is_finite() && *t > 0.0)
}

/// The model's mean tokens per answer on the analysed task: the task's own value (or the
/// file's one value for every task); for the average, its own value, else the mean over
/// the selected benchmarks when every one has a value.
pub fn tokens_for(model: &Model, options: &Options) -> Option<f64> {
    let tpa = &model.info.tokens_per_answer;
    let get = |task: &str| positive(tpa.get(task)).or_else(|| positive(tpa.get(ANY_TASK_TOKENS)));
    if options.task != AVERAGE {
        return get(&options.task);
    }
    positive(tpa.get(AVERAGE)).or_else(|| {
        let each: Option<Vec<f64>> = options.benchmarks.iter().map(|b| get(b)).collect();
        each.filter(|v| !v.is_empty())
            .map(|v| v.iter().sum::<f64>() / v.len() as f64)
    })
}

/// T / T_ref, the factor the parameter count is multiplied by on the inference basis (1 on
/// the others), or why the model has no ρ_inf.
pub(super) fn cost_factor(model: &Model, options: &Options) -> Result<f64, Exclusion> {
    if options.basis != Basis::Inference {
        return Ok(1.0);
    }
    let t = tokens_for(model, options)
        .ok_or_else(|| Exclusion::NoTokensPerAnswer(options.task.clone()))?;
    let t_ref = options
        .t_ref
        .filter(|t| t.is_finite() && *t > 0.0)
        .ok_or_else(|| Exclusion::NoReferenceTokens(options.task.clone()))?;
    Ok(t / t_ref)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::data::{Dataset, ModelInfo};
    use crate::law::{Fits, LossLaw, Sigmoid, TaskFit};
    use chrono::NaiveDate;
    use std::collections::BTreeMap;

    fn model(name: &str, n: f64, active: Option<f64>, tokens: Option<f64>) -> Model {
        Model {
            name: name.into(),
            release_date: NaiveDate::from_ymd_opt(2024, 1, 1),
            n_params: Some(n),
            n_params_active: active,
            scores: BTreeMap::from([("mmlu".to_string(), 50.0)]),
            info: ModelInfo {
                tokens_per_answer: tokens
                    .map(|t| BTreeMap::from([("mmlu".to_string(), t)]))
                    .unwrap_or_default(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// The sample's illustrative MMLU constants (sample_data/params.json).
    fn fits() -> Fits {
        let fit = TaskFit {
            loss: LossLaw::paper(12.8, 0.226, 26.6, 0.204),
            sigmoid: Sigmoid::new(90.0, -32.6, 0.189, 5.0),
        };
        Fits {
            tasks: BTreeMap::from([("mmlu".to_string(), fit)]),
            family: None,
        }
    }

    #[test]
    fn inference_density_of_a_hand_made_table() {
        // Score 50 with c = 90, d = 5: c/(S − d) − 1 = 1, so L̂ = l = 0.189 and
        // N̂ = ((0.189 − 26.6·1e12^−0.204) / 12.8)^(−1/0.226), the same for every model.
        let n_hat = ((0.189 - 26.6 * 1e12f64.powf(-0.204)) / 12.8).powf(-1.0 / 0.226);
        let data = Dataset {
            models: vec![
                model("dense", 8e9, None, Some(100.0)),
                model("moe", 30e9, Some(3e9), Some(400.0)),
                model("no-t", 8e9, None, None),
            ],
            ..Dataset::default()
        };
        let options = Options {
            task: "mmlu".into(),
            basis: Basis::Inference,
            t_ref: Some(200.0),
            ..Options::default()
        };
        let a = analyze(&data, &fits(), &options);
        // ρ_inf = N̂·T_ref / (N_active·T): dense N̂·200/(8e9·100) = N̂/4e9; the MoE divides
        // by its 3e9 active parameters, N̂·200/(3e9·400) = N̂/6e9.
        let expect = [n_hat / 4e9, n_hat / 6e9];
        for (k, e) in expect.iter().enumerate() {
            let got = a.models[k].density.unwrap();
            assert!((got / e - 1.0).abs() < 1e-9, "model {k}: {got} against {e}");
        }
        assert_eq!(
            a.models[2].excluded,
            Some(Exclusion::NoTokensPerAnswer("mmlu".into()))
        );
        assert!(
            a.models[2]
                .excluded
                .as_ref()
                .unwrap()
                .to_string()
                .contains("tokens")
        );
        // Without T_ref no model has a ρ_inf, and the reason says to give one.
        let no_ref = Options {
            t_ref: None,
            ..options.clone()
        };
        let b = analyze(&data, &fits(), &no_ref);
        assert!(b.models.iter().all(|m| m.density.is_none()));
        assert_eq!(
            b.models[0].excluded,
            Some(Exclusion::NoReferenceTokens("mmlu".into()))
        );
        // The other bases ignore T.
        let total = analyze(
            &data,
            &fits(),
            &Options {
                basis: Basis::Total,
                ..options
            },
        );
        assert!((total.models[0].density.unwrap() / (n_hat / 8e9) - 1.0).abs() < 1e-9);
        assert!(total.models[2].density.is_some());
    }

    #[test]
    fn the_average_uses_the_mean_t_of_its_benchmarks() {
        let mut m = model("x", 1e9, None, None);
        m.info.tokens_per_answer =
            BTreeMap::from([("mmlu".to_string(), 10.0), ("bbh".to_string(), 30.0)]);
        let mut o = Options {
            benchmarks: vec!["mmlu".into(), "bbh".into()],
            ..Options::default()
        };
        assert_eq!(tokens_for(&m, &o), Some(20.0));
        o.benchmarks.push("math".into());
        assert_eq!(tokens_for(&m, &o), None);
        m.info
            .tokens_per_answer
            .insert(ANY_TASK_TOKENS.into(), 50.0);
        // One value for every task fills the missing one: (10 + 30 + 50) / 3.
        assert_eq!(tokens_for(&m, &o), Some(30.0));
    }
}
