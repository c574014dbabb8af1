//! What `densing --reference family:SPEC --task TASK --breakpoint DATE [PATH…]` asks the
//! window to do once its data are in: the task to show, the breakpoint, and a model family
//! of the data as the reference. Set once by `main` before the window opens; taken by the
//! first load that succeeds (or at once on the embedded sample when no path is given).

use super::commands::Command;
use super::state::AppState;
use chrono::NaiveDate;
use std::sync::Mutex;

/// The window's start flags.
#[derive(Debug, Default, Clone)]
pub struct Startup {
    pub task: Option<String>,
    pub family: Option<String>,
    pub breakpoint: Option<NaiveDate>,
}

static STARTUP: Mutex<Startup> = Mutex::new(Startup {
    task: None,
    family: None,
    breakpoint: None,
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
    if s.task.is_some() || s.breakpoint.is_some() {
        let mut options = state.options.clone();
        if let Some(task) = s.task {
            options.task = task;
        }
        if s.breakpoint.is_some() {
            options.breakpoint = s.breakpoint;
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
