//! The two laws of a task and their named parameters: the one place a parameter's name,
//! value and setter live (the panel, parameter files, `fit-loss --json`, the tables and
//! sessions all go through [`Param`]).

use super::{LossForm, LossLaw, Sigmoid};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The two laws of one task.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TaskFit {
    pub loss: LossLaw,
    pub sigmoid: Sigmoid,
}

impl TaskFit {
    /// The parameters this fit has, in order, with their values: `E` only for the
    /// Chinchilla form (the order of the panel, the tables and parameter files).
    pub fn params(&self) -> Vec<(Param, f64)> {
        Param::loss_params(self.loss.form)
            .iter()
            .chain(Param::SIGMOID.iter())
            .map(|&p| (p, p.get(self)))
            .collect()
    }

    /// The loss law's parameters alone (as [`TaskFit::params`] gives them).
    pub fn loss_params(loss: &LossLaw) -> Vec<(Param, f64)> {
        let fit = TaskFit {
            loss: *loss,
            sigmoid: Sigmoid::new(1.0, -1.0, 0.0, 0.0),
        };
        Param::loss_params(loss.form)
            .iter()
            .map(|&p| (p, p.get(&fit)))
            .collect()
    }

    /// The sigmoid's parameters alone.
    pub fn sigmoid_params(sigmoid: &Sigmoid) -> Vec<(Param, f64)> {
        let fit = TaskFit {
            loss: LossLaw::paper(1.0, 1.0, 1.0, 1.0),
            sigmoid: *sigmoid,
        };
        Param::SIGMOID.iter().map(|&p| (p, p.get(&fit))).collect()
    }
}

/// Fits per task (`average`, `mmlu`, …).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Fits {
    pub tasks: BTreeMap<String, TaskFit>,
    /// A model family as the reference (issue 20): its tasks are inverted through the
    /// family's score-against-size curves instead of the ladder's laws.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<super::FamilyFits>,
}

/// A parameter of a task's laws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Param {
    E,
    A,
    Alpha,
    B,
    Beta,
    C,
    Gamma,
    L,
    D,
}

impl Param {
    pub const LOSS: [Param; 5] = [Param::E, Param::A, Param::Alpha, Param::B, Param::Beta];
    pub const SIGMOID: [Param; 4] = [Param::C, Param::Gamma, Param::L, Param::D];
    /// The paper form's loss parameters (no `E`).
    pub const PAPER_LOSS: [Param; 4] = [Param::A, Param::Alpha, Param::B, Param::Beta];

    /// The parameter's name: the panel's label and accessible name, the key of parameter
    /// files and `fit-loss --json`, the column of the fits table.
    pub fn name(self) -> &'static str {
        match self {
            Param::E => "E",
            Param::A => "a",
            Param::Alpha => "alpha",
            Param::B => "b",
            Param::Beta => "beta",
            Param::C => "c",
            Param::Gamma => "gamma",
            Param::L => "l",
            Param::D => "d",
        }
    }

    /// The parameter a name names (as [`Param::name`] gives it).
    pub fn from_name(name: &str) -> Option<Param> {
        Param::LOSS
            .into_iter()
            .chain(Param::SIGMOID)
            .find(|p| p.name() == name)
    }

    pub fn is_loss(self) -> bool {
        Param::LOSS.contains(&self)
    }

    /// The loss parameters a law of this form has.
    pub fn loss_params(form: LossForm) -> &'static [Param] {
        match form {
            LossForm::Paper => &Param::PAPER_LOSS,
            LossForm::Chinchilla => &Param::LOSS,
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            Param::E => "Irreducible loss E (Chinchilla form only)",
            Param::A => "Scale of the parameter term a·N^-α",
            Param::Alpha => "Exponent α of the parameter term",
            Param::B => "Scale of the data term b·D^-β",
            Param::Beta => "Exponent β of the data term",
            Param::C => "Height c of the sigmoid (score points)",
            Param::Gamma => "Slope γ of the sigmoid (negative: score rises as loss falls)",
            Param::L => "Loss l at the sigmoid's midpoint",
            Param::D => "Floor d of the sigmoid (score points)",
        }
    }

    /// The value of this parameter in `fit`.
    pub fn get(self, fit: &TaskFit) -> f64 {
        let (l, s) = (&fit.loss, &fit.sigmoid);
        match self {
            Param::E => l.e,
            Param::A => l.a,
            Param::Alpha => l.alpha,
            Param::B => l.b,
            Param::Beta => l.beta,
            Param::C => s.c,
            Param::Gamma => s.gamma,
            Param::L => s.l,
            Param::D => s.d,
        }
    }

    /// Sets this parameter in `fit`; setting `E` makes the loss law the Chinchilla form.
    pub fn set(self, fit: &mut TaskFit, value: f64) {
        let (l, s) = (&mut fit.loss, &mut fit.sigmoid);
        match self {
            Param::E => {
                l.e = value;
                l.form = LossForm::Chinchilla;
            }
            Param::A => l.a = value,
            Param::Alpha => l.alpha = value,
            Param::B => l.b = value,
            Param::Beta => l.beta = value,
            Param::C => s.c = value,
            Param::Gamma => s.gamma = value,
            Param::L => s.l = value,
            Param::D => s.d = value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_set_reads_back() {
        let mut fit = TaskFit {
            loss: LossLaw::paper(1.0, 0.3, 2.0, 0.25),
            sigmoid: Sigmoid {
                c: 90.0,
                gamma: -10.0,
                l: 0.2,
                d: 5.0,
            },
        };
        for (i, p) in Param::LOSS.into_iter().chain(Param::SIGMOID).enumerate() {
            assert_eq!(Param::from_name(p.name()), Some(p));
            let v = 0.5 + i as f64;
            p.set(&mut fit, v);
            assert_eq!(p.get(&fit), v, "{}", p.name());
        }
        assert_eq!(
            fit.loss.form,
            LossForm::Chinchilla,
            "setting E picks Chinchilla"
        );
        assert_eq!(
            Param::from_name("A"),
            None,
            "names are case-sensitive: a, not A"
        );
    }
}
