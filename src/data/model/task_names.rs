//! The one header resolver: a column header, dataset name or harness task id to the id of
//! the known task it names (tables, Markdown, the leaderboard layouts, lm-eval and
//! OpenCompass all use it), and the id of a score column no known task names.

use super::tasks::{TASKS, normalize_header};

/// Shot, mode and metric suffixes people write after a benchmark's name, normalised
/// (`(5-shot)` → `5shot`, `(zero-shot)` → `zeroshot`, `(pass@1)` → `pass1`, `Raw`).
const SUFFIXES: &[&str] = &[
    "zeroshot",
    "fewshot",
    "oneshot",
    "shots",
    "shot",
    "pass1",
    "passat1",
    "raw",
    "python",
    "cot",
    "chat",
    "acc",
    "accuracy",
    "accnorm",
    "em",
    "exactmatch",
    "score",
    "gen",
    "ppl",
];
/// Prefixes of harness ids and exports (`leaderboard_mmlu_pro`, `harness|arc:challenge`).
const PREFIXES: &[&str] = &["leaderboard", "harness", "lighteval", "original"];

/// Removes shot, mode and metric suffixes and harness prefixes from a normalised name:
/// `arc25shot` → `arc`, `humanevalpythonpass1` → `humaneval`, `leaderboardmmlupro` →
/// `mmlupro`, `mmlu5shot` → `mmlu`. Never strips a name to nothing.
fn bare_name(norm: &str) -> &str {
    let mut s = norm;
    loop {
        let before = s.len();
        for p in PREFIXES {
            if let Some(rest) = s.strip_prefix(p)
                && !rest.is_empty()
            {
                s = rest;
            }
        }
        for suffix in SUFFIXES {
            if let Some(rest) = s.strip_suffix(suffix) {
                // A shot count before `shot` goes with it (`25shot`, `0shot`).
                let rest = if suffix.starts_with("shot") {
                    rest.trim_end_matches(|c: char| c.is_ascii_digit())
                } else {
                    rest
                };
                if !rest.is_empty() {
                    s = rest;
                }
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The one header resolver: the known task a column header, dataset name or harness
/// task id names, case-insensitively and whatever its shot or mode suffix: `"MMLU"`,
/// `"MMLU (zero-shot)"`, `"mmlu_5-shot"` → `mmlu`; `"ARC(25-shot)"` → `arc_challenge`;
/// `"HumanEval-Python (pass@1)"` → `humaneval`; `"leaderboard_mmlu_pro"`, `"MMLU-PRO
/// Raw"` → `mmlu_pro`; `"leaderboard_math_hard"` → `math_lvl5`.
pub fn task_for_name(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_lowercase();
    if let Some(t) = TASKS
        .iter()
        .find(|t| t.id == lower || t.lm_eval.iter().any(|n| n.eq_ignore_ascii_case(&lower)))
    {
        return Some(t.id);
    }
    let norm = normalize_header(name);
    let bare = bare_name(&norm);
    TASKS
        .iter()
        .find(|t| t.names.contains(&norm.as_str()) || t.names.contains(&bare))
        .map(|t| t.id)
}

/// True when a header carries a `Raw` suffix (`BBH Raw`): the raw accuracy, preferred over
/// a normalised column of the same task in a plain table.
pub fn is_raw_header(name: &str) -> bool {
    normalize_header(name).ends_with("raw")
}

/// The id of a column that is not a known task but holds scores: its header in lower
/// case, words joined by `_`, shot suffixes in parentheses dropped (`TriviaQA (5-shot)` →
/// `triviaqa`, `LAMBADA` → `lambada`).
pub fn task_id_of_header(header: &str) -> String {
    let head = match header.find('(') {
        Some(i) if i > 0 => &header[..i],
        _ => header,
    };
    let words: Vec<String> = head
        .split(|c: char| !c.is_alphanumeric() && c != '.')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        header.trim().to_lowercase()
    } else {
        words.join("_")
    }
}

/// A task id for any name: the known id, else the name as it is (trimmed, lower case), so
/// that ids compare case-insensitively everywhere (`MedQA_0-shot` is `medqa_0-shot`).
pub fn normalise_task(name: &str) -> String {
    task_for_name(name).map_or_else(|| name.trim().to_lowercase(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_in_any_spelling_and_harness_ids_resolve() {
        for (name, id) in [
            ("MMLU (zero-shot)", "mmlu"),
            ("MMLU (few-shot)", "mmlu"),
            ("mmlu 5 shot", "mmlu"),
            ("MMLU_0-shot", "mmlu"),
            ("HellaSwag (few-shot)", "hellaswag"),
            ("HumanEval-Python (pass@1)", "humaneval"),
            ("HumanEval (pass@1)", "humaneval"),
            ("BBH Raw", "bbh"),
            ("MMLU-PRO Raw", "mmlu_pro"),
            ("leaderboard_mmlu_pro", "mmlu_pro"),
            ("leaderboard_bbh", "bbh"),
            ("leaderboard_math_hard", "math_lvl5"),
            ("LEADERBOARD_GPQA", "gpqa"),
            ("MBPP", "mbpp"),
            ("gsm8k_cot", "gsm8k"),
        ] {
            assert_eq!(task_for_name(name), Some(id), "{name}");
        }
        assert_eq!(task_for_name("LAMBADA"), None);
        assert_eq!(task_for_name("Average"), None);
        assert_eq!(normalise_task("MedQA_0-shot"), "medqa_0-shot");
        assert_eq!(normalise_task("Lambada_OpenAI"), "lambada_openai");
        assert_eq!(task_id_of_header("TriviaQA (5-shot)"), "triviaqa");
        assert_eq!(task_id_of_header("LAMBADA"), "lambada");
        assert!(is_raw_header("BBH Raw") && !is_raw_header("BBH"));
    }
}
