-- wrk script of the load benchmark (LoadBenchmark): every request carries one of the users' tokens,
-- taken in turn, so the server verifies a real signature and looks up a real user each time; the
-- same script drives the constant-answer floor, so both see identical requests. At the end one
-- machine-readable line with the figures LoadBenchmark reports.

local tokens = {}
local next_token = 1
local thread_count = 0

-- Runs once per thread, before it starts: each thread begins at a different user, so the threads do
-- not march through the list in step.
function setup(thread)
  thread:set("offset", thread_count * 37)
  thread_count = thread_count + 1
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      tokens[#tokens + 1] = line
    end
  end
  next_token = (offset or 0) % #tokens + 1
end

function request()
  local token = tokens[next_token]
  next_token = next_token % #tokens + 1
  return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. token })
end

function done(summary, latency, requests)
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
