//! The one table of tasks: which column headers, dataset names and lm-evaluation-harness
//! tasks give each normalised task id, and which metric is preferred. A benchmark found in
//! the data under a name this table does not know is kept under its own name.

/// One task: where its score comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskDef {
    /// The normalised id the dataset keys scores by.
    pub id: &'static str,
    /// Column headers and dataset names meaning this task, normalised (letters and digits,
    /// lower case; a trailing shot count like `(25-shot)` is removed before matching).
    pub names: &'static [&'static str],
    /// lm-evaluation-harness task names giving the score directly; the first present wins.
    pub lm_eval: &'static [&'static str],
    /// Prefixes of subtasks averaged (unweighted) when no task above has a score.
    pub subtasks: &'static [&'static str],
    /// Metrics in order of preference; the first the task has is used.
    pub metrics: &'static [&'static str],
}

const fn def(
    id: &'static str,
    names: &'static [&'static str],
    lm_eval: &'static [&'static str],
    subtasks: &'static [&'static str],
    metrics: &'static [&'static str],
) -> TaskDef {
    TaskDef {
        id,
        names,
        lm_eval,
        subtasks,
        metrics,
    }
}

/// Every known task. Order: the paper's five, then the others.
pub const TASKS: &[TaskDef] = &[
    def(
        "mmlu",
        &["mmlu", "hendryckstest", "mmluacc"],
        &["mmlu"],
        &["mmlu_", "hendrycksTest-"],
        &["acc"],
    ),
    def(
        "bbh",
        &["bbh", "bigbenchhard"],
        &["bbh", "bbh_cot_fewshot", "bbh_fewshot", "leaderboard_bbh"],
        &[
            "bbh_cot_fewshot_",
            "bbh_fewshot_",
            "leaderboard_bbh_",
            "bigbench_",
        ],
        &["exact_match", "acc_norm", "multiple_choice_grade"],
    ),
    def(
        "math",
        &["math", "hendrycksmath", "minervamath"],
        &["minerva_math", "hendrycks_math"],
        &["minerva_math_", "hendrycks_math_"],
        &["exact_match", "math_verify"],
    ),
    def(
        "humaneval",
        &["humaneval", "openaihumaneval", "humanevalpass1"],
        &["humaneval"],
        &[],
        &["pass@1", "pass_at_1", "python_pass@1"],
    ),
    def(
        "mbpp",
        &["mbpp", "sanitizedmbpp", "mbpppass1"],
        &["mbpp"],
        &[],
        &["pass_at_1", "pass@1", "python_pass@1"],
    ),
    def(
        "mmlu_pro",
        &["mmlupro", "mnlupro"],
        &["leaderboard_mmlu_pro", "mmlu_pro"],
        &[],
        &["acc", "exact_match"],
    ),
    def(
        "math_lvl5",
        &["mathlvl5", "mathlevel5", "mathhard"],
        &["leaderboard_math_hard"],
        &["leaderboard_math_"],
        &["exact_match"],
    ),
    def(
        "gsm8k",
        &["gsm8k"],
        &["gsm8k", "gsm8k_cot"],
        &[],
        &["exact_match", "acc"],
    ),
    def(
        "arc_challenge",
        &["arc", "arcchallenge", "arcc", "aiarc"],
        &["arc_challenge", "arc:challenge"],
        &[],
        &["acc_norm", "acc"],
    ),
    def(
        "arc_easy",
        &["arceasy", "arce"],
        &["arc_easy", "arc:easy"],
        &[],
        &["acc_norm", "acc"],
    ),
    def(
        "hellaswag",
        &["hellaswag"],
        &["hellaswag"],
        &[],
        &["acc_norm", "acc"],
    ),
    def(
        "winogrande",
        &["winogrande"],
        &["winogrande"],
        &[],
        &["acc"],
    ),
    def(
        "truthfulqa",
        &["truthfulqa", "truthfulqamc2", "truthfulqamc"],
        &["truthfulqa_mc2", "truthfulqa_mc", "truthfulqa"],
        &[],
        &["mc2", "acc"],
    ),
    def("piqa", &["piqa"], &["piqa"], &[], &["acc_norm", "acc"]),
    def("boolq", &["boolq"], &["boolq"], &[], &["acc"]),
    // The OLMo ladder's other tasks (RC 5-shot) and the paper's 7-task average of them.
    def(
        "csqa",
        &["csqa", "commonsenseqa"],
        &["commonsense_qa", "csqa"],
        &[],
        &["acc", "acc_norm"],
    ),
    def(
        "socialiqa",
        &["socialiqa", "siqa"],
        &["social_iqa", "siqa", "socialiqa"],
        &[],
        &["acc", "acc_norm"],
    ),
    def(
        "openbookqa",
        &["openbookqa", "obqa"],
        &["openbookqa"],
        &[],
        &["acc_norm", "acc"],
    ),
    // The OLMo ladder paper's 7-task average, read from tables, never from lm-eval.
    def("core7_avg", &["core7avg"], &[], &[], &[]),
    def(
        "gpqa",
        &["gpqa"],
        &["leaderboard_gpqa", "gpqa"],
        &["leaderboard_gpqa_"],
        &["acc_norm", "acc"],
    ),
    def(
        "musr",
        &["musr", "musraverage"],
        &["leaderboard_musr", "musr"],
        &["leaderboard_musr_"],
        &["acc_norm", "acc"],
    ),
    def(
        "ifeval",
        &["ifeval"],
        &["leaderboard_ifeval", "ifeval"],
        &[],
        &[
            "prompt_level_strict_acc",
            "prompt-level-strict-acc",
            "inst_level_strict_acc",
        ],
    ),
];

