//! Property test against the real binary: random incremental edits (multi-byte text, CRLF,
//! positions past the ends) sent over stdio leave the server with the same document as a
//! String edited the same way. The server's document is observed through its diagnostics:
//! with a one-word sentence limit every sentence is a finding, so the diagnostics of the edited
//! document must equal those of a fresh document opened with the String's text, and every range
//! must lie inside the document.

use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;

#[path = "support/lsp_wire.rs"]
mod lsp_wire;

use proptest::prelude::*;
use proptest::test_runner::{Config as PropConfig, TestCaseError, TestRunner};
use serde_json::{json, Value};

struct Server {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_casenote"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let rx = lsp_wire::spawn_reader(stdout);
        let stdin = child.stdin.take().unwrap();
        Server { child, stdin, rx }
    }

    fn send(&mut self, v: Value) {
        lsp_wire::write_message(&mut self.stdin, &v.to_string()).unwrap();
    }

    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .rx
                .recv_timeout(Duration::from_secs(10))
                .expect("the server answered");
            if pred(&m) {
                return m;
            }
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The reference: a UTF-16 position to a byte offset with LSP's clamping (lines end at `\n`,
/// a `\r` before it is part of the ending; past the end of a line: its end; past the last
/// line: the end of the text; inside a surrogate pair: the character's start).
fn offset(text: &str, line: u32, col: u32) -> usize {
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let mut end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if end > start && text.as_bytes()[end - 1] == b'\r' {
        end -= 1;
    }
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units + c.len_utf16() > col as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    end
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("Ava "),
        Just("drew. "),
        Just("\n"),
        Just("\r\n"),
        Just("é"),
        Just("n\u{303}"),
        Just("😀"),
        Just("👩‍👧 "),
        Just("中文"),
        Just(". "),
        Just(""),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..10).prop_map(|v| v.concat())
}

type Edit = (u32, u32, u32, u32, String);

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec((0u32..5, 0u32..12, 0u32..5, 0u32..12, text()), 1..12)
}

#[test]
fn random_edits_over_stdio_match_the_same_edits_on_a_string() {
    let mut s = Server::start();
    s.send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": null, "capabilities": {},
        "initializationOptions": {"rules": {"long-sentence": {"max-words": 1}}}}}),
    );
    s.wait(|m| m["id"] == 1);
    s.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));

    let cases = std::env::var("CASENOTE_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    let mut runner = TestRunner::new(PropConfig {
        cases,
        failure_persistence: None,
        ..PropConfig::default()
    });
    let n = std::cell::Cell::new(0u32);
    let s = std::cell::RefCell::new(s);
    let result = runner.run(&(text(), edits()), |(initial, edits)| {
        let mut s = s.borrow_mut();
        n.set(n.get() + 1);
        let n = n.get();
        let a = format!("untitled:edited-{n}");
        let b = format!("untitled:fresh-{n}");
        s.open(&a, &initial);
        let mut reference = initial.clone();
        let mut version = 1;
        for (l1, c1, l2, c2, t) in &edits {
            version += 1;
            s.send(
                json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": a, "version": version},
                "contentChanges": [{"range": {
                    "start": {"line": l1, "character": c1},
                    "end": {"line": l2, "character": c2}}, "text": t}]}}),
            );
            let x = offset(&reference, *l1, *c1);
            let y = offset(&reference, *l2, *c2);
            let (x, y) = if y < x { (y, x) } else { (x, y) };
            reference.replace_range(x..y, t);
        }
        let edited = s.diagnostics(&a, version);
        s.open(&b, &reference);
        let fresh = s.diagnostics(&b, 1);
        prop_assert_eq!(&edited, &fresh, "text: {:?}", reference);
        // Every range lies inside the document.
        let lines: Vec<&str> = reference.split('\n').collect();
        for d in &edited {
            for end in ["start", "end"] {
                let p = &d["range"][end];
                let line = p["line"].as_u64().unwrap() as usize;
                let col = p["character"].as_u64().unwrap() as usize;
                prop_assert!(line < lines.len());
                let l = lines[line].strip_suffix('\r').unwrap_or(lines[line]);
                prop_assert!(col <= l.encode_utf16().count());
            }
        }
        for uri in [&a, &b] {
            s.send(json!({"jsonrpc": "2.0", "method": "textDocument/didClose",
                "params": {"textDocument": {"uri": uri}}}));
        }
        Ok::<(), TestCaseError>(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
