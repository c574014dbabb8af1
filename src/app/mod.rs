//! The explorer window (eframe + egui_plot): four linked views, the parameter panel, the
//! models table. The only module that knows about egui, eframe, egui_plot or rfd.

mod central;
pub mod charts;
pub mod columns;
pub mod commands;
pub mod dialogs;
mod family_menu;
pub mod holdout;
mod inputs;
pub mod iso_view;
pub mod jobs;
mod legend;
mod menu;
mod models_panel;
pub mod open;
pub mod overlays;
mod panel;
mod plot;
mod screenshot;
pub mod sensitivity;
mod shortcuts;
pub mod slider;
pub mod startup;
pub mod state;
mod status;
pub mod table;
pub mod uncertainty;

pub use screenshot::ScreenshotPlan;

use crate::io::session;
use commands::Command;
use jobs::Jobs;
use state::{AppState, Persisted};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The application's name, also the folder eframe keeps its state in.
pub const APP_NAME: &str = "Densing Explorer";

pub struct DensingApp {
    pub state: AppState,
    buffers: panel::PanelBuffers,
    table: table::TableState,
    screenshot: Option<ScreenshotPlan>,
    /// When the autosave timer last looked, and the session it last wrote.
    autosaved_at: std::time::Instant,
    autosaved: Option<session::Session>,
    /// The model-free view's toggle and thresholds.
    pub iso: iso_view::IsoView,
}

/// How often the window autosaves a changed session.
pub const AUTOSAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

impl DensingApp {
    /// The app on the embedded sample; `storage` restores recent files and options.
    pub fn new(
        ctx: Option<&egui::Context>,
        storage: Option<&dyn eframe::Storage>,
        screenshot: Option<ScreenshotPlan>,
    ) -> Self {
        Self::open(ctx, storage, screenshot, Vec::new())
    }

    /// The app with `paths` opened in order (tables, folders, results files, sessions:
    /// what `densing PATH…` and file managers give); without paths, the last session.
    pub fn open(
        ctx: Option<&egui::Context>,
        storage: Option<&dyn eframe::Storage>,
        screenshot: Option<ScreenshotPlan>,
        paths: Vec<PathBuf>,
    ) -> Self {
        let mut jobs = Jobs::default();
        jobs.repaint = ctx.cloned();
        // Files replace the sample: its laws are not fitted alongside theirs.
        let mut state = if paths.iter().any(|p| !session::looks_like_session(p)) {
            AppState::deferred(jobs)
        } else {
            AppState::new(jobs)
        };
        let restore = paths.is_empty();
        if screenshot.is_none()
            && let Some(storage) = storage
        {
            // Autosave beside eframe's own state; the last session comes back whole.
            state.autosave_path =
                eframe::storage_dir(APP_NAME).map(|d| d.join("autosave.densing.json"));
            let p = eframe::get_value::<Persisted>(storage, eframe::APP_KEY).unwrap_or_default();
            state.recent = p.recent;
            state.session_path = p.session_path;
            match state
                .autosave_path
                .clone()
                .filter(|a| restore && a.exists())
            {
                Some(autosave) => state.apply(Command::OpenSession(autosave)),
                None => {
                    if let Some(options) = p.options {
                        state.apply(Command::SetOptions {
                            options,
                            key: "restore",
                        });
                    }
                    if let Some(path) = p.last_path.filter(|p| restore && p.exists()) {
                        state.apply(Command::OpenPath(path));
                    }
                }
            }
        }
        if paths.is_empty() {
            startup::apply_startup(&mut state);
        }
        for path in paths {
            state.apply(Command::OpenPath(path));
        }
        overlays::apply_start(&mut state);
        DensingApp {
            state,
            buffers: Default::default(),
            table: Default::default(),
            screenshot,
            autosaved_at: std::time::Instant::now(),
            autosaved: None,
            iso: Default::default(),
        }
    }

