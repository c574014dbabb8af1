//! The four charts of the current analysis, built from it.

use super::commands::View;
use crate::analysis::{Analysis, Options};
use crate::chart::{self, Chart, ChartInputs};
use crate::data::Dataset;
use crate::law::Fits;

/// The four charts of the current analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Charts {
    pub loss: Chart,
    pub sigmoid: Chart,
    pub inversion: Chart,
    pub density: Chart,
}

impl Charts {
    pub fn get(&self, view: View) -> &Chart {
        match view {
            View::Loss => &self.loss,
            View::Sigmoid => &self.sigmoid,
            View::Inversion => &self.inversion,
            View::Density => &self.density,
        }
    }
}

pub fn build_charts(
    dataset: &Dataset,
    fits: &Fits,
    options: &Options,
    analysis: &Analysis,
) -> Charts {
    let inputs = ChartInputs {
        dataset,
        fits,
        options,
        analysis,
    };
    let task = options.view_task();
    Charts {
        loss: chart::loss_chart(inputs, &task),
        sigmoid: chart::sigmoid_chart(inputs, &task),
        inversion: chart::inversion_chart(inputs),
        density: chart::density_chart(inputs),
    }
}
