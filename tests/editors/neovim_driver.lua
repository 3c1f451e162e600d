-- Drives a headless Neovim through the ClaudeLang plugin in editors/neovim, installed from its
-- lazy.nvim spec (neovim_lazy.lua), and writes what the editor received to $CLAUDELANG_RESULTS
-- as JSON (read by test_neovim.py).
--
--   CLAUDELANG_LAZY_SPEC=editors/neovim/lazy-spec.lua nvim --headless --clean -c 'luafile tests/editors/neovim_driver.lua'
--
-- Environment: CLAUDELANG_FILE (the .cl file to open), CLAUDELANG_RESULTS (output JSON),
-- CLAUDELANG_LAZY_SPEC (the plugin spec), CLAUDELANG_PYTHON (interpreter with claudelang
-- installed), CLAUDELANG_PARSER_DIR (optional: a runtimepath directory holding
-- parser/claudelang.so for the tree-sitter check).
local results = { version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor), steps = {}, errors = {} }
local file = os.getenv('CLAUDELANG_FILE')
local out = os.getenv('CLAUDELANG_RESULTS')
local python = os.getenv('CLAUDELANG_PYTHON') or 'python3'
local TIMEOUT = 30000

local function write_results()
  local handle = assert(io.open(out, 'w'))
  handle:write(vim.fn.json_encode(results))
  handle:close()
end

local function step(name, fn)
  local ok, err = pcall(fn)
  results.steps[name] = ok
  if not ok then
    results.errors[name] = tostring(err)
  end
end

local function lines(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

local install = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/neovim_lazy.lua')
local claudelang = install({ cmd = { python, '-m', 'claudelang.lsp.main', '--stdio' }, settings = { jit = 'off' } })

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
results.filetype = vim.bo[bufnr].filetype
results.iskeyword_word = (function()
  vim.api.nvim_win_set_cursor(0, { 5, 2 }) -- inside `io:print`
  return vim.fn.expand('<cword>')
end)()

local client
step('attach', function()
  assert(vim.wait(TIMEOUT, function()
    client = claudelang.client(bufnr)
    return client ~= nil and client.initialized ~= false and (client.server_capabilities or client.resolved_capabilities) ~= nil
  end, 100), 'no client attached')
  local caps = client.server_capabilities or {}
  local provider = caps.executeCommandProvider
  results.server_commands = type(provider) == 'table' and provider.commands or {}
  results.client_name = client.name
end)

step('diagnostics', function()
  assert(vim.wait(TIMEOUT, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 100), 'no diagnostics')
  results.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(results.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, severity = d.severity })
  end
end)

local function position(line, character)
  return { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = character } }
end

step('hover', function()
  local response = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', position(5, 2), TIMEOUT)
  local contents = {}
  for _, r in pairs(response or {}) do
    if r.result and r.result.contents then
      contents = vim.lsp.util.convert_input_to_markdown_lines(r.result.contents)
    end
  end
  results.hover = table.concat(contents, '\n')
end)

step('completion', function()
  local response = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', position(5, 3), TIMEOUT)
  results.completion = {}
  for _, r in pairs(response or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do
      table.insert(results.completion, item.label)
    end
  end
end)

step('definition', function()
  vim.api.nvim_win_set_cursor(0, { 9, 16 }) -- the `add` in `(define total (add ...`
  vim.lsp.buf.definition()
  assert(vim.wait(TIMEOUT, function()
    return vim.api.nvim_win_get_cursor(0)[1] ~= 9
  end, 50), 'the cursor did not move')
  local cursor = vim.api.nvim_win_get_cursor(0)
  results.definition = { line = cursor[1] - 1, col = cursor[2], buffer = vim.api.nvim_buf_get_name(0) }
end)

step('rename', function()
  vim.api.nvim_set_current_buf(bufnr)
  vim.api.nvim_win_set_cursor(0, { 6, 2 }) -- `(add 40 2)`
  vim.lsp.buf.rename('plus')
  assert(vim.wait(TIMEOUT, function()
    return table.concat(lines(bufnr), '\n'):find('(plus 40 2)', 1, true) ~= nil
  end, 50), 'the rename was not applied')
  results.after_rename = lines(bufnr)
end)

step('formatting', function()
  if vim.lsp.buf.format then
    vim.lsp.buf.format({ async = false, timeout_ms = TIMEOUT, bufnr = bufnr })
  else
    vim.lsp.buf.formatting_sync(nil, TIMEOUT)
  end
  results.after_formatting = lines(bufnr)
end)

step('run_cell', function()
  results.run_cell_advertised = vim.tbl_contains(results.server_commands or {}, 'claudelang.runCell')
  if not results.run_cell_advertised then
    return
  end
  vim.api.nvim_win_set_cursor(0, { 3, 0 }) -- inside the "Helpers" cell
  local done, response = false, nil
  assert(claudelang.run_cell(function(err, result)
    done, response = true, { err = err, result = result }
  end), 'run_cell did not send the command')
  assert(vim.wait(60000, function()
    return done
  end, 50), 'no answer to claudelang.runCell')
  vim.wait(2000, function()
    return #claudelang.output() > 0
  end, 50)
  results.run_response = response
  results.shown_values = claudelang.shown_values(bufnr)
  results.output = claudelang.output()
  results.kernel_state = claudelang.kernel_state
end)

step('interrupt', function()
  if not vim.tbl_contains(results.server_commands or {}, 'claudelang.interrupt') then
    return
  end
  local done = false
  claudelang.interrupt(function(err, result)
    done = true
    results.interrupt = { err = err, result = result }
  end)
  assert(vim.wait(TIMEOUT, function()
    return done
  end, 50), 'no answer to claudelang.interrupt')
end)

local parser_dir = os.getenv('CLAUDELANG_PARSER_DIR')
if parser_dir and parser_dir ~= '' then
  step('treesitter', function()
    local so = parser_dir .. '/parser/claudelang.so'
    if vim.treesitter.language.add then
      vim.treesitter.language.add('claudelang', { path = so })
    else
      vim.treesitter.require_language('claudelang', so)
    end
    -- `#is-not? local` is nvim-treesitter's predicate; plain Neovim needs a stand-in.
    local query_mod = vim.treesitter.query
    pcall(query_mod.add_predicate, 'is-not?', function()
      return true
    end)
    local parse = query_mod.parse or query_mod.parse_query
    local get = query_mod.get or query_mod.get_query
    local query = get('claudelang', 'highlights')
    assert(query, 'queries/claudelang/highlights.scm not found on runtimepath')
    local parser = vim.treesitter.get_parser(bufnr, 'claudelang')
    local tree = parser:parse()[1]
    local captures = {}
    for id, node in query:iter_captures(tree:root(), bufnr, 0, -1) do
      local text = vim.treesitter.get_node_text and vim.treesitter.get_node_text(node, bufnr)
        or query_mod.get_node_text(node, bufnr)
      captures[text] = captures[text] or {}
      table.insert(captures[text], query.captures[id])
    end
    results.captures = captures
    local _ = parse
  end)
end

write_results()
vim.cmd('qa!')
