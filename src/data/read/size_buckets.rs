//! A size column that is not counts (issue 19 item 4, issue 20 item 6): whole billions
//! with 0 for models under one billion (the July 2024 leaderboard v1 export: Pythia-410M
//! is `0`, Qwen1.5-1.8B `1`); the sizes times one factor (a 2023 leaderboard report writes
//! `100 × size / 70B`: 100 for Llama-2-70B, 18.57 for 13B, 10 for 7B, 0 where unknown); or
//! a few round buckets standing for size classes. Decided from the column's values — their
//! share of whole billions, the ratio to the sizes written in the names, how few distinct
//! values there are for the rows — never from the header. When it is such a column, the
//! size in each model's name is used instead (none where the name writes none), with one
//! warning naming the column and how many rows it changed.

use super::table::RawTable;
use crate::data::model::Model;
use crate::data::model::name_size::size_of_name;
use crate::data::model::report::LoadReport;
use crate::data::model::units::SizeUnit;

/// Fewer filled cells than this say too little about a column.
const MIN_FILLED: usize = 5;
/// Rows of the column the rule reads.
const SAMPLE: usize = 2_000;
/// A name's size and the column's agree within this factor.
const AGREE: f64 = 1.2;

/// What a size column is, when it is not counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Coarse {
    /// Whole billions, smaller models rounded down (to 0 under one billion).
    Rounded,
    /// A few round values standing for size classes.
    Buckets { distinct: usize },
    /// The sizes times one factor (a percentage of the largest: the 2023 report writes
    /// 100 for 70B, 18.57 for 13B, 10 for 7B).
    Scaled { factor: f64 },
}

/// One filled cell of the column: its value in billions and the size the name writes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sized {
    pub billions: f64,
    pub from_name: Option<f64>,
}

fn agrees(billions: f64, from_name: f64) -> bool {
    billions > 0.0 && (billions * 1e9 / from_name).ln().abs() <= AGREE.ln()
}

/// The rule: `Rounded` when 95% or more of the values are whole billions and at least one
/// name's size is that value rounded (down or to nearest) where the two disagree;
/// `Buckets` when there are at most 6 distinct values, each on 2 rows or more on average,
/// and half or more of the rows whose name writes a size (3 at least) disagree with it.
pub(crate) fn classify(cells: &[Sized]) -> Option<Coarse> {
    if cells.len() < MIN_FILLED {
        return None;
    }
    let whole = cells.iter().filter(|c| c.billions.fract() == 0.0).count();
    let compared: Vec<(f64, f64)> = cells
        .iter()
        .filter_map(|c| c.from_name.map(|n| (c.billions, n)))
        .collect();
    let disagree: Vec<&(f64, f64)> = compared.iter().filter(|(b, n)| !agrees(*b, *n)).collect();
    let rounded_down = disagree.iter().any(|(b, n)| {
        let named = n / 1e9;
        named.fract() != 0.0 && (*b == named.floor() || *b == named.round())
    });
    if whole * 100 >= cells.len() * 95 && rounded_down {
        return Some(Coarse::Rounded);
    }
    if let Some(factor) = common_factor(&compared) {
        return Some(Coarse::Scaled { factor });
    }
    let mut distinct: Vec<f64> = cells.iter().map(|c| c.billions).collect();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    let n = distinct.len();
    if n <= 6 && cells.len() >= 2 * n && compared.len() >= 3 && disagree.len() * 2 >= compared.len()
    {
        return Some(Coarse::Buckets { distinct: n });
    }
    None
}

/// The factor between the column and the names' sizes, when one factor far from 1 (more
/// than [`AGREE`] apart) holds within 10% for 60% or more of 5 or more rows.
fn common_factor(compared: &[(f64, f64)]) -> Option<f64> {
    let mut ratios: Vec<f64> = compared
        .iter()
        .filter(|(b, _)| *b > 0.0)
        .map(|(b, n)| b * 1e9 / n)
        .collect();
    if ratios.len() < MIN_FILLED {
        return None;
    }
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    let near = ratios
        .iter()
        .filter(|r| (*r / median).ln().abs() <= 1.1f64.ln())
        .count();
    (median.ln().abs() > AGREE.ln() && near * 10 >= ratios.len() * 6).then_some(median)
}