    /// One frame of UI (also what the kittest tests drive).
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.state.poll_jobs();
        let mut out = self.shortcuts(&ctx);
        let mut gesture_end = false;
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui, &mut out));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui, &mut out));
        egui::Panel::left("parameters")
            .resizable(true)
            .default_size(330.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    panel::show(
                        ui,
                        &self.state,
                        &mut self.buffers,
                        &mut out,
                        &mut gesture_end,
                    );
                });
            });
        // The table against the views: drag its top edge; from a few rows up to most of
        // the window (issue 22, item 3).
        let screen_h = ctx.content_rect().height();
        egui::Panel::bottom("table")
            .resizable(true)
            .default_size((screen_h * 0.24).clamp(120.0, 260.0))
            .size_range(80.0..=(screen_h * 0.7).max(120.0))
            .show(ui, |ui| {
                table::show(ui, &self.state, &mut self.table, &mut out);
            });
        if let Some(editor) = self.state.columns.as_mut() {
            columns::window(&ctx, editor, &mut out);
        }
        open::window(&ctx, &mut self.state.path_prompt, &mut out);
        if self.state.holdout.open {
            let reference = self
                .state
                .dataset
                .reference
                .as_ref()
                .map(|r| r.dir.as_path());
            holdout::window(&ctx, &self.state.holdout, reference, &mut out);
        }
        let mut shown = Vec::new();
        if self.iso.show.get() {
            egui::CentralPanel::default()
                .show(ui, |ui| iso_view::view(ui, &mut self.iso, &self.state));
        } else {
            egui::CentralPanel::default().show(ui, |ui| self.central(ui, &mut out, &mut shown));
        }
        for v in shown {
            self.state.restore_views.remove(&v);
        }
        // One recompute for whatever the frame's commands changed.
        self.state.apply_all(out);
        if gesture_end {
            self.state.end_gesture();
        }
        self.handle_screenshot(&ctx);
        if self.state.autosave_path.is_some() {
            if self.autosaved_at.elapsed() >= AUTOSAVE_EVERY {
                self.autosave_if_changed();
            }
            // A frame at least every interval, so an idle window still autosaves.
            ctx.request_repaint_after(AUTOSAVE_EVERY);
        }
        if self.state.jobs.is_busy()
            || self.state.uncertainty.is_running()
            || self.state.uncertainty.sensitivity_updating()
            || self.state.holdout.is_running()
        {
            // Progress bars move; results arrive through request_repaint too.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}

impl DensingApp {
    /// Sets the models table's filter (as typing into its field does).
    pub fn table_filter(&mut self, text: &str) {
        self.table.filter = text.to_string();
    }

    /// The models table's sort, filter and rows (tests read and set them).
    pub fn table(&mut self) -> &mut table::TableState {
        &mut self.table
    }

    /// The models table's rows in the order shown (indices into the dataset's models).
    pub fn table_rows(&mut self) -> Vec<usize> {
        self.table.rows(&self.state).to_vec()
    }

    /// Writes the autosave when the session differs from the one last written.
    pub fn autosave_if_changed(&mut self) {
        self.autosaved_at = std::time::Instant::now();
        let now = self.state.session();
        if self.autosaved.as_ref() != Some(&now) && self.state.autosave() {
            self.autosaved = Some(now);
        }
    }
}

impl eframe::App for DensingApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    /// Called by eframe on exit (and on its own timer): the options and recent files, and the
    /// whole session into the autosave file (restored at the next start).
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            eframe::set_value(storage, eframe::APP_KEY, &self.state.persisted());
            self.autosave_if_changed();
        }
    }
}

/// Opens the window. With `screenshot`, saves a PNG of the window once the first fit is
/// drawn and closes; returns an error if that failed.
pub fn run(
    screenshot: Option<PathBuf>,
    size: Option<(f32, f32)>,
    paths: Vec<PathBuf>,
) -> Result<(), String> {
    let (w, h) = size.unwrap_or((1400.0, 900.0));
    let outcome = Arc::new(Mutex::new(None));
    let plan = screenshot.map(|path| ScreenshotPlan::new(path, outcome.clone()));
    let taking = plan.is_some();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([w, h])
            .with_title("Densing Explorer"),
        persist_window: !taking,
        ..Default::default()
    };
    eframe::run_native(
        APP_NAME,
        options,
        Box::new(move |cc| {
            Ok(Box::new(DensingApp::open(
                Some(&cc.egui_ctx),
                cc.storage,
                plan,
                paths,
            )))
        }),
    )
    .map_err(|e| format!("cannot open the window: {e}"))?;
    if taking {
        match outcome.lock().ok().and_then(|o| o.clone()) {
            Some(r) => r,
            None => Err("the window closed before the screenshot was taken".into()),
        }
    } else {
        Ok(())
    }
}
