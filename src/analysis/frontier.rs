//! Which models the time regression uses (DESIGN §1.5).

use super::{BreakpointFit, BreakpointFrontier, ModelResult, Options, Regression, ols};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The frontier rule.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FrontierRule {
    /// Per release date keep the densest model; keep it when it is strictly denser than
    /// every model of an earlier date. The default.
    #[default]
    Record,
    /// Every model with a density.
    All,
    /// Keep a model when its density is at or above the Q-quantile (linear interpolation)
    /// of the densities of all models released on or before its date.
    Quantile(f64),
}

impl FrontierRule {
    /// Parses `record`, `all` or `quantile:Q` with 0 ≤ Q ≤ 1.
    pub fn parse(s: &str) -> Result<FrontierRule, String> {
        match s.to_ascii_lowercase().as_str() {
            "record" => Ok(FrontierRule::Record),
            "all" => Ok(FrontierRule::All),
            other => {
                let q = other
                    .strip_prefix("quantile:")
                    .and_then(|q| q.parse::<f64>().ok())
                    .filter(|q| (0.0..=1.0).contains(q));
                q.map(FrontierRule::Quantile)
                    .ok_or_else(|| format!("'{s}' is not a frontier rule (expected record, all or quantile:Q with Q in [0, 1])"))
            }
        }
    }

    pub fn label(self) -> String {
        match self {
            FrontierRule::Record => "record".into(),
            FrontierRule::All => "all".into(),
            FrontierRule::Quantile(q) => format!("quantile:{q}"),
        }
    }
}

/// Indices of the frontier models, in date order (file order within a date).
pub(super) fn select(models: &[ModelResult], rule: FrontierRule) -> Vec<usize> {
    // (index, days, density) of every model with a density, sorted by date (stable).
    let mut eligible: Vec<(usize, f64, f64)> = models
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((i, m.days_since_ref?, m.density?)))
        .collect();
    eligible.sort_by(|a, b| a.1.total_cmp(&b.1));
    let groups = eligible.chunk_by(|a, b| a.1 == b.1);
    match rule {
        FrontierRule::All => eligible.iter().map(|e| e.0).collect(),
        FrontierRule::Record => {
            let mut best_so_far = f64::NEG_INFINITY;
            let mut out = Vec::new();
            for group in groups {
                // The first densest of the date (file order breaks ties).
                let top = group
                    .iter()
                    .fold(group[0], |acc, e| if e.2 > acc.2 { *e } else { acc });
                if top.2 > best_so_far {
                    out.push(top.0);
                    best_so_far = top.2;
                }
            }
            out
        }
        FrontierRule::Quantile(q) => {
            let mut sorted: Vec<f64> = Vec::with_capacity(eligible.len());
            let mut out = Vec::new();
            for group in groups {
                for e in group {
                    let pos = sorted.partition_point(|v| *v < e.2);
                    sorted.insert(pos, e.2);
                }
                let threshold = crate::fit::quantile_of_sorted(&sorted, q);
                out.extend(group.iter().filter(|e| e.2 >= threshold).map(|e| e.0));
            }
            out
        }
    }
}

/// The frontier of `models`, the regression of ln ρ on time over it and, when `options`
/// has a breakpoint, each side's frontier and line. The one computation shared by the
/// analysis and every bootstrap replicate.
pub(super) fn frontier_and_regressions(
    models: &[ModelResult],
    options: &Options,
) -> (Vec<usize>, Option<Regression>, Option<BreakpointFit>) {
    let frontier = select(models, options.frontier);
    let points = |idx: &[usize]| -> Vec<(f64, f64)> {
        idx.iter()
            .filter_map(|&i| Some((models[i].days_since_ref?, models[i].density?.ln())))
            .collect()
    };
    let regression = ols(&points(&frontier));
    let breakpoint = options.breakpoint.map(|date| {
        let (before_frontier, after_frontier) = sides(models, &frontier, options, date);
        let before = ols(&points(&before_frontier));
        let after = ols(&points(&after_frontier));
        let ratio = match (&before, &after) {
            (Some(b), Some(a)) => Some(a.slope_per_day / b.slope_per_day),
            _ => None,
        };
        BreakpointFit {
            date,
            frontier_rule: options.breakpoint_frontier,
            before_frontier,
            after_frontier,
            before,
            after,
            ratio,
        }
    });
    (frontier, regression, breakpoint)
}

/// The frontier models of each side of `date` (date order): the whole-timeline
/// `frontier` split at the date, or a frontier selected on each side's models alone.
fn sides(
    models: &[ModelResult],
    frontier: &[usize],
    options: &Options,
    date: NaiveDate,
) -> (Vec<usize>, Vec<usize>) {
    let before = |m: &ModelResult| m.release_date.is_some_and(|d| d < date);
    let after = |m: &ModelResult| m.release_date.is_some_and(|d| d >= date);
    match options.breakpoint_frontier {
        BreakpointFrontier::Whole => (
            frontier
                .iter()
                .copied()
                .filter(|&i| before(&models[i]))
                .collect(),
            frontier
                .iter()
                .copied()
                .filter(|&i| after(&models[i]))
                .collect(),
        ),
        BreakpointFrontier::PerSide => {
            // The other side's models lose their density, so indices stay the same.
            let only = |keep: &dyn Fn(&ModelResult) -> bool| -> Vec<usize> {
                let masked: Vec<ModelResult> = models
                    .iter()
                    .map(|m| {
                        let mut m = m.clone();
                        if !keep(&m) {
                            m.density = None;
                        }
                        m
                    })
                    .collect();
                select(&masked, options.frontier)
            };
            (only(&before), only(&after))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(date: &str, density: f64) -> ModelResult {
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        ModelResult {
            release_date: Some(d),
            n_params: Some(1e9),
            score: None,
            loss_hat: None,
            n_hat: None,
            density: Some(density),
            days_since_ref: Some(d.signed_duration_since(NaiveDate::MIN).num_days() as f64),
            excluded: None,
            on_frontier: false,
            date_kind: Default::default(),
            sensitivity: None,
            extrapolation: None,
            unreliable: false,
        }
    }

    /// Before the date the record climbs to 10; after it, models start again at 2. The
    /// whole frontier keeps only the later model above 10; a frontier per side keeps the
    /// new record 2 → 4 → 16.
    #[test]
    fn whole_and_per_side_frontiers_differ_after_a_drop() {
        let models = vec![
            model("2022-01-01", 1.0),
            model("2022-06-01", 10.0),
            model("2023-01-01", 2.0),
            model("2023-06-01", 4.0),
            model("2024-01-01", 16.0),
        ];
        let date = NaiveDate::from_ymd_opt(2022, 11, 30).unwrap();
        let whole = select(&models, FrontierRule::Record);
        assert_eq!(whole, vec![0, 1, 4]);
        let mut o = Options::default();
        assert_eq!(sides(&models, &whole, &o, date), (vec![0, 1], vec![4]));
        o.breakpoint_frontier = BreakpointFrontier::PerSide;
        assert_eq!(
            sides(&models, &whole, &o, date),
            (vec![0, 1], vec![2, 3, 4])
        );
    }
}
