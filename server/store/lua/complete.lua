--[[ complete: handling is over, with an outcome (办结 / 受理 / 一次性告知 / 咨询 / 代办).
Payload: hall, windowId, staffId, outcome, rateToken (secret the rating pad and phone use).
Guarantees: only a `serving` ticket at this window; the window is free afterwards.
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
return finish({}) -- the ticket and window travel in the event (HallStore.exec)
