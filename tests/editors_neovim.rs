//! A real editor as the client: headless Neovim (Debian's 0.7.2 or later) loads
//! `editors/neovim`, opens a note, waits for Casenote's diagnostics, types, hovers, applies a
//! quick fix when the build has a rule that offers one, and accepts a word in the workspace.
//!
//! Skipped (with a message) where `nvim` is not installed, unless `CASENOTE_REQUIRE_EDITORS=1`.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

const LONG: &str = "During the visit, which took place at the family home on Tuesday afternoon after school, Ava showed me her bedroom and told me about her new friends, and Mum said that things had been much calmer since the last review meeting.";

fn nvim_available() -> bool {
    let ok = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("CASENOTE_REQUIRE_EDITORS").is_none(),
            "nvim is required (CASENOTE_REQUIRE_EDITORS is set) but not installed"
        );
        eprintln!("skipped: nvim is not installed");
    }
    ok
}

const SCRIPT: &str = r#"
local out = { steps = {} }
local function step(name) table.insert(out.steps, name) end
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(out) }, vim.env.CASENOTE_RESULT)
  vim.cmd("qa!")
end
local ok, err = pcall(function()
  vim.opt.rtp:prepend(vim.env.CASENOTE_PLUGIN)
  require("casenote").setup({ cmd = { vim.env.CASENOTE_BIN, "lsp" } })
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.CASENOTE_NOTE))
  local buf = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[buf].filetype

  local function diags()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(list, { code = d.code, source = d.source, lnum = d.lnum, col = d.col,
                           end_lnum = d.end_lnum, end_col = d.end_col })
    end
    table.sort(list, function(a, b) return a.col < b.col end)
    return list
  end

  vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  out.first = diags()
  step("diagnostics")

  -- Type at the start of line 3 (0-based 2): the finding moves right.
  local function long_col(list)
    for _, d in ipairs(list) do
      if d.code == "long-sentence" then return d.col end
    end
    return -1
  end
  local before = long_col(out.first)
  vim.api.nvim_buf_set_text(buf, 2, 0, 2, 0, { "Ké " })
  vim.wait(10000, function()
    local now = long_col(diags())
    return now ~= -1 and now ~= before
  end, 20)
  out.after_typing = diags()
  out.line_after_typing = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
  step("typed")

  local client = vim.lsp.get_active_clients()[1]
  out.client_name = client and client.name
  local d = vim.diagnostic.get(buf)[1]

  -- Hover over the finding.
  local pos = { line = d.lnum, character = vim.str_utfindex(out.line_after_typing, d.col) + 3 }
  local uri = vim.uri_from_bufnr(buf)
  local res = vim.lsp.buf_request_sync(buf, "textDocument/hover",
    { textDocument = { uri = uri }, position = pos }, 5000)
  for _, r in pairs(res or {}) do
    if r.result then out.hover = r.result.contents.value end
  end
  step("hover")

  -- Quick fixes for every finding; apply the first replacement offered.
  out.fixes_offered = 0
  for _, diag in ipairs(vim.diagnostic.get(buf)) do
    local line = vim.api.nvim_buf_get_lines(buf, diag.lnum, diag.lnum + 1, false)[1] or ""
    local range = {
      start = { line = diag.lnum, character = vim.str_utfindex(line, diag.col) },
      ["end"] = { line = diag.end_lnum, character = vim.str_utfindex(
        vim.api.nvim_buf_get_lines(buf, diag.end_lnum, diag.end_lnum + 1, false)[1] or "", diag.end_col) },
    }
    local actions = vim.lsp.buf_request_sync(buf, "textDocument/codeAction",
      { textDocument = { uri = uri }, range = range, context = { diagnostics = {} } }, 5000)
    for _, r in pairs(actions or {}) do
      for _, a in ipairs(r.result or {}) do
        if a.edit and not out.applied then
          local edit
          if a.edit.documentChanges then
            edit = a.edit.documentChanges[1].edits[1]
          else
            edit = a.edit.changes[uri][1]
          end
          out.applied = { title = a.title, rule = diag.code, lnum = diag.lnum,
                          end_lnum = diag.end_lnum, new_text = edit.newText,
                          before = vim.api.nvim_buf_get_lines(buf, 0, -1, false) }
          vim.lsp.util.apply_workspace_edit(a.edit, client.offset_encoding)
          out.applied.after = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
        end
        out.fixes_offered = out.fixes_offered + 1
      end
    end
  end
  step("code actions")

  -- Accept a word in the workspace: the server writes casenote.toml.
  local r = vim.lsp.buf_request_sync(buf, "workspace/executeCommand",
    { command = "casenote.acceptInWorkspace", arguments = { "placement", uri } }, 5000)
  out.accept_error = false
  for _, x in pairs(r or {}) do if x.err then out.accept_error = true end end
  step("accept")
end)
out.ok = ok
out.err = err and tostring(err) or nil
finish()
"#;

