//! Markdown tables (`| dataset | version | metric | mode | model … |`), as OpenCompass
//! writes its `summary_<timestamp>.md` and as people paste results into READMEs. The
//! table read is the first whose header is an OpenCompass summary's, else the largest; a
//! row with another number of cells than the header is skipped with a warning.

use super::columns::Role;
use super::table::{Cell, Format, RawTable};
use crate::data::model::tasks::normalize_header;
use crate::data::model::{DataError, Pos};

/// The cells of a `| a | b |` line (outer bars optional), trimmed.
fn cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(str::trim).collect()
}

/// The text of a cell that is one Markdown link, `[Orpomis-Prime-7B](https://…)`; any
/// other cell as it is.
fn link_text(cell: &str) -> &str {
    match cell.strip_prefix('[').and_then(|r| r.split_once("](")) {
        Some((text, rest)) if rest.ends_with(')') && !rest.contains(' ') && !text.is_empty() => {
            text
        }
        _ => cell,
    }
}

/// `|---|:---:|`: the line under a header.
fn is_rule(line: &str) -> bool {
    let c = cells(line);
    !c.is_empty()
        && c.iter()
            .all(|x| !x.is_empty() && x.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// Reads the table of a Markdown text.
pub fn read_markdown(path: &str, text: &str) -> Result<RawTable, DataError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Blocks of consecutive table lines: (line number of the header, lines).
    let mut blocks: Vec<Vec<(u64, &str)>> = Vec::new();
    let mut current: Vec<(u64, &str)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('|') {
            current.push((i as u64 + 1, line));
        } else if !current.is_empty() {
            blocks.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks.retain(|b| b.len() >= 3 && is_rule(b[1].1));
    let summary = |b: &Vec<(u64, &str)>| {
        let h: Vec<String> = cells(b[0].1).iter().map(|c| normalize_header(c)).collect();
        h.len() > 4 && h[..4] == ["dataset", "version", "metric", "mode"]
    };
    // A table with a model-name column (a README's results table beside make_table
    // printouts of its suites), else the largest.
    let named = |b: &Vec<(u64, &str)>| {
        let h: Vec<String> = cells(b[0].1).iter().map(|c| normalize_header(c)).collect();
        Role::Model.find(&h).is_some()
    };
    let chosen = match blocks
        .iter()
        .position(summary)
        .or_else(|| blocks.iter().position(named))
    {
        Some(i) => blocks.swap_remove(i),
        None => match blocks.into_iter().max_by_key(Vec::len) {
            Some(b) => b,
            None => {
                return Err(DataError::NotATable {
                    path: path.to_string(),
                    reason: "no Markdown table (expected a header line like | dataset | version | metric | mode | model |, a |---| line, then rows)".into(),
                });
            }
        },
    };
    let headers: Vec<String> = cells(chosen[0].1).iter().map(|s| s.to_string()).collect();
    let mut columns: Vec<Vec<Cell>> = vec![Vec::new(); headers.len()];
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for (line, text) in &chosen[2..] {
        let c = cells(text);
        if c.len() != headers.len() {
            skipped.push((
                Pos::Line(*line),
                format!(
                    "not a valid table row (expected {} cells like the header, found {})",
                    headers.len(),
                    c.len()
                ),
            ));
            continue;
        }
        rows.push(Pos::Line(*line));
        for (col, value) in columns.iter_mut().zip(c) {
            col.push(if value.is_empty() {
                Cell::Missing
            } else {
                Cell::Text(link_text(value).into())
            });
        }
    }
    if rows.is_empty() {
        return Err(DataError::Empty {
            path: path.to_string(),
        });
    }
    Ok(RawTable {
        path: path.to_string(),
        format: Format::Markdown,
        headers,
        columns,
        rows,
        unusable: Vec::new(),
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_table_is_found_among_others() {
        let text = "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n\ntext\n\
                    | dataset | version | metric | mode | m1 |\n|----- | ----- | ----- | ----- | -----|\n\
                    | gsm8k | 1d7fe4 | accuracy | gen | 79.3 |\n| bad | row |\n";
        let t = read_markdown("s.md", text).unwrap();
        assert_eq!(t.headers, ["dataset", "version", "metric", "mode", "m1"]);
        assert_eq!(t.rows, [Pos::Line(12)]);
        assert_eq!(t.columns[4], [Cell::Text("79.3".into())]);
        assert_eq!(t.skipped.len(), 1);
        assert_eq!(t.skipped[0].0, Pos::Line(13));
    }

    #[test]
    fn a_readme_results_table_is_chosen_over_larger_make_table_printouts() {
        // The shape of an LLM AutoEval README: a results table, then a make_table
        // printout of each suite (values from saucam/model_evals, Orpomis-Prime-7B).
        let text = "## nous results\n\n |Benchmark| Model |agieval|bigbench|Average|\n\
                    |---|---|--:|--:|--:|\n\
                    |nous|[Orpomis-Prime-7B](https://huggingface.co/saucam/Orpomis-Prime-7B)|36.4|37.5|46.78|\n\n\
                    ### agieval\n|Task|Version|Metric|Value| |Stderr|\n|---|--:|---|--:|---|--:|\n\
                    |agieval_aqua_rat|0|acc|23.62|±|2.67|\n| | |acc_norm|22.83|±|2.64|\n\
                    |agieval_logiqa_en|0|acc|30.11|±|1.80|\n";
        let t = read_markdown("README.md", text).unwrap();
        assert_eq!(t.headers[1], "Model");
        assert_eq!(t.columns[1], [Cell::Text("Orpomis-Prime-7B".into())]);
        assert_eq!(t.columns[2], [Cell::Text("36.4".into())]);
    }

    #[test]
    fn text_without_a_table_is_refused() {
        let e = read_markdown("r.md", "# Hello\n\nno table\n").unwrap_err();
        assert!(e.to_string().contains("no Markdown table"), "{e}");
    }
}
