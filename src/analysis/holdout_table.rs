//! The held-out table of a real ladder's target: per task, step 1, step 2 and the chain,
//! ours next to the OLMo ladder paper's own published prediction. `densing holdout` prints
//! it; the window shows it (computed on a worker thread, task by task with progress).

use super::ladder_holdout::{
    HoldoutError, Prediction, Recipe, TaskHoldout, ladder_holdout, paper_figure,
};
use crate::data::{OLMO_TASKS, OlmoLadder, paper_figure_key};

/// One task: our fit's predictions and the paper's, in the order step 1, step 2, chained.
#[derive(Debug, Clone)]
pub struct HoldoutRow {
    pub ours: TaskHoldout,
    pub paper: [Option<Prediction>; 3],
}

/// Every task's held-out prediction of one target.
#[derive(Debug, Clone)]
pub struct HoldoutTable {
    /// The ladder folder.
    pub reference: String,
    pub target: String,
    pub recipe: Recipe,
    /// Which runs and checkpoints the fits read.
    pub selection: String,
    pub rows: Vec<HoldoutRow>,
    /// Tasks whose fit failed, with why (one failure does not hide the others).
    pub failed: Vec<String>,
    /// Whether the paper's figures were found (it published the 13B target only).
    pub has_paper: bool,
}

/// The held-out table of `target`: every task of the ladder, or only `task` (whose failure
/// is then the error). `figures` are the paper's CSV texts ([`crate::data::read_paper_figures`]);
/// they are used for the 13B target only. `progress(done, total)` is called before each
/// task and stops the work when it returns false (`Ok` with the tasks done so far).
pub fn holdout_table(
    ladder: &OlmoLadder,
    figures: Option<&[String; 3]>,
    target: &str,
    task: Option<&str>,
    recipe: Recipe,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<HoldoutTable, HoldoutError> {
    let sel = recipe.selection();
    let tasks: Vec<&str> = match task {
        Some(t) => vec![t],
        None => OLMO_TASKS.iter().map(|t| t.id).collect(),
    };
    // The paper's figures are for its 13B-5T target only.
    let figures = figures.filter(|_| target.eq_ignore_ascii_case("13B"));
    let mut table = HoldoutTable {
        reference: ladder.dir.clone(),
        target: target.to_string(),
        recipe,
        selection: sel.describe(ladder),
        rows: Vec::new(),
        failed: Vec::new(),
        has_paper: figures.is_some(),
    };
    for (i, t) in tasks.iter().enumerate() {
        if !progress(i, tasks.len()) {
            return Ok(table);
        }
        let ours = match ladder_holdout(ladder, target, t, recipe, &sel) {
            Ok(o) => o,
            Err(e) if task.is_none() && !matches!(e, HoldoutError::NoTarget { .. }) => {
                table.failed.push(e.to_string());
                continue;
            }
            Err(e) => return Err(e),
        };
        let paper = match (figures, paper_figure_key(t)) {
            (Some(f), Some(key)) => [0, 1, 2].map(|i| paper_figure(&f[i], key)),
            _ => [None; 3],
        };
        table.rows.push(HoldoutRow { ours, paper });
    }
    progress(tasks.len(), tasks.len());
    Ok(table)
}
