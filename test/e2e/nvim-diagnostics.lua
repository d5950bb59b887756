-- Headless Neovim (0.7+) reading Pacta's diagnostics the way a user sees them
-- (vim.diagnostic), asking for references, highlights and code lenses, and applying a
-- quick fix with Neovim's own workspace-edit code. Driven by neovim-diagnostics.test.mjs
-- through environment variables; writes one JSON object on stdout between marker lines.
local server = vim.fn.json_decode(os.getenv('PACTA_SERVER_CMD'))
local file = os.getenv('PACTA_FILE')
local root = os.getenv('PACTA_ROOT')
local queries = vim.fn.json_decode(os.getenv('PACTA_QUERIES'))
local fix_at = vim.fn.json_decode(os.getenv('PACTA_FIX_AT'))

local function finish(out)
  io.stdout:write('PACTA-JSON-BEGIN\n' .. vim.fn.json_encode(out) .. '\nPACTA-JSON-END\n')
  io.stdout:flush()
  vim.cmd('qall!')
end

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

if not vim.wait(20000, function()
  local c = vim.lsp.get_client_by_id(client_id)
  return c ~= nil and c.initialized == true
end, 50) then
  finish({ error = 'the language server did not initialize within 20 s' })
  return
end

-- Diagnostics are pushed (textDocument/publishDiagnostics) a moment after the document opens.
local function diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(out, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, source = d.source, code = lsp.code or d.code })
  end
  table.sort(out, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return out
end

if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
  finish({ error = 'no diagnostics were published within 20 s' })
  return
end

local uri = vim.uri_from_bufnr(bufnr)
local out = { diagnostics = diagnostics() }

local function request(method, params)
  local res, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  if not res then return { error = tostring(err) } end
  local r = res[client_id]
  if not r then return { error = 'no answer from the client' } end
  if r.err then return { error = r.err } end
  return { result = r.result }
end

for name, q in pairs(queries) do
  local params = { textDocument = { uri = uri } }
  if q.position then params.position = q.position end
  if q.context then params.context = q.context end
  out[name] = request(q.method, params)
end

-- The quick fix at the broken reference, applied by Neovim itself.
local actions = request('textDocument/codeAction', {
  textDocument = { uri = uri },
  range = { start = fix_at, ['end'] = fix_at },
  context = { diagnostics = {} },
})
out.codeActions = actions
local first = actions.result and actions.result[1]
if first and first.edit then
  vim.lsp.util.apply_workspace_edit(first.edit, 'utf-16')
  out.line_after_fix = vim.api.nvim_buf_get_lines(bufnr, fix_at.line, fix_at.line + 1, false)[1]
  -- The server checks the changed text again and publishes without the broken reference.
  vim.wait(20000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.message:find('no Article 7', 1, true) then return false end
    end
    return true
  end, 50)
  out.diagnostics_after_fix = diagnostics()
end

finish(out)
