//! JSON-RPC framing over a child process's pipes (`Content-Length` headers), shared by the
//! language-server tests and the `lsp` benchmark.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::mpsc::{channel, Receiver};

use serde_json::Value;

/// Write one message with its header.
pub fn write_message(w: &mut impl Write, body: &str) -> std::io::Result<()> {
    write!(w, "Content-Length: {}\r\n\r\n{}", body.len(), body)?;
    w.flush()
}

/// Read one message; `None` at the end of the output or on a frame that is not JSON.
pub fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut buf = vec![0; len?];
    r.read_exact(&mut buf).ok()?;
    serde_json::from_slice(&buf).ok()
}

/// Every message the server writes to `stdout`, read on a thread of its own.
pub fn spawn_reader(stdout: impl Read + Send + 'static) -> Receiver<Value> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        while let Some(v) = read_message(&mut r) {
            if tx.send(v).is_err() {
                return;
            }
        }
    });
    rx
}
