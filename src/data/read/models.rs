//! Evaluated-models tables: model, release date, parameters, one column per benchmark,
//! with roles found by name or chosen by the caller, and units decided per column.

use super::columns::{Role, RoleMap, locate};
use super::headers::benchmark_columns;
use super::rows::{
    RowLog, Skip, describe_columns, opt_score, opt_size, plain_numbers, size_sentinel_note,
};
use super::table::{Cell, RawTable};
use crate::data::model::dates::{parse_date_cell, today};
use crate::data::model::report::{LoadReport, TableKind};
use crate::data::model::units::{ScoreScale, SizeUnit};
use crate::data::model::{DataError, Model, Pos};
use polars::prelude::PlHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;

const DATE_SHAPES: &str = "a date (YYYY-MM-DD, YYYY-MM, Mon YYYY or Unix seconds)";

/// The parameter column and the unit of its plain numbers, with the reason.
fn size_column(
    t: &RawTable,
    roles: &RoleMap,
) -> Result<Option<(usize, SizeUnit, String)>, DataError> {
    let (col, from_header) = match (
        locate(&t.path, &t.headers, roles, Role::Params)?,
        locate(&t.path, &t.headers, roles, Role::ParamsBillions)?,
    ) {
        (Some(c), _) => (c, false),
        (None, Some(c)) => (c, true),
        (None, None) => return Ok(None),
    };
    t.check_usable(col, "numbers or sizes like 7B")?;
    let (unit, why) = match roles.size_unit {
        Some(u) => (u, "set by the caller"),
        None if from_header => (SizeUnit::Billions, "the header says billions"),
        None => match SizeUnit::guess(plain_numbers(t, col)) {
            SizeUnit::Billions => (SizeUnit::Billions, "every plain value is below 100,000"),
            SizeUnit::Raw => (SizeUnit::Raw, "values of 100,000 and more"),
        },
    };
    Ok(Some((col, unit, why.to_string())))
}

