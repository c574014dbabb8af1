//! Parents and children (issue 21 item 2; DESIGN §1.8): each model whose `base_model` names
//! another model of the data is compared with it under the active reference — ρ_child /
//! ρ_parent and the score difference — and the links are summed up per kind (how many
//! children are denser than their parent, the median ratio). Pure: it reads the dataset
//! and the analysis of any reference.

use super::Analysis;
use crate::data::Dataset;
use crate::data::model::derived::{DERIVED_KINDS, UNKNOWN_KIND};
use crate::data::model::names::name_key;
use serde::Serialize;
use std::collections::HashMap;

/// One child and its parent, both in the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineagePair {
    /// Indices into the dataset's (and the analysis') models.
    pub child: usize,
    pub parent: usize,
    /// One of [`DERIVED_KINDS`], or "unknown".
    pub kind: String,
    pub child_density: Option<f64>,
    pub parent_density: Option<f64>,
    /// ρ_child / ρ_parent, when both have a density.
    pub ratio: Option<f64>,
    /// Score of the child minus score of the parent (points), when both have one.
    pub score_diff: Option<f64>,
    /// Why there is no ratio (the model without a density and its reason).
    pub reason: Option<String>,
}

/// The links of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindSummary {
    pub kind: String,
    /// Links of this kind with both models in the data.
    pub n_links: usize,
    /// Of them, the pairs with a ratio.
    pub n: usize,
    /// Children denser than their parent (ratio > 1).
    pub denser: usize,
    pub median_ratio: Option<f64>,
}

/// Every link of the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lineage {
    pub pairs: Vec<LineagePair>,
    /// Per kind, in the order of [`DERIVED_KINDS`] then unknown; kinds without a link left out.
    pub summary: Vec<KindSummary>,
    /// Models naming a base model that is not in the data.
    pub parent_absent: usize,
}

/// The median of `v` (sorted in place); `None` when empty.
pub fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// The parent of each model by name: the exact name first, else the normalised join key
/// (`meta-llama/Llama-3.1-8B` finds `Llama-3.1-8B`) when it names one model only.
fn parent_index(dataset: &Dataset) -> impl Fn(&str) -> Option<usize> + '_ {
    let mut exact: HashMap<&str, usize> = HashMap::new();
    let mut by_key: HashMap<String, Option<usize>> = HashMap::new();
    for (i, m) in dataset.models.iter().enumerate() {
        exact.entry(m.name.as_str()).or_insert(i);
        by_key
            .entry(name_key(&m.name))
            .and_modify(|v| *v = None)
            .or_insert(Some(i));
    }
    move |name: &str| {
        exact
            .get(name)
            .copied()
            .or_else(|| by_key.get(&name_key(name)).copied().flatten())
    }
}

/// The pairs and their summary.
pub fn lineage(dataset: &Dataset, analysis: &Analysis) -> Lineage {
    let find = parent_index(dataset);
    let mut pairs = Vec::new();
    let mut parent_absent = 0;
    for (child, m) in dataset.models.iter().enumerate() {
        let Some(base) = m.info.base_model.as_deref() else {
            continue;
        };
        let parent = match find(base) {
            Some(p) if p != child => p,
            // A model that is its own base (the leaderboard's originals) is nobody's child.
            Some(_) => continue,
            None => {
                parent_absent += 1;
                continue;
            }
        };
        let (c, p) = (&analysis.models[child], &analysis.models[parent]);
        let reason = match (&c.density, &p.density) {
            (Some(_), Some(_)) => None,
            (None, _) => Some(format!(
                "child has no density: {}",
                c.excluded
                    .as_ref()
                    .map_or("none".to_string(), |e| e.to_string())
            )),
            (_, None) => Some(format!(
                "parent has no density: {}",
                p.excluded
                    .as_ref()
                    .map_or("none".to_string(), |e| e.to_string())
            )),
        };
        pairs.push(LineagePair {
            child,
            parent,
            kind: m
                .info
                .derived_kind
                .as_deref()
                .filter(|k| DERIVED_KINDS.contains(k))
                .unwrap_or(UNKNOWN_KIND)
                .to_string(),
            child_density: c.density,
            parent_density: p.density,
            ratio: c.density.zip(p.density).map(|(a, b)| a / b),
            score_diff: c.score.zip(p.score).map(|(a, b)| a - b),
            reason,
        });
    }
    let summary = DERIVED_KINDS
        .iter()
        .copied()
        .chain([UNKNOWN_KIND])
        .filter_map(|kind| summarise(kind, &pairs))
        .collect();
    Lineage {
        pairs,
        summary,
        parent_absent,
    }
}

/// The pairs with densities that need no date: a model without a release date is placed
/// at the reference date for the analysis (ρ = N̂/N does not depend on it), so the
/// leaderboards' undated fine-tunes are compared with their parents too.
pub fn lineage_undated(
    dataset: &Dataset,
    fits: &crate::law::Fits,
    options: &super::Options,
) -> Lineage {
    let mut d = dataset.clone();
    for m in d.models.iter_mut().filter(|m| m.release_date.is_none()) {
        m.release_date = Some(options.ref_date);
    }
    // Dates from uploads or submissions would place the undated ones again: release dates
    // (now every model has one) are enough for a ratio.
    let o = super::Options {
        dates_from: Default::default(),
        ..options.clone()
    };
    lineage(&d, &super::analyze(&d, fits, &o))
}

fn summarise(kind: &str, pairs: &[LineagePair]) -> Option<KindSummary> {
    let of_kind: Vec<&LineagePair> = pairs.iter().filter(|p| p.kind == kind).collect();
    if of_kind.is_empty() {
        return None;
    }
    let mut ratios: Vec<f64> = of_kind.iter().filter_map(|p| p.ratio).collect();
    Some(KindSummary {
        kind: kind.to_string(),
        n_links: of_kind.len(),
        n: ratios.len(),
        denser: ratios.iter().filter(|r| **r > 1.0).count(),
        median_ratio: median(&mut ratios),
    })
}

#[cfg(test)]
#[path = "lineage_tests.rs"]
mod tests;
