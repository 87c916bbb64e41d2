--[[ position: a ticket as its holder sees it, with how many wait ahead (read-only).
Payload: hall, ticketId, classes, classRank.
Returns { ticket = the hash's fields (tokens included: the caller checks and strips them),
  ahead } or { missing = true }. "Ahead" counts the tickets the window would call first:
  transfers to the service, more urgent classes, earlier tickets of the same class.
]]
local t = hash(ticketKey(IN.ticketId))
if not t then return cjson.encode({ missing = true }) end
local ahead = 0
if t.status == 'waiting' and t.queue then
  local q = P .. t.queue
  ahead = redis.call('ZRANK', q, t.id) or 0
  local svc, cls = string.match(t.queue, '^q:(.+):(%a+)$')
  if svc then
    ahead = ahead + redis.call('ZCARD', P .. 'xs:' .. svc)
    for _, c in ipairs(IN.classes) do
      if IN.classRank[c] < IN.classRank[cls] then ahead = ahead + redis.call('ZCARD', P .. 'q:' .. svc .. ':' .. c) end
    end
  end
end
return cjson.encode({ ticket = ticketView(t), trackToken = t.trackToken, rateToken = t.rateToken, ahead = ahead })