/// Checks the size column `col` (plain numbers in `unit`) of the kept rows and, when it is
/// coarse, gives every model the size its name writes. True when it did.
pub(crate) fn fix_coarse_sizes(
    t: &RawTable,
    col: usize,
    unit: SizeUnit,
    models: &mut [Model],
    kept_rows: &[usize],
    report: &mut LoadReport,
) -> bool {
    let per_billion = match unit {
        SizeUnit::Billions => 1.0,
        SizeUnit::Raw => 1e-9,
    };
    // The first rows say what the column is (the names are parsed for those only, unless
    // the column is coarse).
    let cells: Vec<Sized> = models
        .iter()
        .zip(kept_rows)
        .take(SAMPLE)
        .filter_map(|(m, &row)| {
            let v = t.cell(col, row).number().filter(|v| v.is_finite())?;
            Some(Sized {
                billions: v * per_billion,
                from_name: size_of_name(&m.name),
            })
        })
        .collect();
    let Some(kind) = classify(&cells) else {
        return false;
    };
    let mut changed = 0;
    let mut no_size = 0;
    for m in models.iter_mut() {
        let named = size_of_name(&m.name);
        if named != m.n_params {
            changed += 1;
            if named.is_none() {
                no_size += 1;
            }
        }
        m.n_params = named;
    }
    let what = match kind {
        Coarse::Rounded => {
            "its values are whole billions, rounded down (0 for models under one billion)"
                .to_string()
        }
        Coarse::Scaled { factor } => format!(
            "its values are the sizes in the names times {factor:.3} (a scale such as a percentage of the largest model), not counts"
        ),
        Coarse::Buckets { distinct } => format!(
            "its values are {distinct} round buckets that disagree with the sizes in the names"
        ),
    };
    report.warn(
        None,
        Some(t.headers[col].as_str()),
        format!(
            "{what}: not read as parameter counts; the size written in each model's name is used instead ({changed} row{} changed, {no_size} of them left without a size because the name writes none)",
            if changed == 1 { "" } else { "s" }
        ),
    );
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(v: &[(f64, Option<f64>)]) -> Vec<Sized> {
        v.iter()
            .map(|&(billions, from_name)| Sized {
                billions,
                from_name,
            })
            .collect()
    }

    #[test]
    fn exact_sizes_are_counts() {
        // Sizes as the leaderboard v2 writes them (7.242 for a 7B name, …): they agree.
        let c = cells(&[
            (7.242, Some(7e9)),
            (8.03, Some(8e9)),
            (0.41, Some(4.1e8)),
            (1.8, Some(1.8e9)),
            (70.55, Some(70e9)),
            (13.0, None),
        ]);
        assert_eq!(classify(&c), None);
        // Whole billions that agree with the names (7, 13, 70) are counts too.
        let c = cells(&[
            (7.0, Some(7e9)),
            (13.0, Some(13e9)),
            (70.0, Some(70e9)),
            (7.0, None),
            (13.0, Some(13e9)),
        ]);
        assert_eq!(classify(&c), None);
    }

    #[test]
    fn rounded_and_bucketed_columns() {
        // Pythia-410M written 0, Qwen1.5-1.8B written 1 (the July 2024 v1 export).
        let c = cells(&[
            (0.0, Some(4.1e8)),
            (1.0, Some(1.8e9)),
            (7.0, Some(7e9)),
            (8.0, Some(8e9)),
            (70.0, None),
        ]);
        assert_eq!(classify(&c), Some(Coarse::Rounded));
        // Size classes 0.5, 5, 50 (under 3B, 3B to 13B, above): no one factor.
        let c = cells(&[
            (0.5, Some(4.1e8)),
            (0.5, Some(1.8e9)),
            (5.0, Some(7e9)),
            (5.0, Some(3e9)),
            (5.0, Some(13e9)),
            (50.0, Some(70e9)),
            (50.0, Some(30e9)),
        ]);
        assert_eq!(classify(&c), Some(Coarse::Buckets { distinct: 3 }));
        // 100 × size / 70B (the 2023 report): 13B → 18.57, 7B → 10, 30B → 42.86.
        let pct = |b: f64| b / 70.0 * 100.0;
        let c = cells(&[
            (pct(70.0), Some(70e9)),
            (pct(13.0), Some(13e9)),
            (pct(7.0), Some(7e9)),
            (pct(30.0), Some(30e9)),
            (pct(13.0), Some(13e9)),
            (pct(3.0), Some(3e9)),
            (0.0, None),
        ]);
        match classify(&c) {
            Some(Coarse::Scaled { factor }) => assert!((factor - 100.0 / 70.0).abs() < 1e-9),
            other => panic!("{other:?}"),
        }
    }
}
