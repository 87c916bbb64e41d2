--[[ snapshot: the hall as it stands, with the id of the last event it includes (read-only).
Payload: hall, windows (ids), services, classes; waiting = false leaves out the waiting tickets
  (a hall screen or kiosk shows only their counts: the hub's lighter snapshot).
Guarantees: atomic: the state and lastEventId agree, so a client that applies events after
  lastEventId misses nothing and applies nothing twice.
]]
local windows = {}
for _, wid in ipairs(IN.windows) do
  local w = hash(windowKey(wid))
  if w then windows[#windows + 1] = windowView(w) end
end
local queues, waiting = {}, {}
-- Each waiting ticket with its place (the queue's score): the counter's list of what it calls
-- next orders by it (server/domain/routing.ts), and a re-queued no-show's place is not its issue time.
local function collect(qKey)
  if IN.waiting == false then return end
  local entries = redis.call('ZRANGE', qKey, 0, -1, 'WITHSCORES')
  for i = 1, #entries, 2 do
    local t = hash(ticketKey(entries[i]))
    if t then
      local v = ticketView(t)
      v.queuedAt = tonumber(entries[i + 1])
      waiting[#waiting + 1] = v
    end
  end
end
for _, svc in ipairs(IN.services) do
  queues[#queues + 1] = { serviceId = svc, waiting = waitingCount(svc, IN.classes) }
  collect(P .. 'xs:' .. svc)
  for _, c in ipairs(IN.classes) do collect(P .. 'q:' .. svc .. ':' .. c) end
end
for _, wid in ipairs(IN.windows) do collect(P .. 'xw:' .. wid) end
local calls = {}
local called = redis.call('ZREVRANGE', P .. 'calls', 0, 19, 'WITHSCORES')
for i = 2, #called, 2 do
  local entry = redis.call('XRANGE', P .. 'events', called[i] .. '-0', called[i] .. '-0')
  if #entry > 0 then calls[#calls + 1] = cjson.decode(entry[1][2][2]).ticket end
end
return cjson.encode({
  hallId = HALL,
  lastEventId = tonumber(redis.call('GET', KEYS[1]) or '0'),
  date = redis.call('GET', P .. 'day') or '',
  windows = windows, queues = queues, recentCalls = calls, waiting = waiting,
})
