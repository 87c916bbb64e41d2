--[[ position: a ticket as its holder sees it, with how many wait ahead (read-only).
Executes: server/domain/routing.ts aheadOf.
Payload (store/scriptTypes.ts PositionPayload): hall, ticketId, classes, classRank, ageingMs.
Returns { ticket = the hash's fields (tokens included: the caller checks and strips them),
  ahead } or { missing = true }. "Ahead" counts the tickets of its service the windows would
  call first, in call_next.lua's order (aheadOf in _lib.lua).
]]
local t = hash(ticketKey(IN.ticketId))
if not t then return cjson.encode({ missing = true }) end
local ahead = 0
if t.status == 'waiting' and t.queue then
  local svc, cls = string.match(t.queue, '^q:(.+):(%a+)$')
  if svc then
    ahead = aheadOf(svc, cls, tonumber(redis.call('ZSCORE', P .. t.queue, t.id)), t.id)
  else
    -- Transferred to a window or a service: called first there, oldest transfer first.
    ahead = redis.call('ZRANK', P .. t.queue, t.id) or 0
  end
end
return cjson.encode({ ticket = ticketView(t), trackToken = t.trackToken, rateToken = t.rateToken, ahead = ahead })
