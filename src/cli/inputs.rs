//! The inputs an analysis from the command line loads: the data (`--data`, a session), the
//! laws (given or fitted), the options and the analysis.

use super::CliError;
use super::analysis_args::{AnalysisArgs, options_from, options_over};
use crate::analysis::{Analysis, Options, analyze};
use crate::data::{
    AVERAGE, Dataset, LoadOptions, load_path, read_params_file, sample, tasks_present,
};
use crate::fit::{LossFitOptions, fit_tasks};
use crate::law::Fits;

/// Everything a report or an export shows: the data, the laws (given or fitted), the
/// options and the analysis.
pub(crate) struct Inputs {
    pub dataset: Dataset,
    pub fits: Fits,
    pub options: Options,
    pub laws_from: String,
    pub analysis: Analysis,
    /// Each chart's zoom and hidden series, by view name (from a session).
    pub views: std::collections::BTreeMap<String, crate::chart::ChartView>,
    /// What joining dates did and what the filters removed (empty without those flags).
    pub dates_notes: Vec<String>,
}

impl Inputs {
    pub fn charts(&self) -> crate::chart::ChartInputs<'_> {
        crate::chart::ChartInputs {
            dataset: &self.dataset,
            fits: &self.fits,
            options: &self.options,
            analysis: &self.analysis,
        }
    }
}

/// The load options the arguments give (`--keep`).
pub(crate) fn load_options(args: &AnalysisArgs) -> Result<LoadOptions, CliError> {
    Ok(LoadOptions {
        keep_last: keep_last(args.keep.as_deref())?,
        ..LoadOptions::default()
    })
}

/// `--keep first|last`: whether a repeated model keeps its last row.
pub(crate) fn keep_last(keep: Option<&str>) -> Result<bool, CliError> {
    match keep {
        None | Some("first") => Ok(false),
        Some("last") => Ok(true),
        Some(other) => Err(CliError::Usage(format!(
            "--keep: '{other}' is not first or last"
        ))),
    }
}

/// Fails when the task or the average's benchmarks are not in the data.
fn check_tasks(dataset: &Dataset, options: &Options) -> Result<(), CliError> {
    let present = tasks_present(dataset);
    let listed = || {
        if present.is_empty() {
            "none".to_string()
        } else {
            present.join(", ")
        }
    };
    if options.task != AVERAGE && !present.contains(&options.task) {
        return Err(CliError::Usage(format!(
            "--task: '{}' is not a task of the data (expected average or one of: {})",
            options.task,
            listed()
        )));
    }
    let absent: Vec<&str> = options
        .benchmarks
        .iter()
        .filter(|b| !present.contains(b))
        .map(String::as_str)
        .collect();
    if options.task == AVERAGE
        && absent.len() == options.benchmarks.len()
        && !options.benchmarks.is_empty()
    {
        return Err(CliError::Usage(format!(
            "--benchmarks: none of {} is a task of the data (tasks present: {})",
            options.benchmarks.join(", "),
            listed()
        )));
    }
    Ok(())
}

/// Loads the data, reads or fits the laws, and runs the analysis.
pub(crate) fn inputs(args: &AnalysisArgs) -> Result<Inputs, CliError> {
    if let Some(path) = &args.session {
        return session_inputs(path, args);
    }
    let options = options_from(args)?;
    let dataset = match &args.data {
        Some(path) => load_path(path, &load_options(args)?)?
            .loaded
            .merge_into(&sample()?, path),
        None => sample()?,
    };
    let family_spec = super::reference::family_spec(args.reference.as_deref());
    let dataset = match (&args.reference, family_spec) {
        (Some(dir), None) => super::reference::apply_reference(dataset, dir)?,
        _ => dataset,
    };
    let (mut dataset, notes) = super::dates_args::apply_dates(args, dataset)?;
    let family = match family_spec {
        Some(spec) => Some(super::reference::apply_family(
            &mut dataset,
            spec,
            &options,
        )?),
        None => None,
    };
    let mut i = finish_inputs(args, dataset, options, None)?;
    if let Some(f) = family {
        super::reference::attach_family(&mut i, f);
    }
    i.dates_notes = notes;
    i.dates_notes.extend(super::dates_args::filter_lines(
        &i.dataset,
        &i.options,
        &i.analysis,
    ));
    Ok(i)
}

/// The data, laws, options and view of a saved session; flags override its options and
/// `--params` its laws; tasks it has no laws for are fitted.
fn session_inputs(path: &std::path::Path, args: &AnalysisArgs) -> Result<Inputs, CliError> {
    use crate::io::session::{locate_data, read_session, restore_dataset};
    if args.data.is_some() {
        return Err(CliError::Usage(
            "--data and --session: give one (a session names its own data files)".into(),
        ));
    }
    let s = read_session(path)?;
    let statuses = locate_data(path, &s, &Default::default());
    let (dataset, _) = restore_dataset(path, &s, &statuses, false)?;
    let options = options_over(s.options.clone(), args)?;
    let mut i = finish_inputs(args, dataset, options, Some(s.fits.clone()))?;
    if args.params.is_none() {
        i.laws_from = format!("the session {}", path.display());
    }
    i.views = s.view.charts;
    Ok(i)
}

/// Reads or fits the laws (keeping `given` ones for the tasks they cover) and analyses.
fn finish_inputs(
    args: &AnalysisArgs,
    dataset: Dataset,
    options: Options,
    given: Option<Fits>,
) -> Result<Inputs, CliError> {
    check_tasks(&dataset, &options)?;
    // Tasks without ladder points and checkpoints have no laws to fit: their models show
    // their scores and say so.
    let fittable = |t: &String| {
        dataset.ladder.iter().any(|r| &r.task == t)
            && dataset.checkpoints.iter().any(|r| &r.task == t)
    };
    let (fits, laws_from) = match (&args.params, given) {
        (None, Some(mut fits)) => {
            let missing: Vec<String> = options
                .needed_tasks()
                .into_iter()
                .filter(|t| !fits.tasks.contains_key(t) && fittable(t))
                .collect();
            if !missing.is_empty() {
                fits.tasks.extend(fit_default(&dataset, &missing)?.tasks);
            }
            (fits, String::new())
        }
        _ => match &args.params {
            Some(p) => {
                let fits = read_params_file(p)?;
                for task in options.needed_tasks() {
                    if !fits.tasks.contains_key(&task) {
                        return Err(CliError::Usage(format!(
                            "{}: no parameters for task '{task}'",
                            p.display()
                        )));
                    }
                }
                (fits, format!("constants from {}", p.display()))
            }
            None => {
                let needed: Vec<String> = options
                    .needed_tasks()
                    .into_iter()
                    .filter(fittable)
                    .collect();
                let fits = fit_default(&dataset, &needed)?;
                (
                    fits,
                    "fitted from the data (paper-form loss law, Epoch grid; sigmoid)".to_string(),
                )
            }
        },
    };
    let analysis = analyze(&dataset, &fits, &options);
    Ok(Inputs {
        dataset,
        fits,
        options,
        laws_from,
        analysis,
        views: Default::default(),
        dates_notes: Vec::new(),
    })
}

/// The laws of `tasks` fitted from the data's ladder with the default recipe (the paper-form
/// loss law on the Epoch grid, the sigmoid with the data's bounds).
fn fit_default(dataset: &Dataset, tasks: &[String]) -> Result<Fits, CliError> {
    let (fits, _) = fit_tasks(
        dataset,
        tasks,
        &LossFitOptions::default(),
        &super::reference::sigmoid_options_for(dataset),
    )?;
    Ok(fits)
}
