//! Sessions (issue 5): save and open give the same analysis to the last bit; a missing or
//! changed data file and a newer version give their messages; an interrupted write leaves
//! the previous file intact; `densing export --session` exports what the session showed.
//! Laws are the constants of sample_data/params.json with one parameter edited by hand.

use densing::analysis::{Analysis, Options, analyze};
use densing::chart::ChartView;
use densing::data::{SAMPLE_PARAMS_JSON, parse_params};
use densing::io::session::{
    EditedParam, FileStatus, Session, SessionError, data_file, locate_data, parse_session,
    read_session, restore_dataset, write_session,
};
use densing::io::write_atomic_with;
use densing::law::Fits;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A models table like the sample's with Llama-1-7B's MMLU changed, so the data file
/// matters to the analysis.
fn write_models(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string("sample_data/models.csv").unwrap();
    let text = text.replacen(
        "Llama-1-7B,Llama-1,2023-02-24,6.7,total,35.1",
        "Llama-1-7B,Llama-1,2023-02-24,6.7,total,36.4",
        1,
    );
    let path = dir.join("my_models.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn edited_fits() -> Fits {
    let mut fits = parse_params("params.json", SAMPLE_PARAMS_JSON).unwrap();
    // An edit whose value has no short decimal form: the round trip must keep every bit.
    fits.tasks.get_mut("average").unwrap().loss.alpha = 0.229 + 1.0 / 3.0 * 1e-3;
    fits
}

fn options() -> Options {
    Options {
        breakpoint: chrono::NaiveDate::from_ymd_opt(2023, 6, 1),
        d0_tokens: 1.7e12,
        ..Options::default()
    }
}

/// A session over `data` with the edited laws, the options above and a view.
fn session(data: &Path) -> Session {
    let mut s = Session::new(vec![data_file(data).unwrap()], edited_fits(), options());
    s.edited = vec![EditedParam {
        task: "average".into(),
        param: "alpha".into(),
    }];
    s.view.enlarged = Some("density".into());
    s.view.charts.insert(
        "density".into(),
        ChartView {
            hidden: vec!["fit after 2023-06-01".into()],
            x_range: Some([19000.0, 20000.0]),
            y_range: None,
        },
    );
    s
}

fn bits(a: &Analysis) -> Vec<u64> {
    let mut v: Vec<u64> = a
        .models
        .iter()
        .flat_map(|m| [m.score, m.loss_hat, m.n_hat, m.density])
        .map(|x| x.map_or(0, f64::to_bits))
        .collect();
    if let Some(r) = &a.regression {
        v.extend([
            r.slope_per_day.to_bits(),
            r.intercept.to_bits(),
            r.r2.to_bits(),
        ]);
    }
    v
}

#[test]
fn a_saved_session_opens_to_the_same_analysis_bit_for_bit() {
    let dir = tempfile::tempdir().unwrap();
    let data = write_models(dir.path());
    let s = session(&data);
    let statuses = locate_data(Path::new("x"), &s, &BTreeMap::new());
    let (before_data, _) = restore_dataset(Path::new("x"), &s, &statuses, false).unwrap();
    let before = analyze(&before_data, &s.fits, &s.options);
    assert!(before.regression.is_some());

    let path = dir.path().join("s.densing.json");
    write_session(&path, &s).unwrap();
    let back = read_session(&path).unwrap();
    assert_eq!(back.fits, s.fits, "laws to the last bit");
    assert_eq!(back.options, s.options);
    assert_eq!(back.edited, s.edited);
    assert_eq!(back.view, s.view);
    let st = locate_data(&path, &back, &BTreeMap::new());
    assert_eq!(st, vec![FileStatus::Found(data.clone())]);
    let (after_data, files) = restore_dataset(&path, &back, &st, false).unwrap();
    assert_eq!(files[0].sha256, s.data[0].sha256);
    assert_eq!(after_data.models, before_data.models);
    let after = analyze(&after_data, &back.fits, &back.options);
    assert_eq!(bits(&after), bits(&before));
    assert_eq!(after, before);
    // The edited score came through: the data file, not the sample, was used.
    let llama = after_data
        .models
        .iter()
        .find(|m| m.name == "Llama-1-7B")
        .unwrap();
    assert_eq!(llama.scores["mmlu"], 36.4);
}

#[test]
fn a_session_from_a_newer_version_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(&write_models(dir.path()));
    let mut v = serde_json::to_value(&s).unwrap();
    v["version"] = 7.into();
    let e = parse_session(Path::new("future.json"), &v.to_string()).unwrap_err();
    assert!(
        matches!(e, SessionError::NewerVersion { found: 7, .. }),
        "{e}"
    );
    let msg = e.to_string();
    assert!(
        msg.contains("future.json") && msg.contains("version 7"),
        "{msg}"
    );
    assert!(msg.contains("newer") && msg.contains("up to 1"), "{msg}");
}

