-- Headless Neovim (0.7+) as a plain LSP client for the Pacta language server.
-- Driven by test/e2e/neovim.test.mjs through environment variables; writes the
-- raw LSP answers as one JSON object on stdout between marker lines.
local server = vim.fn.json_decode(os.getenv('PACTA_SERVER_CMD'))
local file = os.getenv('PACTA_FILE')
local root = os.getenv('PACTA_ROOT')
local queries = vim.fn.json_decode(os.getenv('PACTA_QUERIES'))

local function finish(out)
  io.stdout:write('PACTA-JSON-BEGIN\n' .. vim.fn.json_encode(out) .. '\nPACTA-JSON-END\n')
  io.stdout:flush()
  vim.cmd('qall!')
end

-- With -u, this runs before file arguments are read: open the file here.
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()

local client_id = vim.lsp.start_client({
  name = 'pacta',
  cmd = server,
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
})
if not client_id then
  finish({ error = 'vim.lsp.start_client failed' })
  return
end
vim.lsp.buf_attach_client(bufnr, client_id)

local ready = vim.wait(20000, function()
  local c = vim.lsp.get_client_by_id(client_id)
  return c ~= nil and c.initialized == true
end, 50)
if not ready then
  finish({ error = 'the language server did not initialize within 20 s' })
  return
end

local uri = vim.uri_from_bufnr(bufnr)
local out = { server = vim.lsp.get_client_by_id(client_id).server_capabilities ~= nil }

local function request(method, params)
  local res, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  if not res then return { error = tostring(err) } end
  local r = res[client_id]
  if not r then return { error = 'no answer from the client' } end
  -- Neovim 0.7 names an error response `error`; later versions `err`.
  if r.err or r.error then return { error = r.err or r.error } end
  return { result = r.result }
end

for name, q in pairs(queries) do
  local params = { textDocument = { uri = uri } }
  if q.position then params.position = q.position end
  -- Extra request fields (rename's newName, a references context…).
  if q.params then for k, v in pairs(q.params) do params[k] = v end end
  out[name] = request(q.method, params)
end

finish(out)
