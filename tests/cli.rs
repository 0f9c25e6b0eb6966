//! The command line: exit codes, output formats, configuration errors.

use std::path::Path;

use assert_cmd::Command;

fn casenote() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_casenote"));
    c.env_remove("NO_COLOR");
    c
}

const LONG: &str = "During the visit, which took place at the family home on Tuesday afternoon after school, Ava showed me her bedroom and told me about her new friends, and Mum said that things had been much calmer since the last review meeting.\n";
const SHORT: &str = "I saw Ava at home. She showed me her room.\n";

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn exit_code_is_one_with_findings_and_zero_when_clean() {
    let dir = tempfile::tempdir().unwrap();
    let long = write(dir.path(), "long.md", LONG);
    let short = write(dir.path(), "short.md", SHORT);
    casenote()
        .args(["check", "--today", "26/11/2026"])
        .arg(&long)
        .assert()
        .code(1);
    casenote()
        .args(["check", "--today", "26/11/2026"])
        .arg(&short)
        .assert()
        .code(0);
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    // An emoji before the sentence: columns count characters, not bytes.
    let p = write(dir.path(), "note.md", &format!("Hello 😀.\n\n{LONG}"));
    let out = casenote()
        .args(["check", "--format", "json", "--today", "26/11/2026"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = &v["files"][0];
    assert_eq!(file["path"], p.display().to_string());
    let d = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "long-sentence")
        .expect("a long-sentence diagnostic");
    assert_eq!(d["severity"], "information");
    assert!(d["message"].as_str().unwrap().contains("41 words"));
    assert_eq!(
        d["range"]["start"],
        serde_json::json!({"line": 3, "column": 1})
    );
    let chars = LONG.trim_end().chars().count() as u64;
    assert_eq!(
        d["range"]["end"],
        serde_json::json!({"line": 3, "column": chars + 1})
    );
    assert!(d["suggestions"].is_array());
    for key in [
        "words",
        "sentences",
        "reading_age",
        "flesch_reading_ease",
        "flesch_kincaid_grade",
    ] {
        assert!(file["stats"][key].is_number(), "stats.{key}");
    }
}

#[test]
fn human_output_shows_the_line_a_caret_and_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "note.md", LONG);
    let out = casenote()
        .args(["check", "--color", "never", "--today", "26/11/2026"])
        .arg(&p)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("information[long-sentence]"), "{s}");
    assert!(s.contains(":1:1"), "{s}");
    assert!(s.contains("^^^^"), "{s}");
    assert!(s.contains("Found 1 finding"), "{s}");
    assert!(!s.contains('\u{1b}'), "no colour when asked for none");
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_and_the_others_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"Caf\xe9 visit\n").unwrap();
    write(dir.path(), "good.md", LONG);
    let out = casenote()
        .args(["check", "--format", "json", "--today", "26/11/2026"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.txt") && err.contains("not UTF-8"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
}

#[test]
fn a_broken_config_names_file_line_and_column_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "casenote.toml",
        "[rules]\njargn = { enabled = false }\n",
    );
    let p = write(dir.path(), "note.md", SHORT);
    let out = casenote().arg("check").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("casenote.toml:2:1: unknown rule 'jargn' (did you mean 'jargon'?)"),
        "{err}"
    );
}

#[test]
fn the_nearest_config_is_found_by_walking_up() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "casenote.toml",
        "[rules.long-sentence]\nmax-words = 50\n",
    );
    std::fs::create_dir(dir.path().join("notes")).unwrap();
    let p = write(&dir.path().join("notes"), "note.md", LONG);
    casenote()
        .args(["check", "--today", "26/11/2026"])
        .arg(&p)
        .assert()
        .code(0);
    // --config overrides the nearest file.
    let other = write(
        dir.path(),
        "strict.toml",
        "[rules.long-sentence]\nmax-words = 5\n",
    );
    casenote()
        .args(["check", "--today", "26/11/2026", "--config"])
        .arg(&other)
        .arg(&p)
        .assert()
        .code(1);
}

#[test]
fn stdin_is_checked_with_a_dash() {
    casenote()
        .args(["check", "--today", "26/11/2026", "-"])
        .write_stdin(LONG)
        .assert()
        .code(1);
}

#[test]
fn rules_lists_every_rule_and_explain_rejects_an_unknown_one() {
    let out = casenote().arg("rules").output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    for r in casenote::rules::RULES {
        assert!(
            s.contains(r.id()),
            "{} missing from `casenote rules`",
            r.id()
        );
    }
    let out = casenote().args(["explain", "jargn"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("did you mean 'jargon'"));
}

#[test]
fn a_missing_path_is_an_error() {
    casenote()
        .args(["check", "/no/such/note.md"])
        .assert()
        .code(2);
}

#[test]
fn report_writes_a_markdown_summary_to_the_named_file() {
    let dir = tempfile::tempdir().unwrap();
    let note = write(dir.path(), "note.md", LONG);
    let out = dir.path().join("report.md");
    casenote()
        .args(["report", "--today", "26/11/2026", "-o"])
        .arg(&out)
        .arg(&note)
        .assert()
        .code(0);
    let report = std::fs::read_to_string(&out).unwrap();
    assert!(report.starts_with("# Casenote report"));
    assert!(report.contains("1 note checked on 26/11/2026"));
    assert!(report.contains("| [long-sentence](docs/rules/long-sentence.md) | 1 |"));
    assert!(report.contains("- line 1, `long-sentence`"));
}

#[test]
fn explain_into_a_closed_pipe_exits_quietly() {
    use std::process::Stdio;
    // Like `casenote explain jargon | head -0`: the reader goes away before the page is
    // written (the child is still starting up when the pipe closes).
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_casenote"))
        .args(["explain", "long-sentence"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn casenote");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0));
}