/// Reads evaluated models from a table.
pub fn models_from_table(
    t: &RawTable,
    roles: &RoleMap,
    keep_last: bool,
    report: &mut LoadReport,
) -> Result<Vec<Model>, DataError> {
    report.kind = Some(TableKind::Models);
    let name_col = locate(&t.path, &t.headers, roles, Role::Model)?.ok_or_else(|| {
        DataError::MissingColumn {
            path: t.path.clone(),
            role: Role::Model.describe(),
            expected: Role::Model.synonyms().join(", "),
        }
    })?;
    let date_col = locate(&t.path, &t.headers, roles, Role::ReleaseDate)?;
    let family_col = locate(&t.path, &t.headers, roles, Role::Family)?;
    let size = size_column(t, roles)?;
    let benches = benchmark_columns(t, roles)?;
    let mut assigned = vec![(name_col, "model name".to_string())];
    if let Some(c) = date_col {
        t.check_usable(c, "dates")?;
        assigned.push((c, "release date".into()));
    } else {
        report.units.push(format!(
            "no release-date column (looked for: {})",
            Role::ReleaseDate.synonyms().join(", ")
        ));
    }
    if let Some(c) = family_col {
        assigned.push((c, "family".into()));
    }
    match &size {
        Some((c, unit, why)) => {
            assigned.push((*c, "parameter count".into()));
            report.units.push(format!(
                "column '{}': {} ({why}); cells like 7B or 350M read by their suffix",
                t.headers[*c],
                unit.describe()
            ));
        }
        None => report.units.push(format!(
            "no parameter column (looked for: {})",
            [Role::Params.synonyms(), Role::ParamsBillions.synonyms()]
                .concat()
                .join(", ")
        )),
    }
    let mut scales = Vec::new();
    for (c, bench) in &benches {
        t.check_usable(*c, "scores")?;
        let values: Vec<f64> = plain_numbers(t, *c).collect();
        let (scale, why) = match roles.score_scales.get(bench) {
            Some(s) => (*s, "set by the caller"),
            None => match ScoreScale::guess(values.iter().copied()) {
                ScoreScale::Fraction => (ScoreScale::Fraction, "every value is at most 1"),
                ScoreScale::Points => (ScoreScale::Points, "values above 1"),
            },
        };
        let fractions = values.iter().filter(|v| v.abs() <= 1.0).count();
        if scale == ScoreScale::Points && fractions * 2 >= values.len() {
            report.warn(
                None,
                Some(t.headers[*c].as_str()),
                "half or more of the values are at most 1 but some are above; read as 0–100 points (set the scale if they are fractions)",
            );
        }
        report.units.push(format!(
            "column '{}' (benchmark {bench}): scores {} ({why})",
            t.headers[*c],
            scale.describe()
        ));
        assigned.push((*c, format!("benchmark {bench}")));
        scales.push(scale);
    }
    let moe = super::moe::moe_columns(t, roles, &mut assigned, report)?;
    describe_columns(t, &assigned, report);

    let today = today();
    let mut log = RowLog::new();
    let mut models: Vec<Model> = Vec::with_capacity(t.n_rows());
    // The row each model came from (for the leaderboard metadata).
    let mut kept_rows: Vec<usize> = Vec::with_capacity(t.n_rows());
    // Names seen so far, borrowed from the table (a text cell, or a number written out).
    let mut seen: PlHashMap<Cow<'_, str>, (usize, Pos)> = PlHashMap::default();
    for row in 0..t.n_rows() {
        let at = t.rows[row];
        let mut cells = Vec::new();
        let read = read_row(
            t, row, name_col, date_col, family_col, &size, &benches, &scales, today, &mut cells,
        )
        .and_then(|mut m| {
            let need = super::moe::read_active(t, row, &moe, size.as_ref().map(|s| s.0), &mut m)?;
            Ok((m, need))
        });
        let model = match read {
            Ok((m, need)) => {
                report.to_supply.extend(need);
                for skip in cells {
                    log.skip_cell(at, skip);
                }
                m
            }
            Err(skip) => {
                log.skip(at, skip);
                continue;
            }
        };
        if let Some(&(k, first)) = seen.get(model.name.as_str()) {
            if models[k] == model {
                report.warn(
                    Some(at),
                    None,
                    format!(
                        "'{}' repeats {first} with the same values; row skipped",
                        model.name
                    ),
                );
                continue;
            }
            let detail = differences(&models[k], &model);
            if keep_last {
                report.warn(
                    Some(at),
                    None,
                    format!(
                        "'{}' repeats {first} with other values ({detail}); kept this row, {first} dropped (keep last)",
                        model.name
                    ),
                );
                models[k] = model;
                kept_rows[k] = row;
                if let Some(slot) = seen.get_mut(models[k].name.as_str()) {
                    slot.1 = at;
                }
            } else {
                report.warn(
                    Some(at),
                    None,
                    format!(
                        "'{}' repeats {first} with other values ({detail}); kept {first}, this row skipped (keep first)",
                        model.name
                    ),
                );
            }
            continue;
        }
        let key = match t.cell(name_col, row) {
            Cell::Text(s) if !s.contains('<') => Cow::Borrowed(s.as_str()),
            _ => Cow::Owned(model.name.clone()),
        };
        seen.insert(key, (models.len(), at));
        models.push(model);
        kept_rows.push(row);
    }
    log.finish(t, models.len(), report)?;
    super::leaderboard_info::fill_table(t, &mut models, &kept_rows, report);
    let coarse = size.as_ref().is_some_and(|(c, unit, _)| {
        super::size_buckets::fix_coarse_sizes(t, *c, *unit, &mut models, &kept_rows, report)
    });
    super::tokens_columns::fill_tokens(t, &mut models, &kept_rows, report);
    if let Some((c, ..)) = &size
        && !coarse
        && let Some(note) = size_sentinel_note(t, *c)
    {
        report.warn(None, Some(t.headers[*c].as_str()), note);
    }
    report.list_missing(&models);
    Ok(models)
}

