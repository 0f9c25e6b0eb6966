#!/usr/bin/env bash
# Packages the extension for one platform, with the server bundled:
#   scripts/package.sh <target> [casenote binary]
# <target> is a VS Code platform: linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64...
# Without a binary (argument or CASENOTE_BINARY), builds `cargo build --release` for this
# machine, which must then be the target platform. Writes editors/vscode/casenote-<target>.vsix.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"

target="${1:-}"
binary="${2:-${CASENOTE_BINARY:-}}"
if [ -z "$target" ]; then
  echo "usage: scripts/package.sh <target> [casenote binary]   (target e.g. linux-x64)" >&2
  exit 2
fi
case "$target" in
  win32-*) exe=casenote.exe ;;
  *) exe=casenote ;;
esac

host_target() {
  case "$(rustc -vV | sed -n 's/^host: //p')" in
    x86_64-unknown-linux-gnu) echo linux-x64 ;;
    aarch64-unknown-linux-gnu) echo linux-arm64 ;;
    x86_64-unknown-linux-musl) echo alpine-x64 ;;
    x86_64-apple-darwin) echo darwin-x64 ;;
    aarch64-apple-darwin) echo darwin-arm64 ;;
    x86_64-pc-windows-msvc) echo win32-x64 ;;
    aarch64-pc-windows-msvc) echo win32-arm64 ;;
    *) echo unknown ;;
  esac
}

if [ -z "$binary" ]; then
  host="$(host_target)"
  if [ "$host" != "$target" ]; then
    echo "package.sh: this machine builds for $host, not $target: pass a $target casenote binary as the second argument" >&2
    exit 2
  fi
  echo "== cargo build --release"
  (cd "$repo" && cargo build --release --quiet)
  binary="$repo/target/release/$exe"
fi
if [ ! -f "$binary" ]; then
  echo "package.sh: no casenote binary at $binary" >&2
  exit 2
fi

cd "$here"
rm -rf server
mkdir -p "server/$target"
cp "$binary" "server/$target/$exe"
chmod +x "server/$target/$exe"

# The settings page must match the server's configuration before anything ships.
node scripts/build.mjs --tests
node out/gen-settings.js --check

out="casenote-$target.vsix"
rm -f "$out"
# The bundle (dist/extension.js, built by vscode:prepublish) carries vscode-languageclient.
npx --no-install vsce package --target "$target" --no-dependencies --out "$out"
echo "== wrote editors/vscode/$out"
