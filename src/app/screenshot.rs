//! `densing --screenshot`: a PNG of the window once its jobs have settled (the fits drawn,
//! or nothing left to fit: a leaderboard with no model to invert), then exit.

use super::DensingApp;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A screenshot to take once the first fit is drawn, then exit.
pub struct ScreenshotPlan {
    pub path: PathBuf,
    /// Frames drawn since the data became ready.
    ready_frames: u32,
    requested: bool,
    /// Filled by the screenshot callback: Ok(()) or the error.
    pub outcome: Arc<Mutex<Option<Result<(), String>>>>,
}

impl ScreenshotPlan {
    pub fn new(path: PathBuf, outcome: Arc<Mutex<Option<Result<(), String>>>>) -> Self {
        ScreenshotPlan {
            path,
            ready_frames: 0,
            requested: false,
            outcome,
        }
    }
}

impl DensingApp {
    pub(super) fn handle_screenshot(&mut self, ctx: &egui::Context) {
        // Settled: no fit pending and no job running. Not "a regression is drawn": data
        // with nothing to invert (a leaderboard export) never gets one, and the
        // screenshot would wait until killed (issue 22, item 9).
        let ready = !self.state.waiting() && !self.state.jobs.is_busy();
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
        if !ready {
            // Five settled frames in a row: a fit started by a late result restarts the count.
            plan.ready_frames = 0;
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
}

fn save_png(path: &std::path::Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let img = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or("screenshot has the wrong size")?;
    img.save(path)
        .map_err(|e| format!("{}: {e}", path.display()))
}
