//! The tasks of the OLMo model ladder (Bhagia et al. 2024, arXiv 2412.04403) and the chance
//! level of every task the app knows: which columns of a ladder-runs file hold a task's loss
//! (bits per byte of the correct answer) and accuracy, with the paper's weights.

/// One split of a task: the key inside the column names and its weight in the task.
#[derive(Debug, Clone, Copy)]
pub struct Split {
    pub key: &'static str,
    pub weight: f64,
    /// The accuracy column's suffix: `len_norm` (per-character normalised) or `acc`.
    pub acc: &'static str,
}

/// A task of the ladder: its id (lower case) and the splits averaged into it.
#[derive(Debug, Clone, Copy)]
pub struct OlmoTask {
    pub id: &'static str,
    pub name: &'static str,
    pub splits: &'static [Split],
}

const fn s(key: &'static str, weight: f64) -> Split {
    Split {
        key,
        weight,
        acc: "len_norm",
    }
}

/// MMLU as the paper weights its four categories (the test split; OLMo-ladder
/// `scaling/utils.py`, `WEIGHT_BY_KEY`): stem .215, humanities .335, social sciences .219,
/// other .231.
const MMLU: &[Split] = &[
    s("mmlu_stem_test", 0.215),
    s("mmlu_humanities_test", 0.335),
    s("mmlu_social_sciences_test", 0.219),
    s("mmlu_other_test", 0.231),
];

/// The paper's seven core tasks and their splits (`v2_core_small_names`).
const CORE7: &[Split] = &[
    s("hellaswag_val", 1.0),
    s("arc_challenge_test", 1.0),
    s("arc_easy_test", 1.0),
    s("piqa_val", 1.0),
    s("csqa_val", 1.0),
    s("socialiqa_val", 1.0),
    s("openbookqa_test", 1.0),
];

/// The id of the paper's 7-task average (unweighted mean of the seven core tasks).
pub const CORE7_AVG: &str = "core7_avg";

/// Every task read from a ladder-runs file, in display order.
pub const OLMO_TASKS: &[OlmoTask] = &[
    OlmoTask {
        id: "mmlu",
        name: "MMLU",
        splits: MMLU,
    },
    OlmoTask {
        id: "hellaswag",
        name: "HellaSwag",
        splits: &[s("hellaswag_val", 1.0)],
    },
    OlmoTask {
        id: "arc_easy",
        name: "ARC-Easy",
        splits: &[s("arc_easy_test", 1.0)],
    },
    OlmoTask {
        id: "arc_challenge",
        name: "ARC-Challenge",
        splits: &[s("arc_challenge_test", 1.0)],
    },
    OlmoTask {
        id: "piqa",
        name: "PIQA",
        splits: &[s("piqa_val", 1.0)],
    },
    OlmoTask {
        id: "csqa",
        name: "CommonsenseQA",
        splits: &[s("csqa_val", 1.0)],
    },
    OlmoTask {
        id: "socialiqa",
        name: "Social IQa",
        splits: &[s("socialiqa_val", 1.0)],
    },
    OlmoTask {
        id: "openbookqa",
        name: "OpenBookQA",
        splits: &[s("openbookqa_test", 1.0)],
    },
    OlmoTask {
        id: "winogrande",
        name: "WinoGrande",
        splits: &[s("winogrande_val", 1.0)],
    },
    OlmoTask {
        id: "boolq",
        name: "BoolQ",
        splits: &[Split {
            key: "boolq_val",
            weight: 1.0,
            acc: "acc",
        }],
    },
    OlmoTask {
        id: CORE7_AVG,
        name: "7-task average",
        splits: CORE7,
    },
];

impl Split {
    pub fn loss_column(&self) -> String {
        format!("eval/downstream_bpb/{}_rc_5shot_bpb", self.key)
    }
    pub fn acc_column(&self) -> String {
        format!("eval/downstream/{}_rc_5shot_{}", self.key, self.acc)
    }
}

/// The paper's task key in `figures/*.csv` for one of our task ids.
pub fn paper_figure_key(task: &str) -> Option<&'static str> {
    Some(match task {
        "mmlu" => "mmlu_avg_test_5shot",
        "hellaswag" => "hellaswag_val_5shot",
        "arc_challenge" => "arc_challenge_test_5shot",
        "arc_easy" => "arc_easy_test_5shot",
        "piqa" => "piqa_val_5shot",
        "csqa" => "csqa_val_5shot",
        "socialiqa" => "socialiqa_val_5shot",
        "openbookqa" => "openbookqa_test_5shot",
        _ => return None,
    })
}

/// Chance accuracy of a task, in points (0–100), where the task defines one: the one table
/// of chance levels (answer choices: MMLU, ARC, HellaSwag, OpenBookQA 4; CSQA 5; Social IQa
/// 3; PIQA, WinoGrande, BoolQ 2 — the OLMo ladder's `minimums_rc`). The 7-task average's
/// chance is the mean of its tasks'. `None` for tasks without a fixed chance level
/// (generation tasks such as MATH or HumanEval, where it is 0 anyway, or unknown ids).
pub fn chance_points(task: &str) -> Option<f64> {
    let t = task.to_ascii_lowercase();
    Some(match t.as_str() {
        "mmlu" | "arc_easy" | "arc_challenge" | "hellaswag" | "openbookqa" => 25.0,
        "csqa" => 20.0,
        "socialiqa" => 100.0 / 3.0,
        "piqa" | "winogrande" | "boolq" => 50.0,
        CORE7_AVG => {
            let ids = [
                "hellaswag",
                "arc_challenge",
                "arc_easy",
                "piqa",
                "csqa",
                "socialiqa",
                "openbookqa",
            ];
            ids.iter().filter_map(|i| chance_points(i)).sum::<f64>() / ids.len() as f64
        }
        _ => return None,
    })
}

/// The OLMo ladder paper's published predictions beside a ladder folder: the texts of
/// `figures/{step1,step2,chained}_main.csv` (in the folder or beside it), when present.
pub fn read_paper_figures(dir: &std::path::Path) -> Option<[String; 3]> {
    let base = [dir.join("figures"), dir.join("../figures")]
        .into_iter()
        .find(|p| p.join("step1_main.csv").is_file())?;
    let read = |n: &str| std::fs::read_to_string(base.join(n)).ok();
    Some([
        read("step1_main.csv")?,
        read("step2_main.csv")?,
        read("chained_main.csv")?,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mmlu_weights_sum_to_one_and_chance_table() {
        let w: f64 = MMLU.iter().map(|s| s.weight).sum();
        assert!((w - 1.0).abs() < 1e-12);
        assert_eq!(chance_points("MMLU"), Some(25.0));
        // (25·4 + 50 + 20 + 100/3) / 7
        let avg = (100.0 + 50.0 + 20.0 + 100.0 / 3.0) / 7.0;
        assert!((chance_points(CORE7_AVG).unwrap() - avg).abs() < 1e-12);
        assert_eq!(chance_points("bbh"), None);
    }
}
