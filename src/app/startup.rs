//! What `densing --reference family:SPEC --task TASK --breakpoint DATE --dates-from KIND
//! --only WORDS [PATH…]` asks the window to do once its data are in: the task to show, the
//! breakpoint, the dates and filters, and a model family of the data as the reference. Set once by `main` before the window opens; taken by the
//! first load that succeeds (or at once on the embedded sample when no path is given).

use super::commands::Command;
use super::state::AppState;
use crate::analysis::filters::{DatesFrom, ModelFilter};
use chrono::NaiveDate;
use std::sync::Mutex;

/// The window's start flags.
#[derive(Debug, Default, Clone)]
pub struct Startup {
    pub task: Option<String>,
    pub family: Option<String>,
    pub breakpoint: Option<NaiveDate>,
    /// `--dates-from upload|submission`: undated models placed at that date.
    pub dates_from: Option<DatesFrom>,
    /// `--only pretrained,official`.
    pub only: Vec<ModelFilter>,
}

static STARTUP: Mutex<Startup> = Mutex::new(Startup {
    task: None,
    family: None,
    breakpoint: None,
    dates_from: None,
    only: Vec::new(),
});

/// Asks the window to start as `startup` says.
pub fn start_with(startup: Startup) {
    if let Ok(mut s) = STARTUP.lock() {
        *s = startup;
    }
}

/// Applies (once) what was asked at start to `state`.
pub(super) fn apply_startup(state: &mut AppState) {
    let Some(s) = STARTUP.lock().ok().map(|mut s| std::mem::take(&mut *s)) else {
        return;
    };
    // As `densing report --dates-from` on a data file: the embedded base-model release
    // dates first, the chosen kind of date only for the models still without one.
    if s.dates_from.is_some() {
        state.apply(Command::JoinEmbeddedDates);
    }
    if s.task.is_some() || s.breakpoint.is_some() || s.dates_from.is_some() || !s.only.is_empty() {
        let mut options = state.options.clone();
        if let Some(task) = s.task {
            options.task = task;
        }
        if s.breakpoint.is_some() {
            options.breakpoint = s.breakpoint;
        }
        if let Some(d) = s.dates_from {
            options.dates_from = d;
        }
        if !s.only.is_empty() {
            options.only = s.only;
        }
        state.apply(Command::SetOptions {
            options,
            key: "startup",
        });
    }
    if let Some(spec) = s.family {
        state.apply(Command::UseFamilyReference(spec));
    }
}
