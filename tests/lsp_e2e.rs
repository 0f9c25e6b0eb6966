//! End-to-end: the real `casenote lsp` binary, spoken to over stdin/stdout in JSON-RPC.
//!
//! These tests use the rules that work in every build (long-sentence, long-paragraph,
//! readability); where a check needs a finding with a suggested replacement, it looks for one
//! and says so when no rule in this build offers one.

use std::io::Write;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

#[path = "support/lsp_wire.rs"]
mod lsp_wire;

use serde_json::{json, Value};

const LONG: &str = "During the visit, which took place at the family home on Tuesday afternoon after school, Ava showed me her bedroom and told me about her new friends, and Mum said that things had been much calmer since the last review meeting.";

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Messages from the server not yet looked at.
    backlog: Vec<Value>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_casenote"))
            .arg("lsp")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn casenote lsp");
        let stdout = child.stdout.take().unwrap();
        let rx = lsp_wire::spawn_reader(stdout);
        let stdin = child.stdin.take();
        Server {
            child,
            stdin,
            rx,
            next_id: 0,
            backlog: Vec::new(),
        }
    }

    fn send_raw(&mut self, body: &str) {
        lsp_wire::write_message(self.stdin.as_mut().unwrap(), body).unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(&msg.to_string());
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(&msg.to_string());
        let resp = self.wait_for(
            |m| m.get("id") == Some(&json!(id)) && m.get("method").is_none(),
            Duration::from_secs(10),
        );
        resp.unwrap_or_else(|| panic!("no response to {method}"))
    }

    /// Wait for a message matching `pred`; messages that do not match are kept.
    fn wait_for(&mut self, pred: impl Fn(&Value) -> bool, timeout: Duration) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return Some(self.backlog.remove(i));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) => {
                    // Answer requests from the server (registerCapability, refresh).
                    if m.get("id").is_some() && m.get("method").is_some() {
                        let reply = json!({"jsonrpc": "2.0", "id": m["id"], "result": null});
                        self.send_raw(&reply.to_string());
                    }
                    if pred(&m) {
                        return Some(m);
                    }
                    self.backlog.push(m);
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    return None
                }
            }
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self
            .wait_for(
                |m| {
                    m["method"] == "textDocument/publishDiagnostics"
                        && m["params"]["uri"] == uri
                        && m["params"]["version"] == version
                },
                Duration::from_secs(10),
            )
            .unwrap_or_else(|| panic!("no diagnostics for version {version}"));
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self, capabilities: Value, options: Value, root: Option<&Path>) -> Value {
        let root_uri = root.map(uri_of);
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn shutdown_and_exit(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    fn wait_exit(&mut self) -> i32 {
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri_of(p: &Path) -> String {
    format!("file://{}", p.display())
}

fn utf16_len(s: &str) -> u64 {
    s.encode_utf16().count() as u64
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn diagnostics_hover_edits_and_shutdown_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Server::start(&["--stdio"]);
    let init = s.initialize(json!({}), Value::Null, Some(dir.path()));
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert!(caps.get("diagnosticProvider").is_none_or(Value::is_null));

    // An emoji before the long sentence on the same line: the column is in UTF-16 units.
    let prefix = "Ava 😀 drew. ";
    let text = format!("# Visit\r\n\r\n{prefix}{LONG}\n");
    let uri = uri_of(&dir.path().join("note.md"));
    s.open(&uri, &text);
    let diags = s.diagnostics(&uri, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "long-sentence")
        .unwrap_or_else(|| panic!("long-sentence expected, got {:?}", codes(&diags)));
    assert_eq!(d["source"], "casenote");
    assert_eq!(d["range"]["start"]["line"], 2);
    assert_eq!(d["range"]["start"]["character"], utf16_len(prefix));
    assert_eq!(d["range"]["end"]["line"], 2);
    assert_eq!(
        d["range"]["end"]["character"],
        utf16_len(prefix) + utf16_len(LONG)
    );
    assert_eq!(
        d["codeDescription"]["href"],
        "https://github.com/casenote/casenote/blob/main/docs/rules/long-sentence.md"
    );
    assert_eq!(d["data"]["rule"], "long-sentence");

    // casenote/status for the status bar.
    let status = s
        .wait_for(
            |m| m["method"] == "casenote/status" && m["params"]["version"] == 1,
            Duration::from_secs(5),
        )
        .expect("casenote/status");
    assert_eq!(status["params"]["uri"], uri);
    assert!(status["params"]["words"].as_u64().unwrap() > 40);
    assert!(status["params"]["findings"].as_u64().unwrap() >= 1);
    assert!(status["params"]["readingAge"].is_number());

    // Hover over the finding: what, why (the standard), a link. Elsewhere: nothing.
    let col = utf16_len(prefix) + 5;
    let h = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": col}}),
    );
    let md = h["result"]["contents"]["value"].as_str().unwrap();
    assert!(md.contains("Why it matters"), "{md}");
    assert!(md.contains("standard"), "{md}");
    let h = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    assert!(h["result"].is_null(), "{h}");

    // Type across the emoji: replace "😀" with "🙂 and me", then cut the long sentence short.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 6}}, "text": "🙂 and me"},
        ]}),
    );
    let diags = s.diagnostics(&uri, 2);
    let d = diags.iter().find(|d| d["code"] == "long-sentence").unwrap();
    let prefix2 = "Ava 🙂 and me drew. ";
    assert_eq!(d["range"]["start"]["character"], utf16_len(prefix2));
    // Delete from the first comma of the sentence to the end of the line (CRLF file, LF here).
    let comma = LONG.find(',').unwrap();
    let start = utf16_len(prefix2) + utf16_len(&LONG[..comma]);
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
            {"range": {"start": {"line": 2, "character": start}, "end": {"line": 2, "character": 999}}, "text": "."},
        ]}),
    );
    let diags = s.diagnostics(&uri, 3);
    assert!(!codes(&diags).contains(&"long-sentence".to_string()));

    // Code actions on a range with no finding: an empty list, not an error.
    let r = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
               "context": {"diagnostics": []}}),
    );
    assert_eq!(r["result"], json!([]));

    // Closing clears the diagnostics.
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let m = s
        .wait_for(
            |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["diagnostics"] == json!([])
                    && m["params"]["uri"] == uri
            },
            Duration::from_secs(5),
        )
        .expect("cleared diagnostics");
    assert!(m["params"]["version"].is_null());

    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn incremental_edits_across_emoji_and_crlf_match_a_full_sync() {
    let mut s = Server::start(&[]);
    // Every sentence of more than one word is flagged, so every sentence's range is compared.
    s.initialize(
        json!({}),
        json!({"rules": {"long-sentence": {"max-words": 1}}}),
        None,
    );
    let a = "untitled:incremental";
    let long_and_space = format!("{LONG} ");
    let start = "# Visit 👩‍👧\r\n\r\nAva 😀 drew.\r\nMum said n\u{303}o.";
    s.open(a, start);
    s.diagnostics(a, 1);
    // (range, text) in UTF-16 units, as an editor would send them while typing.
    let edits = [
        ((2, 6), (2, 6), " and 🙂"), // after the emoji (columns 4-5), before the space
        ((2, 99), (2, 99), " Then"), // past the end of the line: before the CRLF
        ((2, 24), (3, 0), " "),      // join the lines across the CRLF
        ((0, 8), (0, 13), "🏠"),     // replace the ZWJ family (5 units)
        ((2, 0), (2, 0), &long_and_space), // a long sentence at the start of the line
        ((9, 0), (9, 0), "\r\nEnd"), // past the end of the document
    ];
    for (i, ((l1, c1), (l2, c2), text)) in edits.iter().enumerate() {
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": a, "version": i + 2}, "contentChanges": [
                {"range": {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}, "text": text}]}),
        );
    }
    let incremental = s.diagnostics(a, edits.len() as i64 + 1);
    let expected =
        format!("# Visit 🏠\r\n\r\n{LONG} Ava 😀 and 🙂 drew. Then Mum said n\u{303}o.\r\nEnd");
    let b = "untitled:full";
    s.open(b, &expected);
    let full = s.diagnostics(b, 1);
    assert!(full.len() >= 3, "{full:?}");
    assert_eq!(incremental, full);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn quick_fixes_edit_only_the_finding() {
    // Words several rules flag; whichever rules in this build offer replacements are checked.
    let text =
        "The placement is settled. Mum failed to engage with the CIN plan and was non-compliant.\n";
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("note.md"));
    let mut s = Server::start(&[]);
    s.initialize(
        json!({"workspace": {"workspaceEdit": {"documentChanges": true}}}),
        Value::Null,
        Some(dir.path()),
    );
    s.open(&uri, text);
    let diags = s.diagnostics(&uri, 1);
    let mut checked = 0;
    for d in &diags {
        let sugg = d["data"]["suggestions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if sugg.is_empty() {
            continue;
        }
        let r = s.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
        );
        let actions = r["result"].as_array().unwrap();
        let mine: Vec<_> = actions
            .iter()
            .filter(|a| a["diagnostics"][0]["range"] == d["range"] && a.get("edit").is_some())
            .collect();
        assert!(!mine.is_empty());
        for a in &mine {
            let change = &a["edit"]["documentChanges"][0];
            assert_eq!(change["textDocument"]["version"], 1);
            let e = &change["edits"][0]["range"];
            let inside = |p: &Value| {
                let key = |p: &Value| (p["line"].as_u64(), p["character"].as_u64());
                key(&d["range"]["start"]) <= key(p) && key(p) <= key(&d["range"]["end"])
            };
            assert!(inside(&e["start"]) && inside(&e["end"]), "{a}");
        }
        let preferred = mine.iter().filter(|a| a["isPreferred"] == true).count();
        assert!(preferred <= 1);
        checked += 1;
    }
    if checked == 0 {
        eprintln!("note: no rule in this build offers a replacement for this text; only the shape of the response was checked");
    }
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn settings_from_the_editor_and_the_workspace_file() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("note.md"));
    let mut s = Server::start(&[]);
    // Editor settings (wrapped in a casenote section): a very short sentence limit.
    s.initialize(
        json!({}),
        json!({"casenote": {"rules": {"long-sentence": {"max-words": 3}}}}),
        Some(dir.path()),
    );
    s.open(&uri, "Ava showed me her bedroom.\n");
    assert_eq!(codes(&s.diagnostics(&uri, 1)), ["long-sentence"]);

    // eglot's empty settings mean "no change".
    s.notify("workspace/didChangeConfiguration", json!({"settings": {}}));
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "Ava showed me her room.\n"}]}),
    );
    assert_eq!(codes(&s.diagnostics(&uri, 2)), ["long-sentence"]);

    // A workspace casenote.toml goes on top of the editor's settings.
    let toml = dir.path().join("casenote.toml");
    std::fs::write(
        &toml,
        "# council settings\n[rules.long-sentence]\nmax-words = 10\n",
    )
    .unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of(&toml), "type": 1}]}),
    );
    assert_eq!(codes(&s.diagnostics(&uri, 2)), Vec::<String>::new());

    // A broken file: a message with file:line:column, and the last good settings stay.
    std::fs::write(&toml, "[rules]\njargn = { enabled = false }\n").unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of(&toml), "type": 2}]}),
    );
    let m = s
        .wait_for(
            |m| m["method"] == "window/showMessage",
            Duration::from_secs(5),
        )
        .expect("showMessage");
    let msg = m["params"]["message"].as_str().unwrap();
    assert!(msg.contains("casenote.toml:2:1:"), "{msg}");
    assert!(msg.contains("jargon"), "{msg}");
    assert_eq!(codes(&s.diagnostics(&uri, 2)), Vec::<String>::new());

    // Editor settings change (bare keys): turn the rule off; the file no longer sets the limit.
    std::fs::remove_file(&toml).unwrap();
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"casenote": {"rules": {"long-sentence": {"max-words": 2}}}}}),
    );
    assert_eq!(codes(&s.diagnostics(&uri, 2)), ["long-sentence"]);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn accept_in_workspace_writes_casenote_toml_and_explain_returns_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("note.md");
    std::fs::write(&note, "A note.\n").unwrap();
    let uri = uri_of(&note);
    let mut s = Server::start(&[]);
    s.initialize(json!({}), Value::Null, Some(dir.path()));
    s.open(&uri, "A note.\n");
    s.diagnostics(&uri, 1);
    let r = s.request(
        "workspace/executeCommand",
        json!({"command": "casenote.acceptInWorkspace", "arguments": ["placement", uri]}),
    );
    assert!(r.get("error").is_none(), "{r}");
    let toml = std::fs::read_to_string(dir.path().join("casenote.toml")).unwrap();
    let c = casenote::Config::from_toml(&toml, None).unwrap();
    assert!(c.is_accepted("placement"));
    // Comments survive a second word.
    std::fs::write(dir.path().join("casenote.toml"), format!("# ours\n{toml}")).unwrap();
    s.request(
        "workspace/executeCommand",
        json!({"command": "casenote.acceptInWorkspace", "arguments": ["CIN", uri]}),
    );
    let toml = std::fs::read_to_string(dir.path().join("casenote.toml")).unwrap();
    assert!(toml.starts_with("# ours\n"), "{toml}");
    assert!(toml.contains("placement") && toml.contains("CIN"), "{toml}");

    let r = s.request(
        "workspace/executeCommand",
        json!({"command": "casenote.explain", "arguments": ["long-sentence"]}),
    );
    let page = r["result"].as_str().unwrap();
    assert_eq!(
        page,
        casenote::rules::by_id("long-sentence").unwrap().page()
    );
    let r = s.request(
        "workspace/executeCommand",
        json!({"command": "casenote.explain", "arguments": ["no-such-rule"]}),
    );
    assert!(r.get("error").is_some());
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let mut s = Server::start(&[]);
    let init = s.initialize(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        Value::Null,
        None,
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let prefix = "Café 😀 drew. ";
    let uri = "untitled:note-1";
    s.open(uri, &format!("{prefix}{LONG}"));
    let diags = s.diagnostics(uri, 1);
    let d = diags.iter().find(|d| d["code"] == "long-sentence").unwrap();
    assert_eq!(d["range"]["start"]["character"], prefix.len() as u64);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn pull_diagnostics_when_the_client_supports_them() {
    let mut s = Server::start(&[]);
    let init = s.initialize(
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
        Value::Null,
        None,
    );
    assert_eq!(
        init["result"]["capabilities"]["diagnosticProvider"]["identifier"],
        "casenote"
    );
    let uri = "untitled:note-2";
    s.open(uri, LONG);
    let r = s.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(r["result"]["kind"], "full");
    assert_eq!(
        codes(r["result"]["items"].as_array().unwrap()),
        ["long-sentence"]
    );
    let id = r["result"]["resultId"].clone();
    let r = s.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": id}),
    );
    assert_eq!(r["result"]["kind"], "unchanged");
    // Status still comes; diagnostics are not pushed as well.
    s.wait_for(|m| m["method"] == "casenote/status", Duration::from_secs(5))
        .expect("status");
    assert!(s
        .wait_for(
            |m| m["method"] == "textDocument/publishDiagnostics",
            Duration::from_millis(300)
        )
        .is_none());
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn languages_come_from_settings() {
    let mut s = Server::start(&[]);
    s.initialize(json!({}), json!({"languages": ["markdown"]}), None);
    let uri = "untitled:note-3";
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": LONG}}),
    );
    assert!(s.diagnostics(uri, 1).is_empty());
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn bad_input_is_answered_not_fatal() {
    let mut s = Server::start(&[]);
    s.initialize(json!({}), Value::Null, None);
    // Malformed JSON, a request of the wrong shape, a frame without Content-Length.
    s.send_raw("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ");
    s.send_raw("{\"jsonrpc\": \"2.0\", \"id\": 98, \"params\": 1}");
    let r = s
        .wait_for(|m| m["id"] == 98, Duration::from_secs(5))
        .expect("an answer to a malformed request");
    assert!(r["error"]["code"].is_i64(), "{r}");
    s.stdin
        .as_mut()
        .unwrap()
        .write_all(b"X-Nonsense: 1\r\n\r\n")
        .unwrap();
    // Unknown request and notification.
    let r = s.request("casenote/noSuchThing", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    s.notify("casenote/noSuchNotification", json!({}));
    // Edits for a document that is not open; bad params.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "untitled:nope", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    s.notify("textDocument/didChange", json!({"textDocument": 5}));
    // Positions past the end.
    let uri = "untitled:note-4";
    s.open(uri, "Short.\n");
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 40, "character": 900}, "end": {"line": 2, "character": 1}}, "text": LONG},
        ]}),
    );
    let diags = s.diagnostics(uri, 2);
    assert_eq!(diags[0]["range"]["start"]["line"], 1);
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4000000000u64, "character": 4000000000u64}}),
    );
    assert!(r["result"].is_null());
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "untitled:nope"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(r["result"].is_null());
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn exit_without_shutdown_is_code_1_and_eof_does_not_hang() {
    let mut s = Server::start(&[]);
    s.initialize(json!({}), Value::Null, None);
    s.notify("exit", Value::Null);
    assert_eq!(s.wait_exit(), 1);

    let mut s = Server::start(&[]);
    s.initialize(json!({}), Value::Null, None);
    assert_eq!(s.wait_exit(), 1, "standard input closed without shutdown");
}

