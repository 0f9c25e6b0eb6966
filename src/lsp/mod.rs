//! The language server front end (`casenote lsp`).
//!
//! Design:
//! - tower-lsp-server (the maintained fork of tower-lsp, pinned) on a two-thread tokio runtime.
//! - Input ordering guard: tower-lsp runs handlers concurrently, so document edits are not made
//!   in handlers at all. [`Ordered`] wraps the service and applies `didOpen`, `didChange` and
//!   `didClose` synchronously inside `Service::call`, which the transport's read loop calls once
//!   per message in arrival order. Edits are therefore applied in order by construction.
//! - Analysis runs in one worker task off the edit path. Each edit bumps the document's
//!   revision and queues the document; the worker analyses a snapshot (on a blocking thread)
//!   and publishes only if the revision is still current, so a flood of edits coalesces and
//!   ends with the last version's diagnostics, published once.
//! - Nothing in the edit path waits on the editor.

mod convert;
mod document;
mod framing;
mod log;
mod settings;

use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::task::{Context as TaskContext, Poll};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::Notify;
use tower_lsp_server::jsonrpc::{self, Request, Response};
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, ExitedError, LanguageServer, LspService, Server};
use tower_service::Service;

use crate::config::FILE_NAME;
use crate::engine::Engine;
use crate::rules::DocMeta;
use crate::text::PositionEncoding;
use convert::{Checked, ACCEPT_COMMAND, EXPLAIN_COMMAND};
use document::Doc;
use log::Logger;

/// Serve LSP on stdin/stdout. Exit code 0 after a clean shutdown, 1 otherwise.
pub fn run(log_file: Option<PathBuf>) -> ExitCode {
    let shared = Arc::new(Shared::new(Logger::open(log_file)));
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("casenote: could not start the language server: {e}");
            return ExitCode::from(1);
        }
    };
    let s = shared.clone();
    rt.block_on(async move {
        let (service, socket) = LspService::build(|client| {
            let _ = s.client.set(client.clone());
            tokio::spawn(worker(s.clone(), client.clone()));
            Backend { shared: s.clone() }
        })
        .custom_method(framing::INVALID_METHOD, Backend::invalid_message)
        .finish();
        let ordered = Ordered {
            inner: service,
            shared: s.clone(),
        };
        // Frames pass through a guard that keeps malformed messages from the transport.
        let (input, server_input) = tokio::io::duplex(1 << 16);
        let pump_shared = s.clone();
        tokio::spawn(async move {
            framing::pump(tokio::io::stdin(), input, &pump_shared.log).await;
        });
        Server::new(server_input, tokio::io::stdout(), socket)
            .serve(ordered)
            .await;
    });
    // Standard input is read on a blocking thread that may never return: do not wait for it.
    rt.shutdown_timeout(Duration::from_millis(100));
    let clean = shared.shutdown.load(Ordering::SeqCst);
    shared
        .log
        .log(format_args!("exit (after shutdown: {clean})"));
    ExitCode::from(if clean { 0 } else { 1 })
}

/// What the client can do, read once at `initialize`.
#[derive(Debug, Clone, Default)]
struct ClientCaps {
    encoding: PositionEncoding,
    pull: bool,
    versioned_edits: bool,
    watch_dynamic: bool,
    refresh_pull: bool,
}

#[derive(Debug, Default)]
struct Settings {
    /// The last good editor settings (the `casenote` section).
    editor: Value,
    /// The last good engine for each `casenote.toml` (None: editor settings alone).
    engines: HashMap<Option<PathBuf>, Arc<Engine>>,
    roots: Vec<PathBuf>,
}

struct Shared {
    docs: Mutex<HashMap<Uri, Doc>>,
    queue: Mutex<(VecDeque<Uri>, HashSet<Uri>)>,
    wake: Notify,
    settings: RwLock<Settings>,
    caps: RwLock<ClientCaps>,
    log: Logger,
    client: OnceLock<Client>,
    initialized: AtomicBool,
    shutdown: AtomicBool,
    /// Messages for the user found before the client could be told (during `initialize`).
    early_messages: Mutex<Vec<String>>,
}

