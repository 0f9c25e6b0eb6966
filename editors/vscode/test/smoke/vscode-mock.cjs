// A small stand-in for the `vscode` module: just enough of VS Code's API for the extension and
// vscode-languageclient to start the real server, so activate() can be exercised in plain Node.
// Anything not written out here is a harmless stub (see `stub`). Not a substitute for VS Code.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function stub(name) {
  const f = function () {
    return stub(`${name}()`);
  };
  return new Proxy(f, {
    get(target, prop) {
      if (prop === "then" || typeof prop === "symbol") return undefined;
      if (prop === "dispose") return () => undefined;
      if (prop === "toString") return () => `[stub ${name}]`;
      return stub(`${name}.${String(prop)}`);
    },
    construct() {
      return stub(`new ${name}`);
    },
  });
}

class MockDisposable {
  constructor(fn) {
    this.fn = fn;
  }
  dispose() {
    if (this.fn) this.fn();
    this.fn = undefined;
  }
  static from(...ds) {
    return new MockDisposable(() => ds.forEach((d) => d && d.dispose && d.dispose()));
  }
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (listener, thisArg, disposables) => {
      const l = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.push(l);
      const d = new MockDisposable(() => (this.listeners = this.listeners.filter((x) => x !== l)));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(e) {
    for (const l of [...this.listeners]) l(e);
  }
  dispose() {
    this.listeners = [];
  }
}

class Uri {
  constructor(scheme, p, query = "", fragment = "") {
    this.scheme = scheme;
    this.path = p;
    this.query = query;
    this.fragment = fragment;
    this.authority = "";
  }
  static parse(s) {
    const u = new URL(s);
    return new Uri(u.protocol.replace(/:$/, ""), decodeURIComponent(u.pathname), u.search.replace(/^\?/, ""));
  }
  static file(p) {
    return new Uri("file", p);
  }
  static from(c) {
    return new Uri(c.scheme, c.path || "", c.query || "", c.fragment || "");
  }
  static joinPath(u, ...parts) {
    return new Uri(u.scheme, path.posix.join(u.path, ...parts));
  }
  get fsPath() {
    return this.path;
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path, change.query ?? this.query);
  }
  toString() {
    return `${this.scheme}://${encodeURI(this.path)}${this.query ? `?${this.query}` : ""}`;
  }
  toJSON() {
    return this.toString();
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
  compareTo(o) {
    return this.line - o.line || this.character - o.character;
  }
  isBefore(o) {
    return this.compareTo(o) < 0;
  }
  isAfter(o) {
    return this.compareTo(o) > 0;
  }
  isEqual(o) {
    return this.compareTo(o) === 0;
  }
}

class Range {
  constructor(a, b, c, d) {
    if (typeof a === "number") {
      this.start = new Position(a, b);
      this.end = new Position(c, d);
    } else {
      this.start = a;
      this.end = b;
    }
  }
  contains(p) {
    if (p instanceof Range) return this.contains(p.start) && this.contains(p.end);
    return this.start.compareTo(p) <= 0 && p.compareTo(this.end) <= 0;
  }
  get isEmpty() {
    return this.start.isEqual(this.end);
  }
}

class Diagnostic {
  constructor(range, message, severity = 0) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}

class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other) {
    return this.value === "" || other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other) {
    return this.contains(other) || other.contains(this);
  }
}
for (const [k, v] of Object.entries({
  Empty: "",
  QuickFix: "quickfix",
  Refactor: "refactor",
  RefactorExtract: "refactor.extract",
  RefactorInline: "refactor.inline",
  RefactorMove: "refactor.move",
  RefactorRewrite: "refactor.rewrite",
  Source: "source",
  SourceOrganizeImports: "source.organizeImports",
  SourceFixAll: "source.fixAll",
  Notebook: "notebook",
})) {
  CodeActionKind[k] = new CodeActionKind(v);
}

class Plain {
  constructor(...args) {
    this.args = args;
  }
}

class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    this.emitter = emitter;
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose() {}
}

class TabInputText {
  constructor(uri) {
    this.uri = uri;
  }
}

const PLAIN_NAMES = `CallHierarchyIncomingCall CallHierarchyItem CallHierarchyOutgoingCall
  CancellationError CancellationTokenSource CodeActionTriggerKind CodeLens Color ColorInformation
  ColorPresentation CompletionItem CompletionItemKind CompletionItemTag CompletionList
  CompletionTriggerKind DocumentHighlight DocumentHighlightKind DocumentLink DocumentSymbol
  FoldingRange FoldingRangeKind InlayHint InlayHintKind InlayHintLabelPart InlineCompletionItem
  InlineCompletionList InlineCompletionTriggerKind InlineValueEvaluatableExpression InlineValueText
  InlineValueVariableLookup LinkedEditingRanges LocationLink LogLevel NotebookCellKind
  ParameterInformation ProgressLocation RelativePattern SelectionRange SemanticTokens
  SemanticTokensEdit SemanticTokensEdits SemanticTokensLegend SignatureHelp
  SignatureHelpTriggerKind SignatureInformation SnippetString SnippetTextEdit SymbolInformation
  SymbolKind SymbolTag TabInputCustom TabInputNotebook TabInputText TabInputTextDiff
  TypeHierarchyItem`.split(/\s+/);

