//! `densing lineage` (issue 21 item 2): every model whose base model is in the data
//! against that parent, ρ_child / ρ_parent and the score difference under the active
//! reference, and the summary per kind (how many children are denser than their parent).

use super::CliError;
use super::analysis_args::{AnalysisArgs, Inputs, inputs};
use crate::analysis::lineage::{Lineage, lineage_undated};
use crate::data::AVERAGE;
use crate::format::sig;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct LineageArgs {
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    /// Print one JSON object instead of the table
    #[arg(long)]
    pub json: bool,
    /// List at most this many pairs in the table (the summary counts them all)
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// The tasks the analysis needs that no reference law covers (the densities need them).
fn uncovered(i: &Inputs) -> Vec<String> {
    i.options
        .needed_tasks()
        .into_iter()
        .filter(|t| {
            // A family reference covers a task with its own curve.
            let family = i.fits.family.as_ref().is_some_and(|f| {
                f.tasks
                    .get(t)
                    .is_some_and(|ft| ft.curve.is_some() && ft.refused.is_none())
            });
            !i.fits.tasks.contains_key(t) && !family
        })
        .collect()
}

/// "no reference covers …" when the reference has no laws for the task, or when no linked
/// model has the scores the task needs (a leaderboard's tasks against the sample's
/// reference), else `None`.
pub(crate) fn coverage_note(i: &Inputs, l: &Lineage) -> Option<String> {
    // The tasks the reference has laws for, or could fit (ladder points and checkpoints).
    let have: BTreeSet<&str> = i
        .fits
        .tasks
        .keys()
        .map(String::as_str)
        .chain(
            i.dataset
                .ladder
                .iter()
                .map(|r| r.task.as_str())
                .filter(|t| i.dataset.checkpoints.iter().any(|c| c.task == *t)),
        )
        .collect();
    let have: Vec<&str> = have.into_iter().collect();
    let have = if have.is_empty() {
        "none".to_string()
    } else {
        have.join(", ")
    };
    let missing = uncovered(i);
    if !missing.is_empty() {
        return Some(format!(
            "no reference covers {} (the reference has laws for: {have}): no model has a \
             density, so no pair has a ratio; give a reference for the file's tasks \
             (--reference, --params) or a task it covers (--task)",
            missing.join(", ")
        ));
    }
    let o = &i.options;
    let benches: Vec<String> = if o.task == AVERAGE {
        o.benchmarks.clone()
    } else {
        vec![o.task.clone()]
    };
    let linked: BTreeSet<usize> = l.pairs.iter().flat_map(|p| [p.child, p.parent]).collect();
    let scored = |k: &usize| {
        let m = &i.dataset.models[*k];
        benches.iter().all(|b| m.scores.contains_key(b))
    };
    if linked.is_empty() || linked.iter().any(scored) {
        return None;
    }
    let mut tasks: BTreeMap<&str, usize> = BTreeMap::new();
    for k in &linked {
        for t in i.dataset.models[*k].scores.keys() {
            *tasks.entry(t.as_str()).or_default() += 1;
        }
    }
    let tasks: Vec<&str> = tasks.keys().copied().collect();
    Some(format!(
        "none of the {} linked models has a score for {} (they have: {}); the reference covers \
         {have}: no reference covers the file's tasks, so no pair has a ratio; with a reference \
         for them (--reference, --params) the ratios follow",
        linked.len(),
        benches.join(", "),
        tasks.join(", ")
    ))
}

fn reference_name(args: &AnalysisArgs) -> String {
    args.reference.as_ref().map_or_else(
        || "the embedded synthetic ladder".to_string(),
        |d| format!("the reference {}", d.display()),
    )
}

/// The JSON of `densing lineage --json`.
pub fn lineage_json(i: &Inputs, args: &AnalysisArgs, l: &Lineage) -> Value {
    let name = |k: usize| i.dataset.models[k].name.as_str();
    let pairs: Vec<Value> = l
        .pairs
        .iter()
        .map(|p| {
            json!({
                "child": name(p.child),
                "parent": name(p.parent),
                "kind": p.kind,
                "child_density": p.child_density,
                "parent_density": p.parent_density,
                "ratio": p.ratio,
                "score_diff": p.score_diff,
                "reason": p.reason,
            })
        })
        .collect();
    json!({
        "task": i.options.task,
        "basis": i.options.basis.name(),
        "reference": reference_name(args),
        "laws": i.laws_from,
        "pairs": pairs,
        "summary": l.summary,
        "parent_absent": l.parent_absent,
        "note": coverage_note(i, l),
    })
}

/// The pairs and the summary as a table (or JSON with `--json`).
pub fn lineage_cmd(args: &LineageArgs) -> Result<String, CliError> {
    let i = inputs(&args.analysis)?;
    let l = lineage_undated(&i.dataset, &i.fits, &i.options);
    if args.json {
        let v = lineage_json(&i, &args.analysis, &l);
        return Ok(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n");
    }
    let o = &i.options;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Parents and children: {} (density per {} parameters), relative to {}",
        o.task,
        o.basis.name(),
        reference_name(&args.analysis)
    );
    let _ = writeln!(s, "data: {}", i.dataset.origin);
    let _ = writeln!(
        s,
        "a ratio needs no date: models without a release date are compared too"
    );
    if let Some(note) = coverage_note(&i, &l) {
        let _ = writeln!(s, "note: {note}");
    }
    let _ = writeln!(
        s,
        "\n{} links with both models in the data; {} name a base model that is not in the data",
        l.pairs.len(),
        l.parent_absent
    );
    if l.pairs.is_empty() {
        let _ = writeln!(
            s,
            "no model names a parent in the data (a base_model / derived_from column links them)"
        );
        return Ok(s);
    }
    let _ = writeln!(
        s,
        "\n{:<40} {:<32} {:<22} {:>9} {:>9} {:>9} {:>8}",
        "child", "parent", "kind", "rho_c", "rho_p", "ratio", "dscore"
    );
    let shown = args.limit.unwrap_or(usize::MAX);
    for p in l.pairs.iter().take(shown) {
        let f = |v: Option<f64>| v.map_or("-".to_string(), sig);
        let _ = writeln!(
            s,
            "{:<40} {:<32} {:<22} {:>9} {:>9} {:>9} {:>8}{}",
            i.dataset.models[p.child].name,
            i.dataset.models[p.parent].name,
            p.kind,
            f(p.child_density),
            f(p.parent_density),
            f(p.ratio),
            p.score_diff.map_or("-".into(), |d| format!("{d:+.1}")),
            p.reason
                .as_ref()
                .map_or(String::new(), |r| format!("  ({r})"))
        );
    }
    if l.pairs.len() > shown {
        let _ = writeln!(s, "… and {} more (--limit)", l.pairs.len() - shown);
    }
    let _ = writeln!(s, "\nper kind (children denser than their parent):");
    for k in &l.summary {
        let _ = writeln!(
            s,
            "  {:<22} {} of {} with a ratio denser; median ratio {}; {} links",
            k.kind,
            k.denser,
            k.n,
            k.median_ratio.map_or("-".into(), sig),
            k.n_links
        );
    }
    Ok(s)
}
