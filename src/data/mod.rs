//! The data layer in two rooms: [`model`], the table model (DESIGN §2: `Dataset`) and its
//! plain types, and [`read`], one reader per outside format (DESIGN §4): tables in CSV, TSV,
//! Parquet, JSON and NDJSON through polars, the files evaluation tools write
//! (lm-evaluation-harness, the Open LLM Leaderboard v2, OpenCompass), the OLMo ladder, the
//! embedded sample and the parameter files. Readers use the model, never the reverse. Every
//! load returns a [`LoadReport`] saying what was understood.

pub mod model;
pub mod read;

pub use model::dates::{parse_date_cell, today};
pub use model::families::{FamilyGroup, MIN_FAMILY_SIZES, base_stem, find_families, select_family};
pub use model::loss_unit::{LossUnit, same_unit};
pub use model::observations::{LossPoint, ScorePoint};
pub use model::report::{LoadReport, TableKind, Warning};
pub use model::task_names::{normalise_task, task_for_name};
pub use model::tasks::{TASKS, TaskDef, normalize_header, task_def, tasks_present};
pub use model::units::{
    ScoreScale, SizeParts, SizeUnit, moe_parts_of_name, parse_size_parts, parse_size_text,
};
pub use model::{
    AVERAGE, BENCHMARKS, CheckpointRow, DataError, Dataset, DateSource, LadderRow, Model,
    ModelInfo, Pos, Reference, SampleCount,
};
pub use read::columns::{Role, RoleMap, benchmark_for_header, known_benchmarks};
pub use read::folder::read_dir;
pub use read::load::{
    LoadOptions, LoadOutcome, Loaded, load_bytes, origin_models, read_checkpoints, read_ladder,
    read_models, read_text as read_file_text, reference_origin, table_headers,
};
pub use read::olmo::{
    CORE7_AVG, LadderSelection, OLMO_N, OLMO_TASKS, OlmoCheckpoint, OlmoLadder, OlmoRun, OlmoTask,
    TaskValue, chance_points, moving_average, paper_figure_key, read_olmo_ladder,
    read_paper_figures, runs_dir, sigmoid_points,
};
pub use read::open::{load_path, read_path};
pub use read::params::{parse_params, read_params_file};
pub use read::sample::{
    MODELS_ORIGIN as SAMPLE_MODELS_ORIGIN, ORIGIN as SAMPLE_ORIGIN,
    PARAMS_JSON as SAMPLE_PARAMS_JSON, sample,
};
pub use read::table::{Cell, Format, RawTable};
