//! The explorer window (eframe + egui_plot): four linked views, the parameter panel, the
//! models table. The only module that knows about egui, eframe, egui_plot or rfd.

pub mod columns;
pub mod commands;
pub mod jobs;
mod open;
mod panel;
mod plot;
pub mod slider;
pub mod state;
mod table;
pub mod uncertainty;

use crate::io::session;
use commands::{Command, View};
use jobs::Jobs;
use state::{AppState, Persisted};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The application's name, also the folder eframe keeps its state in.
pub const APP_NAME: &str = "Densing Explorer";

/// A screenshot to take once the first fit is drawn, then exit.
pub struct ScreenshotPlan {
    pub path: PathBuf,
    /// Frames drawn since the data became ready.
    ready_frames: u32,
    requested: bool,
    /// Filled by the screenshot callback: Ok(()) or the error.
    pub outcome: Arc<Mutex<Option<Result<(), String>>>>,
}

pub struct DensingApp {
    pub state: AppState,
    buffers: panel::PanelBuffers,
    table: table::TableState,
    screenshot: Option<ScreenshotPlan>,
    /// When the autosave timer last looked, and the session it last wrote.
    autosaved_at: std::time::Instant,
    autosaved: Option<session::Session>,
    open_by_path: open::OpenByPath,
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
        let mut state = AppState::new(jobs);
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
        for path in paths {
            state.apply(Command::OpenPath(path));
        }
        DensingApp {
            state,
            buffers: Default::default(),
            table: Default::default(),
            screenshot,
            autosaved_at: std::time::Instant::now(),
            autosaved: None,
            open_by_path: Default::default(),
        }
    }

    fn shortcuts(&self, ctx: &egui::Context) -> Vec<Command> {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let mut out = Vec::new();
        let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        ctx.input_mut(|i| {
            if i.consume_shortcut(&KeyboardShortcut::new(ctrl_shift, Key::Z)) {
                out.push(Command::Redo);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Z)) {
                out.push(Command::Undo);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)) {
                out.push(Command::Redo);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(ctrl_shift, Key::S)) {
                out.push(Command::SaveSessionAsDialog);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::S)) {
                out.push(Command::SaveSession);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(ctrl_shift, Key::O)) {
                out.push(Command::OpenSessionDialog);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O)) {
                out.push(Command::OpenDialog);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)) {
                out.push(Command::ExportAllDialog);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::R)) {
                out.push(Command::FitAll);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::K)) {
                out.push(Command::EditColumns);
            }
            for f in &i.raw.dropped_files {
                let p = f.path();
                if !p.as_os_str().is_empty() {
                    out.push(Command::OpenPath(p.to_path_buf()));
                }
            }
        });
        out
    }

    fn menu_bar(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("Open…").shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    out.push(Command::OpenDialog);
                }
                if ui.button("Open the embedded sample").clicked() {
                    out.push(Command::OpenSample);
                }
                if ui
                    .button("Open reference ladder…")
                    .on_hover_text(
                        "A real reference ladder folder (OLMo ladder-runs): the current models' \
                         densities become relative to it (scores must be on its protocol)",
                    )
                    .clicked()
                {
                    out.push(Command::OpenReferenceDialog);
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Open session…").shortcut_text("Ctrl+Shift+O"))
                    .on_hover_text("Open a saved session: its data files, laws, options and view")
                    .clicked()
                {
                    out.push(Command::OpenSessionDialog);
                }
                if ui
                    .add(egui::Button::new("Save session").shortcut_text("Ctrl+S"))
                    .on_hover_text(match &self.state.session_path {
                        Some(p) => format!("Save to {}", p.display()),
                        None => "Choose where to save the session".into(),
                    })
                    .clicked()
                {
                    out.push(Command::SaveSession);
                }
                if ui
                    .add(egui::Button::new("Save session as…").shortcut_text("Ctrl+Shift+S"))
                    .clicked()
                {
                    out.push(Command::SaveSessionAsDialog);
                }
                ui.separator();
                ui.menu_button("Recent", |ui| {
                    if self.state.recent.is_empty() {
                        ui.label("none yet");
                    }
                    for p in &self.state.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Command::OpenPath(p.clone()));
                        }
                    }
                });
                if ui
                    .add(egui::Button::new("Export all charts…").shortcut_text("Ctrl+E"))
                    .clicked()
                {
                    out.push(Command::ExportAllDialog);
                }
                if ui.button("Load report").clicked() {
                    out.push(Command::ToggleLoadReport);
                }
                if ui
                    .add_enabled(
                        self.state.columns.is_some(),
                        egui::Button::new("Choose columns…").shortcut_text("Ctrl+K"),
                    )
                    .on_hover_text(
                        "Say which column of the last file holds each role, then reload it",
                    )
                    .on_disabled_hover_text("Open a table first")
                    .clicked()
                {
                    out.push(Command::EditColumns);
                }
            });
            ui.menu_button("Edit", |ui| {
                if ui
                    .add_enabled(
                        self.state.can_undo(),
                        egui::Button::new("Undo").shortcut_text("Ctrl+Z"),
                    )
                    .clicked()
                {
                    out.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        self.state.can_redo(),
                        egui::Button::new("Redo").shortcut_text("Ctrl+Shift+Z"),
                    )
                    .clicked()
                {
                    out.push(Command::Redo);
                }
            });
            ui.menu_button("Fit", |ui| {
                if ui
                    .add(egui::Button::new("Fit all tasks").shortcut_text("Ctrl+R"))
                    .clicked()
                {
                    out.push(Command::FitAll);
                }
                if ui
                    .add_enabled(
                        self.state.jobs.is_busy(),
                        egui::Button::new("Cancel running fits"),
                    )
                    .clicked()
                {
                    out.push(Command::CancelJobs);
                }
            });
            ui.menu_button("View", |ui| {
                for v in View::ALL {
                    let on = self.state.enlarged == Some(v);
                    if ui
                        .selectable_label(on, format!("Enlarge {}", v.title()))
                        .clicked()
                    {
                        out.push(Command::ToggleEnlarge(v));
                    }
                }
            });
        });
    }

    fn status_bar(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.label(&self.state.status);
            for (_, job) in &self.state.jobs.running {
                ui.separator();
                ui.label(&job.name);
                match job.progress() {
                    Some(p) => ui.add(egui::ProgressBar::new(p).desired_width(120.0).show_percentage()),
                    None => ui.spinner(),
                };
            }
            if self.state.jobs.is_busy() && ui.small_button("cancel").clicked() {
                out.push(Command::CancelJobs);
            }
            uncertainty::controls(ui, &self.state.uncertainty, out);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(egui::RichText::new("models: real public scores · ladder & checkpoints: synthetic").small())
                    .on_hover_text("See sample_data/README.md: release dates, sizes and scores are real, with sources; the ladder and sigmoid points are simulated from illustrative constants.");
            });
        });
    }

    fn view(
        &self,
        ui: &mut egui::Ui,
        view: View,
        height: f32,
        out: &mut Vec<Command>,
        shown: &mut Vec<View>,
    ) {
        ui.horizontal(|ui| {
            ui.strong(view.title());
            let label = if self.state.enlarged == Some(view) {
                "back to grid"
            } else {
                "enlarge"
            };
            if ui
                .small_button(label)
                .on_hover_text("Show this view alone")
                .clicked()
            {
                out.push(Command::ToggleEnlarge(view));
            }
            if ui
                .small_button("export")
                .on_hover_text("Save this chart as SVG or PNG")
                .clicked()
            {
                out.push(Command::ExportChartDialog(view));
            }
        });
        if self.state.waiting() {
            ui.vertical_centered(|ui| {
                ui.add_space(height * 0.35);
                ui.spinner();
                ui.label("fitting the laws…");
            });
            return;
        }
        let id = egui::Id::unique(("densing_plot", view));
        let current = self.state.views.get(&view).cloned().unwrap_or_default();
        let restore = self.state.restore_views.contains(&view);
        let chart = self.state.charts.get(view);
        if let Some(now) = plot::show_chart(ui, chart, id, height - 60.0, &current, restore) {
            shown.push(view);
            if now != current {
                out.push(Command::ViewChanged {
                    view,
                    view_state: now,
                });
            }
        }
    }

    /// The bar that asks for a session's missing or changed data files.
    fn pending_session(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let Some(p) = &self.state.pending_session else {
            return;
        };
        egui::Frame::new()
            .fill(ui.visuals().extreme_bg_color)
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.label(format!("Session {}:", p.path.display()));
                let mut any_changed = false;
                for (i, (f, st)) in p.session.data.iter().zip(&p.statuses).enumerate() {
                    let what = match st {
                        session::FileStatus::Found(_) => continue,
                        session::FileStatus::Missing => "is missing (moved or deleted)",
                        session::FileStatus::Changed(_) => {
                            any_changed = true;
                            "changed since the session was saved (its content hash differs)"
                        }
                    };
                    ui.horizontal(|ui| {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("data file {} {what}", f.path.display()),
                        );
                        if ui
                            .small_button(format!("locate {}", i + 1))
                            .on_hover_text("Point to where this file is now")
                            .clicked()
                        {
                            out.push(Command::LocateSessionFileDialog(i));
                        }
                    });
                }
                ui.horizontal(|ui| {
                    if any_changed
                        && ui
                            .button("open with the changed files")
                            .on_hover_text("The analysis may differ from the one saved")
                            .clicked()
                    {
                        out.push(Command::AcceptChangedData);
                    }
                    if ui.button("cancel").clicked() {
                        out.push(Command::CancelSessionOpen);
                    }
                });
            });
    }

    fn central(&self, ui: &mut egui::Ui, out: &mut Vec<Command>, shown: &mut Vec<View>) {
        self.pending_session(ui, out);
        if let Some(err) = &self.state.error {
            egui::Frame::new()
                .fill(ui.visuals().extreme_bg_color)
                .inner_margin(6.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.colored_label(ui.visuals().error_fg_color, format!("Error: {err}"));
                        if ui.small_button("dismiss").clicked() {
                            out.push(Command::DismissError);
                        }
                    });
                });
        }
        if self.state.show_load_report {
            ui.group(|ui| {
                egui::ScrollArea::vertical()
                    .id_salt("load_report")
                    .max_height(220.0)
                    .show(ui, |ui| ui.label(&self.state.load_report));
            });
        }
        if self.state.uncertainty.show_sensitivity {
            return uncertainty::sensitivity_view(ui, &self.state.uncertainty, out);
        }
        let avail = ui.available_size();
        match self.state.enlarged {
            Some(v) => self.view(ui, v, avail.y, out, shown),
            None => {
                let h = (avail.y / 2.0 - 8.0).max(120.0);
                let w = (avail.x / 2.0 - 8.0).max(150.0);
                egui::Grid::new("views")
                    .num_columns(2)
                    .spacing([8.0, 8.0])
                    .show(ui, |ui| {
                        for (i, v) in View::ALL.into_iter().enumerate() {
                            ui.allocate_ui(egui::vec2(w, h), |ui| {
                                ui.set_min_size(egui::vec2(w, h));
                                ui.vertical(|ui| self.view(ui, v, h, out, shown));
                            });
                            if i % 2 == 1 {
                                ui.end_row();
                            }
                        }
                    });
            }
        }
    }

    fn handle_screenshot(&mut self, ctx: &egui::Context) {
        let ready = !self.state.waiting()
            && !self.state.jobs.is_busy()
            && self.state.analysis.regression.is_some();
        let Some(plan) = &mut self.screenshot else {
            return;
        };
        if let Some(outcome) = plan.outcome.lock().ok().and_then(|o| o.clone()) {
            if let Err(e) = outcome {
                eprintln!("error: screenshot: {e}");
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if ready && !plan.requested {
            plan.ready_frames += 1;
            // A few frames so that the plots have laid out their bounds.
            if plan.ready_frames >= 5 {
                plan.requested = true;
                let (path, outcome, c) = (plan.path.clone(), plan.outcome.clone(), ctx.clone());
                ctx.request_screenshot(move |image| {
                    let result = save_png(&path, &image);
                    if let Ok(mut o) = outcome.lock() {
                        *o = Some(result);
                    }
                    c.request_repaint();
                });
            }
        }
        ctx.request_repaint();
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
        egui::Panel::bottom("table")
            .resizable(true)
            .default_size(200.0)
            .show(ui, |ui| {
                table::show(ui, &self.state, &mut self.table, &mut out);
            });
        if let Some(editor) = self.state.columns.as_mut() {
            columns::window(&ctx, editor, &mut out);
        }
        if self.state.no_dialog {
            open::window(
                &ctx,
                &mut self.state.no_dialog,
                &mut self.open_by_path,
                &mut out,
            );
        }
        let mut shown = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| self.central(ui, &mut out, &mut shown));
        for v in shown {
            self.state.restore_views.remove(&v);
        }
        for c in out {
            self.state.apply(c);
        }
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
        if self.state.jobs.is_busy() || self.state.uncertainty.is_running() {
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

fn save_png(path: &std::path::Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let img = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or("screenshot has the wrong size")?;
    img.save(path)
        .map_err(|e| format!("{}: {e}", path.display()))
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
    let plan = screenshot.map(|path| ScreenshotPlan {
        path,
        ready_frames: 0,
        requested: false,
        outcome: outcome.clone(),
    });
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
