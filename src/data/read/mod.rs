//! The readers (DESIGN §4), one file per outside format, all building the table model of
//! [`crate::data::model`]: raw tables ([`table`]: CSV/TSV, JSON/NDJSON, Parquet, Markdown),
//! the column roles found in them ([`columns`], [`rows`]), what the tables mean (models,
//! ladder points, the Open LLM Leaderboard, OpenCompass summaries), lm-evaluation-harness
//! results, the OLMo ladder ([`olmo`]), parameter files and the embedded sample. [`open`] is
//! the one entry that chooses between a folder and a file.

pub mod columns;
pub mod csv;
pub mod dates_table;
pub mod folder;
pub mod headers;
pub mod json;
pub mod layouts;
pub mod leaderboard;
pub mod leaderboard_info;
mod leaderboard_roles;
pub mod lineage_table;
pub mod lm_eval;
mod lm_eval_base;
pub mod lm_eval_names;
pub mod lm_eval_runs;
pub mod load;
pub mod markdown;
pub mod models;
pub mod moe;
pub mod olmo;
pub mod open;
pub mod opencompass;
mod opencompass_summary;
pub mod params;
pub mod parquet;
pub mod points;
pub mod rows;
pub mod sample;
mod size_buckets;
pub mod table;
pub mod tokens_columns;
