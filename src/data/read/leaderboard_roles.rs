//! The caller's column choices (`--column ROLE=HEADER`, `--column TASK=HEADER`, the
//! window's column editor) inside the Open LLM Leaderboard layout: each changes the role of
//! the column it names and nothing else. The file keeps its layout (the `olb2_*` tasks, the
//! normalised 0–100 scale, one row kept per model by precision); a choice that names no
//! column of the file is an error, one of a role this layout does not read a warning.

use super::columns::{Role, RoleMap, header_index, locate, unknown_column};
use super::rows::plain_numbers;
use super::table::RawTable;
use crate::data::model::DataError;
use crate::data::model::report::LoadReport;
use crate::data::model::task_names::normalise_task;
use crate::data::model::units::{ScoreScale, SizeUnit};

/// The columns the leaderboard reader uses, after the caller's choices.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LayoutColumns {
    pub name: usize,
    /// The size column and the unit of its plain numbers.
    pub params: Option<(usize, SizeUnit)>,
    pub date: Option<usize>,
    pub family: Option<usize>,
    /// Benchmark columns: column, task id, scale of its cells.
    pub benches: Vec<(usize, String, ScoreScale)>,
}

/// Applies `roles` to the layout's own columns (`found`, as read without choices) and says
/// in the report what each choice changed.
pub(super) fn apply(
    t: &RawTable,
    roles: &RoleMap,
    mut found: LayoutColumns,
    report: &mut LoadReport,
) -> Result<LayoutColumns, DataError> {
    let mut changed = Vec::new();
    for (role, header) in &roles.columns {
        let Some(col) = locate(&t.path, &t.headers, roles, *role)? else {
            continue;
        };
        match role {
            Role::Model => found.name = col,
            Role::Params | Role::ParamsBillions => {
                let unit = match (roles.size_unit, role) {
                    (Some(u), _) => u,
                    (None, Role::ParamsBillions) => SizeUnit::Billions,
                    (None, _) => SizeUnit::guess(plain_numbers(t, col)),
                };
                found.params = Some((col, unit));
            }
            Role::ReleaseDate => found.date = Some(col),
            Role::Family => found.family = Some(col),
            other => {
                report.warn(
                    None,
                    Some(header.as_str()),
                    format!(
                        "chosen as {}, which an Open LLM Leaderboard export does not use; ignored",
                        other.describe()
                    ),
                );
                continue;
            }
        }
        // A column now holding a role is no longer a benchmark.
        found.benches.retain(|(c, ..)| *c != col);
        changed.push(format!("{} ← '{}'", role.describe(), t.headers[col]));
    }
    for (bench, header) in &roles.benchmarks {
        let col = header_index(&t.headers, header).ok_or_else(|| {
            unknown_column(&t.path, &t.headers, &format!("benchmark {bench}"), header)
        })?;
        let task = normalise_task(bench);
        // The layout's scale for one of its own columns, else the caller's or a guess.
        let own = found
            .benches
            .iter()
            .find(|(c, ..)| *c == col)
            .map(|(_, _, s)| *s);
        let scale = match (roles.score_scales.get(&task), own) {
            (Some(s), _) => *s,
            (None, Some(s)) => s,
            (None, None) => ScoreScale::guess(plain_numbers(t, col)),
        };
        found.benches.retain(|(c, b, _)| *c != col && *b != task);
        found.benches.push((col, task.clone(), scale));
        changed.push(format!(
            "benchmark {task} ← '{}' ({})",
            t.headers[col],
            scale.describe()
        ));
    }
    for (_, b, s) in found.benches.iter_mut() {
        if let Some(chosen) = roles.score_scales.get(b.as_str()) {
            *s = *chosen;
        }
    }
    if let Some(u) = roles.size_unit
        && let Some((_, unit)) = found.params.as_mut()
    {
        *unit = u;
    }
    if !changed.is_empty() {
        report.notes.push(format!(
            "read as an Open LLM Leaderboard export with the columns chosen: {}; every other column, the scores' scale and the one-row-per-model rule are the layout's",
            changed.join(", ")
        ));
    }
    Ok(found)
}