#[test]
fn files_that_are_not_sessions_say_so() {
    for (text, expect) in [
        ("{\"a\": 1}", "expected \"format\""),
        ("not json", "invalid JSON"),
        (
            "{\"format\": \"densing-explorer-session\", \"version\": \"one\"}",
            "whole-number",
        ),
        (
            "{\"format\": \"densing-explorer-session\", \"version\": 1}",
            "missing field",
        ),
    ] {
        let e = parse_session(Path::new("s.json"), text).unwrap_err();
        assert!(matches!(e, SessionError::NotASession { .. }), "{e}");
        assert!(e.to_string().contains(expect), "{text}: {e}");
    }
}

#[test]
fn a_missing_data_file_is_named_and_can_be_located() {
    let dir = tempfile::tempdir().unwrap();
    let data = write_models(dir.path());
    let s = session(&data);
    let path = std::env::temp_dir().join(format!("densing-s-{}.json", std::process::id()));
    write_session(&path, &s).unwrap();
    let moved = dir.path().join("elsewhere.csv");
    std::fs::rename(&data, &moved).unwrap();

    let back = read_session(&path).unwrap();
    let st = locate_data(&path, &back, &BTreeMap::new());
    assert_eq!(st, vec![FileStatus::Missing]);
    let e = restore_dataset(&path, &back, &st, false).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, SessionError::DataMissing { .. }));
    assert!(
        msg.contains("my_models.csv") && msg.contains("missing"),
        "{msg}"
    );
    assert!(msg.contains("locate"), "{msg}");

    // Located: the same file under another name opens, with its new path recorded.
    let relocated = BTreeMap::from([(0, moved.clone())]);
    let st = locate_data(&path, &back, &relocated);
    assert_eq!(st, vec![FileStatus::Found(moved.clone())]);
    let (_, files) = restore_dataset(&path, &back, &st, false).unwrap();
    assert_eq!(files[0].path, moved);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_changed_data_file_is_refused_unless_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let data = write_models(dir.path());
    let s = session(&data);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&data)
        .unwrap();
    writeln!(
        f,
        "New-Model,,2024-05-01,3.0,total,60,50,30,40,45,,,,,,,,dense"
    )
    .unwrap();
    let st = locate_data(Path::new("s.json"), &s, &BTreeMap::new());
    assert_eq!(st, vec![FileStatus::Changed(data.clone())]);
    let e = restore_dataset(Path::new("s.json"), &s, &st, false).unwrap_err();
    assert!(matches!(e, SessionError::DataChanged { .. }));
    assert!(
        e.to_string()
            .contains("changed since the session was saved"),
        "{e}"
    );
    let (d, _) = restore_dataset(Path::new("s.json"), &s, &st, true).unwrap();
    assert!(d.models.iter().any(|m| m.name == "New-Model"));
}

#[test]
fn a_session_moved_with_its_data_folder_finds_the_data_by_relative_path() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(project.join("data")).unwrap();
    let data = write_models(&project.join("data"));
    let path = project.join("s.densing.json");
    write_session(&path, &session(&data)).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("\"relative\": \"data/my_models.csv\""),
        "{text}"
    );

    let moved = dir.path().join("handed_over");
    std::fs::rename(&project, &moved).unwrap();
    let path = moved.join("s.densing.json");
    let back = read_session(&path).unwrap();
    let st = locate_data(&path, &back, &BTreeMap::new());
    assert_eq!(
        st,
        vec![FileStatus::Found(moved.join("data/my_models.csv"))]
    );
}