impl Shared {
    fn new(log: Logger) -> Self {
        Shared {
            docs: Mutex::new(HashMap::new()),
            queue: Mutex::new((VecDeque::new(), HashSet::new())),
            wake: Notify::new(),
            settings: RwLock::new(Settings {
                editor: settings::empty(),
                ..Default::default()
            }),
            caps: RwLock::new(ClientCaps::default()),
            log,
            client: OnceLock::new(),
            initialized: AtomicBool::new(false),
            shutdown: AtomicBool::new(false),
            early_messages: Mutex::new(Vec::new()),
        }
    }

    fn caps(&self) -> ClientCaps {
        self.caps.read().map(|c| c.clone()).unwrap_or_default()
    }

    fn encoding(&self) -> PositionEncoding {
        self.caps().encoding
    }

    /// Queue a document for analysis.
    fn enqueue(&self, uri: Uri) {
        if let Ok(mut q) = self.queue.lock() {
            if q.1.insert(uri.clone()) {
                q.0.push_back(uri);
            }
        }
        self.wake.notify_one();
    }

    fn dequeue(&self) -> Option<Uri> {
        let mut q = self.queue.lock().ok()?;
        let uri = q.0.pop_front()?;
        q.1.remove(&uri);
        Some(uri)
    }

    /// Apply `didOpen`, `didChange` or `didClose`, synchronously, in arrival order.
    fn on_text_notification(&self, method: &str, params: Option<Value>) {
        let Some(params) = params else {
            self.log
                .log(format_args!("{method} without params: ignored"));
            return;
        };
        let enc = self.encoding();
        let Ok(mut docs) = self.docs.lock() else {
            return;
        };
        match method {
            "textDocument/didOpen" => {
                let p: DidOpenTextDocumentParams = match serde_json::from_value(params) {
                    Ok(p) => p,
                    Err(e) => {
                        self.log.log(format_args!("didOpen: bad params ({e})"));
                        return;
                    }
                };
                let item = p.text_document;
                let path = file_path(&item.uri);
                let mut doc = Doc::new(&item.text, item.version, item.language_id, path);
                if let Some(old) = docs.get(&item.uri) {
                    doc.revision = old.revision + 1;
                }
                self.log.log(format_args!(
                    "didOpen: v{} {} bytes",
                    item.version,
                    item.text.len()
                ));
                docs.insert(item.uri.clone(), doc);
                drop(docs);
                self.enqueue(item.uri);
            }
            "textDocument/didChange" => {
                let p: DidChangeTextDocumentParams = match serde_json::from_value(params) {
                    Ok(p) => p,
                    Err(e) => {
                        self.log.log(format_args!("didChange: bad params ({e})"));
                        return;
                    }
                };
                let uri = p.text_document.uri;
                let Some(doc) = docs.get_mut(&uri) else {
                    self.log.log(format_args!(
                        "didChange for a document that is not open: ignored"
                    ));
                    return;
                };
                doc.apply(p.content_changes, enc);
                doc.version = p.text_document.version;
                doc.revision += 1;
                drop(docs);
                self.enqueue(uri);
            }
            "textDocument/didClose" => {
                let p: DidCloseTextDocumentParams = match serde_json::from_value(params) {
                    Ok(p) => p,
                    Err(e) => {
                        self.log.log(format_args!("didClose: bad params ({e})"));
                        return;
                    }
                };
                let uri = p.text_document.uri;
                if docs.remove(&uri).is_none() {
                    self.log
                        .log(format_args!("didClose for a document that is not open"));
                    return;
                }
                drop(docs);
                // The worker clears its diagnostics, so nothing it publishes can come after.
                self.enqueue(uri);
            }
            _ => {}
        }
    }

    /// The engine for a `casenote.toml` (or for editor settings alone), building it on first
    /// use. An error comes back with the engine to use meanwhile (the last good one).
    fn engine_for(&self, config: Option<&Path>) -> Option<(Arc<Engine>, Option<String>)> {
        let key = config.map(Path::to_path_buf);
        if let Ok(s) = self.settings.read() {
            if let Some(e) = s.engines.get(&key) {
                return Some((e.clone(), None));
            }
        }
        let editor = self
            .settings
            .read()
            .map(|s| s.editor.clone())
            .unwrap_or_else(|_| settings::empty());
        let built = settings::merged(&editor, config)
            .and_then(Engine::new)
            .map(Arc::new);
        let (engine, error) = match built {
            Ok(e) => (e, None),
            Err(err) => (
                fallback_engine(&editor)?,
                Some(format!(
                    "Casenote could not use its settings: {err}. It is going on with the last settings that worked."
                )),
            ),
        };
        if let Ok(mut s) = self.settings.write() {
            s.engines.insert(key, engine.clone());
        }
        Some((engine, error))
    }

