-- Headless Neovim (0.7+) reading Pacta's diagnostics the way a user sees them
-- (vim.diagnostic), asking for references, highlights and code lenses, and applying a
-- quick fix with Neovim's own workspace-edit code. Driven by neovim-diagnostics.test.mjs
-- (the start-up and the JSON answer are nvim-lsp.lua's).
local lsp = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/nvim-lsp.lua')
local fix_at = vim.fn.json_decode(os.getenv('PACTA_FIX_AT'))
if not lsp.start() then return end
local bufnr = lsp.bufnr

-- Diagnostics are pushed (textDocument/publishDiagnostics) a moment after the document opens.
local function diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local raw = (d.user_data and d.user_data.lsp) or {}
    table.insert(out, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, source = d.source, code = raw.code or d.code })
  end
  table.sort(out, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return out
end

if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
  lsp.finish({ error = 'no diagnostics were published within 20 s' })
  return
end

local out = lsp.ask({ diagnostics = diagnostics() })

-- The quick fix at the broken reference, applied by Neovim itself.
local actions = lsp.request('textDocument/codeAction', {
  textDocument = { uri = lsp.uri },
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

lsp.finish(out)
