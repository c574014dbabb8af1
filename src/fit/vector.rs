//! A fixed-size parameter vector for argmin: `[f64; N]` in a newtype with the
//! argmin-math traits L-BFGS and its line search need, so a step allocates nothing
//! (argmin's `Vec<f64>` back end allocates a vector for every add, sub and scale).
//!
//! Every operation is the same element-wise expression, in the same order, as
//! argmin-math's `Vec<f64>` implementation, so a fit gives the same bits either way.

use argmin_math::{
    ArgminAdd, ArgminDot, ArgminL1Norm, ArgminL2Norm, ArgminMinMax, ArgminMul, ArgminSignum,
    ArgminSub, ArgminZeroLike,
};

/// `N` parameters (or a gradient) by value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Params<const N: usize>(pub [f64; N]);

impl<const N: usize> Params<N> {
    #[inline(always)]
    fn map(&self, f: impl Fn(f64) -> f64) -> Self {
        Params(std::array::from_fn(|i| f(self.0[i])))
    }

    #[inline(always)]
    fn zip(&self, other: &Self, f: impl Fn(f64, f64) -> f64) -> Self {
        Params(std::array::from_fn(|i| f(self.0[i], other.0[i])))
    }
}

impl<const N: usize> ArgminAdd<Params<N>, Params<N>> for Params<N> {
    #[inline]
    fn add(&self, other: &Params<N>) -> Params<N> {
        self.zip(other, |a, b| a + b)
    }
}

impl<const N: usize> ArgminAdd<f64, Params<N>> for Params<N> {
    #[inline]
    fn add(&self, other: &f64) -> Params<N> {
        self.map(|a| a + other)
    }
}

impl<const N: usize> ArgminSub<Params<N>, Params<N>> for Params<N> {
    #[inline]
    fn sub(&self, other: &Params<N>) -> Params<N> {
        self.zip(other, |a, b| a - b)
    }
}

impl<const N: usize> ArgminSub<f64, Params<N>> for Params<N> {
    #[inline]
    fn sub(&self, other: &f64) -> Params<N> {
        self.map(|a| a - other)
    }
}

impl<const N: usize> ArgminMul<Params<N>, Params<N>> for Params<N> {
    #[inline]
    fn mul(&self, other: &Params<N>) -> Params<N> {
        self.zip(other, |a, b| a * b)
    }
}

impl<const N: usize> ArgminMul<f64, Params<N>> for Params<N> {
    #[inline]
    fn mul(&self, other: &f64) -> Params<N> {
        self.map(|a| a * other)
    }
}

/// The scalar on the left (argmin-math's generic `scaled_add` is `self + factor·vec`).
impl<const N: usize> ArgminMul<Params<N>, Params<N>> for f64 {
    #[inline]
    fn mul(&self, other: &Params<N>) -> Params<N> {
        other.map(|a| a * self)
    }
}

impl<const N: usize> ArgminDot<Params<N>, f64> for Params<N> {
    #[inline]
    fn dot(&self, other: &Params<N>) -> f64 {
        self.0.iter().zip(other.0.iter()).map(|(a, b)| a * b).sum()
    }
}

impl<const N: usize> ArgminL1Norm<f64> for Params<N> {
    #[inline]
    fn l1_norm(&self) -> f64 {
        self.0.iter().map(|a| a.abs()).sum()
    }
}

impl<const N: usize> ArgminL2Norm<f64> for Params<N> {
    #[inline]
    fn l2_norm(&self) -> f64 {
        self.0.iter().map(|a| a.powi(2)).sum::<f64>().sqrt()
    }
}

impl<const N: usize> ArgminSignum for Params<N> {
    #[inline]
    fn signum(self) -> Self {
        self.map(f64::signum)
    }
}

impl<const N: usize> ArgminZeroLike for Params<N> {
    #[inline]
    fn zero_like(&self) -> Self {
        Params([0.0; N])
    }
}

impl<const N: usize> ArgminMinMax for Params<N> {
    fn min(x: &Self, y: &Self) -> Self {
        x.zip(y, |a, b| if a < b { a } else { b })
    }
    fn max(x: &Self, y: &Self) -> Self {
        x.zip(y, |a, b| if a > b { a } else { b })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argmin_math::ArgminScaledAdd;

    /// Each operation gives the bits of argmin-math's `Vec<f64>` version.
    #[test]
    fn operations_match_the_vec_back_end() {
        let (a, b) = ([0.1, -2.5, 3.3, 1e-9, 7.0], [4.0, 0.3, -1.1, 2.0, -0.0]);
        let (pa, pb) = (Params(a), Params(b));
        let (va, vb) = (a.to_vec(), b.to_vec());
        let same = |p: Params<5>, v: Vec<f64>| {
            assert_eq!(
                p.0.map(f64::to_bits).to_vec(),
                v.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
            );
        };
        same(pa.add(&pb), va.add(&vb));
        same(pa.sub(&pb), va.sub(&vb));
        same(pa.mul(&pb), va.mul(&vb));
        same(pa.mul(&0.7), va.mul(&0.7));
        same(pa.sub(&f64::MIN_POSITIVE), va.sub(&f64::MIN_POSITIVE));
        same(pa.scaled_add(&0.3, &pb), va.scaled_add(&0.3, &vb));
        same(pa.signum(), va.clone().signum());
        same(
            Params::max(&pa, &pb),
            <Vec<f64> as ArgminMinMax>::max(&va, &vb),
        );
        same(
            Params::min(&pa, &pb),
            <Vec<f64> as ArgminMinMax>::min(&va, &vb),
        );
        let vdot: f64 = va.dot(&vb);
        assert_eq!(pa.dot(&pb).to_bits(), vdot.to_bits());
        assert_eq!(pa.l1_norm().to_bits(), va.l1_norm().to_bits());
        assert_eq!(
            ArgminL2Norm::<f64>::l2_norm(&pa).to_bits(),
            ArgminL2Norm::<f64>::l2_norm(&va).to_bits()
        );
    }
}
