--[[ waiting: every waiting ticket with its place and queue time (read-only), what the calling
order (server/domain/routing.ts) works on.
Payload (store/scriptTypes.ts WaitingPayload): hall, services, classes, windows (ids).
Returns a flat list: queue name (q:<service>:<class>, xs:<service> or xw:<window>), ticket id,
  score, … in queue order. Scores go back as Redis wrote them (17 digits), not through Lua
  numbers and cjson's 14: a re-queued no-show's fractional place stays exact.
]]
local out = {}
local function collect(queue)
  local entries = redis.call('ZRANGE', P .. queue, 0, -1, 'WITHSCORES')
  for i = 1, #entries, 2 do
    out[#out + 1] = queue
    out[#out + 1] = entries[i]
    out[#out + 1] = entries[i + 1]
  end
end
for _, svc in ipairs(IN.services) do
  collect('xs:' .. svc)
  for _, c in ipairs(IN.classes) do collect('q:' .. svc .. ':' .. c) end
end
for _, wid in ipairs(IN.windows) do collect('xw:' .. wid) end
return cjson.encode(out)
