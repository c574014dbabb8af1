//! Loss scaling laws of the reference-model ladder.
//!
//! Paper form (Xiao et al. 2024, arXiv 2412.04315, Eq. 2): `L(N, D) = a·N^-α + b·D^-β`.
//! Chinchilla form (Hoffmann et al. 2022, Eq. 2): `L(N, D) = E + A·N^-α + B·D^-β`.
//! One struct serves both: the paper form is the Chinchilla form with `E = 0`, not fitted.

use super::{DomainError, check};
use serde::{Deserialize, Serialize};

/// Which loss law a task uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LossForm {
    /// `a·N^-α + b·D^-β` (no irreducible term), the Densing Law paper's form.
    #[default]
    Paper,
    /// `E + A·N^-α + B·D^-β`, Chinchilla's form.
    Chinchilla,
}

/// A loss law `L(N, D) = e + a·N^-alpha + b·D^-beta`; `e` is 0 in the paper form.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LossLaw {
    pub form: LossForm,
    /// Irreducible loss `E` (always 0 for [`LossForm::Paper`]).
    pub e: f64,
    pub a: f64,
    pub alpha: f64,
    pub b: f64,
    pub beta: f64,
}

impl LossLaw {
    /// The paper form `a·N^-α + b·D^-β`.
    pub fn paper(a: f64, alpha: f64, b: f64, beta: f64) -> Self {
        LossLaw {
            form: LossForm::Paper,
            e: 0.0,
            a,
            alpha,
            b,
            beta,
        }
    }

    /// The Chinchilla form `E + A·N^-α + B·D^-β`.
    pub fn chinchilla(e: f64, a: f64, alpha: f64, b: f64, beta: f64) -> Self {
        LossLaw {
            form: LossForm::Chinchilla,
            e,
            a,
            alpha,
            b,
            beta,
        }
    }

    /// Predicted loss of a model with `n_params` parameters trained on `n_tokens` tokens.
    pub fn loss(&self, n_params: f64, n_tokens: f64) -> f64 {
        self.e + self.a * n_params.powf(-self.alpha) + self.b * n_tokens.powf(-self.beta)
    }

    /// The loss a model of infinite size reaches on `n_tokens` tokens: `E + b·D^-β`.
    pub fn data_floor(&self, n_tokens: f64) -> f64 {
        self.e + self.b * n_tokens.powf(-self.beta)
    }

    /// Checks that the parameters describe a law that can be inverted in N.
    pub fn validate(&self) -> Result<(), DomainError> {
        check("a", self.a, self.a > 0.0, "positive")?;
        check("alpha", self.alpha, self.alpha > 0.0, "positive")?;
        check("b", self.b, self.b >= 0.0, "non-negative")?;
        check("beta", self.beta, true, "finite")?;
        check("E", self.e, true, "finite")
    }

    /// Effective parameter size `N̂ = ((L̂ − E − b·D₀^-β)/a)^(-1/α)` (DESIGN §1.3): the size
    /// that reaches `loss` with `d0_tokens` training tokens. Defined only when the bracket
    /// is positive, i.e. the loss lies above the data-term floor.
    pub fn effective_params(&self, loss: f64, d0_tokens: f64) -> Result<f64, DomainError> {
        self.validate()?;
        check("implied loss", loss, true, "finite")?;
        check("D0", d0_tokens, d0_tokens > 0.0, "a positive token count")?;
        let floor = self.data_floor(d0_tokens);
        let bracket = (loss - floor) / self.a;
        if bracket <= 0.0 {
            return Err(DomainError::LossBelowDataFloor { loss, floor });
        }
        let n_hat = bracket.powf(-1.0 / self.alpha);
        // A small alpha makes the exponent huge: N̂ overflows to ∞ or underflows to 0,
        // and ln ρ = ±∞ would reach the frontier and the regression.
        if !(n_hat.is_finite() && n_hat > 0.0 && n_hat.is_normal()) {
            return Err(DomainError::EffectiveSizeOutOfRange {
                log10_n_hat: -bracket.log10() / self.alpha,
                alpha: self.alpha,
            });
        }
        Ok(n_hat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_form_has_no_irreducible_term() {
        let law = LossLaw::paper(2.0, 0.5, 3.0, 0.5);
        // 2/sqrt(4) + 3/sqrt(9) = 1 + 1
        assert_eq!(law.loss(4.0, 9.0), 2.0);
    }

    #[test]
    fn inverse_of_forward() {
        let law = LossLaw::chinchilla(1.7, 400.0, 0.34, 410.0, 0.28);
        let n = 7e9;
        let d0 = 1e12;
        let n_hat = law.effective_params(law.loss(n, d0), d0).unwrap();
        assert!((n_hat / n - 1.0).abs() < 1e-10);
    }

    /// With alpha = 0.002 the exponent −1/alpha is −500: a bracket of 0.1 gives
    /// N̂ = 10^500 (overflow) and a bracket of 10 gives 10^−500 (underflow). Both are
    /// refused with the exponent named, never Ok(inf) or Ok(0).
    #[test]
    fn overflow_and_underflow_are_domain_errors() {
        let law = LossLaw::paper(1.0, 0.002, 0.0, 0.3);
        for (loss, log10) in [(0.1, 500.0), (10.0, -500.0)] {
            match law.effective_params(loss, 1e12) {
                Err(DomainError::EffectiveSizeOutOfRange { log10_n_hat, alpha }) => {
                    assert!((log10_n_hat - log10).abs() < 1e-9, "{log10_n_hat}");
                    assert_eq!(alpha, 0.002);
                }
                other => panic!("loss {loss}: expected an out-of-range error, got {other:?}"),
            }
        }
        // The same law inverts a loss whose N̂ is representable: bracket 0.95 → 0.95^−500.
        let n_hat = law.effective_params(0.95, 1e12).unwrap();
        assert!((n_hat.log10() - (-500.0 * 0.95f64.log10())).abs() < 1e-9);
    }
}
