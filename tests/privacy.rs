//! Privacy: Casenote never opens a network connection and never writes note text to disk
//! unless asked for a file. Proved by tracing the real binary's system calls with strace.
//!
//! Skipped (with a message) where strace is not installed, unless `CASENOTE_REQUIRE_TOOLS=1`
//! (as `.ci/run` sets), where a missing strace fails the test.

use std::path::Path;
use std::process::{Command, Stdio};

#[path = "support/strace.rs"]
mod strace;

use strace::{strace_available, violations};

/// Run `casenote args...` under strace (following threads) and return the trace.
fn trace(args: &[&str], stdin: Option<&str>, dir: &Path) -> String {
    let out_file = dir.join("trace.txt");
    let mut cmd = Command::new("strace");
    cmd.args([
        "-f",
        "-qq",
        "-e",
        "trace=network,openat,open,creat,rename,renameat,renameat2",
        "-o",
    ])
    .arg(&out_file)
    .arg(env!("CARGO_BIN_EXE_casenote"))
    .args(args)
    .stdin(Stdio::piped())
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("spawn strace");
    if let Some(text) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait().unwrap();
    std::fs::read_to_string(out_file).unwrap()
}

/// System calls that open a socket or a file for writing.
#[test]
fn check_opens_no_socket_and_writes_no_file() {
    if !strace_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("note.md");
    std::fs::write(
        &note,
        "The placement is settled. Mum failed to engage with the CIN plan.\n",
    )
    .unwrap();
    let t = trace(
        &["check", "--today", "26/11/2026", note.to_str().unwrap()],
        None,
        dir.path(),
    );
    assert!(t.contains("note.md"), "the trace saw the note being read");
    let v = violations(&t, &[]);
    assert!(v.is_empty(), "unexpected system calls:\n{}", v.join("\n"));
}

#[test]
fn check_from_stdin_opens_no_socket_and_writes_no_file() {
    if !strace_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let t = trace(
        &["check", "--format", "json", "-"],
        Some("Dad refused to attend the TAF meeting.\n"),
        dir.path(),
    );
    let v = violations(&t, &[]);
    assert!(v.is_empty(), "unexpected system calls:\n{}", v.join("\n"));
}

#[test]
fn the_trace_check_catches_sockets_and_writes() {
    let sample = "123 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3\n\
                  123 openat(AT_FDCWD, \"/tmp/x\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 4\n\
                  123 openat(AT_FDCWD, \"/tmp/note.md\", O_RDONLY|O_CLOEXEC) = 5\n";
    assert_eq!(violations(sample, &[]).len(), 2);
    assert_eq!(violations(sample, &["/tmp/x"]).len(), 1);
}

#[test]
fn report_writes_only_the_file_it_was_asked_for() {
    if !strace_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("note.md");
    std::fs::write(&note, "Mum failed to engage with the plan.\n").unwrap();
    let out = dir.path().join("report.md");
    let t = trace(
        &[
            "report",
            "--today",
            "26/11/2026",
            "-o",
            out.to_str().unwrap(),
            note.to_str().unwrap(),
        ],
        None,
        dir.path(),
    );
    assert!(out.exists());
    let v = violations(&t, &["report.md"]);
    assert!(v.is_empty(), "unexpected system calls:\n{}", v.join("\n"));
}
