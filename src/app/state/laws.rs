//! Laws and options: parameter edits, options, fits and their results, undo and redo,
//! slider ranges.

use super::{AppState, Changed};
use crate::analysis::Options;
use crate::app::commands::{Command, FitWhat, Param};
use crate::fit::{LossFit, SigmoidFit};
use crate::law::{Fits, TaskFit};
use std::collections::BTreeSet;

/// What undo restores.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Snapshot {
    fits: Fits,
    edited: BTreeSet<(String, Param)>,
    options: Options,
}

impl AppState {
    /// SetParam, SetOptions, Fit, FitAll, CancelJobs, Undo, Redo, ResetSliderRanges.
    pub(super) fn apply_laws(&mut self, command: Command) -> Changed {
        match command {
            Command::SetParam { task, param, value } => {
                if !value.is_finite() {
                    return Changed::NOTHING;
                }
                let Some(fit) = self.fits.tasks.get(&task).copied() else {
                    return Changed::NOTHING;
                };
                self.checkpoint(Some(format!("{task}/{param:?}")));
                let fit = self.fits.tasks.entry(task.clone()).or_insert(fit);
                param.set(fit, value);
                self.edited.insert((task, param));
                Changed::ANALYSIS
            }
            Command::SetOptions { options, key } => {
                if options == self.options {
                    return Changed::NOTHING;
                }
                self.checkpoint(Some(format!("options/{key}")));
                let old_tasks = self.options.needed_tasks();
                self.options = options;
                if self.options.needed_tasks() != old_tasks {
                    self.fit_missing();
                }
                Changed::ANALYSIS
            }
            Command::Fit { task, what } => {
                let what = if self.fits.tasks.contains_key(&task) {
                    what
                } else {
                    FitWhat::Both
                };
                self.start_fit(task, what);
                Changed::GESTURE_END
            }
            Command::FitAll => {
                self.fit_all_tasks();
                Changed::GESTURE_END
            }
            Command::CancelJobs => {
                self.drop_queued_fits();
                self.jobs.cancel_all();
                self.status = "cancelling…".into();
                Changed::GESTURE_END
            }
            Command::Undo => match self.undo.pop() {
                Some(s) => {
                    self.redo.push(self.snapshot());
                    self.restore(s);
                    Changed::ANALYSIS | Changed::GESTURE_END
                }
                None => Changed::GESTURE_END,
            },
            Command::Redo => match self.redo.pop() {
                Some(s) => {
                    self.undo.push(self.snapshot());
                    self.restore(s);
                    Changed::ANALYSIS | Changed::GESTURE_END
                }
                None => Changed::GESTURE_END,
            },
            Command::ResetSliderRanges { task } => {
                let all: Vec<Param> = Param::LOSS.into_iter().chain(Param::SIGMOID).collect();
                self.centre_sliders(&task, &all);
                Changed::NOTHING
            }
            // Routed to the other areas by `AppState::handle`.
            _ => Changed::NOTHING,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            fits: self.fits.clone(),
            edited: self.edited.clone(),
            options: self.options.clone(),
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.fits = s.fits;
        self.edited = s.edited;
        self.options = s.options;
    }

    /// Records the state before a change; repeated changes with the same key (a drag)
    /// make one undo step.
    fn checkpoint(&mut self, key: Option<String>) {
        if key.is_some() && key == self.last_edit_key {
            return;
        }
        self.undo.push(self.snapshot());
        self.redo.clear();
        self.last_edit_key = key;
    }

    /// Forgets every undo and redo step (new data, a session opened).
    pub(super) fn clear_history(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// The centre of a parameter's slider range (the current value if none is set).
    pub fn slider_centre(&self, task: &str, param: Param) -> Option<f64> {
        let fit = self.fits.tasks.get(task)?;
        Some(
            self.slider_centres
                .get(&(task.to_string(), param))
                .copied()
                .unwrap_or_else(|| param.get(fit)),
        )
    }

    /// Centres the sliders of `params` of `task` on their current values.
    fn centre_sliders(&mut self, task: &str, params: &[Param]) {
        if let Some(fit) = self.fits.tasks.get(task) {
            for &p in params {
                self.slider_centres
                    .insert((task.to_string(), p), p.get(fit));
            }
        }
    }

    /// Laws that arrived without a fit (a session, params) get their sliders centred.
    pub(super) fn centre_new_sliders(&mut self) {
        for (task, fit) in &self.fits.tasks {
            for p in Param::LOSS.into_iter().chain(Param::SIGMOID) {
                self.slider_centres
                    .entry((task.clone(), p))
                    .or_insert_with(|| p.get(fit));
            }
        }
    }

    /// Starts fits for every task with data (and keeps the views waiting for them).
    pub(super) fn fit_all_tasks(&mut self) {
        if self.loads > 0 {
            // Once the loads under way are in: the views wait for the laws meanwhile.
            self.fits_deferred = true;
            self.pending.extend(self.data_tasks());
            return;
        }
        self.fits_deferred = false;
        // The tasks the views invert through first, the others when those are in.
        let tasks = self.data_tasks();
        let needed: Vec<String> = self
            .options
            .inverted_tasks()
            .into_iter()
            .filter(|t| tasks.contains(t))
            .collect();
        self.fill_queue = tasks.into_iter().filter(|t| !needed.contains(t)).collect();
        // Deferred fits marked every task pending; the queued ones are not running.
        for t in &self.fill_queue {
            self.pending.remove(t);
        }
        self.fill_first = needed.iter().cloned().collect();
        if needed.is_empty() {
            self.start_queued();
        }
        for task in needed {
            self.start_fit(task, FitWhat::Both);
        }
    }

    /// Forgets the queued fits (the data they were for is gone, or the user cancelled).
    pub(super) fn drop_queued_fits(&mut self) {
        self.fill_queue.clear();
        self.fill_first.clear();
    }

    /// Starts the fits left in the queue (the tasks no view needed when they were asked).
    fn start_queued(&mut self) {
        self.fill_first.clear();
        for task in std::mem::take(&mut self.fill_queue) {
            self.start_fit(task, FitWhat::Both);
        }
    }

    /// A load came in (or was refused): the deferred fits start when it was the last.
    pub(super) fn load_done(&mut self) {
        self.loads = self.loads.saturating_sub(1);
        if self.loads == 0 && self.fits_deferred {
            self.fit_all_tasks();
        }
    }

    /// Starts fits for needed tasks that have data but no fits yet.
    pub(super) fn fit_missing(&mut self) {
        let have = self.data_tasks();
        for task in self.options.needed_tasks() {
            if have.contains(&task)
                && !self.fits.tasks.contains_key(&task)
                && !self.pending.contains(&task)
            {
                self.fill_queue.retain(|t| t != &task);
                self.start_fit(task, FitWhat::Both);
            }
        }
    }

    fn start_fit(&mut self, task: String, what: FitWhat) {
        if let Err(reason) = self.dataset.unit() {
            self.error = Some(format!("task {task}: {reason}"));
            return;
        }
        // A real reference (bits per byte) is bounded by 100 and the task's chance level.
        let sigmoid_options = self.sigmoid_options().for_task(&task);
        let points = (
            self.dataset.loss_points(&task),
            self.dataset.score_points(&task),
        );
        if !self.fits.tasks.contains_key(&task) {
            self.pending.insert(task.clone());
        }
        self.status = format!("fitting {task}…");
        self.fits_started += 1;
        self.jobs.fit(
            self.generation,
            task,
            what,
            points,
            (self.loss_fit_options, sigmoid_options),
        );
    }

    /// Takes in a finished fit of `task` (dropped when it was started on older data).
    pub(super) fn take_fit(
        &mut self,
        generation: u64,
        task: String,
        loss: Option<Result<LossFit, String>>,
        sigmoid: Option<Result<SigmoidFit, String>>,
    ) -> Changed {
        if generation != self.generation {
            return Changed::NOTHING;
        }
        self.pending.remove(&task);
        self.fill_first.remove(&task);
        if self.fill_first.is_empty() {
            self.start_queued();
        }
        let err = |e: &String| format!("fit of task {task} failed: {e}");
        if let Some(Err(e)) = &loss {
            self.error = Some(err(e));
        }
        if let Some(Err(e)) = &sigmoid {
            self.error = Some(err(e));
        }
        let new_loss = loss.and_then(Result::ok);
        let new_sigmoid = sigmoid.and_then(Result::ok);
        if new_loss.is_none() && new_sigmoid.is_none() {
            return Changed::NOTHING;
        }
        let current = self.fits.tasks.get(&task).copied();
        let law = new_loss.as_ref().map(|f| f.law).or(current.map(|c| c.loss));
        let sig = new_sigmoid
            .as_ref()
            .map(|f| f.sigmoid)
            .or(current.map(|c| c.sigmoid));
        let (Some(loss), Some(sigmoid)) = (law, sig) else {
            return Changed::NOTHING;
        };
        if current.is_some() {
            self.checkpoint(None);
        }
        self.fits
            .tasks
            .insert(task.clone(), TaskFit { loss, sigmoid });
        // "fit" rescales the refitted law's sliders around the new values.
        if new_loss.is_some() {
            self.centre_sliders(&task, &Param::LOSS);
        }
        if new_sigmoid.is_some() {
            self.centre_sliders(&task, &Param::SIGMOID);
        }
        self.edited.retain(|(t, p)| {
            t != &task
                || (p.is_loss() && new_loss.is_none())
                || (!p.is_loss() && new_sigmoid.is_none())
        });
        let entry = self.fit_reports.entry(task.clone()).or_default();
        if new_loss.is_some() {
            entry.0 = new_loss;
        }
        if new_sigmoid.is_some() {
            entry.1 = new_sigmoid;
        }
        // Another action's words (a refused load, a save) stay: the status after the jobs
        // settle does not depend on which finished last.
        if self.status.starts_with("fit") || self.status.starts_with("ready: laws") {
            self.status = format!("fitted {task}");
        }
        Changed::ANALYSIS
    }
}
