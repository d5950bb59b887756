-- What every headless Neovim (0.7+) run of the e2e suites shares: reads its orders from the
-- environment (set by neovim.mjs), opens the file, starts the Pacta language server as a
-- plain LSP client and waits for it to initialize; `request` asks it and `finish` writes the
-- answers as one JSON object on stdout between marker lines, then quits.
-- Loaded by nvim-init.lua and nvim-diagnostics.lua with dofile.
local M = {}

M.server = vim.fn.json_decode(os.getenv('PACTA_SERVER_CMD'))
M.file = os.getenv('PACTA_FILE')
M.root = os.getenv('PACTA_ROOT')
M.queries = vim.fn.json_decode(os.getenv('PACTA_QUERIES'))

function M.finish(out)
  io.stdout:write('PACTA-JSON-BEGIN\n' .. vim.fn.json_encode(out) .. '\nPACTA-JSON-END\n')
  io.stdout:flush()
  vim.cmd('qall!')
end

-- Opens the file and starts the client; returns true once the server is initialized, or
-- finishes with the reason and returns false.
function M.start()
  -- With -u, this runs before file arguments are read: open the file here.
  vim.cmd('edit ' .. vim.fn.fnameescape(M.file))
  M.bufnr = vim.api.nvim_get_current_buf()
  M.client_id = vim.lsp.start_client({
    name = 'pacta',
    cmd = M.server,
    root_dir = M.root,
    workspace_folders = { { uri = vim.uri_from_fname(M.root), name = 'workspace' } },
  })
  if not M.client_id then
    M.finish({ error = 'vim.lsp.start_client failed' })
    return false
  end
  vim.lsp.buf_attach_client(M.bufnr, M.client_id)
  local ready = vim.wait(20000, function()
    local c = vim.lsp.get_client_by_id(M.client_id)
    return c ~= nil and c.initialized == true
  end, 50)
  if not ready then
    M.finish({ error = 'the language server did not initialize within 20 s' })
    return false
  end
  M.uri = vim.uri_from_bufnr(M.bufnr)
  return true
end

function M.request(method, params)
  local res, err = vim.lsp.buf_request_sync(M.bufnr, method, params, 10000)
  if not res then return { error = tostring(err) } end
  local r = res[M.client_id]
  if not r then return { error = 'no answer from the client' } end
  -- Neovim 0.7 names an error response `error`; later versions `err`.
  if r.err or r.error then return { error = r.err or r.error } end
  return { result = r.result }
end

-- Asks each of PACTA_QUERIES ({ name = { method, position?, params? } }) about the file and
-- stores the answer in `out` under its name.
function M.ask(out)
  for name, q in pairs(M.queries) do
    local params = { textDocument = { uri = M.uri } }
    if q.position then params.position = q.position end
    -- Extra request fields (rename's newName, a references context…).
    if q.params then for k, v in pairs(q.params) do params[k] = v end end
    out[name] = M.request(q.method, params)
  end
  return out
end

return M
