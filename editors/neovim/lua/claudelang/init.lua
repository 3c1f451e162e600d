-- ClaudeLang for Neovim: language server setup (0.7 to 0.11+), tree-sitter parser
-- registration for nvim-treesitter, and the run-cell commands.
--
--   require('claudelang').setup({
--     cmd = { 'python3', '-m', 'claudelang.lsp.main', '--stdio' },   -- or { 'claudelang-lsp', '--stdio' }
--     settings = { jit = 'auto', contracts = true, hotReload = 'onSave', allowNetwork = false },
--     keymaps = true,   -- buffer-local run-cell keys (see M.default_keymaps)
--   })
local M = {}

local api = vim.api
local uv = vim.loop

M.name = 'claudelang'
M.namespace = api.nvim_create_namespace('claudelang-values')
M.kernel_state = nil
M.last_result = nil

M.config = {
  cmd = nil, -- nil: `claudelang-lsp --stdio` if on $PATH, else python3 -m claudelang.lsp.main --stdio
  python = nil, -- interpreter used when cmd is nil and claudelang-lsp is not on $PATH
  root_markers = { 'claudelang.toml', 'pyproject.toml', '.git' },
  settings = { jit = 'auto', contracts = true, hotReload = 'onSave', allowNetwork = false },
  keymaps = true,
  codelens = false, -- refresh code lenses on BufEnter/InsertLeave/BufWritePost
  on_attach = nil,
  capabilities = nil,
}

M.default_keymaps = {
  { 'n', '<S-CR>', 'run_cell', 'ClaudeLang: run cell' },
  { 'n', '<C-CR>', 'run_cell', 'ClaudeLang: run cell' },
  { 'n', '<localleader>cc', 'run_cell', 'ClaudeLang: run cell' },
  { 'n', '<localleader>ca', 'run_above', 'ClaudeLang: run cells above' },
  { 'n', '<localleader>cf', 'run_file', 'ClaudeLang: run file' },
  { 'n', '<localleader>ci', 'interrupt', 'ClaudeLang: interrupt kernel' },
  { 'n', '<localleader>ck', 'restart_kernel', 'ClaudeLang: restart kernel' },
  { 'n', '<localleader>co', 'show_output', 'ClaudeLang: show output' },
}

-- ------------------------------------------------------------------ server command

local function executable(name)
  return vim.fn.executable(name) == 1
end

function M.server_cmd()
  if M.config.cmd then
    return M.config.cmd
  end
  if M.config.python then
    return { M.config.python, '-m', 'claudelang.lsp.main', '--stdio' }
  end
  if executable('claudelang-lsp') then
    return { 'claudelang-lsp', '--stdio' }
  end
  return { 'python3', '-m', 'claudelang.lsp.main', '--stdio' }
end

local function init_options()
  return { claudelang = vim.deepcopy(M.config.settings) }
end

