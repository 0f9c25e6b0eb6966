//! What the privacy tests look for in an `strace` log, shared by the CLI and language-server
//! privacy tests.
#![allow(dead_code)]

use std::process::{Command, Stdio};

/// Is strace installed? Prints why a test is skipped if not; fails when
/// `CASENOTE_REQUIRE_TOOLS` is set (as `.ci/run` sets it).
pub fn strace_available() -> bool {
    let ok = Command::new("strace")
        .arg("-V")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("CASENOTE_REQUIRE_TOOLS").is_none(),
            "strace is required (CASENOTE_REQUIRE_TOOLS is set) but not installed"
        );
        eprintln!("skipped: strace is not installed");
    }
    ok
}

/// Lines of the trace that open a socket, connect, rename, or open a file for writing other
/// than those containing one of `allowed_writes`.
pub fn violations(trace: &str, allowed_writes: &[&str]) -> Vec<String> {
    trace
        .lines()
        .filter(|l| {
            let net = l.contains("socket(") || l.contains("connect(");
            let write = (l.contains("open") || l.contains("creat("))
                && (l.contains("O_WRONLY") || l.contains("O_RDWR") || l.contains("O_CREAT"))
                && !allowed_writes.iter().any(|a| l.contains(a));
            let rename = l.contains("rename");
            net || write || rename
        })
        .map(str::to_string)
        .collect()
}
