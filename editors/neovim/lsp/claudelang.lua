-- Neovim 0.11+: `vim.lsp.enable('claudelang')` finds this file on 'runtimepath'.
-- require('claudelang').setup() does the same and more (keymaps, commands, parser).
local claudelang = require('claudelang')
return {
  cmd = claudelang.server_cmd(),
  filetypes = { 'claudelang' },
  root_markers = claudelang.config.root_markers,
  init_options = { claudelang = vim.deepcopy(claudelang.config.settings) },
  handlers = claudelang.handlers,
}
