-- Drives Neovim's built-in LSP client against the workplan language server,
-- to show that the server is a plain LSP server usable outside VS Code.
-- Run by test/neovim/neovim.test.ts as
--
--   nvim --headless --clean -u NONE -n -i NONE -c 'luafile test/neovim/diagnostics.lua'
--
-- with these environment variables:
--
--   WORKPLAN_PLAN        the plan to open (a UTF-8 text file)
--   WORKPLAN_SERVER      the built server, dist/server.js
--   WORKPLAN_NODE        the node executable (the test passes its own process.execPath)
--   WORKPLAN_OUT         where to write the JSON result
--   WORKPLAN_ROOT        the workspace folder (root_dir); the plan's folder when absent
--   WORKPLAN_HOVER_AT    optional: text of the plan; hover is requested with the cursor in its first occurrence,
--   WORKPLAN_HOVER_CHARS   that many characters into it (0 when absent)
--   WORKPLAN_TIMEOUT_MS  how long to wait for the first diagnostics (15000 when absent)
--
-- It opens the plan, starts the server with `node <server> --stdio`, attaches
-- the buffer, waits (vim.wait, never a fixed sleep) until the server has
-- published diagnostics for the buffer, asks for a hover and the document
-- symbols, stops the server and writes everything as JSON. On any failure
-- (no diagnostics in time, the server exiting, a Lua error) it writes an
-- `error` field and exits with a non-zero status (:cquit).

local uv = vim.loop
local started = uv.hrtime()
local function ms()
  return math.floor((uv.hrtime() - started) / 1e5 + 0.5) / 10
end

local env = vim.env
local result = {
  nvim = vim.version(),
  timings = {},
  -- Every textDocument/publishDiagnostics as the server sent it (positions in UTF-16 code units).
  publishes = {},
}
local exited = nil
local client_id = nil

local function read_file(path)
  local f = io.open(path, 'rb')
  if not f then
    return nil
  end
  local text = f:read('*a')
  f:close()
  return text
end

local function finish(ok)
  local f = assert(io.open(env.WORKPLAN_OUT, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  if ok then
    vim.cmd('qa!')
  else
    vim.cmd('cquit')
  end
end

local function fail(message)
  result.error = message
  result.exit = exited
  -- Neovim logs the server's stderr in its LSP log (ERROR level): the reason a server died.
  local log = read_file(vim.lsp.get_log_path())
  if log then
    result.log = log:sub(-4000)
  end
  if client_id and not exited then
    vim.lsp.stop_client(client_id, true)
  end
  finish(false)
end

-- The text Neovim sends in textDocument/didOpen (as vim.lsp's buf_get_full_text builds it).
local function full_text(bufnr)
  local ff = vim.bo[bufnr].fileformat
  local eol = ff == 'dos' and '\r\n' or ff == 'mac' and '\r' or '\n'
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), eol)
  if vim.bo[bufnr].eol then
    text = text .. eol
  end
  return text
end

local function main()
  for _, name in ipairs({ 'WORKPLAN_PLAN', 'WORKPLAN_SERVER', 'WORKPLAN_OUT' }) do
    if not env[name] or env[name] == '' then
      error(name .. ' is not set')
    end
  end
  local plan = env.WORKPLAN_PLAN
  local timeout = tonumber(env.WORKPLAN_TIMEOUT_MS or '') or 15000

  vim.cmd('edit ' .. vim.fn.fnameescape(plan))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'workplan'
  local uri = vim.uri_from_bufnr(bufnr)
  result.uri = uri
  result.filetype = vim.bo[bufnr].filetype
  result.fileformat = vim.bo[bufnr].fileformat

  local function record_publish(err, params, ctx, config)
    if params and params.uri == uri then
      table.insert(result.publishes, { at_ms = ms(), version = params.version, diagnostics = params.diagnostics })
    end
    return vim.lsp.handlers['textDocument/publishDiagnostics'](err, params, ctx, config)
  end

  client_id = vim.lsp.start_client({
    name = 'workplan',
    cmd = { env.WORKPLAN_NODE or 'node', env.WORKPLAN_SERVER, '--stdio' },
    root_dir = env.WORKPLAN_ROOT or vim.fn.fnamemodify(plan, ':p:h'),
    init_options = { locale = 'zh-cn' },
    handlers = { ['textDocument/publishDiagnostics'] = record_publish },
    on_init = function(client, initialize_result)
      result.timings.initialized_ms = ms()
      result.offset_encoding = client.offset_encoding
      result.server_info = initialize_result.serverInfo
      local providers = {}
      for key in pairs(initialize_result.capabilities or {}) do
        table.insert(providers, key)
      end
      table.sort(providers)
      result.server_capabilities = providers
    end,
    on_exit = function(code, signal)
      exited = { code = code, signal = signal, at_ms = ms() }
    end,
  })
  if not client_id then
    return fail('vim.lsp.start_client did not start a client')
  end
  if not vim.lsp.buf_attach_client(bufnr, client_id) then
    return fail('vim.lsp.buf_attach_client failed')
  end

  local arrived = vim.wait(timeout, function()
    return #result.publishes > 0 or exited ~= nil
  end, 10)
  if #result.publishes == 0 then
    if exited then
      return fail(string.format('the language server exited (code %s, signal %s) before publishing diagnostics', exited.code, exited.signal))
    end
    return fail(string.format('no diagnostics from the workplan server within %d ms (vim.wait: %s)', timeout, tostring(arrived)))
  end
  result.timings.first_diagnostics_ms = result.publishes[1].at_ms
  result.attached = vim.lsp.buf_is_attached(bufnr, client_id)
  result.text = full_text(bufnr)

  if env.WORKPLAN_HOVER_AT and env.WORKPLAN_HOVER_AT ~= '' then
    local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
    for i, line in ipairs(lines) do
      local byte = line:find(env.WORKPLAN_HOVER_AT, 1, true)
      if byte then
        local chars = tonumber(env.WORKPLAN_HOVER_CHARS or '') or 0
        -- The cursor is a byte column: the first byte of the character `chars` characters in.
        vim.api.nvim_win_set_cursor(0, { i, byte - 1 + vim.str_byteindex(env.WORKPLAN_HOVER_AT, chars) })
        break
      end
    end
    -- The client converts the cursor (a byte column) to the position it sends, in its offset encoding.
    local params = vim.lsp.util.make_position_params()
    local t = uv.hrtime()
    local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 5000)
    result.timings.hover_ms = math.floor((uv.hrtime() - t) / 1e5 + 0.5) / 10
    local response = responses and responses[client_id]
    result.hover = { params = params, result = response and response.result, error = err or (response and response.err) }
  end

  local t = uv.hrtime()
  local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(bufnr) }, 5000)
  result.timings.symbols_ms = math.floor((uv.hrtime() - t) / 1e5 + 0.5) / 10
  local response = responses and responses[client_id]
  result.symbols = { result = response and response.result, error = err or (response and response.err) }

  -- What Neovim made of the diagnostics: 0-based lnum, col as a byte index in the line.
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      code = d.code,
      message = d.message,
      source = d.source,
    })
  end

  -- shutdown + exit, as when the editor quits; the server should exit on its own with code 0.
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function()
    return exited ~= nil
  end, 10)
  result.exit = exited
  result.timings.total_ms = ms()
  finish(true)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  fail('Lua error: ' .. tostring(err))
end
