//! What a background result (the bootstrap, the sensitivity table) belongs to: results of
//! other inputs are not drawn as current.

use crate::analysis::Options;
use crate::data::Dataset;
use crate::law::Fits;

/// The inputs a result was computed from (the data by origin and size).
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    fits: Fits,
    options: Options,
    origin: String,
    n_models: usize,
}

impl Key {
    pub fn of(dataset: &Dataset, fits: &Fits, options: &Options) -> Key {
        Key {
            fits: fits.clone(),
            options: options.clone(),
            origin: dataset.origin.clone(),
            n_models: dataset.models.len(),
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }
}
