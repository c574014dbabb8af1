//! The held-out table (issue 12) in a window of its own: for a loaded reference ladder,
//! each task's step 1 (task loss from N, D), step 2 (accuracy from the actual task loss)
//! and the chain, ours next to the OLMo ladder paper's own prediction, as `densing holdout`
//! prints them. The fits take seconds per task, so the table is computed on a worker thread
//! with progress and cancel; the window stays responsive.

use super::commands::Command;
use crate::analysis::holdout_table::{HoldoutTable, holdout_table};
use crate::analysis::ladder_holdout::{Prediction, Recipe};
use crate::data::{read_olmo_ladder, read_paper_figures};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};

/// The targets of the OLMo ladder (OLMo-2 1B, 7B and 13B).
pub const TARGETS: [&str; 3] = ["13B", "7B", "1B"];

/// A computation under way.
struct Running {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    result: Receiver<Result<HoldoutTable, String>>,
}

/// The window's state: its choices, the running computation and the last table.
pub struct Holdout {
    pub open: bool,
    pub target: String,
    pub recipe: Recipe,
    running: Option<Running>,
    pub table: Option<HoldoutTable>,
    pub error: Option<String>,
}

impl Default for Holdout {
    fn default() -> Self {
        Holdout {
            open: false,
            target: TARGETS[0].into(),
            recipe: Recipe::Paper,
            running: None,
            table: None,
            error: None,
        }
    }
}

impl Holdout {
    /// Starts computing the table of the ladder at `dir` (a running one is cancelled).
    pub fn start(&mut self, dir: &Path, repaint: Option<egui::Context>) {
        self.cancel();
        let (tx, rx) = channel();
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (d, t, c) = (done.clone(), total.clone(), cancel.clone());
        let (dir, target, recipe): (PathBuf, String, Recipe) =
            (dir.into(), self.target.clone(), self.recipe);
        let spawned = std::thread::Builder::new()
            .name("holdout".into())
            .spawn(move || {
                let result = compute(&dir, &target, recipe, &mut |i, n| {
                    d.store(i, Ordering::Relaxed);
                    t.store(n, Ordering::Relaxed);
                    if let Some(ctx) = &repaint {
                        ctx.request_repaint();
                    }
                    !c.load(Ordering::Relaxed)
                });
                let _ = tx.send(result);
                if let Some(ctx) = &repaint {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => {
                self.error = None;
                self.running = Some(Running {
                    done,
                    total,
                    cancel,
                    result: rx,
                });
            }
            Err(e) => self.error = Some(format!("cannot start the held-out fits: {e}")),
        }
    }

    pub fn cancel(&mut self) {
        if let Some(r) = self.running.take() {
            r.cancel.store(true, Ordering::Relaxed);
        }
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// (tasks done, tasks in all) of the running computation.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.running.as_ref().map(|r| {
            (
                r.done.load(Ordering::Relaxed),
                r.total.load(Ordering::Relaxed),
            )
        })
    }

    /// Takes in a finished table; true when one arrived.
    pub fn poll(&mut self) -> bool {
        let Some(r) = &self.running else {
            return false;
        };
        match r.result.try_recv() {
            Ok(result) => {
                self.running = None;
                match result {
                    Ok(t) => {
                        self.table = Some(t);
                        self.error = None;
                    }
                    Err(e) => self.error = Some(e),
                }
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.running = None;
                self.error = Some("the held-out computation stopped unexpectedly".into());
                true
            }
        }
    }
}

fn compute(
    dir: &Path,
    target: &str,
    recipe: Recipe,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<HoldoutTable, String> {
    let (ladder, _) = read_olmo_ladder(dir).map_err(|e| e.to_string())?;
    let figures = read_paper_figures(dir);
    holdout_table(&ladder, figures.as_ref(), target, None, recipe, progress)
        .map_err(|e| e.to_string())
}

/// The window. `reference` is the loaded reference ladder's folder, if any.
pub fn window(ctx: &egui::Context, h: &Holdout, reference: Option<&Path>, out: &mut Vec<Command>) {
    let mut open = h.open;
    // Fits the screen (1280×720 up): what does not fit scrolls, nothing is cut.
    let height = (ctx.content_rect().height() - 120.0).clamp(200.0, 640.0);
    egui::Window::new("Held-out predictions")
        .id(egui::Id::unique("holdout_window"))
        .open(&mut open)
        .default_width(680.0)
        .default_height(height)
        .max_height(height)
        .show(ctx, |ui| {
            let Some(dir) = reference else {
                ui.label(
                    "No reference ladder is loaded. File → Open reference ladder… opens an OLMo \
                     ladder-runs folder; its held-out targets are then predicted here.",
                );
                return;
            };
            controls(ui, h, dir, out);
            if let Some(e) = &h.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            if let Some(t) = &h.table {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, true])
                    .show(ui, |ui| table(ui, t));
            }
        });
    if open != h.open {
        out.push(Command::ToggleHoldout);
    }
}

