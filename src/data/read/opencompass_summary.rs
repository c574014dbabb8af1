//! OpenCompass's `summary_<time>.txt`: the summary table written several times between
//! rules of `^` and `$` (the default summarizer, `opencompass/summarizers/default.py`):
//! the time, then "tabulate format" (columns aligned with spaces under a rule of dashes),
//! "csv format" (the table's rows joined with commas), "markdown format" in later
//! versions, and "raw format" (each model's metrics as Python dicts, not read). The
//! table is the same `dataset, version, metric, mode, <model abbr>…` of the `.csv` and `.md`
//! files, read by [`super::opencompass`]; this module only finds it in the text.

use super::csv::read_delimited;
use super::markdown::read_markdown;
use super::table::{Format, RawTable};
use crate::data::model::{DataError, Pos};

/// Is this text an OpenCompass `summary_*.txt` (a "csv format" or "tabulate format" title
/// over a rule of `^`)?
pub(crate) fn is_summary_txt(text: &str) -> bool {
    block(text, "csv format").is_some() || block(text, "tabulate format").is_some()
}

/// The lines between `title`'s `^` rule and the next `$` rule, with the line number of
/// the first.
fn block<'a>(text: &'a str, title: &str) -> Option<(usize, Vec<&'a str>)> {
    let lines: Vec<&str> = text.lines().collect();
    let rule = |l: &str, c: char| l.len() >= 16 && l.trim_end().chars().all(|x| x == c);
    let at = lines
        .windows(2)
        .position(|w| w[0].trim() == title && rule(w[1], '^'))?;
    let start = at + 2;
    let body: Vec<&str> = lines[start..]
        .iter()
        .take_while(|l| !rule(l, '$'))
        .copied()
        .collect();
    (!body.is_empty()).then_some((start + 1, body))
}

/// The summary table of a `summary_*.txt`: its Markdown block when it has one (row
/// numbers are the file's), else its csv block, else its tabulate block.
pub(crate) fn read_summary_txt(path: &str, text: &str) -> Result<RawTable, DataError> {
    if block(text, "markdown format").is_some()
        && let Ok(t) = read_markdown(path, text)
        && super::opencompass::is_summary(&t)
    {
        return Ok(t);
    }
    let (first, lines) = match block(text, "csv format") {
        Some((first, lines)) => (first, lines.join("\n")),
        None => {
            let (first, lines) =
                block(text, "tabulate format").ok_or_else(|| DataError::NotATable {
                    path: path.to_string(),
                    reason: "an OpenCompass summary without its table".into(),
                })?;
            (first, tabulate_to_csv(&lines))
        }
    };
    let mut t = read_delimited(path, lines.as_bytes(), Format::Csv)?;
    // Rows numbered as in the file, not in the block.
    let offset = first as u64 - 1;
    let shift = |p: &mut Pos| {
        if let Pos::Line(n) = p {
            *n += offset;
        }
    };
    t.rows.iter_mut().for_each(shift);
    t.skipped.iter_mut().for_each(|(p, _)| shift(p));
    Ok(t)
}

/// tabulate's plain table (cells apart by two spaces or more, a rule of dashes under the
/// header) as CSV text; the rule line is dropped.
fn tabulate_to_csv(lines: &[&str]) -> String {
    let is_rule = |l: &str| {
        let t = l.trim();
        !t.is_empty() && t.chars().all(|c| c == '-' || c == ' ')
    };
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.trim().is_empty() || (i == 1 && is_rule(l)) {
            continue;
        }
        let cells: Vec<String> = l
            .trim()
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| {
                if c.contains([',', '"']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.to_string()
                }
            })
            .collect();
        out.push(cells.join(","));
    }
    out.join("\n")
}
