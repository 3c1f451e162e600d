-- A lazy.nvim plugin spec for ClaudeLang: this folder (editors/neovim of a clone of the
-- repository) as a local plugin, loaded for *.cl files, with require('claudelang').setup(opts).
--
--   require('lazy').setup({
--     spec = {
--       dofile(vim.fn.expand('~/src/claudelang/editors/neovim/lazy-spec.lua')),
--       -- your other plugins
--     },
--   })
--
-- To change the options, extend it: vim.tbl_deep_extend('force', dofile(...), { opts = { ... } }),
-- or copy the table below into ~/.config/nvim/lua/plugins/claudelang.lua with `dir` set to
-- your clone's editors/neovim.
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')

return {
  name = 'claudelang',
  dir = here,
  main = 'claudelang',
  ft = 'claudelang',
  opts = {
    -- cmd = { 'claudelang-lsp', '--stdio' },  -- default: claudelang-lsp on $PATH, else python3 -m claudelang.lsp.main
    -- python = '/path/to/venv/bin/python',     -- an interpreter with claudelang installed
    settings = { jit = 'auto', contracts = true, hotReload = 'onSave', allowNetwork = false },
    keymaps = true,
  },
}
