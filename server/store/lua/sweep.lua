--[[ sweep: at closing time, every still-waiting ticket of the hall is cancelled (end of day).
Payload: hall, services, windows (ids), classes, date (the business day swept), reason,
  beforeDay (optional, YYYYMMDD: sweep only tickets issued before that day).
Guarantees: each swept ticket gets its own ticket.cancelled event, then one day.swept with the
  count; the caller's request id is per hall and day, so a day is swept once however often the
  job runs.
]]
local count = 0
local function sweepQueue(qKey)
  local ids = redis.call('ZRANGE', qKey, 0, -1)
  for _, id in ipairs(ids) do
    local t = hash(ticketKey(id))
    if not t then
      redis.call('ZREM', qKey, id)
    elseif not IN.beforeDay or (t.day or '') < IN.beforeDay then
      redis.call('ZREM', qKey, id)
      t.status = 'cancelled'
      t.finishedAt = NOW
      t.queue = nil
      saveTicket(t)
      emit({ type = 'ticket.cancelled', ticket = ticketView(t), reason = IN.reason })
      count = count + 1
    end
  end
end
for _, svc in ipairs(IN.services) do
  sweepQueue(P .. 'xs:' .. svc)
  for _, c in ipairs(IN.classes) do sweepQueue(P .. 'q:' .. svc .. ':' .. c) end
end
for _, wid in ipairs(IN.windows) do sweepQueue(P .. 'xw:' .. wid) end
emit({ type = 'day.swept', date = IN.date, count = count, queues = queueCounts(IN.services) })
return finish({ count = count })
