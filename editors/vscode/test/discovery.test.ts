import { test } from "node:test";
import assert from "node:assert/strict";
import { bundledRelativePath, findServer, type DiscoveryInput } from "../src/discovery";

function input(files: string[], over: Partial<DiscoveryInput> = {}): DiscoveryInput {
  return {
    configuredPath: "",
    extensionPath: "/ext",
    platform: "linux",
    arch: "x64",
    pathEnv: "/usr/local/bin:/usr/bin",
    home: "/home/sam",
    isExecutable: (p) => files.includes(p),
    ...over,
  };
}

test("the casenote.path setting comes first", () => {
  const got = findServer(
    input(["/opt/casenote", "/ext/server/linux-x64/casenote", "/usr/bin/casenote"], { configuredPath: "/opt/casenote" }),
  );
  assert.deepEqual(got, { found: true, path: "/opt/casenote", source: "setting" });
});

test("a casenote.path starting with ~ is in the home folder", () => {
  const got = findServer(input(["/home/sam/bin/casenote"], { configuredPath: "~/bin/casenote" }));
  assert.deepEqual(got, { found: true, path: "/home/sam/bin/casenote", source: "setting" });
});

test("a relative casenote.path is relative to the workspace folder", () => {
  const got = findServer(
    input(["/notes/tools/casenote"], { configuredPath: "tools/casenote", workspaceFolder: "/notes" }),
  );
  assert.deepEqual(got, { found: true, path: "/notes/tools/casenote", source: "setting" });
});

test("a casenote.path that is wrong is reported, not quietly replaced by another program", () => {
  const got = findServer(input(["/ext/server/linux-x64/casenote"], { configuredPath: "/opt/nothing" }));
  assert.equal(got.found, false);
  assert.ok(!got.found && got.message.includes("/opt/nothing") && got.message.includes("casenote.path"));
});

test("then the server bundled for this platform", () => {
  const got = findServer(input(["/ext/server/linux-x64/casenote", "/usr/bin/casenote"]));
  assert.deepEqual(got, { found: true, path: "/ext/server/linux-x64/casenote", source: "bundled" });
});

test("the bundled server of another platform is not used", () => {
  const got = findServer(input(["/ext/server/linux-x64/casenote", "/usr/bin/casenote"], { arch: "arm64" }));
  assert.deepEqual(got, { found: true, path: "/usr/bin/casenote", source: "path" });
});

test("then casenote on PATH, in PATH order", () => {
  const got = findServer(input(["/usr/bin/casenote", "/usr/local/bin/casenote"]));
  assert.deepEqual(got, { found: true, path: "/usr/local/bin/casenote", source: "path" });
});

test("Windows: casenote.exe, PATH split on semicolons", () => {
  const got = findServer(
    input(["C:\\tools\\casenote.exe"], { platform: "win32", extensionPath: "C:\\ext", pathEnv: "C:\\Windows;C:\\tools" }),
  );
  assert.deepEqual(got, { found: true, path: "C:\\tools\\casenote.exe", source: "path" });
  assert.equal(bundledRelativePath("win32", "x64"), "server/win32-x64/casenote.exe");
});

test("nothing found: a message that says what to do", () => {
  const got = findServer(input([], { pathEnv: undefined }));
  assert.equal(got.found, false);
  if (!got.found) {
    assert.match(got.message, /linux-x64/);
    assert.match(got.message, /casenote\.path/);
    assert.match(got.message, /PATH/);
  }
});

test("the bundled path matches the .vsix layout made by scripts/package.sh", () => {
  assert.equal(bundledRelativePath("linux", "x64"), "server/linux-x64/casenote");
});
