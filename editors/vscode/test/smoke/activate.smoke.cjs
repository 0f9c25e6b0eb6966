// Smoke test of the packaged extension without VS Code: loads dist/extension.js with a stand-in
// for the `vscode` module (vscode-mock.cjs), activates it against the real server, and checks
// what a user would see: diagnostics with rule ids, the status bar, "Explain rule at cursor",
// a settings change, "Open casenote.toml", and a clean stop.
//
//   node test/smoke/activate.smoke.cjs [server]
//
// With no server argument the extension finds its own (casenote.path unset: the bundled one in
// server/<platform>-<arch>/, then PATH). Exit code 0 on success; "skipped: ..." and 0 when the
// server is the placeholder of a branch without the language server, unless
// CASENOTE_REQUIRE_EDITORS=1.
"use strict";
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Module = require("node:module");
const { execFileSync } = require("node:child_process");
const { createMock, Uri, Position } = require("./vscode-mock.cjs");

const root = path.join(__dirname, "..", "..");
const packageJson = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const serverArg = process.argv[2];

const NOTE = [
  "Case note: home visit",
  "",
  "The allocated practitioner undertook an unannounced visit to the family residence to evaluate the appropriateness of the accommodation arrangements and the emotional wellbeing of the children following the recent safeguarding concerns raised by the educational establishment.",
  "",
  "Sam was at home. He showed me his room. He has a new bed. He likes the blue wall. He said he sleeps well now. He wants a poster of his team. He told me school is better.",
  "",
].join("\n");

function placeholder(server) {
  try {
    execFileSync(server, ["lsp"], { stdio: ["ignore", "ignore", "pipe"] });
    return false;
  } catch (e) {
    return String(e.stderr ?? "").includes("not built yet");
  }
}

async function waitFor(what, cond, ms = 15000) {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  const bundled = path.join(root, "server", `${process.platform}-${process.arch}`, "casenote");
  const server = serverArg ? path.resolve(serverArg) : bundled;
  if (!fs.existsSync(server) || placeholder(server)) {
    const why = `no language server to drive at ${server}`;
    if (process.env.CASENOTE_REQUIRE_EDITORS === "1") throw new Error(why);
    console.log(`skipped: ${why}`);
    return;
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "casenote-vscode-"));
  const notePath = path.join(dir, "home-visit.txt");
  fs.writeFileSync(notePath, NOTE);
  const doc = {
    uri: Uri.file(notePath),
    fileName: notePath,
    languageId: "plaintext",
    version: 1,
    isClosed: false,
    isDirty: false,
    isUntitled: false,
    lineCount: NOTE.split("\n").length,
    eol: 1,
    getText: () => NOTE,
  };
  const folder = { uri: Uri.file(dir), name: "notes", index: 0 };
  const settings = serverArg ? { "casenote.path": server } : {};
  const { vscode, events, record, activeEditor } = createMock({ packageJson, documents: [doc], folder, settings });

  const load = Module._load;
  Module._load = function (request, ...rest) {
    if (request === "vscode") return vscode;
    return load.call(this, request, ...rest);
  };
  const extension = require(path.join(root, "dist", "extension.js"));
  const context = {
    extensionPath: root,
    extensionUri: Uri.file(root),
    extension: { packageJSON: packageJson, id: "casenote.casenote" },
    subscriptions: [],
    globalState: { get: () => undefined, update: async () => undefined },
    workspaceState: { get: () => undefined, update: async () => undefined },
    asAbsolutePath: (p) => path.join(root, p),
    logUri: Uri.file(dir),
    storageUri: Uri.file(dir),
    globalStorageUri: Uri.file(dir),
  };

  await extension.activate(context);
  assert.deepEqual(record.messages, [], "no error message on start");

  // Findings arrive as diagnostics with the rule id as code, from source "casenote".
  const key = doc.uri.toString();
  try {
    await waitFor("diagnostics", () => (record.diagnostics.get(key) ?? []).length > 0);
  } catch (e) {
    console.error(record.log.join("\n"), record.messages, [...record.diagnostics.keys()]);
    throw e;
  }
  const rules = () => (record.diagnostics.get(key) ?? []).map((d) => (typeof d.code === "object" ? d.code.value : d.code));
  for (const rule of ["long-sentence", "long-paragraph", "readability"]) {
    assert.ok(rules().includes(rule), `${rule} in ${rules()}`);
  }
  for (const d of record.diagnostics.get(key)) assert.equal(d.source, "casenote");
  const longSentence = record.diagnostics.get(key).find((d) => rules()[record.diagnostics.get(key).indexOf(d)] === "long-sentence");
  assert.deepEqual([longSentence.range.start.line, longSentence.range.start.character], [2, 0]);

  // The status bar shows the reading age and the finding count.
  const status = record.statusItems[0];
  events.activeEditor.fire(activeEditor);
  await waitFor("status bar", () => status.visible && /Reading age \d+ · \d+ findings?/.test(status.text));
  assert.match(status.text, new RegExp(`· ${rules().length} findings`));
  console.log(`status bar: ${status.text}`);

  // Explain rule at cursor: cursor inside the long sentence.
  activeEditor.selection = { active: new Position(2, 10) };
  await vscode.commands.executeCommand("casenote.explainAtCursor");
  const preview = record.executed.find(([id]) => id === "markdown.showPreviewToSide");
  assert.ok(preview, `the rule page was not opened: ${JSON.stringify(record.executed)}`);
  const page = record.providers.get("casenote-rule").provideTextDocumentContent(Uri.parse(preview[1]));
  assert.match(page, /## What it flags/);
  assert.match(preview[1], /long-sentence\.md$/);

  // A settings change reaches the server: the 36-word sentence is fine under a limit of 40.
  record.settings = settings;
  settings["casenote.rules.long-sentence.max-words"] = 40;
  events.config.fire({ affectsConfiguration: (s) => ["casenote", "casenote.rules"].includes(s) });
  await waitFor("re-check after the settings change", () => !rules().includes("long-sentence"));
  assert.ok(rules().includes("long-paragraph"));

  // Open casenote.toml creates the commented template in the workspace folder.
  await vscode.commands.executeCommand("casenote.openConfig");
  const toml = path.join(dir, "casenote.toml");
  assert.ok(fs.existsSync(toml), "casenote.toml was not created");
  assert.match(fs.readFileSync(toml, "utf8"), /^# Casenote settings/);

  // Restart, then stop: the server process goes away.
  await vscode.commands.executeCommand("casenote.restartServer");
  await waitFor("diagnostics after restart", () => rules().length > 0);
  await extension.deactivate();
  const children = () =>
    execFileSync("ps", ["--ppid", String(process.pid), "-o", "comm="], { encoding: "utf8" })
      .split("\n")
      .filter((c) => c.trim() === "casenote");
  await waitFor("the server to exit after deactivate", () => children().length === 0, 5000);

  // Privacy: nothing the extension or client logged contains the note's words.
  for (const line of record.log) {
    assert.ok(!line.includes("allocated practitioner") && !line.includes("blue wall"), `note text in log: ${line}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`ok: activate, diagnostics (${rules().join(", ")}), status bar, explain, settings, casenote.toml, restart, stop`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`FAIL ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  },
);