local function find_root(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local current = dir
  while current and current ~= '' do
    for _, marker in ipairs(M.config.root_markers) do
      if uv.fs_stat(current .. '/' .. marker) then
        return current
      end
    end
    local parent = vim.fn.fnamemodify(current, ':h')
    if parent == current then
      break
    end
    current = parent
  end
  return dir
end

-- ------------------------------------------------------------------ notifications

local output_lines = {}

local function output_buffer()
  local buf = vim.fn.bufnr('ClaudeLang output')
  if buf == -1 or not api.nvim_buf_is_valid(buf) then
    buf = api.nvim_create_buf(false, true)
    api.nvim_buf_set_name(buf, 'ClaudeLang output')
    vim.bo[buf].bufhidden = 'hide'
  end
  return buf
end

local function append_output(text)
  local lines = vim.split(text, '\n', { plain = true })
  if lines[#lines] == '' then
    table.remove(lines)
  end
  if #lines == 0 then
    return
  end
  vim.list_extend(output_lines, lines)
  local buf = output_buffer()
  local count = api.nvim_buf_line_count(buf)
  local empty = count == 1 and api.nvim_buf_get_lines(buf, 0, 1, false)[1] == ''
  api.nvim_buf_set_lines(buf, empty and 0 or count, -1, false, lines)
end

--- Every line the kernel printed in this session.
function M.output()
  return output_lines
end

function M.show_output()
  vim.cmd('botright sbuffer ' .. output_buffer())
end

M.handlers = {
  ['claudelang/output'] = function(_, params)
    if params and type(params.text) == 'string' then
      vim.schedule(function()
        append_output(params.text)
      end)
    end
  end,
  ['claudelang/kernelState'] = function(_, params)
    if params and params.state then
      M.kernel_state = params.state
      vim.g.claudelang_kernel_state = params.state
      vim.schedule(function()
        vim.cmd('redrawstatus')
      end)
    end
  end,
}

--- For a statusline: `%{v:lua.require'claudelang'.statusline()}`.
function M.statusline()
  return M.kernel_state and ('ClaudeLang: ' .. M.kernel_state) or ''
end

-- ------------------------------------------------------------------ start failures

--- The interpreter part of a `<python> -m claudelang.lsp.main ...` command, or nil.
local function python_prefix(cmd)
  for i, arg in ipairs(cmd) do
    if arg == '-m' and cmd[i + 1] == 'claudelang.lsp.main' then
      return vim.list_slice(cmd, 1, i - 1)
    end
  end
  return nil
end

--- What went wrong and how to fix it, naming the command that was tried.
function M.start_failure_message(cmd, problem)
  local prefix = python_prefix(cmd)
  local install = prefix and ('`' .. table.concat(prefix, ' ') .. ' -m pip install claudelang`')
    or '`pipx install claudelang` (or `python3 -m pip install claudelang`)'
  return ('ClaudeLang: cannot start the language server `%s`: %s. Install it with %s, or point the plugin '
    .. "at a server that works: require('claudelang').setup({ python = '/path/to/python' }) for an "
    .. "interpreter that has the claudelang package, or setup({ cmd = { '/path/to/claudelang-lsp', '--stdio' } }).")
    :format(table.concat(cmd, ' '), problem, install)
end

--- Why `cmd` quit before it initialised: the last line of what importing the server printed.
local function diagnose(cmd, code)
  local problem = ('it exited with code %d'):format(code)
  local prefix = python_prefix(cmd)
  if prefix then
    local probe = vim.list_extend(vim.deepcopy(prefix), { '-c', 'import claudelang.lsp.main' })
    local lines = vim.split(vim.fn.system(probe), '\n', { trimempty = true })
    if vim.v.shell_error ~= 0 and #lines > 0 then
      problem = problem .. ' (' .. vim.trim(lines[#lines]) .. ')'
    end
  end
  return problem
end

local initialized = {} -- client id → true once the server answered `initialize`
local reported = {} -- commands whose failure was already shown

local function report_failure(cmd, problem)
  local key = table.concat(cmd, '\0')
  if not reported[key] then
    reported[key] = true
    vim.notify(M.start_failure_message(cmd, problem), vim.log.levels.ERROR, { title = 'ClaudeLang' })
  end
end

--- False (after saying why) when the server command is not a program that can run.
local function runnable(cmd)
  if type(cmd) ~= 'table' or executable(cmd[1]) then
    return true
  end
  report_failure(cmd, ('`%s` is not an executable program on $PATH'):format(tostring(cmd[1])))
  return false
end

-- ------------------------------------------------------------------ clients

local function server_config()
  local cmd = M.server_cmd()
  return {
    name = M.name,
    cmd = cmd,
    filetypes = { 'claudelang' },
    root_markers = M.config.root_markers,
    init_options = init_options(),
    settings = { claudelang = vim.deepcopy(M.config.settings) },
    handlers = M.handlers,
    capabilities = M.config.capabilities,
    on_init = function(client)
      initialized[client.id] = true
    end,
    on_exit = function(code, _signal, client_id)
      if code ~= 0 and not initialized[client_id] then
        vim.schedule(function()
          report_failure(cmd, diagnose(cmd, code))
        end)
      end
    end,
    on_attach = function(client, bufnr)
      if M.config.codelens and client.server_capabilities and client.server_capabilities.codeLensProvider then
        vim.lsp.codelens.refresh()
        api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'BufWritePost' }, {
          buffer = bufnr,
          callback = function()
            vim.lsp.codelens.refresh()
          end,
        })
      end
      if M.config.on_attach then
        M.config.on_attach(client, bufnr)
      end
    end,
  }
end

--- The claudelang client attached to `bufnr`, if any.
function M.client(bufnr)
  bufnr = bufnr or api.nvim_get_current_buf()
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr, name = M.name })
    or vim.lsp.buf_get_clients(bufnr)
  for _, client in pairs(clients) do
    if client.name == M.name then
      return client
    end
  end
  return nil
