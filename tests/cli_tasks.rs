//! `--task` and `--benchmarks` over the tasks present in the data (issue 11): a task
//! without laws still shows its scores and says where its laws would come from; a task
//! not in the data is a one-line usage error. The score 74.0 is typed into the table here.

use std::path::Path;
use std::process::{Command, Output};

fn densing(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_densing"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn models_csv(dir: &Path) -> String {
    let p = dir.join("models.csv");
    std::fs::write(
        &p,
        "model,release_date,params_b,HellaSwag (10-shot),MMLU\nA,2023-05-01,7,74.0,45.0\n",
    )
    .unwrap();
    p.display().to_string()
}

#[test]
fn a_task_without_laws_shows_scores_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = models_csv(dir.path());
    let o = densing(&["report", "--data", &data, "--task", "hellaswag", "--json"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let m = &v["models"][0];
    assert_eq!(m["model"], "A");
    assert_eq!(m["score"].as_f64(), Some(74.0));
    assert_eq!(
        m["excluded_reason"],
        "no reference laws for hellaswag: load a ladder and checkpoints, or a params file"
    );
}

#[test]
fn benchmarks_choose_the_average_among_tasks_present() {
    let dir = tempfile::tempdir().unwrap();
    let data = models_csv(dir.path());
    let o = densing(&[
        "report",
        "--data",
        &data,
        "--benchmarks",
        "hellaswag,mmlu",
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // The mean of the two scores typed above.
    assert_eq!(v["models"][0]["score"].as_f64(), Some(59.5));
    let o = densing(&["report", "--data", &data, "--task", "gsm8k"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("'gsm8k' is not a task of the data") && err.contains("hellaswag"),
        "{err}"
    );
}
