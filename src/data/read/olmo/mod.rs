//! The OLMo model ladder (Bhagia et al. 2024, arXiv 2412.04403): its runs as loaded
//! ([`types`]), the folder reader ([`ladder`]) and one run's CSV ([`run`]), the ladder's task
//! definitions ([`tasks`]) and the selection of fitter points ([`select`]).

pub mod ladder;
pub mod run;
pub mod select;
pub mod tasks;
pub mod types;

pub use ladder::{read_olmo_ladder, runs_dir};
pub use select::{LadderSelection, moving_average, sigmoid_points};
pub use tasks::{
    CORE7_AVG, OLMO_TASKS, OlmoTask, chance_points, paper_figure_key, read_paper_figures,
};
pub use types::{OLMO_N, OlmoCheckpoint, OlmoLadder, OlmoRun, TaskValue};
