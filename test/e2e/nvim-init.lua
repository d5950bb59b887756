-- Headless Neovim (0.7+) as a plain LSP client for the Pacta language server: asks the
-- queries of neovim.test.mjs and neovim-rename.test.mjs and writes the raw LSP answers
-- (the start-up is nvim-lsp.lua's).
local lsp = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/nvim-lsp.lua')
if not lsp.start() then return end

local out = { server = vim.lsp.get_client_by_id(lsp.client_id).server_capabilities ~= nil }
lsp.finish(lsp.ask(out))
