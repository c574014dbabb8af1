//! Real files written by other people's tools (lm-evaluation-harness v0.4 and pre-0.4,
//! Open LLM Leaderboard exports, an OpenCompass summary, plain model tables), read in
//! place from `../shared/real_formats/` and checked against
//! `tests/data/real_formats_expected.csv`. That table was filled by reading each file
//! (its model names and one score as the file writes it), not from the loader's output.
//! Skips with a notice when the folder is absent.

use densing::data::{LoadOptions, Loaded, Model, load_path};
use std::path::{Path, PathBuf};

const ROOT: &str = "../shared/real_formats";
const EXPECTED: &str = "tests/data/real_formats_expected.csv";

struct Expected {
    file: String,
    loaded: bool,
    models: usize,
    model: String,
    task: String,
    /// The score as the file writes it.
    score: f64,
    /// `fraction` (0–1, the loader stores ×100) or `points`.
    fraction: bool,
    note: String,
}

/// Splits one CSV line (quoted fields may hold commas; no quoted newlines here).
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn expected() -> Vec<Expected> {
    let text = std::fs::read_to_string(EXPECTED).expect("the committed expectations");
    let mut lines = text.lines();
    let header = fields(lines.next().expect("a header"));
    assert_eq!(
        header,
        [
            "file", "status", "models", "model", "task", "score", "scale", "note"
        ]
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f = fields(l);
            assert_eq!(f.len(), 8, "{l}");
            let loaded = f[1] == "loaded";
            Expected {
                file: f[0].clone(),
                loaded,
                models: f[2].parse().expect("a model count"),
                model: f[3].clone(),
                task: f[4].clone(),
                score: if loaded {
                    f[5].parse().expect("a score")
                } else {
                    f64::NAN
                },
                fraction: f[6] == "fraction",
                note: f[7].clone(),
            }
        })
        .collect()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else if p.file_name().is_some_and(|n| n != "README.md") {
            out.push(p);
        }
    }
}

fn models_of(loaded: Loaded) -> Vec<Model> {
    match loaded {
        Loaded::Models(m) => m,
        Loaded::Folder(d) => d.models,
        other => panic!("expected models, got {}", other.summary()),
    }
}

#[test]
fn real_files_load_with_the_right_models_and_scores() {
    let root = Path::new(ROOT);
    if !root.is_dir() {
        // The stderr handle itself, which libtest does not capture: the skip shows.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED real_files_load_with_the_right_models_and_scores: {ROOT} is absent (the real-format files are not committed)"
        );
        return;
    }
    let table = expected();
    // Every file of the folder has its line in the table.
    let mut files = Vec::new();
    files_under(root, &mut files);
    for f in &files {
        let rel = f.strip_prefix(root).unwrap().to_string_lossy().to_string();
        assert!(
            table.iter().any(|e| e.file == rel),
            "{rel} has no line in {EXPECTED}"
        );
    }
    let mut loaded = 0;
    let mut failures = Vec::new();
    for e in &table {
        let path = root.join(&e.file);
        let result = load_path(&path, &LoadOptions::default());
        match (e.loaded, result) {
            (false, Err(err)) => eprintln!("refused as expected: {} ({})", e.file, err),
            (false, Ok(o)) => failures.push(format!(
                "{}: expected a refusal ({}), loaded {}",
                e.file,
                e.note,
                o.loaded.summary()
            )),
            (true, Err(err)) => failures.push(format!("{}: refused: {err}", e.file)),
            (true, Ok(o)) => {
                let models = models_of(o.loaded);
                let want = if e.fraction { e.score * 100.0 } else { e.score };
                let got = models
                    .iter()
                    .find(|m| m.name == e.model)
                    .and_then(|m| m.scores.get(&e.task).copied());
                let problems: Vec<String> = [
                    (models.len() != e.models)
                        .then(|| format!("{} models, expected {}", models.len(), e.models)),
                    match got {
                        // The loader multiplies fractions by 100: rounding only.
                        Some(g) if (g - want).abs() <= 1e-9 * want.abs().max(1.0) => None,
                        Some(g) => Some(format!(
                            "{} {}: {g}, expected {want} ({})",
                            e.model, e.task, e.note
                        )),
                        None => Some(format!("no {} score for model '{}'", e.task, e.model)),
                    },
                ]
                .into_iter()
                .flatten()
                .collect();
                if problems.is_empty() {
                    loaded += 1;
                } else {
                    failures.push(format!("{}: {}", e.file, problems.join("; ")));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        loaded >= 26,
        "{loaded} of {} files loaded; expected at least 26",
        table.len()
    );
}
