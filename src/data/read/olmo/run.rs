//! Reading one OLMo ladder run file: a row per checkpoint, each task's splits averaged
//! with their weights; rows that cannot be read are skipped with a warning naming the file.

use super::tasks::{OLMO_TASKS, OlmoTask};
use super::types::{OlmoCheckpoint, TaskValue};
use crate::data::model::Pos;
use crate::data::model::report::LoadReport;
use std::collections::BTreeMap;
use std::path::Path;

/// Column indices of a task's splits: (weight, loss column, accuracy column).
type TaskCols = Vec<(f64, usize, usize)>;

fn task_columns(task: &OlmoTask, headers: &[String]) -> Option<TaskCols> {
    let find = |name: String| headers.iter().position(|h| *h == name);
    task.splits
        .iter()
        .map(|s| Some((s.weight, find(s.loss_column())?, find(s.acc_column())?)))
        .collect()
}

/// Reads one run file; `None` when it cannot be read at all (with a warning).
pub(super) fn read_run(path: &Path, report: &mut LoadReport) -> Option<Vec<OlmoCheckpoint>> {
    let name = path.display().to_string();
    let mut rdr = match csv::ReaderBuilder::new().flexible(true).from_path(path) {
        Ok(r) => r,
        Err(e) => {
            report.warn(None, None, format!("{name}: cannot read: {e}"));
            return None;
        }
    };
    let headers: Vec<String> = rdr.headers().ok()?.iter().map(str::to_string).collect();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let (tokens_col, step_col, batch_col) = (
        col("throughput/total_tokens"),
        col("_step"),
        col("batch_size_in_tokens"),
    );
    if tokens_col.is_none() && (step_col.is_none() || batch_col.is_none()) {
        report.warn(None, Some("throughput/total_tokens"), format!(
            "{name}: no token count (expected throughput/total_tokens, or _step and batch_size_in_tokens); skipped"
        ));
        return None;
    }
    let tasks: Vec<(&OlmoTask, TaskCols)> = OLMO_TASKS
        .iter()
        .filter_map(|t| match task_columns(t, &headers) {
            Some(c) => Some((t, c)),
            None => {
                report
                    .notes
                    .push(format!("{name}: no columns for task {}; left out", t.id));
                None
            }
        })
        .collect();
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let at = Some(Pos::Line(i as u64 + 2));
        report.rows_read += 1;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                report.warn(at, None, format!("{name}: unreadable row ({e}); skipped"));
                continue;
            }
        };
        if rec.len() != headers.len() {
            report.warn(
                at,
                None,
                format!(
                    "{name}: {} of {} fields (truncated file?); row skipped",
                    rec.len(),
                    headers.len()
                ),
            );
            continue;
        }
        let num = |c: usize| {
            rec.get(c)
                .and_then(|s| s.trim().parse::<f64>().ok())
                .filter(|v| v.is_finite())
        };
        let step = step_col.and_then(num).unwrap_or(f64::NAN);
        let tokens = match (
            tokens_col.and_then(num),
            step_col.and_then(num),
            batch_col.and_then(num),
        ) {
            (Some(t), _, _) => t,
            (None, Some(s), Some(b)) => s * b,
            _ => {
                report.warn(
                    at,
                    None,
                    format!("{name}: no token count in this row; skipped"),
                );
                continue;
            }
        };
        let mut values = BTreeMap::new();
        for (t, cols) in &tasks {
            let parts: Option<Vec<(f64, f64, f64)>> = cols
                .iter()
                .map(|&(w, l, a)| Some((w, num(l)?, num(a)?)))
                .collect();
            if let Some(parts) = parts {
                let wsum: f64 = parts.iter().map(|p| p.0).sum();
                let bpb = parts.iter().map(|p| p.0 * p.1).sum::<f64>() / wsum;
                let acc = parts.iter().map(|p| p.0 * p.2).sum::<f64>() / wsum;
                values.insert(t.id.to_string(), TaskValue { bpb, acc });
            }
        }
        out.push(OlmoCheckpoint {
            step,
            tokens,
            tasks: values,
        });
    }
    Some(out)
}
