--[[ recall: announce the window's called ticket again (重呼). Counted on the ticket.
Who may: server/domain/duty.ts actorRefusal (currentTicket in _mutate.lua).
Payload: hall, windowId, staffId.
Guarantees: only a `called` ticket at this window, by the staffer on duty here.
]]
local w, t, refusal, detail = currentTicket({ called = true })
if refusal then return refuse(refusal, detail) end
t.recalls = tonumber(t.recalls or '0') + 1
saveTicket(t)
local tv, wv = ticketView(t), windowView(w)
rememberCall(tv.id, emit({ type = 'ticket.recalled', ticket = tv, window = wv, staffId = IN.staffId }))
return finish({}) -- the ticket and window travel in the event (HallStore.exec)