    /// Re-read settings: rebuild the engine of every `casenote.toml` in use, keeping the last
    /// good one where a file is broken, and re-check every open document. Returns messages for
    /// the user.
    fn reload(&self) -> Vec<String> {
        let mut keys: HashSet<Option<PathBuf>> = HashSet::from([None]);
        if let Ok(mut docs) = self.docs.lock() {
            for d in docs.values_mut() {
                d.config_path = d.path.as_deref().and_then(crate::Config::discover);
                keys.insert(d.config_path.clone());
            }
        }
        let editor = self
            .settings
            .read()
            .map(|s| s.editor.clone())
            .unwrap_or_else(|_| settings::empty());
        let mut errors = Vec::new();
        let mut fresh = HashMap::new();
        for key in keys {
            match settings::merged(&editor, key.as_deref()).and_then(Engine::new) {
                Ok(e) => {
                    fresh.insert(key, Arc::new(e));
                }
                Err(e) => {
                    errors.push(format!(
                        "Casenote could not use its settings: {e}. It is going on with the last settings that worked."
                    ));
                    let keep = self
                        .settings
                        .read()
                        .ok()
                        .and_then(|s| s.engines.get(&key).cloned())
                        .or_else(|| fallback_engine(&editor));
                    if let Some(keep) = keep {
                        fresh.insert(key, keep);
                    }
                }
            }
        }
        if let Ok(mut s) = self.settings.write() {
            s.engines = fresh;
        }
        self.log
            .log(format_args!("settings reloaded ({} errors)", errors.len()));
        self.recheck_all();
        errors
    }

