-- wrk script of bench/load.sh: each connection goes round the addresses listed one a line in
-- the file named after "--", starting at a different one; every answer that is not 2xx or 3xx
-- is counted by status, and done() prints "page errors: N" and the statuses seen.
--   wrk -c64 -d60s --latency -s bench/load-pages.lua http://127.0.0.1:3000 -- paths.txt

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local requests = {}
local next_request = 1
errors = 0
statuses = {}

function init(args)
  for path in io.lines(args[1]) do
    if path ~= "" then
      table.insert(requests, wrk.format("GET", path))
    end
  end
  -- Threads start at different places in the list, so the mix is even from the first second.
  next_request = id * 7 % #requests + 1
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end

function response(status, headers, body)
  if status < 200 or status > 399 then
    errors = errors + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total, seen = 0, {}
  for _, thread in ipairs(threads) do
    total = total + thread:get("errors")
    for status, count in pairs(thread:get("statuses")) do
      seen[status] = (seen[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(seen) do
    table.insert(parts, string.format("%d x %d", count, status))
  end
  local e = summary.errors
  io.write(string.format("page errors: %d\n", total))
  local statuses_seen = #parts > 0 and table.concat(parts, ", ") or "none"
  io.write(string.format("page error statuses: %s\n", statuses_seen))
  io.write(string.format("socket errors: %d\n", e.connect + e.read + e.write + e.timeout))
end
