//! The README's table of doubling times is what the command line says: every row is
//! re-run (`densing report --params sample_data/params.json --since 2023-02-01 …`, the
//! command the README names) and its two cells compared as printed, to the 0.1 day.

use std::process::Command;

/// "72.9 (53.5–114.3)" from the report's "doubling time 72.9 days (95% CI 53.5 to 114.3)".
fn doubling(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_densing"))
        .arg("report")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("doubling time "))
        .unwrap_or_else(|| panic!("{args:?}: no doubling time in\n{text}"));
    let (value, rest) = line.split_once(" days (95% CI ").expect("an interval");
    let (lo, hi) = rest
        .trim_end_matches(')')
        .split_once(" to ")
        .expect("lo to hi");
    format!("{value} ({lo}–{hi})")
}

#[test]
fn the_readme_table_is_what_the_report_prints() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let rows: Vec<Vec<&str>> = readme
        .lines()
        .filter(|l| l.starts_with("| average of 5 |") || l.starts_with("| MMLU |"))
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), 4, "the README's table has its four rows");
    for row in rows {
        let (task, basis, window, whole) = (row[0], row[2], row[3], row[4]);
        let mut args = vec![
            "--params",
            "sample_data/params.json",
            "--since",
            "2023-02-01",
        ];
        args.extend(["--basis", basis]);
        if task == "MMLU" {
            args.extend(["--task", "mmlu"]);
        }
        let mut windowed = args.clone();
        windowed.extend(["--until", "2024-09-30"]);
        assert_eq!(doubling(&windowed), window, "{task} {basis}, arXiv window");
        assert_eq!(doubling(&args), whole, "{task} {basis}, whole range");
    }
}
