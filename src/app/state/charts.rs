//! The four charts of the current analysis, built from it.

use super::AppState;
use crate::analysis::{Analysis, Fits, Options};
use crate::app::commands::View;
use crate::chart::{self, Chart, ChartInputs};
use crate::data::Dataset;

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

pub(super) fn build_charts(
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

impl AppState {
    /// A view's chart as on screen: its zoom and hidden series applied.
    pub fn chart_as_shown(&self, view: View) -> Chart {
        match self.views.get(&view) {
            Some(v) => self.charts.get(view).with_view(v),
            None => self.charts.get(view).clone(),
        }
    }

    /// Rebuilds the charts from the analysis as it is, with the bootstrap's bands when
    /// they belong to it.
    pub(super) fn rebuild_charts(&mut self) {
        self.charts = build_charts(&self.dataset, &self.fits, &self.options, &self.analysis);
        let key = crate::app::uncertainty::Key::of(&self.dataset, &self.fits, &self.options);
        self.uncertainty
            .decorate(&mut self.charts, &self.dataset, &key);
    }
}
