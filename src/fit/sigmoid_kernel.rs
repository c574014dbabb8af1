//! The sigmoid objective's inner loop, vectorised like the loss law's
//! ([`super::kernel`]): checkpoints as padded columns, the logistic by the kernel's
//! branch-free `exp`, four lanes at a time (AVX2 + FMA when the CPU has them). The
//! system `exp` took most of a real reference's fit time (the OLMo ladder has thousands
//! of checkpoints), much of it in its overflow path for far-off starts.

use super::kernel::{LANES, exp};

/// Checkpoints as columns, padded to a multiple of [`LANES`]; pads have weight 0.
pub struct ScoreColumns {
    pub loss: Vec<f64>,
    pub score: Vec<f64>,
    pub weight: Vec<f64>,
}

impl ScoreColumns {
    pub fn new(loss: Vec<f64>, score: Vec<f64>) -> Self {
        let mut c = ScoreColumns {
            weight: vec![1.0; loss.len()],
            loss,
            score,
        };
        while !c.loss.len().is_multiple_of(LANES) {
            c.loss.push(0.0);
            c.score.push(0.0);
            c.weight.push(0.0);
        }
        c
    }
}

/// Summed Huber loss of `c·s + d − score` with `s = 1/(1 + e^(−γ(L − l)))`, and its
/// gradient in the natural coordinates `(c, γ, l, d)`.
pub fn eval_best(
    cols: &ScoreColumns,
    c: f64,
    gamma: f64,
    l: f64,
    d: f64,
    delta: f64,
) -> (f64, [f64; 4]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU supports AVX2 and FMA, checked just above.
        return unsafe { eval_avx2(cols, c, gamma, l, d, delta) };
    }
    eval::<false>(cols, c, gamma, l, d, delta)
}

#[inline(always)]
fn eval<const FMA: bool>(
    cols: &ScoreColumns,
    c: f64,
    gamma: f64,
    l: f64,
    d: f64,
    delta: f64,
) -> (f64, [f64; 4]) {
    let mut cost = [0.0f64; LANES];
    let mut g0 = [0.0f64; LANES];
    let mut g1 = [0.0f64; LANES];
    let mut g2 = [0.0f64; LANES];
    let mut g3 = [0.0f64; LANES];
    let half_delta = 0.5 * delta;
    for ((x, y), w) in cols
        .loss
        .chunks_exact(LANES)
        .zip(cols.score.chunks_exact(LANES))
        .zip(cols.weight.chunks_exact(LANES))
    {
        for k in 0..LANES {
            let dl = x[k] - l;
            // exp clamps its argument, so s stays in [0, 1] however far the start.
            let s = 1.0 / (1.0 + exp::<FMA>(-gamma * dl));
            let r = c * s + d - y[k];
            let a = r.abs();
            let hub = if a <= delta {
                0.5 * r * r
            } else {
                delta * (a - half_delta)
            };
            cost[k] += w[k] * hub;
            let h = w[k] * r.max(-delta).min(delta);
            let hds = h * s * (1.0 - s);
            g0[k] += h * s;
            g1[k] += hds * dl;
            g2[k] += hds;
            g3[k] += h;
        }
    }
    let sum4 = |v: [f64; LANES]| (v[0] + v[1]) + (v[2] + v[3]);
    (
        sum4(cost),
        [sum4(g0), c * sum4(g1), -c * gamma * sum4(g2), sum4(g3)],
    )
}

/// [`eval`] compiled for AVX2 + FMA.
///
/// # Safety
/// The CPU must support AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn eval_avx2(
    cols: &ScoreColumns,
    c: f64,
    gamma: f64,
    l: f64,
    d: f64,
    delta: f64,
) -> (f64, [f64; 4]) {
    eval::<true>(cols, c, gamma, l, d, delta)
}
