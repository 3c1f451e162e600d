-- Installs editors/neovim the way lazy.nvim installs a local plugin from the spec in
-- editors/neovim/lazy-spec.lua: the spec's `dir` goes first on 'runtimepath', its ftdetect
-- scripts are sourced (lazy does this at startup for plugins loaded on a filetype), then
-- require(main).setup(opts) runs with the spec's opts merged with the caller's (lazy's
-- `opts` merging). Returns the plugin module.
--
--   local claudelang = dofile('tests/editors/neovim_lazy.lua')({ cmd = { ... } })
return function(extra_opts)
  local spec = dofile(os.getenv('CLAUDELANG_LAZY_SPEC'))
  assert(spec.ft == 'claudelang' and spec.main == 'claudelang', 'unexpected lazy.nvim spec')
  vim.opt.runtimepath:prepend(spec.dir)
  for _, script in ipairs(vim.fn.glob(spec.dir .. '/ftdetect/*', false, true)) do
    vim.cmd('source ' .. vim.fn.fnameescape(script))
  end
  local plugin = require(spec.main)
  plugin.setup(vim.tbl_deep_extend('force', spec.opts or {}, extra_opts or {}))
  return plugin
end
