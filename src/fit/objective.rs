//! The objective interface shared by the fitters and the Huber loss.

/// A smooth objective with an analytic gradient, evaluated together in one pass.
pub trait Objective: Sync {
    /// Number of parameters.
    fn dim(&self) -> usize;
    /// Writes the gradient into `grad` (length [`Objective::dim`]) and returns the cost.
    /// Must not allocate: it is the inner loop of every fit.
    fn eval(&self, x: &[f64], grad: &mut [f64]) -> f64;
}

/// Huber loss: `r²/2` for `|r| ≤ δ`, `δ·(|r| − δ/2)` beyond (Huber 1964).
#[inline]
pub fn huber(r: f64, delta: f64) -> f64 {
    let a = r.abs();
    if a <= delta {
        0.5 * r * r
    } else {
        delta * (a - 0.5 * delta)
    }
}

/// Derivative of [`huber`] in `r`: `r` clamped to `[-δ, δ]`.
#[inline]
pub fn huber_slope(r: f64, delta: f64) -> f64 {
    r.clamp(-delta, delta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huber_is_continuous_at_delta() {
        let d = 1e-3;
        assert!((huber(d, d) - huber(d * (1.0 + 1e-12), d)).abs() < 1e-15);
        assert_eq!(huber_slope(5.0, d), d);
        assert_eq!(huber_slope(-5.0, d), -d);
        assert_eq!(huber(2.0, 1.0), 1.5);
    }
}
