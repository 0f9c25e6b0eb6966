// Which `casenote` program the extension runs: the `casenote.path` setting, then the server
// bundled in this platform's .vsix (`server/<platform>-<arch>/casenote`), then `casenote` on PATH.
// Pure: the file system is passed in, so it is unit-tested without VS Code.

import * as path from "node:path";

export interface DiscoveryInput {
  /** The `casenote.path` setting ("" when unset). */
  configuredPath: string;
  /** The extension's install folder. */
  extensionPath: string;
  /** `process.platform` and `process.arch`. */
  platform: string;
  arch: string;
  /** The PATH environment variable. */
  pathEnv: string | undefined;
  /** The user's home folder, for a `casenote.path` starting with `~`. */
  home: string;
  /** The first workspace folder, for a relative `casenote.path`. */
  workspaceFolder?: string;
  /** Whether `p` is a file this user may run. */
  isExecutable: (p: string) => boolean;
}

export type Discovery =
  | { found: true; path: string; source: "setting" | "bundled" | "path" }
  | { found: false; message: string; openSettings: boolean };

function pathModule(platform: string): typeof path.posix {
  return platform === "win32" ? path.win32 : path.posix;
}

export function exeName(platform: string): string {
  return platform === "win32" ? "casenote.exe" : "casenote";
}

/** Where a platform's .vsix carries the server, relative to the extension folder. */
export function bundledRelativePath(platform: string, arch: string): string {
  return `server/${platform}-${arch}/${exeName(platform)}`;
}

export function findServer(input: DiscoveryInput): Discovery {
  const p = pathModule(input.platform);
  const configured = input.configuredPath.trim();
  if (configured) {
    let candidate = configured;
    if (candidate === "~" || candidate.startsWith("~/") || candidate.startsWith("~\\")) {
      candidate = p.join(input.home, candidate.slice(1));
    } else if (!p.isAbsolute(candidate) && input.workspaceFolder) {
      candidate = p.join(input.workspaceFolder, candidate);
    }
    if (input.isExecutable(candidate)) return { found: true, path: candidate, source: "setting" };
    // The user chose this program: say so rather than quietly running another one.
    return {
      found: false,
      openSettings: true,
      message:
        `Casenote could not start the program set in "casenote.path" (${candidate}): ` +
        "there is no program there that can be run. Correct the path in Settings, " +
        "or clear it to use the server that comes with the extension.",
    };
  }

  const bundled = p.join(input.extensionPath, ...bundledRelativePath(input.platform, input.arch).split("/"));
  if (input.isExecutable(bundled)) return { found: true, path: bundled, source: "bundled" };

  const dirs = (input.pathEnv ?? "").split(input.platform === "win32" ? ";" : ":").filter((d) => d);
  for (const dir of dirs) {
    const candidate = p.join(dir, exeName(input.platform));
    if (input.isExecutable(candidate)) return { found: true, path: candidate, source: "path" };
  }

  return {
    found: false,
    openSettings: true,
    message:
      `Casenote could not find its language server: this copy of the extension has none for ` +
      `${input.platform}-${input.arch}, and there is no "casenote" program on your PATH. ` +
      "Install the .vsix made for your computer, or install casenote " +
      "(cargo install --path . in the Casenote folder) and set \"casenote.path\" to the program.",
  };
}