    fn recheck_all(&self) {
        let uris: Vec<Uri> = match self.docs.lock() {
            Ok(mut docs) => docs
                .iter_mut()
                .map(|(u, d)| {
                    d.revision += 1;
                    u.clone()
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        for u in uris {
            self.enqueue(u);
        }
    }

    /// The analysis of the document as it is now, for a request (a few tries if the user is
    /// typing while it is worked out).
    async fn current(&self, uri: &Uri) -> Option<Arc<Checked>> {
        for _ in 0..3 {
            if let Some((c, _)) = self.check(uri).await {
                return Some(c);
            }
            if !self.docs.lock().ok()?.contains_key(uri) {
                return None;
            }
        }
        None
    }

    /// Analyse the current revision of a document, unless already done. Returns the result
    /// and messages for the user about settings.
    async fn check(&self, uri: &Uri) -> Option<(Arc<Checked>, Vec<String>)> {
        let (text, version, revision, language, path, config_path) = {
            let docs = self.docs.lock().ok()?;
            let d = docs.get(uri)?;
            if let Some(last) = d.last.as_ref().filter(|l| l.revision == d.revision) {
                return Some((last.clone(), Vec::new()));
            }
            (
                d.rope.to_string(),
                d.version,
                d.revision,
                d.language.clone(),
                d.path.clone(),
                d.config_path.clone(),
            )
        };
        let (engine, error) = self.engine_for(config_path.as_deref())?;
        let enc = self.encoding();
        let enabled = engine.config().languages.contains(&language);
        let t0 = Instant::now();
        let checked = if enabled {
            tokio::task::spawn_blocking(move || {
                let meta = DocMeta { path, today: None };
                let a = engine.analyse(&text, &meta);
                Checked::build(version, revision, &text, a.findings, a.stats, enc)
            })
            .await
            .ok()?
        } else {
            Checked::empty(version, revision)
        };
        let checked = Arc::new(checked);
        let elapsed = t0.elapsed();
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for f in &checked.findings {
            match counts.iter_mut().find(|(r, _)| *r == f.finding.rule) {
                Some(c) => c.1 += 1,
                None => counts.push((f.finding.rule, 1)),
            }
        }
        let counts: Vec<String> = counts.iter().map(|(r, n)| format!("{r}={n}")).collect();
        self.log.log(format_args!(
            "analysed v{version}: {} findings [{}] in {:.2} ms",
            checked.findings.len(),
            counts.join(" "),
            elapsed.as_secs_f64() * 1000.0
        ));
        let mut docs = self.docs.lock().ok()?;
        let d = docs.get_mut(uri)?;
        if d.revision != revision {
            self.log
                .log(format_args!("dropped the result of v{version}: stale"));
            return None;
        }
        d.last = Some(checked.clone());
        Some((checked, error.into_iter().collect()))
    }
}

/// An engine from editor settings alone (or the defaults if even those fail).
fn fallback_engine(editor: &Value) -> Option<Arc<Engine>> {
    crate::Config::from_json(editor.clone())
        .and_then(Engine::new)
        .or_else(|_| Engine::new(crate::Config::default()))
        .ok()
        .map(Arc::new)
}

fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.as_str().starts_with("file:") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// `casenote/status`, sent after each analysis for status bars.
enum StatusNotification {}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StatusParams {
    uri: Uri,
    version: i32,
    words: usize,
    reading_age: f64,
    findings: usize,
}

impl Notification for StatusNotification {
    type Params = StatusParams;
    const METHOD: &'static str = "casenote/status";
}

async fn show_errors(client: &Client, errors: Vec<String>) {
    for e in errors {
        client.show_message(MessageType::ERROR, e).await;
    }
}

/// The analysis worker: one document at a time, newest revision only.
async fn worker(shared: Arc<Shared>, client: Client) {
    loop {
        let Some(uri) = shared.dequeue() else {
            shared.wake.notified().await;
            continue;
        };
        let open = shared
            .docs
            .lock()
            .map(|d| d.contains_key(&uri))
            .unwrap_or(false);
        if !open {
            if !shared.caps().pull {
                client.publish_diagnostics(uri, Vec::new(), None).await;
            }
            continue;
        }
        let Some((checked, errors)) = shared.check(&uri).await else {
            continue;
        };
        show_errors(&client, errors).await;
        // Publish each revision once (a hover may have analysed it first).
        let first_time = match shared.docs.lock() {
            Ok(mut docs) => match docs.get_mut(&uri) {
                Some(d) if d.revision == checked.revision => {
                    d.published.replace(checked.revision) != Some(checked.revision)
                }
                _ => false,
            },
            Err(_) => false,
        };
        if !first_time {
            continue;
        }
        if !shared.caps().pull {
            client
                .publish_diagnostics(uri.clone(), checked.diagnostics(), Some(checked.version))
                .await;
        }
        client
            .send_notification::<StatusNotification>(StatusParams {
                uri,
                version: checked.version,
                words: checked.stats.words,
                reading_age: (checked.stats.reading_age * 10.0).round() / 10.0,
                findings: checked.findings.len(),
            })
            .await;
    }
}

type BoxFut = Pin<Box<dyn Future<Output = Result<Option<Response>, ExitedError>> + Send>>;

/// The input ordering guard (see the module docs).
struct Ordered {
    inner: LspService<Backend>,
    shared: Arc<Shared>,
}

impl Service<Request> for Ordered {
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = BoxFut;

    fn poll_ready(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let text_sync = matches!(
            req.method(),
            "textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"
        );
        if !text_sync
            || req.id().is_some()
            || !self.shared.initialized.load(Ordering::SeqCst)
            || self.shared.shutdown.load(Ordering::SeqCst)
        {
            return self.inner.call(req);
        }
        let (method, _, params) = req.into_parts();
        self.shared.on_text_notification(&method, params);
        Box::pin(async { Ok(None) })
    }
}

struct Backend {
    shared: Arc<Shared>,
}

impl Backend {
    /// The answer to a malformed request (see `framing`).
    async fn invalid_message(&self) -> jsonrpc::Result<Value> {
        Err(jsonrpc::Error::invalid_request())
    }

    fn client(&self) -> Option<&Client> {
        self.shared.client.get()
    }

    /// Reload settings and tell the user about problems, without blocking the caller on the
    /// editor.
    fn reload_and_report(&self) {
        let errors = self.shared.reload();
        let refresh = self.shared.caps().pull && self.shared.caps().refresh_pull;
        if let Some(client) = self.client().cloned() {
            tokio::spawn(async move {
                let n = errors.len();
                client
                    .log_message(
                        MessageType::INFO,
                        format!(
                            "casenote: settings reloaded ({n} errors); re-checking open documents"
                        ),
                    )
                    .await;
                show_errors(&client, errors).await;
                if refresh {
                    let _ = client.workspace_diagnostic_refresh().await;
                }
            });
        }
    }

    fn accept_in_workspace(&self, args: &[Value]) -> Result<PathBuf, String> {
        let word = args
            .first()
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .ok_or("casenote.acceptInWorkspace needs a word")?;
        let uri: Uri = args
            .get(1)
            .and_then(Value::as_str)
            .and_then(|s| s.parse().ok())
            .ok_or("casenote.acceptInWorkspace needs the document's URI")?;
        let roots = self
            .shared
            .settings
            .read()
            .map(|s| s.roots.clone())
            .unwrap_or_default();
        let doc_path = file_path(&uri);
        let path = settings::accept_file(doc_path.as_deref(), &roots)
            .ok_or("this document is not a file, so it has no workspace casenote.toml")?;
        let src = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(format!("could not read {}: {e}", path.display())),
        };
        match settings::add_accepted(&src, word) {
            Ok(Some(new)) => std::fs::write(&path, new)
                .map_err(|e| format!("could not write {}: {e}", path.display()))?,
            Ok(None) => {}
            Err(e) => return Err(format!("{}:{e}", path.display())),
        }
        Ok(path)
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> jsonrpc::Result<InitializeResult> {
        let caps = &params.capabilities;
        let utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        let td = caps.text_document.as_ref();
        let ws = caps.workspace.as_ref();
        let client_caps = ClientCaps {
            encoding: if utf8 {
                PositionEncoding::Utf8
            } else {
                PositionEncoding::Utf16
            },
            pull: td.and_then(|t| t.diagnostic.as_ref()).is_some(),
            versioned_edits: ws
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            watch_dynamic: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            refresh_pull: ws
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
        };
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| file_path(&f.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            roots.extend(params.root_uri.as_ref().and_then(file_path));
        }
        let pull = client_caps.pull;
        let encoding = client_caps.encoding;
        if let Ok(mut c) = self.shared.caps.write() {
            *c = client_caps;
        }
        if let Ok(mut s) = self.shared.settings.write() {
            s.roots = roots;
            if let Some(v) = settings::editor_section(params.initialization_options.as_ref()) {
                match settings::check_editor(&v) {
                    Ok(()) => s.editor = v,
                    Err(e) => {
                        if let Ok(mut m) = self.shared.early_messages.lock() {
                            m.push(format!(
                                "Casenote could not use the editor's settings: {e}. It is using its defaults."
                            ));
                        }
                    }
                }
            }
        }
        self.shared.initialized.store(true, Ordering::SeqCst);
        self.shared.log.log(format_args!(
            "initialize: encoding {encoding:?}, pull diagnostics {pull}"
        ));
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(if utf8 {
                    PositionEncodingKind::UTF8
                } else {
                    PositionEncodingKind::UTF16
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..Default::default()
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![EXPLAIN_COMMAND.into(), ACCEPT_COMMAND.into()],
                    ..Default::default()
                }),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                diagnostic_provider: pull.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("casenote".into()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        ..Default::default()
                    })
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "casenote".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let Some(client) = self.client().cloned() else {
            return;
        };
        let early = self
            .shared
            .early_messages
            .lock()
            .map(|mut m| std::mem::take(&mut *m))
            .unwrap_or_default();
        if self.shared.caps().watch_dynamic {
            // Spawned: never wait on the editor in a handler.
            let log = self.shared.clone();
            let c = client.clone();
            tokio::spawn(async move {
                let options = DidChangeWatchedFilesRegistrationOptions {
                    watchers: vec![FileSystemWatcher {
                        glob_pattern: GlobPattern::String(format!("**/{FILE_NAME}")),
                        kind: None,
                    }],
                };
                let registration = Registration {
                    id: "casenote-toml".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(options).ok(),
                };
                if c.register_capability(vec![registration]).await.is_err() {
                    log.log
                        .log(format_args!("the editor refused to watch casenote.toml"));
                }
            });
        }
        let caps = self.shared.caps();
        client
            .log_message(
                MessageType::INFO,
                format!(
                    "casenote {}: positions in {:?}, {} diagnostics",
                    env!("CARGO_PKG_VERSION"),
                    caps.encoding,
                    if caps.pull { "pull" } else { "push" }
                ),
            )
            .await;
        show_errors(&client, early).await;
    }

    async fn shutdown(&self) -> jsonrpc::Result<()> {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        self.shared.log.log(format_args!("shutdown"));
        Ok(())
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let is_config = file_path(&params.text_document.uri)
            .is_some_and(|p| p.file_name().is_some_and(|n| n == FILE_NAME));
        // Without file watching, any save is the moment to look at casenote.toml again.
        if is_config || !self.shared.caps().watch_dynamic {
            self.reload_and_report();
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let Some(v) = settings::editor_section(Some(&params.settings)) else {
            self.shared.log.log(format_args!(
                "didChangeConfiguration without settings: no change"
            ));
            return;
        };
        if let Err(e) = settings::check_editor(&v) {
            if let Some(client) = self.client() {
                client
                    .show_message(
                        MessageType::ERROR,
                        format!("Casenote could not use the editor's settings: {e}. It is going on with the last settings that worked."),
                    )
                    .await;
            }
            return;
        }
        if let Ok(mut s) = self.shared.settings.write() {
            s.editor = v;
        }
        self.reload_and_report();
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        if let Ok(mut s) = self.shared.settings.write() {
            let removed: Vec<PathBuf> = params
                .event
                .removed
                .iter()
                .filter_map(|f| file_path(&f.uri))
                .collect();
            s.roots.retain(|r| !removed.contains(r));
            s.roots
                .extend(params.event.added.iter().filter_map(|f| file_path(&f.uri)));
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params
            .changes
            .iter()
            .any(|c| c.uri.as_str().ends_with(FILE_NAME))
        {
            self.reload_and_report();
        }
    }

    async fn hover(&self, params: HoverParams) -> jsonrpc::Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        let pos = params.text_document_position_params.position;
        let Some(checked) = self.shared.current(&uri).await else {
            return Ok(None);
        };
        let hits: Vec<_> = checked
            .findings
            .iter()
            .filter(|f| f.range.start <= pos && pos < f.range.end)
            .collect();
        let Some(first) = hits.first() else {
            return Ok(None);
        };
        let value = hits
            .iter()
            .map(|f| convert::hover_markdown(&f.finding))
            .collect::<Vec<_>>()
            .join("\n\n---\n\n");
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(first.range),
        }))
    }

