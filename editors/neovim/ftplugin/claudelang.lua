-- Buffer settings for ClaudeLang (*.cl) files.
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = 1

vim.bo.commentstring = ';; %s'
vim.bo.comments = ':;;;,:;;,:;'
-- Symbols may contain any character except whitespace and ()[]{}";', (LANGUAGE.md §1), so
-- `string->list`, `io:print`, `empty?` and `set!` are whole words for `w`, `*` and completion.
vim.bo.iskeyword = '@,48-57,_,192-255,33,35-38,42-43,45-47,58,60-64,94,124,126'
vim.bo.lisp = true
vim.bo.expandtab = true
vim.bo.shiftwidth = 2
vim.bo.softtabstop = 2
vim.opt_local.lispwords:append({
  'define', 'lambda', 'let', 'let*', 'letrec', 'when', 'unless', 'while', 'match', 'try',
  'catch', 'finally', 'handler', 'module', 'data', 'spec:contract',
})
vim.b.undo_ftplugin = 'setlocal commentstring< comments< iskeyword< lisp< expandtab< shiftwidth< softtabstop< lispwords<'

local ok, claudelang = pcall(require, 'claudelang')
if ok then
  claudelang.buffer_setup(vim.api.nvim_get_current_buf())
end
