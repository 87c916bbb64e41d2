--[[ position: tickets as their holders see them, each with how many wait ahead (read-only).
Executes: server/domain/routing.ts aheadOf.
Payload (store/scriptTypes.ts PositionPayload): hall, ticketIds, classes, classRank, ageingMs.
Returns, in the order asked, for each ticket: { ticket = its view, trackToken, rateToken (the
  caller checks and strips them), ahead } or { missing = true }. "Ahead" counts the tickets of its
  service the windows would call first, in call_next.lua's order (aheadOf in _lib.lua). Several at
  once read one consistent state, in one call.
]]
local out = {}
for i, id in ipairs(IN.ticketIds) do
  local t = hash(ticketKey(id))
  if not t then
    out[i] = { missing = true }
  else
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
    out[i] = { ticket = ticketView(t), trackToken = t.trackToken, rateToken = t.rateToken, ahead = ahead }
  end
end
return cjson.encode(out)
