import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// The extension's own code (tests run from editors/vscode).
const sources = readdirSync(join(process.cwd(), "src"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => [f, readFileSync(join(process.cwd(), "src", f), "utf8")] as const);

test("the extension's code opens no network connections", () => {
  assert.ok(sources.length >= 4);
  for (const [file, text] of sources) {
    assert.doesNotMatch(text, /from\s+"(node:)?(http|https|http2|net|dgram|tls)"/, file);
    assert.doesNotMatch(text, /\bfetch\s*\(|XMLHttpRequest|WebSocket/, file);
  }
});

test("the extension logs no document text", () => {
  for (const [file, text] of sources) {
    for (const call of text.matchAll(/output\.(info|warn|error|debug|trace|appendLine)\(([^;]*)\);/g)) {
      assert.doesNotMatch(call[2], /getText|document|params|text/i, `${file}: ${call[0]}`);
    }
  }
});
