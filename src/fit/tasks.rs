//! Fitting every task a dataset's analysis needs: the loss law on the task's ladder
//! points and the sigmoid on its checkpoints.

use super::{FitError, LossFitOptions, SigmoidFitOptions, fit_loss_law, fit_sigmoid};
use super::{LossFit, SigmoidFit};
use crate::law::{Fits, TaskFit};

use crate::data::Dataset;
use thiserror::Error;

/// A fit failure, naming the task and which law.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("task {task}, {law}: {error}")]
pub struct TaskFitError {
    pub task: String,
    pub law: &'static str,
    pub error: FitError,
}

/// The fit reports of one task.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskReports {
    pub task: String,
    pub loss: LossFit,
    pub sigmoid: SigmoidFit,
}

/// Fits the loss law and the sigmoid of each task in `tasks` from `dataset`.
pub fn fit_tasks(
    dataset: &Dataset,
    tasks: &[String],
    loss_options: &LossFitOptions,
    sigmoid_options: &SigmoidFitOptions,
) -> Result<(Fits, Vec<TaskReports>), TaskFitError> {
    let mut fits = Fits::default();
    let mut reports = Vec::new();
    if let (Err(reason), Some(task)) = (dataset.unit(), tasks.first()) {
        return Err(TaskFitError {
            task: task.clone(),
            law: "loss law and sigmoid",
            error: FitError::UnitMismatch(reason),
        });
    }
    for task in tasks {
        let err = |law, error| TaskFitError {
            task: task.clone(),
            law,
            error,
        };
        let loss = fit_loss_law(&dataset.loss_points(task), loss_options, None)
            .map_err(|e| err("loss law (ladder points)", e))?;
        let options = sigmoid_options.for_task(task);
        let sigmoid = fit_sigmoid(&dataset.score_points(task), &options, None)
            .map_err(|e| err("sigmoid (checkpoints)", e))?;
        fits.tasks.insert(
            task.clone(),
            TaskFit {
                loss: loss.law,
                sigmoid: sigmoid.sigmoid,
            },
        );
        reports.push(TaskReports {
            task: task.clone(),
            loss,
            sigmoid,
        });
    }
    Ok((fits, reports))
}
