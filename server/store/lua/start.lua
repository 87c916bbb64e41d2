--[[ start: the citizen has come to the window; handling starts (办理中).
Who may: server/domain/duty.ts actorRefusal (currentTicket in _mutate.lua).
Payload: hall, windowId, staffId.
Guarantees: only a `called` ticket at this window; the handling clock starts now.
]]
local w, t, refusal, detail = currentTicket({ called = true })
if refusal then return refuse(refusal, detail) end
t.status = 'serving'
t.startedAt = NOW
saveTicket(t)
w.state = 'serving'
save(windowKey(w.id), w)
local tv, wv = ticketView(t), windowView(w)
emit({ type = 'ticket.started', ticket = tv, window = wv, staffId = IN.staffId })
return finish({}) -- the ticket and window travel in the event (HallStore.exec)
