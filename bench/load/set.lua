-- Durable SET: every request creates a new secret with a name no other request uses (thread id, counter), so
-- each one is an insert of a name and a version. BENCH_PREFIX keeps the names of separate runs apart; when
-- BENCH_QUOTA is set, each thread stops after that many successful responses and says so by creating the file
-- BENCH_DONE_DIR/ID (wrk itself always runs for its whole -d, so run.sh watches for the files and stops it).
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  -- The start time keeps a warm-up and the measured run that follows it on different names.
  prefix = (os.getenv("BENCH_PREFIX") or "set") .. "-" .. os.time()
  quota = tonumber(os.getenv("BENCH_QUOTA") or "0")
  n = 0
  done = 0
  wrk.method = "PUT"
  wrk.headers["Host"] = os.getenv("BENCH_HOST")
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"value":"' .. string.rep("v", tonumber(os.getenv("BENCH_VALUE_BYTES") or "64")) .. '"}'
end

function request()
  n = n + 1
  return wrk.format(nil, string.format("/secrets/%s-%d-%d?api-version=%s", prefix, id, n, os.getenv("BENCH_API")))
end

function response(status, headers, body)
  if status == 200 then
    done = done + 1
  end
  if quota > 0 and done == quota then
    io.open(os.getenv("BENCH_DONE_DIR") .. "/" .. id, "w"):close()
    wrk.thread:stop()
  end
end