end

local legacy_clients = {} -- root → client id (Neovim 0.7)

--- Start (or reuse) the server for a buffer and attach it. Used below Neovim 0.11.
function M.attach(bufnr)
  bufnr = bufnr or api.nvim_get_current_buf()
  local path = api.nvim_buf_get_name(bufnr)
  local root = find_root(path ~= '' and path or vim.fn.getcwd() .. '/untitled.cl')
  local config = server_config()
  config.root_dir = root
  config.workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } }
  config.root_markers = nil
  config.filetypes = nil
  if vim.lsp.start then -- 0.8+
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = legacy_clients[root] -- 0.7: start_client + buf_attach_client
  if id == nil or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(config)
    legacy_clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

-- ------------------------------------------------------------------ run cells

local function notify(message, level)
  vim.notify(message, level or vim.log.levels.INFO, { title = 'ClaudeLang' })
end

--- Show values from a run result as virtual text at the end of each form's first line.
function M.show_values(bufnr, result)
  for _, item in ipairs((result and result.values) or {}) do
    local line = item.line
    if type(line) == 'number' and line >= 0 and line < api.nvim_buf_line_count(bufnr) then
      api.nvim_buf_clear_namespace(bufnr, M.namespace, line, line + 1)
      api.nvim_buf_set_extmark(bufnr, M.namespace, line, 0, {
        virt_text = { { '⇒ ' .. tostring(item.value), 'Comment' } },
        virt_text_pos = 'eol',
      })
    end
  end
end

--- Values currently shown in a buffer: { {line = 0-based, text = '⇒ 42'}, ... }.
function M.shown_values(bufnr)
  local shown = {}
  for _, mark in ipairs(api.nvim_buf_get_extmarks(bufnr or 0, M.namespace, 0, -1, { details = true })) do
    local chunks = mark[4].virt_text or {}
    local text = {}
    for _, chunk in ipairs(chunks) do
      table.insert(text, chunk[1])
    end
    table.insert(shown, { line = mark[2], text = table.concat(text) })
  end
  return shown
end

