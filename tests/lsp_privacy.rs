//! Privacy of the language server: a whole editing session under `strace -f` opens no socket,
//! connects nowhere and writes no file except the `--log-file` it was given.
//!
//! Skipped (with a message) where strace is not installed, unless `CASENOTE_REQUIRE_TOOLS=1`.

use std::io::BufReader;
use std::process::{ChildStdin, ChildStdout, Command, Stdio};

#[path = "support/lsp_wire.rs"]
mod lsp_wire;
#[path = "support/strace.rs"]
mod strace;

use strace::{strace_available, violations};

use serde_json::{json, Value};

fn send(stdin: &mut ChildStdin, v: Value) {
    lsp_wire::write_message(stdin, &v.to_string()).unwrap();
}

fn read(r: &mut BufReader<ChildStdout>) -> Value {
    lsp_wire::read_message(r).expect("the server sent a message")
}

fn read_until(r: &mut BufReader<ChildStdout>, pred: impl Fn(&Value) -> bool) -> Value {
    loop {
        let m = read(r);
        if pred(&m) {
            return m;
        }
    }
}

#[test]
fn an_editing_session_opens_no_socket_and_writes_only_its_log() {
    if !strace_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("note.md");
    let text = "Mum failed to engage with the CIN plan. During the visit, which took place at the family home on Tuesday afternoon after school, Ava showed me her bedroom and told me about her new friends, and Mum said that things had been much calmer.\n";
    std::fs::write(&note, text).unwrap();
    std::fs::write(
        dir.path().join("casenote.toml"),
        "[rules.long-sentence]\nmax-words = 20\n",
    )
    .unwrap();
    let log = dir.path().join("server.log");
    let trace_file = dir.path().join("trace.txt");
    let mut child = Command::new("strace")
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=network,openat,open,creat,rename,renameat,renameat2",
            "-o",
        ])
        .arg(&trace_file)
        .arg(env!("CARGO_BIN_EXE_casenote"))
        .args(["lsp", "--stdio", "--log-file"])
        .arg(&log)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn strace");
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let root = format!("file://{}", dir.path().display());
    let uri = format!("file://{}", note.display());

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null, "rootUri": root, "capabilities": {}}}),
    );
    read_until(&mut out, |m| m["id"] == 1);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    let d = read_until(&mut out, |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 1
    });
    assert!(!d["params"]["diagnostics"].as_array().unwrap().is_empty());
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "Today "}]}}),
    );
    read_until(&mut out, |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 2
    });
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": uri}, "position": {"line": 0, "character": 60}}}),
    );
    read_until(&mut out, |m| m["id"] == 2);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 80}},
            "context": {"diagnostics": []}}}),
    );
    read_until(&mut out, |m| m["id"] == 3);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": uri}}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}),
    );
    read_until(&mut out, |m| m["id"] == 4);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(stdin);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));

    let trace = std::fs::read_to_string(&trace_file).unwrap();
    assert!(
        trace.contains("casenote.toml"),
        "the trace saw the settings being read"
    );
    assert!(trace.contains("server.log"), "the trace saw the log");
    let v = violations(&trace, &["server.log"]);
    assert!(v.is_empty(), "unexpected system calls:\n{}", v.join("\n"));
    let logged = std::fs::read_to_string(&log).unwrap();
    for word in ["Mum", "engage", "Ava", "bedroom", "note.md"] {
        assert!(!logged.contains(word), "the log holds '{word}'");
    }
}

#[test]
fn the_trace_check_catches_sockets_and_writes() {
    let sample = "1 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3\n\
                  1 openat(AT_FDCWD, \"/tmp/x\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 4\n\
                  1 openat(AT_FDCWD, \"/tmp/server.log\", O_WRONLY|O_CREAT|O_APPEND, 0666) = 4\n\
                  1 openat(AT_FDCWD, \"/tmp/note.md\", O_RDONLY|O_CLOEXEC) = 5\n";
    assert_eq!(violations(sample, &["server.log"]).len(), 2);
}