function createMock({ packageJson, documents, folder, settings }) {
  const events = {
    open: new EventEmitter(),
    close: new EventEmitter(),
    change: new EventEmitter(),
    save: new EventEmitter(),
    config: new EventEmitter(),
    activeEditor: new EventEmitter(),
  };
  const defaults = {};
  for (const section of packageJson.contributes.configuration) {
    for (const [k, v] of Object.entries(section.properties)) defaults[k] = v.default;
  }
  const record = {
    messages: [],
    log: [],
    executed: [],
    statusItems: [],
    diagnostics: new Map(),
    providers: new Map(),
    commands: new Map(),
    written: [],
  };
  const lookup = (full) => (full in settings ? settings[full] : defaults[full]);
  const configuration = (section) => ({
    get(key, def) {
      const full = section ? `${section}.${key}` : key;
      if (full in settings || full in defaults) return lookup(full);
      // A whole section: nested object of its keys.
      const prefix = `${full}.`;
      const keys = [...new Set([...Object.keys(defaults), ...Object.keys(settings)])].filter((k) =>
        k.startsWith(prefix),
      );
      if (keys.length === 0) return def;
      const out = {};
      for (const k of keys) {
        const parts = k.slice(prefix.length).split(".");
        let t = out;
        for (const p of parts.slice(0, -1)) t = t[p] ??= {};
        t[parts[parts.length - 1]] = lookup(k);
      }
      return out;
    },
    has: (key) => (section ? `${section}.${key}` : key) in defaults,
    inspect: () => undefined,
    update: async () => undefined,
  });
  const logChannel = (name) => {
    const push = (level) => (msg) => record.log.push(`${name} ${level} ${msg}`);
    return {
      name,
      logLevel: 2,
      onDidChangeLogLevel: new EventEmitter().event,
      trace: push("trace"),
      debug: push("debug"),
      info: push("info"),
      warn: push("warn"),
      error: push("error"),
      append: push("append"),
      appendLine: push("line"),
      replace: push("replace"),
      clear() {},
      show() {},
      hide() {},
      dispose() {},
    };
  };
  const activeEditor = {
    document: documents[0],
    selection: { active: new Position(0, 0) },
    selections: [],
    visibleRanges: [],
    options: {},
    viewColumn: 1,
  };
  const vscode = {
    version: "1.91.0",
    Disposable: MockDisposable,
    EventEmitter,
    Uri,
    Position,
    Range,
    Selection: Range,
    Diagnostic,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
    DiagnosticRelatedInformation: Plain,
    CodeActionKind,
    CodeAction: Plain,
    MarkdownString: class {
      constructor(value = "") {
        this.value = value;
      }
      appendMarkdown(v) {
        this.value += v;
        return this;
      }
    },
    Hover: Plain,
    Location: Plain,
    TextEdit: Plain,
    WorkspaceEdit: class {
      set() {}
    },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    FileType: { File: 1, Directory: 2 },
    EndOfLine: { LF: 1, CRLF: 2 },
    TextDocumentSaveReason: { Manual: 1 },
    UIKind: { Desktop: 1, Web: 2 },
    env: { language: "en", appName: "Visual Studio Code", machineId: "test", sessionId: "test", uiKind: 1, appRoot: "/" },
    extensions: { all: [], getExtension: () => undefined, onDidChange: new EventEmitter().event },
    workspace: {
      workspaceFolders: [folder],
      name: folder.name,
      textDocuments: documents,
      notebookDocuments: [],
      onDidOpenTextDocument: events.open.event,
      onDidCloseTextDocument: events.close.event,
      onDidChangeTextDocument: events.change.event,
      onDidSaveTextDocument: events.save.event,
      onWillSaveTextDocument: new EventEmitter().event,
      onDidChangeConfiguration: events.config.event,
      onDidChangeWorkspaceFolders: new EventEmitter().event,
      onDidOpenNotebookDocument: new EventEmitter().event,
      onDidCloseNotebookDocument: new EventEmitter().event,
      onDidChangeNotebookDocument: new EventEmitter().event,
      onDidSaveNotebookDocument: new EventEmitter().event,
      onDidCreateFiles: new EventEmitter().event,
      onDidRenameFiles: new EventEmitter().event,
      onDidDeleteFiles: new EventEmitter().event,
      onWillCreateFiles: new EventEmitter().event,
      onWillRenameFiles: new EventEmitter().event,
      onWillDeleteFiles: new EventEmitter().event,
      getConfiguration: configuration,
      getWorkspaceFolder: () => folder,
      createFileSystemWatcher: () => ({
        onDidCreate: new EventEmitter().event,
        onDidChange: new EventEmitter().event,
        onDidDelete: new EventEmitter().event,
        ignoreCreateEvents: false,
        ignoreChangeEvents: false,
        ignoreDeleteEvents: false,
        dispose() {},
      }),
      registerTextDocumentContentProvider(scheme, provider) {
        record.providers.set(scheme, provider);
        return new MockDisposable();
      },
      async openTextDocument(uri) {
        return { uri, getText: () => record.providers.get(uri.scheme)?.provideTextDocumentContent(uri) ?? "" };
      },
      fs: {
        async stat(uri) {
          const s = fs.statSync(uri.fsPath);
          return { type: s.isFile() ? 1 : 2, size: s.size };
        },
        async writeFile(uri, bytes) {
          fs.writeFileSync(uri.fsPath, bytes);
          record.written.push(uri.fsPath);
        },
      },
    },
    TabInputText,
    CancellationTokenSource,
    window: {
      tabGroups: {
        all: [{ tabs: documents.map((d) => ({ input: new TabInputText(d.uri) })) }],
        onDidChangeTabs: new EventEmitter().event,
        onDidChangeTabGroups: new EventEmitter().event,
      },
      activeTextEditor: activeEditor,
      visibleTextEditors: [activeEditor],
      onDidChangeActiveTextEditor: events.activeEditor.event,
      onDidChangeVisibleTextEditors: new EventEmitter().event,
      onDidChangeTextEditorSelection: new EventEmitter().event,
      onDidChangeWindowState: new EventEmitter().event,
      createOutputChannel: (name) => logChannel(name),
      createStatusBarItem(id) {
        const item = { id, text: "", tooltip: "", visible: false, show() { this.visible = true; }, hide() { this.visible = false; }, dispose() {} };
        record.statusItems.push(item);
        return item;
      },
      showErrorMessage: async (m) => void record.messages.push(`error ${m}`),
      showWarningMessage: async (m) => void record.messages.push(`warning ${m}`),
      showInformationMessage: async (m) => void record.messages.push(`info ${m}`),
      showQuickPick: async (items) => items[0],
      showWorkspaceFolderPick: async () => folder,
      showTextDocument: async (doc) => void record.executed.push(["showTextDocument", doc.uri.toString()]),
      withProgress: async (_o, task) => task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: () => new MockDisposable() }),
    },
    languages: {
      createDiagnosticCollection(name) {
        const map = record.diagnostics;
        return {
          name,
          set(uri, diags) {
            if (Array.isArray(uri)) for (const [u, d] of uri) map.set(u.toString(), d);
            else map.set(uri.toString(), diags ?? []);
          },
          get: (uri) => map.get(uri.toString()),
          delete: (uri) => map.delete(uri.toString()),
          has: (uri) => map.has(uri.toString()),
          clear: () => map.clear(),
          forEach: (f) => map.forEach((d, u) => f(Uri.parse(u), d)),
          dispose() {},
        };
      },
      getDiagnostics: (uri) => record.diagnostics.get(uri.toString()) ?? [],
      match(selector, doc) {
        const filters = Array.isArray(selector) ? selector : [selector];
        return filters.some(
          (f) => (typeof f === "string" ? f === doc.languageId : (!f.language || f.language === doc.languageId) && (!f.scheme || f.scheme === doc.uri.scheme)),
        )
          ? 10
          : 0;
      },
      onDidChangeDiagnostics: new EventEmitter().event,
    },
    commands: {
      registerCommand(id, fn) {
        record.commands.set(id, fn);
        return new MockDisposable(() => record.commands.delete(id));
      },
      async executeCommand(id, ...args) {
        record.executed.push([id, ...args.map(String)]);
        const f = record.commands.get(id);
        return f ? f(...args) : undefined;
      },
      getCommands: async () => [...record.commands.keys()],
    },
  };
  // Every other class or enum vscode-languageclient names (it extends some at load time).
  for (const name of PLAIN_NAMES) if (!(name in vscode)) vscode[name] = class extends Plain {};
  const mock = new Proxy(vscode, {
    get(target, prop) {
      if (prop in target) return target[prop];
      if (prop === "then" || typeof prop === "symbol" || prop === "__esModule") return undefined;
      return stub(`vscode.${String(prop)}`);
    },
  });
  // Namespaces: real members where given, stubs for the rest (e.g. languages.registerHoverProvider).
  for (const ns of ["workspace", "window", "languages", "commands", "env", "extensions"]) {
    const real = vscode[ns];
    vscode[ns] = new Proxy(real, {
      get(target, prop) {
        if (prop in target) return target[prop];
        if (prop === "then" || typeof prop === "symbol") return undefined;
        return stub(`vscode.${ns}.${String(prop)}`);
      },
    });
  }
  return { vscode: mock, events, record, settings, activeEditor };
}

module.exports = { createMock, Uri, Position, Range };