--- Send `workspace/executeCommand`; `callback(err, result)` is optional.
function M.execute(command, arguments, bufnr, callback)
  bufnr = bufnr or api.nvim_get_current_buf()
  local client = M.client(bufnr)
  if not client then
    notify('no ClaudeLang language server attached to this buffer', vim.log.levels.ERROR)
    return false
  end
  local provider = (client.server_capabilities or client.resolved_capabilities or {}).executeCommandProvider
  local commands = type(provider) == 'table' and provider.commands or {}
  if not vim.tbl_contains(commands, command) then
    notify('this language server has no ' .. command .. ' command', vim.log.levels.ERROR)
    return false
  end
  local params = { command = command, arguments = arguments }
  local function on_result(err, result)
    if err then
      notify(command .. ' failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
    elseif type(result) == 'table' then
      M.last_result = result
      if result.values then
        M.show_values(bufnr, result)
      end
      if type(result.error) == 'table' then
        append_output((result.error.report or result.error.message or 'error') .. '\n')
        notify(result.error.message or 'error', vim.log.levels.ERROR)
      end
    end
    if callback then
      callback(err, result)
    end
  end
  if vim.fn.has('nvim-0.11') == 1 then
    client:request('workspace/executeCommand', params, on_result, bufnr) -- methods since 0.11
  else
    client.request('workspace/executeCommand', params, on_result, bufnr)
  end
  return true
end

local function cursor_args(bufnr, with_line)
  local uri = vim.uri_from_bufnr(bufnr)
  if with_line then
    return { uri, api.nvim_win_get_cursor(0)[1] - 1 }
  end
  return { uri }
end

function M.run_cell(callback)
  local bufnr = api.nvim_get_current_buf()
  return M.execute('claudelang.runCell', cursor_args(bufnr, true), bufnr, callback)
end

function M.run_above(callback)
  local bufnr = api.nvim_get_current_buf()
  return M.execute('claudelang.runAbove', cursor_args(bufnr, true), bufnr, callback)
end

function M.run_file(callback)
  local bufnr = api.nvim_get_current_buf()
  api.nvim_buf_clear_namespace(bufnr, M.namespace, 0, -1)
  return M.execute('claudelang.runFile', cursor_args(bufnr, false), bufnr, callback)
end

function M.interrupt(callback)
  local bufnr = api.nvim_get_current_buf()
  return M.execute('claudelang.interrupt', cursor_args(bufnr, false), bufnr, callback)
end

function M.restart_kernel(callback)
  local bufnr = api.nvim_get_current_buf()
  api.nvim_buf_clear_namespace(bufnr, M.namespace, 0, -1)
  return M.execute('claudelang.restartKernel', cursor_args(bufnr, false), bufnr, callback)
end

-- Code lenses (`vim.lsp.codelens.run()`) carry the server's commands: route them here so
-- their results are shown like the keymaps' ones.
local lens_commands = { 'claudelang.runCell', 'claudelang.runAbove', 'claudelang.runFile', 'claudelang.restartKernel' }
for _, name in ipairs(lens_commands) do
  vim.lsp.commands[name] = function(command, ctx)
    M.execute(command.command, command.arguments or {}, ctx.bufnr)
  end
end

-- ------------------------------------------------------------------ buffers

local configured = false
local registered_lsp = false

--- Called from ftplugin for each ClaudeLang buffer.
function M.buffer_setup(bufnr)
  if not configured then
    return -- setup() was not called: the user wires things themselves
  end
  if M.config.keymaps then
    for _, map in ipairs(M.default_keymaps) do
      vim.keymap.set(map[1], map[2], function()
        M[map[3]]()
      end, { buffer = bufnr, desc = map[4], silent = true })
    end
  end
  if runnable(M.server_cmd()) and not registered_lsp then
    M.attach(bufnr)
  end
end

--- Register ClaudeLang's tree-sitter parser with nvim-treesitter (both its `master` and
--- `main` branches). `path` is this repository's root (default: found from this file).
function M.register_parser(path)
  local root = path or vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h:h:h:h')
  local info = {
    url = root,
    location = 'grammar',
    path = root .. '/grammar', -- nvim-treesitter `main`: a local checkout
    files = { 'src/parser.c' },
    branch = 'main',
    generate_requires_npm = false,
    requires_generate_from_grammar = false,
    queries = 'queries', -- `main`: relative to `location`
  }
  local ok, parsers = pcall(require, 'nvim-treesitter.parsers')
  if ok and type(parsers.get_parser_configs) == 'function' then -- master
    parsers.get_parser_configs().claudelang = { install_info = info, filetype = 'claudelang' }
  end
  api.nvim_create_autocmd('User', { -- main
    pattern = 'TSUpdate',
    callback = function()
      local ok_main, main_parsers = pcall(require, 'nvim-treesitter.parsers')
      if ok_main then
        main_parsers.claudelang = { install_info = info, tier = 2 }
      end
    end,
  })
  if vim.treesitter.language and vim.treesitter.language.register then
    vim.treesitter.language.register('claudelang', 'claudelang')
  end
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', M.config, opts or {})
  configured = true
  if vim.filetype and vim.filetype.add then
    vim.filetype.add({ extension = { cl = 'claudelang' } })
  end
  pcall(M.register_parser)
  if vim.lsp.config and vim.lsp.enable then -- 0.11+
    vim.lsp.config(M.name, server_config())
    vim.lsp.enable(M.name)
    registered_lsp = true
  end
  local commands = {
    ClaudeLangRunCell = 'run_cell',
    ClaudeLangRunAbove = 'run_above',
    ClaudeLangRunFile = 'run_file',
    ClaudeLangInterrupt = 'interrupt',
    ClaudeLangRestartKernel = 'restart_kernel',
    ClaudeLangOutput = 'show_output',
  }
  for name, fn in pairs(commands) do
    api.nvim_create_user_command(name, function()
      M[fn]()
    end, { desc = 'ClaudeLang: ' .. fn:gsub('_', ' ') })
  end
  -- Buffers already open (setup() called late) get set up now.
  for _, bufnr in ipairs(api.nvim_list_bufs()) do
    if api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == 'claudelang' then
      M.buffer_setup(bufnr)
    end
  end
end

return M
