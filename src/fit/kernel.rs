//! The loss-law objective's inner loop, vectorised.
//!
//! Per point it needs two `exp` and one `ln`; the system `libm` computes them one at a
//! time (~8 ns each here). The branch-free versions below let the compiler evaluate four
//! points at once in AVX2 registers with FMA (selected at run time; other machines get
//! the same code without FMA). Accuracy is a few ulp (tests compare with `std`). Callers
//! check the returned sum range and fall back to a `std` log-sum-exp path when a line
//! search wanders where these would overflow.
const ROUND_MAGIC: f64 = 6_755_399_441_055_744.0;
/// ln 2 split for Cody–Waite reduction (fdlibm's ln2_hi, ln2_lo).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
pub const LANES: usize = 4;

#[inline(always)]
fn madd<const FMA: bool>(a: f64, b: f64, c: f64) -> f64 {
    if FMA { a.mul_add(b, c) } else { a * b + c }
}

#[inline(always)]
pub fn exp<const FMA: bool>(x: f64) -> f64 {
    let x = x.clamp(-708.0, 709.0);
    let k = madd::<FMA>(x, std::f64::consts::LOG2_E, ROUND_MAGIC) - ROUND_MAGIC;
    let r = madd::<FMA>(-k, LN2_LO, madd::<FMA>(-k, LN2_HI, x));
    let mut p = 1.0 / 479_001_600.0;
    p = madd::<FMA>(p, r, 1.0 / 39_916_800.0);
    p = madd::<FMA>(p, r, 1.0 / 3_628_800.0);
    p = madd::<FMA>(p, r, 1.0 / 362_880.0);
    p = madd::<FMA>(p, r, 1.0 / 40_320.0);
    p = madd::<FMA>(p, r, 1.0 / 5_040.0);
    p = madd::<FMA>(p, r, 1.0 / 720.0);
    p = madd::<FMA>(p, r, 1.0 / 120.0);
    p = madd::<FMA>(p, r, 1.0 / 24.0);
    p = madd::<FMA>(p, r, 1.0 / 6.0);
    p = madd::<FMA>(p, r, 0.5);
    p = madd::<FMA>(p, r, 1.0);
    p = madd::<FMA>(p, r, 1.0);
    let bits = (k + (1023.0 + ROUND_MAGIC)).to_bits() << 52;
    p * f64::from_bits(bits)
}

#[inline(always)]
pub fn ln<const FMA: bool>(x: f64) -> f64 {
    const MANTISSA: u64 = (1 << 52) - 1;
    const ONE_BITS: u64 = 1023 << 52;
    let bits = x.to_bits();
    let e_biased = f64::from_bits(0x4330_0000_0000_0000 | (bits >> 52)) - 4_503_599_627_370_496.0;
    let m = f64::from_bits((bits & MANTISSA) | ONE_BITS);
    let big = m > std::f64::consts::SQRT_2;
    let m = if big { 0.5 * m } else { m };
    let e = e_biased - if big { 1022.0 } else { 1023.0 };
    let s = (m - 1.0) / (m + 1.0);
    let z = s * s;
    let mut p = 1.0 / 21.0;
    p = madd::<FMA>(p, z, 1.0 / 19.0);
    p = madd::<FMA>(p, z, 1.0 / 17.0);
    p = madd::<FMA>(p, z, 1.0 / 15.0);
    p = madd::<FMA>(p, z, 1.0 / 13.0);
    p = madd::<FMA>(p, z, 1.0 / 11.0);
    p = madd::<FMA>(p, z, 1.0 / 9.0);
    p = madd::<FMA>(p, z, 1.0 / 7.0);
    p = madd::<FMA>(p, z, 1.0 / 5.0);
    p = madd::<FMA>(p, z, 1.0 / 3.0);
    p = madd::<FMA>(p, z, 1.0);
    madd::<FMA>(e, LN2_HI, madd::<FMA>(e, LN2_LO, 2.0 * s * p))
}

/// The points as columns, padded to a multiple of [`LANES`]; pads have weight 0.
pub struct Columns {
    pub ln_n: Vec<f64>,
    pub ln_d: Vec<f64>,
    pub ln_l: Vec<f64>,
    pub weight: Vec<f64>,
}

impl Columns {
    pub fn new(ln_n: Vec<f64>, ln_d: Vec<f64>, ln_l: Vec<f64>) -> Self {
        let mut c = Columns {
            weight: vec![1.0; ln_n.len()],
            ln_n,
            ln_d,
            ln_l,
        };
        while !c.ln_n.len().is_multiple_of(LANES) {
            c.ln_n.push(0.0);
            c.ln_d.push(0.0);
            c.ln_l.push(0.0);
            c.weight.push(0.0);
        }
        c
    }
}

/// What one pass gives: cost, gradient in `[e', a', α, b', β]`, and the smallest and
/// largest predicted loss (to check that the fast functions were in range).
pub struct Pass {
    pub cost: f64,
    pub grad: [f64; 5],
    pub min_sum: f64,
    pub max_sum: f64,
}

/// One pass over the points with the machine's best instruction set.
pub fn eval_best(
    c: &Columns,
    big_e: f64,
    big_a: f64,
    alpha: f64,
    big_b: f64,
    beta: f64,
    delta: f64,
) -> Pass {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU supports AVX2 and FMA, checked just above.
        return unsafe { eval_avx2(c, big_e, big_a, alpha, big_b, beta, delta) };
    }
    eval::<false>(c, big_e, big_a, alpha, big_b, beta, delta)
}

