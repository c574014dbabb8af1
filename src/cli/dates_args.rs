//! The dates and filter flags of an analysis (`--dates`, `--dates-from`, `--only`,
//! `--exclude`): their options, the dates joined onto the models (a dates table, then the
//! embedded base-model dates) and the report's lines saying what they did.

use super::CliError;
use super::analysis_args::AnalysisArgs;
use crate::analysis::filters::{DateKind, DatesFrom, ModelFilter, removed_counts};
use crate::analysis::{Analysis, Options};
use crate::data::Dataset;
use crate::data::model::dates_join::{join_dates, join_embedded};
use crate::data::read::dates_table::{embedded_dates, read_dates_file};

fn filters(flag: &str, words: &Option<Vec<String>>) -> Result<Vec<ModelFilter>, CliError> {
    let Some(words) = words else {
        return Ok(Vec::new());
    };
    words
        .iter()
        .filter(|w| !w.trim().is_empty())
        .map(|w| ModelFilter::parse(w).map_err(|e| CliError::Usage(format!("{flag}: {e}"))))
        .collect()
}

/// Sets the options the dates and filter flags give.
pub(super) fn options_over(o: &mut Options, args: &AnalysisArgs) -> Result<(), CliError> {
    if let Some(d) = &args.dates_from {
        o.dates_from = DatesFrom::parse(d).ok_or_else(|| {
            CliError::Usage(format!(
                "--dates-from: '{d}' is not a choice (expected upload, submission or release)"
            ))
        })?;
    }
    if args.only.is_some() {
        o.only = filters("--only", &args.only)?;
    }
    if args.exclude.is_some() {
        o.exclude = filters("--exclude", &args.exclude)?;
    }
    Ok(())
}

/// Joins the `--dates` table, then the embedded base-model dates, onto models without a
/// release date; the report's lines (none when nothing was joined).
pub(super) fn apply_dates(
    args: &AnalysisArgs,
    mut dataset: Dataset,
) -> Result<(Dataset, Vec<String>), CliError> {
    let mut lines = Vec::new();
    if let Some(path) = &args.dates {
        let (entries, report) = read_dates_file(path)?;
        for w in &report.warnings {
            lines.push(format!("{}: {w}", report.path));
        }
        let join = join_dates(&mut dataset.models, &entries, &path.display().to_string());
        lines.extend(join.lines());
    }
    let asked = args.dates.is_some() || args.dates_from.is_some();
    if asked && args.data.is_some() && dataset.models.iter().any(|m| m.release_date.is_none()) {
        let join = join_embedded(&mut dataset.models, &embedded_dates());
        if !join.dated.is_empty() {
            lines.extend(join.lines());
        }
    }
    Ok((dataset, lines))
}

/// The report's lines on filters and on dates that are not release dates.
pub(super) fn filter_lines(dataset: &Dataset, o: &Options, analysis: &Analysis) -> Vec<String> {
    let mut out = Vec::new();
    if !o.only.is_empty() || !o.exclude.is_empty() {
        let counts: Vec<String> = removed_counts(&dataset.models, &o.only, &o.exclude)
            .into_iter()
            .map(|(f, n)| format!("{f} removes {n}"))
            .collect();
        let left = analysis
            .models
            .iter()
            .filter(|r| matches!(r.excluded, Some(crate::analysis::Exclusion::Filtered(_))))
            .count();
        out.push(format!(
            "filters: {}; {left} of {} models left out",
            counts.join(", "),
            dataset.models.len()
        ));
    }
    for kind in [DateKind::Upload, DateKind::Submission] {
        let n = analysis
            .models
            .iter()
            .filter(|r| r.date_kind == kind)
            .count();
        let dense = analysis
            .models
            .iter()
            .filter(|r| r.date_kind == kind && r.density.is_some())
            .count();
        if n > 0 {
            out.push(format!(
                "{n} models dated by {}, not release date ({dense} with a density)",
                kind.describe()
            ));
        }
    }
    let (mut table, mut embedded) = (0, 0);
    for m in &dataset.models {
        match m.date_source {
            crate::data::DateSource::DatesTable(_) => table += 1,
            crate::data::DateSource::Embedded(_) => embedded += 1,
            crate::data::DateSource::Column => {}
        }
    }
    if table + embedded > 0 {
        out.push(format!(
            "release dates joined: {table} from the dates table, {embedded} from the embedded base-model dates"
        ));
    }
    out
}
