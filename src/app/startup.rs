//! What `densing --reference family:SPEC --task TASK [PATH…]` asks the window to do once
//! its data are in: the task to show and a model family of the data as the reference. Set
//! once by `main` before the window opens; taken by the first load that succeeds (or at
//! once on the embedded sample when no path is given).

use super::commands::Command;
use super::state::AppState;
use std::sync::Mutex;

#[derive(Debug, Default, Clone)]
struct Startup {
    task: Option<String>,
    family: Option<String>,
}

static STARTUP: Mutex<Startup> = Mutex::new(Startup {
    task: None,
    family: None,
});

/// Asks the window to show `task` and measure against the family `family` at start.
pub fn start_with(task: Option<String>, family: Option<String>) {
    if let Ok(mut s) = STARTUP.lock() {
        *s = Startup { task, family };
    }
}

/// Applies (once) what was asked at start to `state`.
pub(super) fn apply_startup(state: &mut AppState) {
    let Some(s) = STARTUP.lock().ok().map(|mut s| std::mem::take(&mut *s)) else {
        return;
    };
    if let Some(task) = s.task {
        let mut options = state.options.clone();
        options.task = task;
        state.apply(Command::SetOptions {
            options,
            key: "startup",
        });
    }
    if let Some(spec) = s.family {
        state.apply(Command::UseFamilyReference(spec));
    }
}
