//! Ladder points (parameters, tokens or training FLOP, loss, optional task) and sigmoid
//! checkpoints (loss, score, optional task). One file may hold several tasks.

use super::columns::{Role, RoleMap, locate};
use super::rows::{RowLog, Skip, describe_columns, number, opt_score, opt_size, plain_numbers};
use super::table::{Cell, RawTable};
use crate::data::model::report::{LoadReport, TableKind};
use crate::data::model::units::{ScoreScale, SizeUnit};
use crate::data::model::{CheckpointRow, DataError, LadderRow};

fn require(t: &RawTable, roles: &RoleMap, role: Role) -> Result<usize, DataError> {
    let c = locate(&t.path, &t.headers, roles, role)?.ok_or_else(|| DataError::MissingColumn {
        path: t.path.clone(),
        role: role.describe(),
        expected: role.synonyms().join(", "),
    })?;
    t.check_usable(c, "numbers")?;
    Ok(c)
}

fn task_of(t: &RawTable, col: Option<usize>, row: usize, default_task: &str) -> String {
    match col.map(|c| t.cell(c, row)) {
        Some(Cell::Missing) | None => default_task.to_string(),
        Some(c) => c.shown().to_lowercase(),
    }
}

fn task_column(
    t: &RawTable,
    roles: &RoleMap,
    default_task: &str,
    assigned: &mut Vec<(usize, String)>,
    report: &mut LoadReport,
) -> Result<Option<usize>, DataError> {
    let c = locate(&t.path, &t.headers, roles, Role::Task)?;
    match c {
        Some(c) => assigned.push((c, "task".into())),
        None => report.notes.push(format!(
            "no task column: every row is task '{default_task}'"
        )),
    }
    Ok(c)
}

/// Reads ladder points; tokens directly, or training FLOP converted with C = 6ND.
pub fn ladder_from_table(
    t: &RawTable,
    roles: &RoleMap,
    default_task: &str,
    report: &mut LoadReport,
) -> Result<Vec<LadderRow>, DataError> {
    report.kind = Some(TableKind::Ladder);
    let n_col = require(t, roles, Role::Params)?;
    let loss_col = require(t, roles, Role::Loss)?;
    let (tokens_col, from_flop) = match (
        locate(&t.path, &t.headers, roles, Role::Tokens)?,
        locate(&t.path, &t.headers, roles, Role::TrainingFlop)?,
    ) {
        (Some(c), _) => (c, false),
        (None, Some(c)) => (c, true),
        (None, None) => {
            return Err(DataError::MissingColumn {
                path: t.path.clone(),
                role: Role::Tokens.describe(),
                expected: [Role::Tokens.synonyms(), Role::TrainingFlop.synonyms()]
                    .concat()
                    .join(", "),
            });
        }
    };
    t.check_usable(tokens_col, "numbers")?;
    let unit = roles
        .size_unit
        .unwrap_or_else(|| SizeUnit::guess(plain_numbers(t, n_col)));
    report.units.push(format!(
        "column '{}': {}",
        t.headers[n_col],
        unit.describe()
    ));
    if from_flop {
        report.units.push(format!(
            "column '{}': training FLOP, tokens = C / (6·N)",
            t.headers[tokens_col]
        ));
    }
    let mut assigned = vec![
        (n_col, "parameter count".to_string()),
        (
            tokens_col,
            if from_flop {
                "training FLOP"
            } else {
                "training tokens"
            }
            .to_string(),
        ),
        (loss_col, "loss".to_string()),
    ];
    let task_col = task_column(t, roles, default_task, &mut assigned, report)?;
    describe_columns(t, &assigned, report);
    let mut log = RowLog::new();
    let mut out = Vec::with_capacity(t.n_rows());
    for row in 0..t.n_rows() {
        let read = || -> Result<LadderRow, Skip> {
            let n_params = opt_size(t, n_col, row, unit)?
                .ok_or_else(|| Skip::new(t, n_col, row, "a positive number"))?;
            let tokens_or_flop = number(t, tokens_col, row, true)?;
            let n_tokens = if from_flop {
                tokens_or_flop / (6.0 * n_params)
            } else {
                tokens_or_flop
            };
            let loss = number(t, loss_col, row, true)?;
            Ok(LadderRow {
                task: task_of(t, task_col, row, default_task),
                n_params,
                n_tokens,
                loss,
            })
        };
        match read() {
            Ok(r) => out.push(r),
            Err(skip) => log.skip(t.rows[row], skip),
        }
    }
    log.finish(t, out.len(), report)?;
    Ok(out)
}

/// Reads sigmoid checkpoints; the score column's scale is decided over the whole column.
pub fn checkpoints_from_table(
    t: &RawTable,
    roles: &RoleMap,
    default_task: &str,
    report: &mut LoadReport,
) -> Result<Vec<CheckpointRow>, DataError> {
    report.kind = Some(TableKind::Checkpoints);
    let loss_col = require(t, roles, Role::Loss)?;
    let score_col = require(t, roles, Role::Score)?;
    let scale = roles
        .score_scales
        .get("score")
        .copied()
        .unwrap_or_else(|| ScoreScale::guess(plain_numbers(t, score_col)));
    report.units.push(format!(
        "column '{}': scores {}",
        t.headers[score_col],
        scale.describe()
    ));
    let mut assigned = vec![
        (loss_col, "loss".to_string()),
        (score_col, "score".to_string()),
    ];
    let task_col = task_column(t, roles, default_task, &mut assigned, report)?;
    describe_columns(t, &assigned, report);
    let mut log = RowLog::new();
    let mut out = Vec::with_capacity(t.n_rows());
    for row in 0..t.n_rows() {
        let read = || -> Result<CheckpointRow, Skip> {
            let loss = number(t, loss_col, row, true)?;
            let score = opt_score(t, score_col, row, scale)?
                .ok_or_else(|| Skip::new(t, score_col, row, "a score"))?;
            Ok(CheckpointRow {
                task: task_of(t, task_col, row, default_task),
                loss,
                score,
            })
        };
        match read() {
            Ok(r) => out.push(r),
            Err(skip) => log.skip(t.rows[row], skip),
        }
    }
    log.finish(t, out.len(), report)?;
    Ok(out)
}
