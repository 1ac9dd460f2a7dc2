-- wrk script of the load benchmark (LoadBenchmark): every request carries `Authorization: Bearer`
-- with a token from a file, one token per line. The same script drives the server and the floor, so
-- both get identical requests. At the end one machine-readable line with the figures LoadBenchmark
-- reports.
--
--   wrk ... -s wrk-tokens.lua <url> -- <token file> cycle
--       every thread goes round the file's tokens in turn (from a different starting point each)
--   wrk ... -s wrk-tokens.lua <url> -- <token file> once <per-thread limit> <threads>
--       thread N reads <token file>.N and sends each token once; after <limit> tokens it stops and
--       leaves <token file>.done.N (the caller deletes these before each run); the last thread to
--       stop interrupts wrk (SIGINT, every 10 ms until wrk exits), which then reports at once
--       instead of sleeping out -d, so the duration is the time the tokens took (to about 10 ms). Requests still in flight get the file's spare tokens,
--       so no token goes twice; a token sent again after the spares is counted as reused.

local threads = {}
local tokens = {}
local count = 0
local next_token = 1
local once = false
local limit = 0
local file
local thread_count = 0
used = 0
reused = 0

-- Runs once per thread, in the main script state, before the thread starts.
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  file = args[1]
  once = args[2] == "once"
  local tokens_file = file
  if once then
    tokens_file = file .. "." .. id
    limit = tonumber(args[3])
    thread_count = tonumber(args[4])
  end
  for line in io.lines(tokens_file) do
    if #line > 0 then
      count = count + 1
      tokens[count] = line
    end
  end
  if not once then
    next_token = (id * 37) % count + 1
  end
end

-- This thread has sent its tokens: note it, and if every thread has, interrupt wrk.
function finished()
  local marker = io.open(file .. ".done." .. id, "w")
  marker:close()
  for n = 0, thread_count - 1 do
    local other = io.open(file .. ".done." .. n, "r")
    if other == nil then
      return
    end
    other:close()
  end
  -- The shell's parent is wrk itself. wrk ends when the signal interrupts its main thread's sleep,
  -- but the kernel may hand it to another thread instead (which only sets wrk's stop flag), so keep
  -- sending it until wrk is gone. Not os.execute: system() ignores SIGINT in the whole process while
  -- its command runs.
  local shell = io.popen("(while kill -INT $PPID 2>/dev/null; do sleep 0.01; done) >/dev/null 2>&1 &")
  shell:close()
end

function request()
  local token = tokens[next_token]
  if once then
    used = used + 1
    if used == limit then
      wrk.thread:stop()
      finished()
    end
    if next_token < count then
      next_token = next_token + 1
    else
      reused = reused + 1
    end
  else
    next_token = next_token % count + 1
  end
  return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. token })
end

function done(summary, latency, requests)
  local sent, again = 0, 0
  for _, thread in ipairs(threads) do
    sent = sent + (thread:get("used") or 0)
    again = again + (thread:get("reused") or 0)
  end
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d tokens_sent=%d tokens_reused=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    sent, again))
end