#[allow(clippy::too_many_arguments)]
fn read_row(
    t: &RawTable,
    row: usize,
    name_col: usize,
    date_col: Option<usize>,
    family_col: Option<usize>,
    size: &Option<(usize, SizeUnit, String)>,
    benches: &[(usize, String)],
    scales: &[ScoreScale],
    today: chrono::NaiveDate,
    cells: &mut Vec<Skip>,
) -> Result<Model, Skip> {
    let name = match t.cell(name_col, row) {
        Cell::Missing => return Err(Skip::new(t, name_col, row, "a model name")),
        Cell::Text(s) if s.contains('<') => match link_text(s) {
            Some(text) => text,
            None => return Err(Skip::new(t, name_col, row, "a model name")),
        },
        c => c.shown(),
    };
    // A bad cell of a date, size or score skips that cell (one warning); the row goes only
    // when nothing is left beside the name.
    let release_date = match date_col {
        Some(c) if !t.cell(c, row).is_blank() => match date_of(t.cell(c, row)) {
            None => {
                cells.push(Skip::new(t, c, row, DATE_SHAPES));
                None
            }
            Some(d) if d > today => {
                let why = format!("a release date not after today ({today})");
                cells.push(Skip::new(t, c, row, why));
                None
            }
            Some(d) => Some(d),
        },
        _ => None,
    };
    let n_params = match size {
        Some((c, unit, _)) => match opt_size(t, *c, row, *unit) {
            Ok(v) => v,
            // `8x7B` alone: a size that needs its total, refused with its row (DESIGN).
            Err(skip) if skip.expected.contains("mixture-of-experts") => return Err(skip),
            Err(skip) => {
                cells.push(skip);
                None
            }
        },
        None => None,
    };
    let mut scores = BTreeMap::new();
    for ((c, bench), scale) in benches.iter().zip(scales) {
        match opt_score(t, *c, row, *scale) {
            Ok(Some(v)) => {
                scores.insert(bench.clone(), v);
            }
            Ok(None) => {}
            Err(skip) => cells.push(skip),
        }
    }
    if scores.is_empty() && n_params.is_none() && release_date.is_none() {
        if !cells.is_empty() {
            return Err(cells.remove(0));
        }
        // A trailer row ("About this sheet") or a name with nothing to analyse.
        return Err(Skip::new(
            t,
            name_col,
            row,
            "a score, a size or a release date beside the name",
        ));
    }
    let family = family_col
        .map(|c| t.cell(c, row).shown())
        .filter(|f| !f.is_empty());
    Ok(Model {
        name,
        family,
        release_date,
        n_params,
        scores,
        n_params_active: None,
        ..Default::default()
    })
}

/// The text of an HTML cell (`<a href="…">org/model</a> <a …>📑</a>`): the first link's
/// text, else the text outside the tags; `None` when nothing is left.
pub(crate) fn link_text(html: &str) -> Option<String> {
    let inner = |s: &str| -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.trim().to_string()
    };
    let text = match html.find("<a").and_then(|i| {
        let open_end = html[i..].find('>')? + i + 1;
        let close = html[open_end..].find("</a>")? + open_end;
        Some(&html[open_end..close])
    }) {
        Some(link) => inner(link),
        None => inner(html),
    };
    (!text.is_empty()).then_some(text)
}

/// A date cell: text in any accepted shape, or a number of Unix seconds.
pub(crate) fn date_of(cell: &Cell) -> Option<chrono::NaiveDate> {
    match cell {
        Cell::Number(secs) => crate::data::model::dates::unix_date(*secs),
        Cell::Text(text) => parse_date_cell(text),
        Cell::Missing => None,
    }
}

/// What differs between two rows of the same model, for the conflict message.
fn differences(a: &Model, b: &Model) -> String {
    let mut out = Vec::new();
    if a.release_date != b.release_date {
        let d = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "none".into(), |d| d.to_string());
        out.push(format!(
            "release date {} vs {}",
            d(a.release_date),
            d(b.release_date)
        ));
    }
    if a.n_params != b.n_params {
        out.push(format!(
            "parameters {} vs {}",
            shown_size(a.n_params),
            shown_size(b.n_params)
        ));
    }
    if a.n_params_active != b.n_params_active {
        out.push(format!(
            "active parameters {} vs {}",
            shown_size(a.n_params_active),
            shown_size(b.n_params_active)
        ));
    }
    if a.scores != b.scores {
        out.push(format!("scores {:?} vs {:?}", a.scores, b.scores));
    }
    if a.family != b.family {
        out.push(format!("family {:?} vs {:?}", a.family, b.family));
    }
    out.join("; ")
}

/// A parameter count as people write it: `7B`, `350M`, `1.3T`, or `none`.
fn shown_size(n: Option<f64>) -> String {
    let Some(n) = n else {
        return "none".into();
    };
    let (v, suffix) = match n {
        n if n >= 1e12 => (n / 1e12, "T"),
        n if n >= 1e9 => (n / 1e9, "B"),
        n if n >= 1e6 => (n / 1e6, "M"),
        n if n >= 1e3 => (n / 1e3, "K"),
        n => (n, ""),
    };
    let text = format!("{v:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}{suffix}")
}
