--[[ rate: the citizen rates a completed ticket (好差评), at the window's pad or on the phone.
Payload: hall, ticketId, rateToken (set by complete.lua; the pad and the phone page hold it),
  level (5 非常满意 … 1 非常不满意), reasons ([string], may be empty), comment (string, may be
  empty), channel ('pad' | 'qr'), windowId (the pad's window; only with channel 'pad').
The caller (commands/rateTicket.ts) has checked the level, the comment's length and that the
  reasons are from the hall's list, with a reason for levels 1–2.
Guarantees:
  * only with the ticket's own rateToken: a wrong or missing one answers unknown_ticket, like an
    unknown id (ids are guessable, tokens are not); a pad only for a ticket of its own window
    (wrong_window);
  * only a `done` ticket, and only once: a second rating is already_rated. There is no operation
    that edits or deletes a rating; the event is the record;
  * the ticket.rated event names the ticket, its window, the staffer who handled it, the first
    responder, the service, the level, reasons, comment and channel; its `at` is the time.
]]
local t = hash(ticketKey(IN.ticketId))
if not t or not t.rateToken or t.rateToken ~= IN.rateToken then return refuse('unknown_ticket') end
if IN.channel == 'pad' and IN.windowId ~= t.windowId then return refuse('wrong_window') end
if t.status ~= 'done' then return refuse('bad_state', t.status) end
if t.ratedAt then return refuse('already_rated', t.number) end

t.rating = IN.level
t.ratedAt = NOW
t.ratingChannel = IN.channel
saveTicket(t)

local rating = {
  ticketId = t.id,
  ticketNumber = t.number,
  serviceId = t.serviceId,
  windowId = t.windowId,
  windowNumber = num(t.windowNumber),
  staffId = t.staffId,
  firstResponder = t.firstResponder,
  level = IN.level,
  channel = IN.channel,
}
-- cjson writes an empty table as {}: leave the fields out instead (protocol.ts says so).
if #IN.reasons > 0 then rating.reasons = IN.reasons end
if IN.comment ~= '' then rating.comment = IN.comment end

local tv = ticketView(t)
emit({ type = 'ticket.rated', ticket = tv, staffId = t.staffId, rating = rating })
return finish({ ticket = tv, rating = rating })
