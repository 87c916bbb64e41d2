--[[ cancel: a waiting ticket leaves the queue (the citizen gives up, or a manager removes it).
Payload: hall, ticketId, trackToken (when the citizen cancels; must match), reason, classes.
Guarantees: only a `waiting` ticket; it leaves whichever queue holds it.
]]
local t = hash(ticketKey(IN.ticketId))
if not t then return refuse('unknown_ticket') end
if IN.trackToken and IN.trackToken ~= t.trackToken then return refuse('unknown_ticket') end
if t.status ~= 'waiting' then return refuse('bad_state', t.status) end
redis.call('ZREM', P .. t.queue, t.id)
t.status = 'cancelled'
t.finishedAt = NOW
t.queue = nil
saveTicket(t)
emit({ type = 'ticket.cancelled', ticket = ticketView(t), reason = IN.reason, queues = queueCounts({ t.serviceId }) })
return finish({})
