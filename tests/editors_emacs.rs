//! Emacs as a real client: headless Emacs with eglot (Debian: emacs-nox 28.2, elpa-eglot 1.9)
//! is set up with `editors/emacs/casenote.el` as its README says, opens a note, and must show the
//! server's findings as Flymake diagnostics with the right rule ids and places, explain the
//! rule at point, and shut the server down.
//!
//! The driver is `editors/emacs/test/casenote-batch-test.el`. The server is this crate's
//! binary, or `CASENOTE_TEST_SERVER` if set. Without Emacs (or eglot) the test prints why and
//! passes, unless `CASENOTE_REQUIRE_EDITORS=1`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

const NOTE: &str = "Case note: home visit

The allocated practitioner undertook an unannounced visit to the family residence to evaluate the appropriateness of the accommodation arrangements and the emotional wellbeing of the children following the recent safeguarding concerns raised by the educational establishment.

Sam was at home. He showed me his room. He has a new bed. He likes the blue wall. He said he sleeps well now. He wants a poster of his team. He told me school is better.

Additional multidisciplinary intervention is considered appropriate.
";

fn required() -> bool {
    std::env::var_os("CASENOTE_REQUIRE_EDITORS").is_some_and(|v| v == "1")
}

fn skip(why: &str) {
    assert!(!required(), "CASENOTE_REQUIRE_EDITORS=1 but {why}");
    println!("skipped: {why}");
}

fn server() -> PathBuf {
    std::env::var_os("CASENOTE_TEST_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_casenote")))
}

/// Runs a command to its end or for at most `limit`, returning (success, stdout, stderr).
fn run_with_limit(cmd: &mut Command, limit: Duration) -> (bool, String, String) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).ok();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        stderr.read_to_string(&mut s).ok();
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!(
                "emacs did not finish within {limit:?}; stdout so far:\n{}",
                out.join().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    (status.success(), out.join().unwrap(), err.join().unwrap())
}

/// The placeholder `casenote lsp` of a branch without the server says so and exits 1.
fn server_is_placeholder(server: &Path) -> bool {
    Command::new(server)
        .arg("lsp")
        .stdin(Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stderr).contains("not built yet"))
        .unwrap_or(false)
}

/// Runs the driver on the test note; returns its standard output.
fn run_emacs(server: &Path, settings: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("home-visit.txt");
    std::fs::write(&note, NOTE).unwrap();
    let emacs_dir = Path::new(ROOT).join("editors/emacs");
    let (ok, out, err) = run_with_limit(
        Command::new("emacs")
            .arg("--batch")
            .arg("-L")
            .arg(&emacs_dir)
            .arg("-l")
            .arg(emacs_dir.join("test/casenote-batch-test.el"))
            .arg(&note)
            .arg(server)
            .current_dir(dir.path())
            .env("CASENOTE_TEST_SETTINGS", settings),
        Duration::from_secs(90),
    );
    assert!(ok, "emacs failed\nstdout:\n{out}\nstderr:\n{err}");

    out
}

/// Findings printed by the driver: (rule, range, source).
fn findings(out: &str) -> Vec<(String, String, String)> {
    out.lines()
        .filter_map(|l| l.strip_prefix("FINDING "))
        .map(|l| {
            let mut parts = l.split(' ').map(str::to_string);
            (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn emacs_eglot_shows_findings_from_casenote_lsp() {
    let emacs_ok = Command::new("emacs")
        .args(["--batch", "--eval", "(require 'eglot)"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !emacs_ok {
        return skip("Emacs with eglot is not installed (apt-get install emacs-nox elpa-eglot)");
    }
    let server = server();
    if server_is_placeholder(&server) {
        return skip("this build's `casenote lsp` is the placeholder (set CASENOTE_TEST_SERVER)");
    }

    let out = run_emacs(&server, "");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines.contains(&"CONNECTED plaintext"),
        "eglot did not connect with language id plaintext:\n{out}"
    );
    let findings = findings(&out);
    for (rule, _, source) in &findings {
        assert_eq!(source, "casenote", "{rule} has source {source}");
    }
    let at = |rule: &str| -> Vec<&str> {
        findings
            .iter()
            .filter(|(r, _, _)| r == rule)
            .map(|(_, range, _)| range.as_str())
            .collect()
    };
    // The 36-word sentence is the whole of line 3; the seven-sentence paragraph starts on line 5.
    assert_eq!(at("long-sentence"), vec!["3:0-3:275"], "{out}");
    assert_eq!(at("long-paragraph").len(), 1, "{out}");
    assert!(at("long-paragraph")[0].starts_with("5:0-5:"), "{out}");
    assert_eq!(at("readability").len(), 1, "{out}");

    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("AT-POINT ") && l.len() > 9),
        "no rule id at the first finding:\n{out}"
    );
    assert!(
        lines.contains(&"EXPLAIN ok"),
        "casenote-explain did not show the rule page:\n{out}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("SHUTDOWN ")),
        "eglot did not shut the server down:\n{out}"
    );
}

/// `casenote-settings` (the README's way to set options) reaches the server: with a higher
/// sentence limit the 36-word sentence is no longer flagged, other findings stay.
#[test]
fn emacs_casenote_settings_reach_the_server() {
    let emacs_ok = Command::new("emacs")
        .args(["--batch", "--eval", "(require 'eglot)"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !emacs_ok {
        return skip("Emacs with eglot is not installed (apt-get install emacs-nox elpa-eglot)");
    }
    let server = server();
    if server_is_placeholder(&server) {
        return skip("this build's `casenote lsp` is the placeholder (set CASENOTE_TEST_SERVER)");
    }
    let out = run_emacs(
        &server,
        "(:rules (:long-sentence (:max-words 40) :readability (:enabled :json-false)))",
    );
    let rules: Vec<String> = findings(&out).into_iter().map(|(r, _, _)| r).collect();
    let has = |id: &str| rules.iter().any(|r| r == id);
    assert!(
        !has("long-sentence"),
        "max-words 40 did not reach the server:\n{out}"
    );
    assert!(
        !has("readability"),
        "enabled = false did not reach the server:\n{out}"
    );
    assert!(
        has("long-paragraph"),
        "other rules should still run:\n{out}"
    );
}
