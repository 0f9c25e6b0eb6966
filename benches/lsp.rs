//! Language-server benchmark: drives the built `casenote` binary over stdio, as an editor does.
//!
//! `cargo bench --bench lsp` prints:
//! - keystroke latency: from sending `didChange` (one character typed in the middle of the
//!   note) to receiving `publishDiagnostics` for that version, median and p95, on a
//!   5,000-word note and a 100,000-word document;
//! - time to first diagnostics after `initialize` + `didOpen`;
//! - resident memory with 20 notes open.
//!
//! Targets: median < 2 ms and p95 < 5 ms (5k words), < 50 ms (100k words), < 50 ms to first
//! diagnostics, < 50 MB with 20 notes open. Set `CASENOTE_BENCH_QUICK=1` for fewer rounds.

#[path = "../tests/support/lsp_wire.rs"]
mod lsp_wire;
#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

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
            .expect("spawn casenote lsp");
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
                .recv_timeout(Duration::from_secs(30))
                .expect("the server answered");
            if pred(&m) {
                return m;
            }
        }
    }

    fn initialize(&mut self) {
        self.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": null, "capabilities": {}}}));
        self.wait(|m| m["id"] == 1);
        self.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
        );
    }

    fn diagnostics(&mut self, uri: &str, version: i64) {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
    }

    fn rss_kb(&self) -> Option<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }

    fn stop(mut self) {
        self.send(json!({"jsonrpc": "2.0", "id": 999, "method": "shutdown"}));
        self.wait(|m| m["id"] == 999);
        self.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        let _ = self.child.wait();
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Type one character at a time in the middle of the document; time each round trip.
fn keystrokes(words: usize, rounds: usize) -> Vec<f64> {
    let text = support::note(words);
    let lines: Vec<&str> = text.split('\n').collect();
    let mid = lines.len() / 2;
    let line = (mid..lines.len())
        .find(|&i| lines[i].len() > 20)
        .unwrap_or(0);
    let mut s = Server::start();
    s.initialize();
    let uri = "file:///bench/note.md";
    s.open(uri, &text);
    s.diagnostics(uri, 1);
    let mut times = Vec::with_capacity(rounds);
    for r in 0..rounds {
        let version = r as i64 + 2;
        // Alternate typing a letter and deleting it, so the note stays the same size.
        let change = if r % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 10}, "end": {"line": line, "character": 10}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": line, "character": 10}, "end": {"line": line, "character": 11}}, "text": ""})
        };
        let t0 = Instant::now();
        s.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}}),
        );
        s.diagnostics(uri, version);
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    s.stop();
    times.sort_by(|a, b| a.total_cmp(b));
    times
}

fn first_diagnostics(words: usize, rounds: usize) -> (Vec<f64>, Vec<f64>) {
    let text = support::note(words);
    let mut from_init = Vec::new();
    let mut from_open = Vec::new();
    for _ in 0..rounds {
        let t0 = Instant::now();
        let mut s = Server::start();
        s.initialize();
        let uri = "file:///bench/first.md";
        let t1 = Instant::now();
        s.open(uri, &text);
        s.diagnostics(uri, 1);
        from_init.push(t0.elapsed().as_secs_f64() * 1000.0);
        from_open.push(t1.elapsed().as_secs_f64() * 1000.0);
        s.stop();
    }
    from_init.sort_by(|a, b| a.total_cmp(b));
    from_open.sort_by(|a, b| a.total_cmp(b));
    (from_init, from_open)
}

fn memory_with_open_notes(notes: usize, words: usize) -> Option<(u64, u64)> {
    let mut s = Server::start();
    s.initialize();
    for i in 0..notes {
        let uri = format!("file:///bench/note-{i}.md");
        s.open(&uri, &support::note(words + i * 10));
        s.diagnostics(&uri, 1);
    }
    let rss = s.rss_kb();
    s.stop();
    rss
}

fn main() {
    // `cargo test --benches` runs benches with --bench absent: do nothing there.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let quick = std::env::var_os("CASENOTE_BENCH_QUICK").is_some();
    let (r5k, r100k, rfirst) = if quick { (100, 10, 5) } else { (400, 40, 15) };
    println!(
        "casenote lsp benchmark ({} cores; figures depend on machine load)",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    let t = keystrokes(5_000, r5k);
    println!(
        "keystroke -> diagnostics, 5,000 words:   median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} edits; target median < 2, p95 < 5)",
        percentile(&t, 0.5),
        percentile(&t, 0.95),
        percentile(&t, 1.0),
        t.len()
    );
    let t = keystrokes(100_000, r100k);
    println!(
        "keystroke -> diagnostics, 100,000 words: median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} edits; target < 50)",
        percentile(&t, 0.5),
        percentile(&t, 0.95),
        percentile(&t, 1.0),
        t.len()
    );
    let (init, open) = first_diagnostics(5_000, rfirst);
    println!(
        "first diagnostics, 5,000-word note: median {:.2} ms from initialize ({:.2} ms from didOpen), p95 {:.2} ms (target < 50)",
        percentile(&init, 0.5),
        percentile(&open, 0.5),
        percentile(&init, 0.95)
    );
    match memory_with_open_notes(20, 2_000) {
        Some((rss, peak)) => println!(
            "memory with 20 notes of ~2,000 words open: RSS {:.1} MB (peak {:.1} MB; target < 50)",
            rss as f64 / 1024.0,
            peak as f64 / 1024.0
        ),
        None => println!("memory: /proc not available on this system"),
    }
}