/// Summed Huber loss of `ln(E + A·e^(−α ln N) + B·e^(−β ln D)) − ln L` and its gradient,
/// four lanes at a time (each lane sums in a fixed order, so results are reproducible).
#[inline(always)]
fn eval<const FMA: bool>(
    c: &Columns,
    big_e: f64,
    big_a: f64,
    alpha: f64,
    big_b: f64,
    beta: f64,
    delta: f64,
) -> Pass {
    let mut cost = [0.0f64; LANES];
    let mut g0 = [0.0f64; LANES];
    let mut g1 = [0.0f64; LANES];
    let mut g2 = [0.0f64; LANES];
    let mut g3 = [0.0f64; LANES];
    let mut g4 = [0.0f64; LANES];
    let mut lo = [f64::INFINITY; LANES];
    let mut hi = [0.0f64; LANES];
    let half_delta = 0.5 * delta;
    for (((n, d), l), w) in c
        .ln_n
        .chunks_exact(LANES)
        .zip(c.ln_d.chunks_exact(LANES))
        .zip(c.ln_l.chunks_exact(LANES))
        .zip(c.weight.chunks_exact(LANES))
    {
        for k in 0..LANES {
            let t1 = big_a * exp::<FMA>(-alpha * n[k]);
            let t2 = big_b * exp::<FMA>(-beta * d[k]);
            let sum = big_e + t1 + t2;
            lo[k] = lo[k].min(sum);
            hi[k] = hi[k].max(sum);
            let r = ln::<FMA>(sum) - l[k];
            let a = r.abs();
            let hub = if a <= delta {
                0.5 * r * r
            } else {
                delta * (a - half_delta)
            };
            cost[k] = madd::<FMA>(w[k], hub, cost[k]);
            let h = w[k] * r.max(-delta).min(delta) / sum;
            g0[k] = madd::<FMA>(h, big_e, g0[k]);
            let h1 = h * t1;
            g1[k] += h1;
            g2[k] = madd::<FMA>(-h1, n[k], g2[k]);
            let h2 = h * t2;
            g3[k] += h2;
            g4[k] = madd::<FMA>(-h2, d[k], g4[k]);
        }
    }
    let sum4 = |v: [f64; LANES]| (v[0] + v[1]) + (v[2] + v[3]);
    Pass {
        cost: sum4(cost),
        grad: [sum4(g0), sum4(g1), sum4(g2), sum4(g3), sum4(g4)],
        min_sum: lo.iter().fold(f64::INFINITY, |a, b| a.min(*b)),
        max_sum: hi.iter().fold(0.0, |a, b| a.max(*b)),
    }
}

/// [`eval`] compiled for AVX2 + FMA.
///
/// # Safety
/// The CPU must support AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn eval_avx2(
    c: &Columns,
    big_e: f64,
    big_a: f64,
    alpha: f64,
    big_b: f64,
    beta: f64,
    delta: f64,
) -> Pass {
    eval::<true>(c, big_e, big_a, alpha, big_b, beta, delta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worst_exp<const FMA: bool>() -> f64 {
        (0..200_001)
            .map(|i| -700.0 + i as f64 * 0.007)
            .map(|x: f64| (exp::<FMA>(x) / x.exp() - 1.0).abs())
            .fold(0.0, f64::max)
    }

    fn worst_ln<const FMA: bool>() -> f64 {
        (0..190_000)
            .map(|i| 1e-300 * 1.0035f64.powi(i))
            .filter(|x| x.is_finite())
            .map(|x: f64| (ln::<FMA>(x) - x.ln()).abs() / x.ln().abs().max(1.0))
            .fold(0.0, f64::max)
    }

    #[test]
    fn exp_and_ln_match_std() {
        assert!(worst_exp::<false>() < 1e-14, "{}", worst_exp::<false>());
        assert!(worst_ln::<false>() < 1e-14, "{}", worst_ln::<false>());
        // Software FMA is slow but exact: the FMA variant's accuracy checks anywhere.
        assert!(worst_exp::<true>() < 1e-14);
        assert!(worst_ln::<true>() < 1e-14);
        for x in [
            1.0,
            2.0,
            0.5,
            std::f64::consts::SQRT_2,
            1.0 + 1e-12,
            0.999_999,
        ] {
            assert!((ln::<false>(x) - x.ln()).abs() < 1e-15, "{x}");
        }
    }

    #[test]
    fn best_and_portable_passes_agree() {
        let n: Vec<f64> = (0..37).map(|i| 16.0 + 0.2 * i as f64).collect();
        let d: Vec<f64> = n.iter().map(|v| v + 3.0).collect();
        let l: Vec<f64> = (0..37)
            .map(|i| (2.0 + 0.01 * (i % 5) as f64).ln())
            .collect();
        let c = Columns::new(n, d, l);
        assert_eq!(c.ln_n.len(), 40);
        let a = eval_best(&c, 1.8, 480.0, 0.34, 2100.0, 0.36, 1e-3);
        let b = eval::<false>(&c, 1.8, 480.0, 0.34, 2100.0, 0.36, 1e-3);
        assert!((a.cost / b.cost - 1.0).abs() < 1e-13);
        for (x, y) in a.grad.iter().zip(&b.grad) {
            assert!((x - y).abs() < 1e-13 * (1.0 + y.abs()));
        }
    }
}
