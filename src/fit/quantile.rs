//! The one quantile of the crate: linear interpolation between order statistics
//! (Hyndman–Fan type 7, numpy's default `linear` method). Used by the bootstrap's
//! percentile intervals, the sigmoid's start grid and the quantile frontier rule.

/// Quantile `q` (clamped to 0..=1) of values already sorted ascending; `sorted` must not
/// be empty.
pub fn quantile_of_sorted(sorted: &[f64], q: f64) -> f64 {
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let i = pos.floor() as usize;
    let j = (i + 1).min(sorted.len() - 1);
    sorted[i] + (pos - i as f64) * (sorted[j] - sorted[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolates_like_numpy() {
        // numpy.quantile([1, 2, 3, 4], [0, 0.25, 0.5, 1]) = [1, 1.75, 2.5, 4] (linear).
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_of_sorted(&v, 0.0), 1.0);
        assert_eq!(quantile_of_sorted(&v, 0.25), 1.75);
        assert_eq!(quantile_of_sorted(&v, 0.5), 2.5);
        assert_eq!(quantile_of_sorted(&v, 1.0), 4.0);
        assert_eq!(quantile_of_sorted(&[7.0], 0.3), 7.0);
    }
}
