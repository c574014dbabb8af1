//! An OLMo model-ladder folder (Bhagia et al. 2024, arXiv 2412.04403; allenai/OLMo-ladder,
//! `src/scripts/paper/data/ladder-runs/`): one CSV per training run, `<size>-<k>xC.csv`
//! (a row per checkpoint, the last row the final model), and the held-out targets
//! `peteish<B>_eval_*.csv`. Recognised by these file names and their columns.
//!
//! N is OLMo's non-embedding count (total minus the input embedding; the untied output head
//! counts), from `configs/final.json` when present, else from the architectures' counts.
//! D is `throughput/total_tokens`, or `_step × batch_size_in_tokens` where that is absent.

use super::run::read_run;
use super::types::{OLMO_N, OlmoLadder, OlmoRun};
use crate::data::model::DataError;
use crate::data::model::report::LoadReport;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a file name says about a run: (size, multiple, rerun), or a target's size.
fn parse_name(stem: &str) -> Option<(String, Option<f64>, bool)> {
    if let Some(rest) = stem.strip_prefix("peteish") {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && rest[digits.len()..].starts_with("_eval") {
            return Some((format!("{digits}B"), None, false));
        }
        return None;
    }
    let (size, rest) = stem.split_once('-')?;
    let (k, rerun) = match rest.strip_suffix("-rerun") {
        Some(k) => (k, true),
        None => (rest, false),
    };
    let k: f64 = k.strip_suffix("xC")?.parse().ok()?;
    let unit_ok = size.ends_with('M') || size.ends_with('B');
    let num_ok = size[..size.len().saturating_sub(1)].parse::<f64>().is_ok();
    (unit_ok && num_ok && k > 0.0).then(|| (size.to_string(), Some(k), rerun))
}

/// The folder holding the run files: `dir/ladder-runs` or `dir` itself, when it holds at
/// least one `<size>-<k>xC.csv` file.
pub fn runs_dir(dir: &Path) -> Option<PathBuf> {
    let has_runs = |d: &Path| {
        std::fs::read_dir(d).ok().is_some_and(|it| {
            it.flatten().any(|e| {
                let p = e.path();
                p.extension().is_some_and(|x| x == "csv")
                    && p.file_stem()
                        .and_then(|s| s.to_str())
                        .and_then(parse_name)
                        .is_some_and(|(_, k, _)| k.is_some())
            })
        })
    };
    let sub = dir.join("ladder-runs");
    if has_runs(&sub) {
        Some(sub)
    } else if has_runs(dir) {
        Some(dir.to_path_buf())
    } else {
        None
    }
}

/// N per file stem and the stems marked "train", from `configs/final.json`.
fn read_final_json(path: &Path, report: &mut LoadReport) -> (BTreeMap<String, f64>, Vec<String>) {
    let mut n_by_stem = BTreeMap::new();
    let mut train = Vec::new();
    let Ok(text) = std::fs::read_to_string(path) else {
        return (n_by_stem, train);
    };
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str(&text) else {
        report.warn(
            None,
            None,
            format!(
                "{}: not a JSON object; N from the architectures instead",
                path.display()
            ),
        );
        return (n_by_stem, train);
    };
    for (name, cfg) in &map {
        let n = cfg.get("n").and_then(|v| v.as_f64());
        let Some(n) = n else {
            report.warn(
                None,
                None,
                format!("{}: entry '{name}' has no number 'n'", path.display()),
            );
            continue;
        };
        let is_train = cfg.get("mode").and_then(|v| v.as_str()) == Some("train");
        for p in cfg
            .get("paths")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(stem) = p.as_str().and_then(|s| Path::new(s).file_stem()?.to_str()) {
                n_by_stem.insert(stem.to_string(), n);
                if is_train {
                    train.push(stem.to_string());
                }
            }
        }
    }
    report.notes.push(format!(
        "N from {} ({} run files; {} marked for fitting)",
        path.display(),
        n_by_stem.len(),
        train.len()
    ));
    (n_by_stem, train)
}