fn controls(ui: &mut egui::Ui, h: &Holdout, dir: &Path, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let mut target = h.target.clone();
        egui::ComboBox::from_label("target")
            .selected_text(&target)
            .show_ui(ui, |ui| {
                for t in TARGETS {
                    ui.selectable_value(&mut target, t.to_string(), format!("OLMo-2 {t}"));
                }
            });
        let mut recipe = h.recipe;
        egui::ComboBox::from_label("recipe")
            .selected_text(recipe.name())
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut recipe, Recipe::Paper, "paper")
                    .on_hover_text("The OLMo ladder paper's fitting recipe (its runs, starts, objective and bounds)");
                ui.selectable_value(&mut recipe, Recipe::HuberLog, "huber-log")
                    .on_hover_text("This app's recipe: multi-start Huber fits on log residuals, sigmoid bounded by 100 and chance");
            });
        if target != h.target || recipe != h.recipe {
            out.push(Command::SetHoldout { target, recipe });
        }
        if h.is_running() {
            ui.spinner();
            if let Some((done, total)) = h.progress() {
                ui.label(format!("task {} of {total}", (done + 1).min(total.max(1))));
            }
            if ui.button("cancel").clicked() {
                out.push(Command::CancelHoldout);
            }
        } else if ui
            .button("predict")
            .on_hover_text(format!(
                "Fit both steps on {} and predict the target (takes tens of seconds)",
                dir.display()
            ))
            .clicked()
        {
            out.push(Command::RunHoldout);
        }
    });
}

fn pct(p: &Prediction) -> String {
    format!("{:+.1}%", 100.0 * p.rel_error())
}

/// A prediction's value as the app shows it: loss in bits per byte, accuracy in points
/// (0–100, as the window's scores; the command line prints 0–1).
fn value(v: f64, accuracy: bool) -> String {
    if accuracy {
        format!("{:.2}", 100.0 * v)
    } else {
        format!("{v:.4}")
    }
}

fn table(ui: &mut egui::Ui, t: &HoldoutTable) {
    ui.label(format!(
        "Target {} relative to the OLMo ladder ({}), recipe {}. Fitted on {}. Actual: mean of \
         the target's last 5 checkpoints; loss in bits per byte, accuracy in points (0–100); \
         error = (predicted − actual)/actual.",
        t.target,
        t.reference,
        t.recipe.name(),
        t.selection
    ));
    // Said first: a task missing from the table is not found below it.
    for f in &t.failed {
        ui.colored_label(ui.visuals().warn_fg_color, format!("not fitted: {f}"));
    }
    egui::Grid::new("holdout_grid")
        .striped(true)
        .num_columns(7)
        .show(ui, |ui| {
            for head in [
                "task",
                "step",
                "actual",
                "ours",
                "error",
                "paper",
                "paper error",
            ] {
                ui.strong(head);
            }
            ui.end_row();
            for r in &t.rows {
                let steps = [
                    ("1: loss (bpb)", &r.ours.step1, false),
                    ("2: accuracy", &r.ours.step2, true),
                    ("chained", &r.ours.chained, true),
                ];
                for (i, (name, p, acc)) in steps.into_iter().enumerate() {
                    ui.label(if i == 0 { r.ours.task.as_str() } else { "" });
                    ui.label(name);
                    ui.label(value(p.actual, acc));
                    ui.label(value(p.predicted, acc));
                    ui.label(pct(p));
                    match &r.paper[i] {
                        Some(q) => {
                            ui.label(value(q.predicted, acc));
                            ui.label(pct(q));
                        }
                        None => {
                            ui.label("-");
                            ui.label("-");
                        }
                    }
                    ui.end_row();
                }
            }
        });
    // What `densing holdout` prints under its table: each task's bounds and points.
    ui.label("Per task: sigmoid bounds; points fitted:");
    for r in &t.rows {
        let grid = if r.ours.step1_from_grid && t.recipe == Recipe::Paper {
            "; step 1 from the multi-start grid (the paper's start did not converge)"
        } else {
            ""
        };
        ui.label(format!(
            "{}: {} ({} loss points, {} checkpoints{grid})",
            r.ours.task,
            r.ours.bounds.describe(),
            r.ours.n_loss_points,
            r.ours.n_sigmoid_points
        ));
    }
    if !t.has_paper {
        ui.label("The paper published predictions for the 13B target only; none shown.");
    }
}
