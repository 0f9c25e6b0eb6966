-- Casenote for Neovim: starts `casenote lsp` for Markdown and plain-text buffers.
--
-- Works with Neovim 0.7 and later, using only the built-in client
-- (vim.lsp.start_client + vim.lsp.buf_attach_client; Neovim 0.7 has no vim.lsp.start).
--
--   require("casenote").setup({
--     cmd = { "casenote", "lsp" },          -- the server command
--     filetypes = { "markdown", "text" },   -- buffers to check
--     settings = {},                        -- same keys as casenote.toml, e.g.
--                                           -- { rules = { ["long-sentence"] = { ["max-words"] = 30 } } }
--     root_markers = { "casenote.toml", ".git" },
--     on_attach = nil,                      -- function(client, bufnr)
--   })

local M = {}

local defaults = {
  cmd = { "casenote", "lsp" },
  filetypes = { "markdown", "text" },
  settings = {},
  root_markers = { "casenote.toml", ".git" },
  on_attach = nil,
}

M.config = vim.deepcopy(defaults)

-- One client per workspace root.
local clients = {}

-- Neovim calls plain text "text"; LSP calls it "plaintext".
local function language_id(_, filetype)
  if filetype == "text" or filetype == "" then
    return "plaintext"
  end
  return filetype
end

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

--- The folder holding the nearest root marker above `fname`, else the file's folder.
function M.root_dir(fname)
  local start = vim.fn.fnamemodify(fname, ":p:h")
  local dir = start
  while dir and dir ~= "" do
    for _, marker in ipairs(M.config.root_markers) do
      if exists(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      break
    end
    dir = parent
  end
  return start
end

local function settings_section()
  -- An empty table would be sent as a JSON array; send an object instead.
  if vim.tbl_isempty(M.config.settings) then
    return vim.empty_dict()
  end
  return M.config.settings
end

--- Start (or reuse) the client for a buffer's workspace and attach the buffer to it.
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local fname = vim.api.nvim_buf_get_name(bufnr)
  local root = fname ~= "" and M.root_dir(fname) or vim.loop.cwd()
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = "casenote",
      cmd = M.config.cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      init_options = { casenote = settings_section() },
      settings = { casenote = settings_section() },
      get_language_id = language_id,
      on_attach = M.config.on_attach,
    })
    if not id then
      vim.notify("casenote: could not start '" .. table.concat(M.config.cmd, " ") .. "'", vim.log.levels.ERROR)
      return nil
    end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts or {})
  local group = vim.api.nvim_create_augroup("casenote", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
end

return M