    async fn code_action(
        &self,
        params: CodeActionParams,
    ) -> jsonrpc::Result<Option<CodeActionResponse>> {
        if let Some(only) = &params.context.only {
            if !only
                .iter()
                .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
            {
                return Ok(None);
            }
        }
        let uri = params.text_document.uri;
        let Some(checked) = self.shared.current(&uri).await else {
            return Ok(None);
        };
        let versioned = self.shared.caps().versioned_edits;
        let actions = convert::code_actions(&uri, &checked, &params.range, versioned);
        Ok(Some(
            actions
                .into_iter()
                .map(CodeActionOrCommand::CodeAction)
                .collect(),
        ))
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> jsonrpc::Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let report = match self.shared.current(&uri).await {
            Some(checked) => {
                let id = format!("{}.{}", checked.version, checked.revision);
                if params.previous_result_id.as_deref() == Some(id.as_str()) {
                    DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                        related_documents: None,
                        unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                            result_id: id,
                        },
                    })
                } else {
                    DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                        related_documents: None,
                        full_document_diagnostic_report: FullDocumentDiagnosticReport {
                            result_id: Some(id),
                            items: checked.diagnostics(),
                        },
                    })
                }
            }
            None => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> jsonrpc::Result<Option<Value>> {
        match params.command.as_str() {
            EXPLAIN_COMMAND => {
                let id = params.arguments.first().and_then(Value::as_str);
                match id.and_then(crate::rules::by_id) {
                    Some(rule) => Ok(Some(Value::String(rule.page()))),
                    None => Err(jsonrpc::Error::invalid_params(
                        "casenote.explain needs a rule id, such as \"jargon\"",
                    )),
                }
            }
            ACCEPT_COMMAND => match self.accept_in_workspace(&params.arguments) {
                Ok(_) => {
                    self.shared
                        .log
                        .log(format_args!("accepted a word in the workspace"));
                    self.reload_and_report();
                    Ok(None)
                }
                Err(e) => {
                    if let Some(client) = self.client() {
                        client
                            .show_message(
                                MessageType::ERROR,
                                format!("Casenote could not accept the word: {e}"),
                            )
                            .await;
                    }
                    Err(jsonrpc::Error::invalid_params(e))
                }
            },
            _ => Err(jsonrpc::Error::invalid_params("unknown command")),
        }
    }
}
