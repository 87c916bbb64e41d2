--[[ transfer: send the window's ticket to another window or service (转窗/转办).
Who may: server/domain/duty.ts actorRefusal (currentTicket in _mutate.lua).
Payload: hall, windowId, staffId, toWindowId | toServiceId, classes.
Guarantees: the ticket keeps its number and first responder; it waits in the target's transfer
  queue, which call-next serves before any new arrival; the window is free afterwards, or, when the
  business day ended while it held the ticket, closes right after with its staff signed out
  (sweep.lua); then the result carries the ticket and the closed window.
]]
local w, t, refusal, detail = currentTicket({ called = true, serving = true })
if refusal then return refuse(refusal, detail) end
local queue
if IN.toWindowId then
  if IN.toWindowId == IN.windowId then return refuse('same_window') end
  if redis.call('EXISTS', windowKey(IN.toWindowId)) == 0 then return refuse('unknown_window', IN.toWindowId) end
  queue = 'xw:' .. IN.toWindowId
  t.transferTo = IN.toWindowId
else
  queue = 'xs:' .. IN.toServiceId
  t.transferTo = IN.toServiceId
  t.serviceId = IN.toServiceId
end
t.status = 'waiting'
t.transfers = tonumber(t.transfers or '0') + 1
t.queue = queue
t.windowId, t.windowNumber, t.staffId, t.startedAt = nil, nil, nil, nil
saveTicket(t)
redis.call('ZADD', P .. queue, NOW, t.id)
release(w)
local tv, wv = ticketView(t), windowView(w)
emit({ type = 'ticket.transferred', ticket = tv, window = wv, staffId = IN.staffId, queues = queueCounts({ t.serviceId }) })
local closed = closeIfDayEnded(w)
if closed then return finish({ ticket = tv, window = closed }) end
return finish({}) -- the ticket and window travel in the event (HallStore.exec)