/// Run `script` in headless Neovim with the plugin, the binary and `note`; returns its JSON.
fn run_nvim(dir: &std::path::Path, script: &str, note: &std::path::Path, settings: &str) -> Value {
    let script_path = dir.join("test.lua");
    std::fs::write(&script_path, script).unwrap();
    let result = dir.join("result.json");
    let plugin = concat!(env!("CARGO_MANIFEST_DIR"), "/editors/neovim");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-S"])
        .arg(&script_path)
        .env("CASENOTE_BIN", env!("CARGO_BIN_EXE_casenote"))
        .env("CASENOTE_PLUGIN", plugin)
        .env("CASENOTE_NOTE", note)
        .env("CASENOTE_RESULT", &result)
        .env("CASENOTE_SETTINGS", settings)
        .env("XDG_STATE_HOME", dir)
        .env("XDG_CACHE_HOME", dir)
        .env("XDG_DATA_HOME", dir)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    serde_json::from_str(&std::fs::read_to_string(&result).expect("nvim wrote its result")).unwrap()
}

const SETTINGS_SCRIPT: &str = r#"
local out = {}
local ok, err = pcall(function()
  vim.opt.rtp:prepend(vim.env.CASENOTE_PLUGIN)
  require("casenote").setup({
    cmd = { vim.env.CASENOTE_BIN, "lsp" },
    settings = vim.fn.json_decode(vim.env.CASENOTE_SETTINGS),
  })
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.CASENOTE_NOTE))
  local buf = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[buf].filetype
  vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  out.codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(out.codes, d.code) end
end)
out.ok = ok
out.err = err and tostring(err) or nil
vim.fn.writefile({ vim.fn.json_encode(out) }, vim.env.CASENOTE_RESULT)
vim.cmd("qa!")
"#;

#[test]
fn neovim_passes_setup_settings_and_checks_plain_text() {
    if !nvim_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A .txt file: Neovim's filetype "text" is sent as LSP "plaintext".
    let note = dir.path().join("visit.txt");
    std::fs::write(&note, "Ava showed me her room.\n").unwrap();
    let out = run_nvim(
        dir.path(),
        SETTINGS_SCRIPT,
        &note,
        r#"{"rules": {"long-sentence": {"max-words": 3}}}"#,
    );
    assert_eq!(out["ok"], true, "{out:#}");
    assert_eq!(out["filetype"], "text");
    assert_eq!(
        out["codes"],
        serde_json::json!(["long-sentence"]),
        "{out:#}"
    );
}

#[test]
fn neovim_shows_diagnostics_hovers_and_fixes() {
    if !nvim_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("visit.md");
    let prefix = "Café 😀 drew. ";
    std::fs::write(
        &note,
        format!("# Visit\n\n{prefix}{LONG}\n\nThe placement is settled.\n"),
    )
    .unwrap();
    let out = run_nvim(dir.path(), SCRIPT, &note, "{}");
    assert_eq!(out["ok"], true, "{out:#}");
    assert_eq!(out["filetype"], "markdown");
    assert_eq!(out["client_name"], "casenote");

    // Neovim shows columns in bytes; the server spoke UTF-16 with it.
    let first = out["first"].as_array().unwrap();
    let long = first
        .iter()
        .find(|d| d["code"] == "long-sentence")
        .unwrap_or_else(|| panic!("{out:#}"));
    assert_eq!(long["source"], "casenote");
    assert_eq!(long["lnum"], 2);
    assert_eq!(long["col"], prefix.len() as u64);
    assert_eq!(long["end_col"], (prefix.len() + LONG.len()) as u64);

    // After typing "Ké " at the start of the line the finding moved by its bytes.
    assert_eq!(
        out["line_after_typing"].as_str().unwrap(),
        format!("Ké {prefix}{LONG}")
    );
    let moved = out["after_typing"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "long-sentence")
        .unwrap();
    assert_eq!(moved["col"], ("Ké ".len() + prefix.len()) as u64);

    let hover = out["hover"].as_str().unwrap_or_default();
    assert!(hover.contains("Why it matters"), "{out:#}");

    match out.get("applied") {
        Some(applied) if !applied.is_null() => {
            let lines = |k: &str| -> Vec<String> {
                applied[k]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l.as_str().unwrap().to_string())
                    .collect()
            };
            let (before, after) = (lines("before"), lines("after"));
            assert_ne!(before, after, "the quick fix changed the buffer: {applied:#}");
            let first = applied["lnum"].as_u64().unwrap() as usize;
            let last = applied["end_lnum"].as_u64().unwrap() as usize;
            // Lines before the finding are untouched, and so are those after it.
            assert_eq!(before[..first], after[..first]);
            let tail = before.len() - last - 1;
            assert_eq!(before[before.len() - tail..], after[after.len() - tail..]);
            let new_text = applied["new_text"].as_str().unwrap();
            let changed = after[first..after.len() - tail].join("\n");
            assert!(changed.contains(new_text), "{applied:#}");
        }
        _ => eprintln!(
            "note: no rule in this build offers a replacement for this note; the quick-fix step applied nothing ({} actions offered)",
            out["fixes_offered"]
        ),
    }

    assert_eq!(out["accept_error"], false);
    let toml = std::fs::read_to_string(dir.path().join("casenote.toml")).unwrap();
    assert!(casenote::Config::from_toml(&toml, None)
        .unwrap()
        .is_accepted("placement"));
}