#[test]
fn a_flood_of_edits_ends_with_the_last_version_published_once() {
    let mut s = Server::start(&[]);
    s.initialize(json!({}), Value::Null, None);
    let uri = "untitled:flood";
    s.open(uri, LONG);
    s.diagnostics(uri, 1);
    let n = 10_000;
    // One message per write would take longer than the server: build the burst first.
    let mut burst = String::new();
    for v in 2..=n + 1 {
        let body = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "a"}]}})
        .to_string();
        burst.push_str(&format!("Content-Length: {}\r\n\r\n{}", body.len(), body));
    }
    let stdin = s.stdin.as_mut().unwrap();
    stdin.write_all(burst.as_bytes()).unwrap();
    stdin.flush().unwrap();
    let sent = Instant::now();
    let last = (n + 1) as i64;
    let diags = s.diagnostics(uri, last);
    let took = sent.elapsed();
    eprintln!("last diagnostics {took:?} after the last of {n} edits was written");
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert_eq!(diags[0]["range"]["start"]["character"], 0);
    // Earlier versions may have been published on the way, in order; none after the last.
    let versions: Vec<i64> = s
        .backlog
        .drain(..)
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert!(versions.iter().all(|&v| v < last), "{versions:?}");
    assert!(
        versions.len() < 200,
        "{} intermediate publications",
        versions.len()
    );
    assert!(
        s.wait_for(
            |m| m["method"] == "textDocument/publishDiagnostics",
            Duration::from_millis(300)
        )
        .is_none(),
        "published again after the last version"
    );
    let text_check = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": n as u64 + 5}}),
    );
    assert!(text_check["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("long-sentence"));
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn the_log_file_has_counts_and_timings_but_no_text() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("server.log");
    let mut s = Server::start(&["--log-file", log.to_str().unwrap()]);
    s.initialize(json!({}), Value::Null, None);
    let uri = uri_of(&dir.path().join("Ava-Smith-visit.md"));
    s.open(&uri, LONG);
    s.diagnostics(&uri, 1);
    assert_eq!(s.shutdown_and_exit(), 0);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("long-sentence=1"), "{text}");
    assert!(text.contains(" ms"), "{text}");
    for word in ["Ava", "bedroom", "Smith", "Tuesday"] {
        assert!(!text.contains(word), "the log holds '{word}':\n{text}");
    }
}