#[test]
fn an_interrupted_write_leaves_the_previous_session_intact() {
    let dir = tempfile::tempdir().unwrap();
    let data = write_models(dir.path());
    let path = dir.path().join("s.densing.json");
    let first = session(&data);
    write_session(&path, &first).unwrap();
    let previous = std::fs::read(&path).unwrap();

    // A second save dies half way through its bytes.
    let mut second = first.clone();
    second.options.d0_tokens = 5e12;
    let text = serde_json::to_string_pretty(&second).unwrap();
    let e = write_atomic_with(&path, |f| {
        f.write_all(&text.as_bytes()[..text.len() / 2])?;
        Err(std::io::Error::other("interrupted"))
    })
    .unwrap_err();
    assert!(e.to_string().contains("s.densing.json"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), previous);
    assert_eq!(read_session(&path).unwrap().options, first.options);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");

    // A save into a missing folder fails with the file named and creates nothing.
    let e = write_session(&dir.path().join("no/such/s.json"), &first).unwrap_err();
    assert!(e.to_string().contains("no/such/s.json"), "{e}");
}

#[test]
fn the_command_line_reports_and_exports_a_session_as_saved() {
    let dir = tempfile::tempdir().unwrap();
    let data = write_models(dir.path());
    let s = session(&data);
    let path = dir.path().join("s.densing.json");
    write_session(&path, &s).unwrap();
    let st = locate_data(&path, &s, &BTreeMap::new());
    let (d, _) = restore_dataset(&path, &s, &st, false).unwrap();
    let expected = analyze(&d, &s.fits, &s.options);

    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_densing"))
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let p = path.to_str().unwrap();
    let report: serde_json::Value =
        serde_json::from_str(&run(&["report", "--session", p, "--json"])).unwrap();
    let slope = report["regression"]["slope_per_day"].as_f64().unwrap();
    assert_eq!(slope, expected.regression.as_ref().unwrap().slope_per_day);

    // The export hides the series the session hid and keeps its zoom.
    let svg_path = dir.path().join("density.svg");
    run(&[
        "export",
        "--session",
        p,
        "--chart",
        "density",
        "--format",
        "svg",
        "--out",
        svg_path.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "text")
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    assert!(
        texts.contains(&"fit after 2023-06-01 95% band"),
        "{texts:?}"
    );
    assert!(
        !texts.contains(&"fit after 2023-06-01"),
        "hidden in the session: {texts:?}"
    );
    // x from day 19000 (2022-01-08) to 20000 (2024-10-04): no tick before 2022.
    assert!(texts.iter().any(|t| t.starts_with("2023")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.starts_with("2021")), "{texts:?}");

    // A session whose data file is gone: one line naming it, exit status 2.
    std::fs::remove_file(&data).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_densing"))
        .args(["report", "--session", p])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("my_models.csv") && err.contains("missing"),
        "{err}"
    );
}

#[test]
fn a_data_file_is_reloaded_with_its_saved_loader_options() {
    let dir = tempfile::tempdir().unwrap();
    // Ladder points without a task column: the saved options say they are mmlu's.
    let text = std::fs::read_to_string("sample_data/ladder.csv").unwrap();
    let body: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("mmlu,"))
        .map(|l| l.trim_start_matches("mmlu,").to_string())
        .collect();
    let path = dir.path().join("mmlu_ladder.csv");
    std::fs::write(
        &path,
        format!("n_params,n_tokens,loss\n{}\n", body.join("\n")),
    )
    .unwrap();
    let mut s = session(&path);
    s.data[0].load_options.default_task = Some("mmlu".into());
    let session_path = dir.path().join("s.densing.json");
    write_session(&session_path, &s).unwrap();
    let back = read_session(&session_path).unwrap();
    assert_eq!(
        back.data[0].load_options.default_task.as_deref(),
        Some("mmlu")
    );
    let st = locate_data(&session_path, &back, &BTreeMap::new());
    let (d, _) = restore_dataset(&session_path, &back, &st, false).unwrap();
    assert_eq!(d.ladder.len(), body.len());
    assert!(d.ladder.iter().all(|r| r.task == "mmlu"));
}
