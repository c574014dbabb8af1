//! Starting grids for the multi-start fits.

use serde::{Deserialize, Serialize};

/// Which grid of starting points a fit uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grid {
    /// Epoch AI's grid (arXiv 2404.10102): α, β ∈ {0, 0.5, …, 2}; e' ∈ {−1, −0.5, …, 1};
    /// a', b' ∈ {0, 5, …, 25}: 4,500 starts for the Chinchilla form, 900 for the paper form.
    #[default]
    Epoch,
    /// A coarser grid for quick interactive refits: α, β ∈ {0, 1, 2}; e' ∈ {−1, 0, 1};
    /// a', b' ∈ {0, 10, 20}: 243 starts (Chinchilla form), 81 (paper form).
    Coarse,
}

impl Grid {
    pub fn name(self) -> &'static str {
        match self {
            Grid::Epoch => "epoch",
            Grid::Coarse => "coarse",
        }
    }

    pub fn parse(s: &str) -> Option<Grid> {
        match s.to_ascii_lowercase().as_str() {
            "epoch" => Some(Grid::Epoch),
            "coarse" => Some(Grid::Coarse),
            _ => None,
        }
    }

    /// Values of (exponents, log-irreducible, log-scale) axes.
    pub(crate) fn axes(self) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        match self {
            Grid::Epoch => (steps(0.0, 0.5, 5), steps(-1.0, 0.5, 5), steps(0.0, 5.0, 6)),
            Grid::Coarse => (steps(0.0, 1.0, 3), steps(-1.0, 1.0, 3), steps(0.0, 10.0, 3)),
        }
    }
}

fn steps(start: f64, step: f64, n: usize) -> Vec<f64> {
    (0..n).map(|i| start + step * i as f64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_grid_has_4500_chinchilla_starts() {
        let (exps, es, scales) = Grid::Epoch.axes();
        assert_eq!(exps, vec![0.0, 0.5, 1.0, 1.5, 2.0]);
        assert_eq!(es, vec![-1.0, -0.5, 0.0, 0.5, 1.0]);
        assert_eq!(scales, vec![0.0, 5.0, 10.0, 15.0, 20.0, 25.0]);
        assert_eq!(exps.len().pow(2) * es.len() * scales.len().pow(2), 4500);
    }
}