/// Reads a ladder folder (`dir/ladder-runs` or `dir` itself). A file that cannot be read as
/// a run (renamed, truncated, missing columns) is skipped with a warning naming it.
pub fn read_olmo_ladder(dir: &Path) -> Result<(OlmoLadder, LoadReport), DataError> {
    let label = dir.display().to_string();
    let runs_at = runs_dir(dir).ok_or_else(|| DataError::NotATable {
        path: label.clone(),
        reason: "no OLMo ladder run files (<size>-<k>xC.csv) here or in ladder-runs/".into(),
    })?;
    let mut report = LoadReport::new(&label, "OLMo model ladder (ladder-runs CSV files)");
    let config = [
        dir.join("configs/final.json"),
        runs_at.join("../configs/final.json"),
    ]
    .into_iter()
    .find(|p| p.is_file());
    let (n_by_stem, paper_train) = match &config {
        Some(p) => read_final_json(p, &mut report),
        None => {
            report.notes.push(
                "no configs/final.json: N from the architectures' non-embedding counts".into(),
            );
            (BTreeMap::new(), Vec::new())
        }
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&runs_at)
        .map_err(|e| DataError::Unreadable {
            path: runs_at.display().to_string(),
            reason: e.to_string(),
        })?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    let mut runs = Vec::new();
    for f in &files {
        let stem = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let Some((size, multiple, rerun)) = parse_name(&stem) else {
            report.warn(None, None, format!(
                "{}: not a ladder run or target file name (expected <size>-<k>xC[-rerun].csv or peteish<B>_eval_*.csv); skipped",
                f.display()
            ));
            continue;
        };
        let n_params = n_by_stem
            .get(&stem)
            .copied()
            .or_else(|| OLMO_N.iter().find(|(s, _)| *s == size).map(|(_, n)| *n));
        let Some(n_params) = n_params else {
            report.warn(
                None,
                None,
                format!(
                    "{}: no parameter count known for size {size}; skipped",
                    f.display()
                ),
            );
            continue;
        };
        match read_run(f, &mut report) {
            Some(checkpoints) if !checkpoints.is_empty() => {
                report.rows_kept += checkpoints.len();
                runs.push(OlmoRun {
                    file: stem,
                    size,
                    multiple,
                    rerun,
                    n_params,
                    checkpoints,
                });
            }
            _ => report.warn(
                None,
                None,
                format!("{}: no usable checkpoint rows; run skipped", f.display()),
            ),
        }
    }
    if runs.iter().all(OlmoRun::is_target) {
        return Err(DataError::NoValidRows {
            path: label,
            rows: report.rows_read,
            first: report
                .warnings
                .first()
                .map_or("no run files".into(), |w| w.to_string()),
        });
    }
    let ladder = runs.iter().filter(|r| !r.is_target()).count();
    report.notes.push(format!(
        "{ladder} ladder runs and {} targets; loss = answer bits per byte (5-shot RC), accuracy per character-normalised (BoolQ plain)",
        runs.len() - ladder
    ));
    Ok((
        OlmoLadder {
            dir: label,
            runs,
            paper_train,
        },
        report,
    ))
}

#[cfg(test)]
mod tests {
    use super::parse_name;

    #[test]
    fn names() {
        assert_eq!(
            parse_name("190M-1xC"),
            Some(("190M".into(), Some(1.0), false))
        );
        assert_eq!(
            parse_name("3B-0.5xC"),
            Some(("3B".into(), Some(0.5), false))
        );
        assert_eq!(
            parse_name("1B-1xC-rerun"),
            Some(("1B".into(), Some(1.0), true))
        );
        assert_eq!(
            parse_name("peteish13_eval_final"),
            Some(("13B".into(), None, false))
        );
        assert_eq!(parse_name("190M-1x"), None);
        assert_eq!(parse_name("notes"), None);
    }
}
