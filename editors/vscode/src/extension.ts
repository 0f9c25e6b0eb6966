// Casenote for VS Code: starts `casenote lsp`, passes the settings on, shows the note's reading
// age and finding count in the status bar, and adds three commands. Diagnostics, hovers and
// quick fixes all come from the server. Nothing here sends anything over the network, and no
// note text is ever written to a log.

import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import { findServer } from "./discovery";
import { formatStatus, ruleIdOf, type StatusParams } from "./status";
import { type ConfigurationSection, serverSettingKeys, toServerSettings } from "./settings";
import configTemplate from "../templates/casenote.toml";

const RULE_SCHEME = "casenote-rule";

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem;
let output: vscode.LogOutputChannel;
const statuses = new Map<string, StatusParams>();
const rulePages = new Map<string, string>();
let settingKeys: string[] = [];
let configWatcher: vscode.FileSystemWatcher;
const ruleChanged = new vscode.EventEmitter<vscode.Uri>();

function isExecutable(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    if (process.platform !== "win32") fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration();
  return toServerSettings(settingKeys, (key) => config.get(key));
}

function languages(): string[] {
  const l = vscode.workspace.getConfiguration("casenote").get<unknown>("languages");
  return Array.isArray(l) && l.every((x) => typeof x === "string") ? l : ["plaintext", "markdown"];
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  // In an untrusted workspace only the user's own `casenote.path` counts (VS Code hides the
  // workspace value of a restricted setting).
  const configuredPath = vscode.workspace.getConfiguration("casenote").get<string>("path") ?? "";
  const found = findServer({
    configuredPath,
    extensionPath: context.extensionPath,
    platform: process.platform,
    arch: process.arch,
    pathEnv: process.env["PATH"],
    home: os.homedir(),
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    isExecutable,
  });
  if (!found.found) {
    statusItem.text = "$(warning) Casenote: no server";
    statusItem.tooltip = found.message;
    statusItem.command = "casenote.restartServer";
    statusItem.show();
    const choice = await vscode.window.showErrorMessage(found.message, "Open Settings");
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "casenote.path");
    }
    return;
  }
  output.info(`Starting ${found.path} lsp (from ${found.source}).`);

  const serverOptions: ServerOptions = {
    command: found.path,
    args: ["lsp"],
    // The client adds `--stdio`, which `casenote lsp` accepts.
    transport: TransportKind.stdio,
  };
  const selector = languages().flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    initializationOptions: { casenote: serverSettings() },
    // The server re-reads casenote.toml when it changes.
    synchronize: { fileEvents: configWatcher },
    outputChannel: output,
    diagnosticCollectionName: "casenote",
  };
  const c = new LanguageClient("casenote", "Casenote", serverOptions, clientOptions);
  c.onNotification("casenote/status", (params: StatusParams) => {
    const uri = c.protocol2CodeConverter.asUri(params.uri).toString();
    statuses.set(uri, params);
    updateStatus();
  });
  client = c;
  try {
    await c.start();
  } catch (err) {
    client = undefined;
    c.dispose().catch(() => undefined);
    const message = err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(
      `Casenote's language server (${found.path}) did not start: ${message}. ` +
        "See View › Output › Casenote, then run \"Casenote: Restart server\".",
    );
  }
  updateStatus();
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  statuses.clear();
  if (c) {
    try {
      await c.stop(2000);
    } catch {
      // Already stopped or never started.
    }
  }
}

function updateStatus(): void {
  const editor = vscode.window.activeTextEditor;
  const status = editor ? statuses.get(editor.document.uri.toString()) : undefined;
  if (!client) {
    if (!statusItem.text.startsWith("$(warning)")) statusItem.hide();
    return;
  }
  if (!status) {
    statusItem.hide();
    return;
  }
  const { text, tooltip } = formatStatus(status);
  statusItem.text = text;
  statusItem.tooltip = tooltip;
  statusItem.command = "workbench.actions.view.problems";
  statusItem.show();
}

async function explainAtCursor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage("Open a note and put the cursor on an underlined word first.");
    return;
  }
  const position = editor.selection.active;
  const ids = [
    ...new Set(
      vscode.languages
        .getDiagnostics(editor.document.uri)
        .filter((d) => d.source === "casenote" && d.range.contains(position))
        .map((d) => ruleIdOf(d.code))
        .filter((id): id is string => id !== undefined),
    ),
  ];
  if (ids.length === 0) {
    void vscode.window.showInformationMessage(
      "There is no Casenote finding at the cursor. Put the cursor on an underlined word and try again.",
    );
    return;
  }
  const id = ids.length === 1 ? ids[0] : await vscode.window.showQuickPick(ids, { placeHolder: "Which rule?" });
  if (!id) return;
  if (!client) {
    void vscode.window.showWarningMessage("Casenote's server is not running: run \"Casenote: Restart server\".");
    return;
  }
  const page: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
    command: "casenote.explain",
    arguments: [id],
  });
  if (typeof page !== "string") {
    void vscode.window.showWarningMessage(`Casenote has no explanation for '${id}'.`);
    return;
  }
  rulePages.set(id, page);
  const uri = vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${id}.md` });
  ruleChanged.fire(uri);
  try {
    await vscode.commands.executeCommand("markdown.showPreviewToSide", uri);
  } catch {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
}

async function openConfig(): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  let folder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folder && folders.length === 1) folder = folders[0];
  if (!folder && folders.length > 1) {
    folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: "Which folder's casenote.toml?" });
  }
  if (!folder) {
    void vscode.window.showInformationMessage(
      "Open the folder that holds your notes first (File › Open Folder): casenote.toml lives there.",
    );
    return;
  }
  const uri = vscode.Uri.joinPath(folder.uri, "casenote.toml");
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(configTemplate));
  }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Casenote", { log: true });
  statusItem = vscode.window.createStatusBarItem("casenote.status", vscode.StatusBarAlignment.Right, 100);
  statusItem.name = "Casenote";
  configWatcher = vscode.workspace.createFileSystemWatcher("**/casenote.toml");
  const manifest = context.extension.packageJSON as { contributes?: { configuration?: ConfigurationSection[] } };
  settingKeys = serverSettingKeys(manifest.contributes?.configuration ?? []);

  context.subscriptions.push(
    output,
    statusItem,
    configWatcher,
    ruleChanged,
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, {
      onDidChange: ruleChanged.event,
      provideTextDocumentContent: (uri) => rulePages.get(uri.path.replace(/^\/|\.md$/g, "")) ?? "",
    }),
    vscode.commands.registerCommand("casenote.explainAtCursor", explainAtCursor),
    vscode.commands.registerCommand("casenote.openConfig", openConfig),
    vscode.commands.registerCommand("casenote.restartServer", async () => {
      await stopClient();
      statusItem.hide();
      await startClient(context);
    }),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      statuses.delete(doc.uri.toString());
      updateStatus();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration("casenote")) return;
      if (e.affectsConfiguration("casenote.path") || e.affectsConfiguration("casenote.languages")) {
        // Another program or other languages: start again.
        await stopClient();
        await startClient(context);
        return;
      }
      await client?.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { casenote: serverSettings() },
      });
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
