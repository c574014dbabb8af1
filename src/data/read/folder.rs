//! Folders: a data folder (`models`, `ladder`, `sigmoid_points`, each in any table
//! format) or an lm-evaluation-harness output folder searched recursively.

use super::load::{LoadOptions, LoadOutcome, Loaded, load_bytes, read_text, unreadable};
use super::{lm_eval, lm_eval_runs};
use crate::data::model::report::{LoadReport, TableKind};
use crate::data::model::{DataError, Dataset};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The first of `stem.{csv,tsv,parquet,json,jsonl,ndjson}` in `dir`.
fn table_file(dir: &Path, stem: &str) -> Option<PathBuf> {
    ["csv", "tsv", "parquet", "json", "jsonl", "ndjson"]
        .iter()
        .map(|ext| dir.join(format!("{stem}.{ext}")))
        .find(|p| p.is_file())
}

/// Reads a data folder (`models.*`, optional `ladder.*` and `sigmoid_points.*`) or an
/// lm-evaluation-harness output folder.
pub fn read_dir(dir: &Path) -> Result<Dataset, DataError> {
    match load_dir(dir, &LoadOptions::default())?.loaded {
        Loaded::Folder(d) => Ok(d),
        other => Ok(other.merge_into(&Dataset::default(), dir)),
    }
}

pub(crate) fn load_dir(dir: &Path, options: &LoadOptions) -> Result<LoadOutcome, DataError> {
    if table_file(dir, "models").is_none() && super::olmo::ladder::runs_dir(dir).is_some() {
        let (ladder, report) = super::olmo::ladder::read_olmo_ladder(dir)?;
        let selection = super::olmo::LadderSelection::default();
        let mut report = report;
        report
            .notes
            .push(format!("fits use {}", selection.describe(&ladder)));
        return Ok(LoadOutcome {
            loaded: Loaded::Folder(ladder.dataset(&selection)),
            reports: vec![report],
        });
    }
    let Some(models_path) = table_file(dir, "models") else {
        let files = find_results(dir);
        let mut runs = Vec::with_capacity(files.len());
        let mut passed = Vec::new();
        let mut refused = Vec::new();
        for f in &files {
            let label = f.display().to_string();
            // Any .json or extension-less file is tried; only harness results are runs.
            let Ok(text) = read_text(f) else {
                passed.push(label);
                continue;
            };
            match serde_json::from_str::<Value>(&text) {
                // One unusable results file is skipped with its reason; the rest loads.
                Ok(v) if lm_eval::is_results(&v) => match lm_eval::parse_run(&label, &v) {
                    Ok(run) => runs.push(run),
                    Err(e) => refused.push(e.to_string()),
                },
                _ => passed.push(label),
            }
        }
        if runs.is_empty() {
            if let Some(first) = refused.first() {
                return Err(unreadable(
                    dir,
                    format!(
                        "no usable lm-evaluation-harness results file ({} refused; the first: {first})",
                        refused.len()
                    ),
                ));
            }
            return Err(unreadable(
                dir,
                "a folder without models.csv (or .tsv, .parquet, .json, .jsonl) and without lm-evaluation-harness results files",
            ));
        }
        let (models, mut report) =
            lm_eval_runs::models_from_runs(&dir.display().to_string(), runs)?;
        for why in refused {
            report.warn(None, None, format!("{why}; file skipped"));
        }
        if !passed.is_empty() {
            report.notes.push(format!(
                "{} file{} not lm-evaluation-harness results, not read: {}",
                passed.len(),
                if passed.len() == 1 { "" } else { "s" },
                passed.join(", ")
            ));
        }
        return Ok(LoadOutcome {
            loaded: Loaded::Models(models),
            reports: vec![report],
        });
    };
    let read = |p: &Path, kind| -> Result<(Loaded, LoadReport), DataError> {
        let bytes = std::fs::read(p).map_err(|e| unreadable(p, e.to_string()))?;
        load_bytes(p, &bytes, options, Some(kind))
    };
    let (models, r1) = read(&models_path, TableKind::Models)?;
    let mut reports = vec![r1];
    let mut dataset = Dataset {
        origin: dir.display().to_string(),
        ..Dataset::default()
    };
    if let Loaded::Models(m) = models {
        dataset.models = m;
    }
    if let Some(p) = table_file(dir, "ladder") {
        let (l, r) = read(&p, TableKind::Ladder)?;
        if let Loaded::Ladder(l) = l {
            dataset.ladder = l;
        }
        reports.push(r);
    }
    if let Some(p) = table_file(dir, "sigmoid_points") {
        let (c, r) = read(&p, TableKind::Checkpoints)?;
        if let Loaded::Checkpoints(c) = c {
            dataset.checkpoints = c;
        }
        reports.push(r);
    }
    Ok(LoadOutcome {
        loaded: Loaded::Folder(dataset),
        reports,
    })
}

/// Files that may hold harness results under `dir`, recursively (at most 8 folders deep),
/// sorted: every `.json` file and every file without an extension (results saved under
/// another name), at most 64 MB each; their content decides.
fn find_results(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() && depth < 8 {
                walk(&p, depth + 1, out);
            } else if let Some(name) = p.file_name().and_then(|n| n.to_str())
                && !name.starts_with('.')
                && (name.ends_with(".json") || p.extension().is_none())
                && e.metadata()
                    .is_ok_and(|m| m.is_file() && m.len() < 64 << 20)
            {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, 0, &mut out);
    out.sort();
    out
}
