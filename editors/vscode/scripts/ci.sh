#!/usr/bin/env bash
# CI for the VS Code extension: npm ci, settings check, type-check, lint, unit tests, then the
# linux-x64 .vsix with the release server inside, a smoke test of the bundled extension against
# that server (test/smoke/), and tests/editors_vscode.rs on the .vsix.
# Set CASENOTE_BINARY to package an already built server instead of `cargo build --release`.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"
SECONDS=0

echo "== npm ci"
# Install scripts are not needed (esbuild finds its platform package without them).
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

echo "== settings match casenote.schema.json"
npm run -s check-settings

echo "== type-check"
npm run -s typecheck

echo "== lint"
npm run -s lint

echo "== unit tests"
npm test --silent

echo "== package"
bash scripts/package.sh linux-x64 "${CASENOTE_BINARY:-}"

echo "== smoke test: the packaged extension, activated in Node with a stand-in for VS Code, drives its bundled server"
node test/smoke/activate.smoke.cjs

echo "== check the .vsix"
(cd "$repo" && CASENOTE_VSIX="$here/casenote-linux-x64.vsix" CASENOTE_REQUIRE_VSIX=1 \
  cargo test --quiet --test editors_vscode)

echo "== VS Code extension: done in ${SECONDS}s"
