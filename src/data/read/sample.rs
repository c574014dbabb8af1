//! The embedded sample (DESIGN §5): real models (release dates, sizes, published scores,
//! each with its source) and a synthetic ladder and sigmoid checkpoints made by
//! `densing simulate` from illustrative constants (see `sample_data/README.md`).

use super::load::{read_checkpoints, read_ladder, read_models};
use crate::data::model::{AVERAGE, DataError, Dataset};

pub const MODELS_CSV: &str = include_str!("../../../sample_data/models.csv");
pub const LADDER_CSV: &str = include_str!("../../../sample_data/ladder.csv");
pub const SIGMOID_CSV: &str = include_str!("../../../sample_data/sigmoid_points.csv");
/// The constants the synthetic files were generated from (DESIGN §5).
pub const PARAMS_JSON: &str = include_str!("../../../sample_data/params.json");

/// Where the embedded sample's data comes from, as reports name it.
pub const ORIGIN: &str = "embedded sample (real models; synthetic ladder and checkpoints)";
/// The embedded sample's models alone (a family reference drops its synthetic ladder).
pub const MODELS_ORIGIN: &str = "embedded sample (real models)";

/// The embedded sample dataset.
pub fn sample() -> Result<Dataset, DataError> {
    let mut models = read_models("sample_data/models.csv", MODELS_CSV)?;
    let links = super::lineage_table::read_lineage(
        "sample_data/lineage.csv",
        super::lineage_table::SAMPLE_LINEAGE_CSV,
    )?;
    super::lineage_table::apply_lineage(&mut models, &links);
    Ok(Dataset {
        models,
        ladder: read_ladder("sample_data/ladder.csv", LADDER_CSV, AVERAGE)?,
        checkpoints: read_checkpoints("sample_data/sigmoid_points.csv", SIGMOID_CSV, AVERAGE)?,
        origin: ORIGIN.into(),
        ..Dataset::default()
    })
}
