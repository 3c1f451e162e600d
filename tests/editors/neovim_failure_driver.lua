-- Drives a headless Neovim whose ClaudeLang server cannot start and records the messages the
-- plugin showed (vim.notify) to $CLAUDELANG_RESULTS as JSON (read by test_neovim.py): first
-- with an interpreter that lacks the claudelang package ($CLAUDELANG_PYTHON), then with a
-- command that does not exist. Same environment as neovim_driver.lua.
local results = { steps = {}, errors = {}, messages = {} }
local TIMEOUT = 30000

vim.notify = function(message, level)
  table.insert(results.messages, { message = message, level = level })
end

local function step(name, fn)
  local ok, err = pcall(fn)
  results.steps[name] = ok
  if not ok then
    results.errors[name] = tostring(err)
  end
end

local function shown(pattern)
  for _, item in ipairs(results.messages) do
    if item.message:find(pattern, 1, true) then
      return item
    end
  end
  return nil
end

local install = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/neovim_lazy.lua')
local python = os.getenv('CLAUDELANG_PYTHON')
results.python = python
local claudelang = install({ cmd = { python, '-m', 'claudelang.lsp.main', '--stdio' } })

step('missing_package', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('CLAUDELANG_FILE')))
  assert(vim.wait(TIMEOUT, function()
    return shown('cannot start the language server') ~= nil
  end, 100), 'no message')
  results.missing_package = shown('cannot start the language server')
end)

step('not_executable', function()
  claudelang.setup({ cmd = { '/nonexistent/claudelang-lsp', '--stdio' } })
  vim.cmd('enew')
  vim.bo.filetype = 'claudelang'
  results.not_executable = shown('/nonexistent/claudelang-lsp')
  assert(results.not_executable, 'no message')
end)

local handle = assert(io.open(os.getenv('CLAUDELANG_RESULTS'), 'w'))
handle:write(vim.fn.json_encode(results))
handle:close()
vim.cmd('qa!')
