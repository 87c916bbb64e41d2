--[[ complete: handling is over, with an outcome (办结 / 受理 / 一次性告知 / 咨询 / 代办).
Who may: server/domain/duty.ts actorRefusal (currentTicket in _mutate.lua).
Payload: hall, windowId, staffId, outcome, rateToken (secret the rating pad and phone use).
Guarantees: only a `serving` ticket at this window; the window is free afterwards, or, when the
  business day ended while it held the ticket, closes right after with its staff signed out
  (sweep.lua); then the result carries the ticket and the closed window.
]]
local w, t, refusal, detail = currentTicket({ serving = true })
if refusal then return refuse(refusal, detail) end
t.status = 'done'
t.outcome = IN.outcome
t.finishedAt = NOW
t.rateToken = IN.rateToken
saveTicket(t)
release(w)
local tv, wv = ticketView(t), windowView(w)
emit({ type = 'ticket.completed', ticket = tv, window = wv, staffId = IN.staffId }, { rateToken = IN.rateToken })
local closed = closeIfDayEnded(w)
if closed then return finish({ ticket = tv, window = closed }) end
return finish({}) -- the ticket and window travel in the event (HallStore.exec)
