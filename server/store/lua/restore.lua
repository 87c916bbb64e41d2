--[[ restore: write a hall's live day back from the archive (server/domain/liveDay.ts planLiveDay),
after Redis lost it (flushed, replaced, restored from an old backup).
Payload: hall, lastEventId, day, dayMarked (a rollover began it: set the day key), force (write even when Redis holds as many events),
  services, classes, windowIds, staffIds (every configured one: their keys are cleared first),
  tickets [{id, fields, queue?, score?}] (queue: the key suffix q:…, xs:…, xw:…),
  windows [{id, fields}], staff [{staffId, windowId, post, since, away?, awaySince?}],
  numbering [{serviceId, last}], calls [{ticketId, eventId}], events [{id, json}].
Guarantees: atomic; does nothing (restored = false) when the hall's event counter already stands
  at lastEventId or beyond, unless forced — so hubs that all notice the loss at once restore it
  once. Idempotency records are not restored: a request repeated across the loss runs again.
  Emits no event: the restored day ends where the archive does, so screens resume from there.
Returns { restored, previousLastEventId }.
]]
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current >= IN.lastEventId and not IN.force then
  return cjson.encode({ restored = false, previousLastEventId = current })
end

-- What the hall held before: gone, so nothing from a stale backup survives beside the archive's.
redis.call('DEL', P .. 'events', P .. 'calls', P .. 'day')
for _, svc in ipairs(IN.services) do
  redis.call('DEL', P .. 'xs:' .. svc, P .. 'num:' .. svc .. ':' .. IN.day)
  for _, c in ipairs(IN.classes) do redis.call('DEL', P .. 'q:' .. svc .. ':' .. c) end
end
for _, wid in ipairs(IN.windowIds) do redis.call('DEL', windowKey(wid), P .. 'xw:' .. wid) end
for _, sid in ipairs(IN.staffIds) do redis.call('DEL', staffKey(sid)) end

local function hsetAll(key, fields)
  local flat = {}
  for f, v in pairs(fields) do
    flat[#flat + 1] = f
    flat[#flat + 1] = v
  end
  if #flat > 0 then redis.call('HSET', key, unpack(flat)) end
end

for _, t in ipairs(IN.tickets) do
  local key = ticketKey(t.id)
  redis.call('DEL', key)
  local fields = t.fields
  if t.queue then fields.queue = t.queue end
  hsetAll(key, fields)
  redis.call('EXPIRE', key, 3 * 86400)
  if t.queue then redis.call('ZADD', P .. t.queue, t.score, t.id) end
end
for _, w in ipairs(IN.windows) do hsetAll(windowKey(w.id), w.fields) end
for _, s in ipairs(IN.staff) do
  local key = staffKey(s.staffId)
  redis.call('HSET', key, 'windowId', s.windowId, 'post', s.post, 'since', s.since)
  if s.away then redis.call('HSET', key, 'away', s.away, 'awaySince', s.awaySince) end
end
for _, n in ipairs(IN.numbering) do
  redis.call('SET', P .. 'num:' .. n.serviceId .. ':' .. IN.day, n.last, 'EX', 3 * 86400)
end
for _, c in ipairs(IN.calls) do redis.call('ZADD', P .. 'calls', c.eventId, c.ticketId) end
for _, e in ipairs(IN.events) do redis.call('XADD', P .. 'events', e.id .. '-0', 'e', e.json) end
if IN.dayMarked then redis.call('SET', P .. 'day', IN.day) end
redis.call('SET', KEYS[1], IN.lastEventId)
return cjson.encode({ restored = true, previousLastEventId = current })
