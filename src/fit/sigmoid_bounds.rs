//! Bounds of the sigmoid fit: the ceiling `c + d` at most the score's maximum, the floor
//! `d` at least the task's chance level. Enforced by a change of variables, so the
//! unconstrained L-BFGS of the other fits serves: with both bounds `M` (ceiling) and `f`
//! (floor), `d = f + (M − f)·σ(x₃)` and `c = (M − d)·σ(x₀)`; with one, an exponential
//! keeps `d` on its side; with none, `c = e^x₀`, `d = x₃` as before.

use serde::{Deserialize, Serialize};

/// The bounds a fit was given and whether the optimum sits on them.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct BoundsReport {
    /// Upper bound of `c + d` (score points), if any.
    pub ceiling: Option<f64>,
    /// Lower bound of `d` (score points), if any.
    pub floor: Option<f64>,
    /// The fitted `c + d` is within [`ACTIVE_TOLERANCE`] of the ceiling.
    pub ceiling_active: bool,
    /// The fitted `d` is within [`ACTIVE_TOLERANCE`] of the floor.
    pub floor_active: bool,
}

/// Distance (score points) at which a bound counts as active.
pub const ACTIVE_TOLERANCE: f64 = 0.05;

impl BoundsReport {
    /// One line for reports, e.g. "ceiling c + d ≤ 100 (active), floor d ≥ 25".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(m) = self.ceiling {
            let a = if self.ceiling_active { " (active)" } else { "" };
            parts.push(format!("ceiling c + d <= {m}{a}"));
        }
        if let Some(f) = self.floor {
            let a = if self.floor_active { " (active)" } else { "" };
            parts.push(format!("floor d >= {f:.4}{a}"));
        }
        if parts.is_empty() {
            "unbounded".into()
        } else {
            parts.join(", ")
        }
    }
}

#[inline]
fn sig(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

/// The variable change for a pair of bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Transform {
    pub ceiling: Option<f64>,
    pub floor: Option<f64>,
}

impl Transform {
    /// `(c, d)` and the Jacobian `[dc/dx0, dc/dx3, dd/dx3]` at `(x0, x3)`.
    pub fn forward(&self, x0: f64, x3: f64) -> (f64, f64, [f64; 3]) {
        match (self.ceiling, self.floor) {
            (None, None) => {
                let c = x0.exp();
                (c, x3, [c, 0.0, 1.0])
            }
            (None, Some(f)) => {
                let c = x0.exp();
                let e = x3.exp();
                (c, f + e, [c, 0.0, e])
            }
            (Some(m), None) => {
                let e = x3.exp();
                let s0 = sig(x0);
                let c = e * s0;
                (c, m - e, [e * s0 * (1.0 - s0), c, -e])
            }
            (Some(m), Some(f)) => {
                let s3 = sig(x3);
                let s0 = sig(x0);
                let d = f + (m - f) * s3;
                let dd = (m - f) * s3 * (1.0 - s3);
                let w = m - d;
                (w * s0, d, [w * s0 * (1.0 - s0), -s0 * dd, dd])
            }
        }
    }

    /// `(x0, x3)` for a start `(c, d)`, moved inside the bounds where it lies outside.
    pub fn inverse(&self, c: f64, d: f64, span: f64) -> (f64, f64) {
        let eps = 1e-3 * span.max(1e-6);
        match (self.ceiling, self.floor) {
            (None, None) => (c.max(1e-12).ln(), d),
            (None, Some(f)) => (c.max(1e-12).ln(), (d - f).max(eps).ln()),
            (Some(m), None) => {
                let w = (m - d).max(eps);
                (logit(c / w), w.ln())
            }
            (Some(m), Some(f)) => {
                let p3 = (d - f) / (m - f);
                let d = f + (m - f) * p3.clamp(1e-3, 1.0 - 1e-3);
                (logit(c / (m - d)), logit(p3))
            }
        }
    }

    /// Whether each bound is active at `(c, d)`.
    pub fn report(&self, c: f64, d: f64) -> BoundsReport {
        BoundsReport {
            ceiling: self.ceiling,
            floor: self.floor,
            ceiling_active: self.ceiling.is_some_and(|m| m - (c + d) < ACTIVE_TOLERANCE),
            floor_active: self.floor.is_some_and(|f| d - f < ACTIVE_TOLERANCE),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobian_matches_finite_differences_and_bounds_hold() {
        for t in [
            Transform {
                ceiling: None,
                floor: None,
            },
            Transform {
                ceiling: None,
                floor: Some(25.0),
            },
            Transform {
                ceiling: Some(100.0),
                floor: None,
            },
            Transform {
                ceiling: Some(100.0),
                floor: Some(25.0),
            },
        ] {
            for (x0, x3) in [(0.3, -0.7), (2.0, 1.5), (-3.0, 0.2)] {
                let (c, d, j) = t.forward(x0, x3);
                if let Some(m) = t.ceiling {
                    assert!(c + d <= m + 1e-9);
                }
                if let Some(f) = t.floor {
                    assert!(d >= f - 1e-9);
                }
                let h = 1e-6;
                let (cp, _, _) = t.forward(x0 + h, x3);
                let (cm, _, _) = t.forward(x0 - h, x3);
                let (cp3, dp3, _) = t.forward(x0, x3 + h);
                let (cm3, dm3, _) = t.forward(x0, x3 - h);
                let fd = [
                    (cp - cm) / (2.0 * h),
                    (cp3 - cm3) / (2.0 * h),
                    (dp3 - dm3) / (2.0 * h),
                ];
                for k in 0..3 {
                    assert!(
                        (fd[k] - j[k]).abs() < 1e-5 * (1.0 + fd[k].abs()),
                        "{t:?} {k}"
                    );
                }
                // The inverse of a feasible point returns it.
                let (y0, y3) = t.inverse(c, d, 50.0);
                let (c2, d2, _) = t.forward(y0, y3);
                assert!(
                    (c2 - c).abs() < 1e-6 * (1.0 + c) && (d2 - d).abs() < 1e-6 * (1.0 + d.abs())
                );
            }
        }
    }
}