/// Metrics tried, in order, for a task this table does not know. Only values between 0
/// and 1 are read (scores the harness writes as fractions).
pub const OTHER_METRICS: &[&str] = &[
    "acc",
    "accuracy",
    "acc_norm",
    "exact_match",
    "multiple_choice_grade",
    "mc2",
    "mcc",
    "f1",
    "em",
    "pass@1",
    "pass_at_1",
    "python_pass@1",
    "prompt_level_strict_acc",
    "prompt-level-strict-acc",
    "bleu",
    "rouge1",
    "rougeL",
    "bert_score",
];

/// The definition of a known task id.
pub fn task_def(id: &str) -> Option<&'static TaskDef> {
    TASKS.iter().find(|t| t.id == id)
}

/// Every task present in a dataset (a model's score, a ladder point or a checkpoint):
/// the known ones in the table's order, then the others by name.
pub fn tasks_present(dataset: &super::Dataset) -> Vec<String> {
    let mut found: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for m in &dataset.models {
        found.extend(m.scores.keys().map(String::as_str));
    }
    found.extend(dataset.ladder.iter().map(|r| r.task.as_str()));
    found.extend(dataset.checkpoints.iter().map(|r| r.task.as_str()));
    found.remove(super::AVERAGE);
    let mut out: Vec<String> = TASKS
        .iter()
        .filter(|t| found.contains(t.id))
        .map(|t| t.id.to_string())
        .collect();
    out.extend(
        found
            .into_iter()
            .filter(|t| task_def(t).is_none())
            .map(str::to_string),
    );
    out
}

/// Lower-case letters and digits only: `"Training FLOP"` → `"trainingflop"`,
/// `"#Params (B)"` → `"paramsb"`.
pub fn normalize_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::task_names::task_for_name;

    #[test]
    fn names_with_shot_counts_map_to_ids() {
        assert_eq!(task_for_name("ARC(25-shot)"), Some("arc_challenge"));
        assert_eq!(task_for_name("HellaSwag(10-shot)"), Some("hellaswag"));
        assert_eq!(task_for_name("MMLU(5-shot)"), Some("mmlu"));
        assert_eq!(task_for_name("TruthfulQA(0-shot)"), Some("truthfulqa"));
        assert_eq!(task_for_name("MATH Lvl 5"), Some("math_lvl5"));
        assert_eq!(task_for_name("MNLU-Pro"), Some("mmlu_pro"));
        assert_eq!(task_for_name("source_mmlu"), None);
    }

    #[test]
    fn every_id_is_listed_once() {
        for (i, t) in TASKS.iter().enumerate() {
            assert!(TASKS[..i].iter().all(|o| o.id != t.id), "{}", t.id);
            // A task read from lm-eval outputs needs a metric to read; a derived average
            // (core7_avg, read from tables only) has none.
            let from_lm_eval = !t.lm_eval.is_empty() || !t.subtasks.is_empty();
            assert!(!from_lm_eval || !t.metrics.is_empty(), "{}", t.id);
        }
    }
}
