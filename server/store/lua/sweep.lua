--[[ sweep: the end of a business day (日终), at the hall's closing time — or, for a hall open until
24:00 and for any day the closing job missed, at the midnight rollover.
Payload: hall, services, windows (ids), classes,
  date (YYYYMMDD: the business day that ends),
  reason (on each cancelled ticket: end_of_day at closing time, previous_day at the rollover),
  beforeDay (optional, YYYYMMDD: sweep only waiting tickets issued before that day — the rollover),
  heldTickets ('keep' | 'cancel': what becomes of a ticket still at a window, see 3 and 4),
  signOut (optional, default true; false: the tickets' end only — 1 and 5 — at the closing time of
    a hall whose staff have a sign-out window after it (attendance.signOutWindowMinutes): each
    staffer's own 签退 in that window is on time, and a second sweep at its end does 2–4).
The rule, in this order:
  1. Every still-waiting ticket is cancelled: ticket.cancelled {ticket, reason}.
  2. A window nobody is signed in at is left as it is, without an event.
  3. A window holding no ticket (idle, paused, a post away with the other covering): each post
     signs out, A then B — staff.signedOut {window (after that post left), staffId, reason
     'end_of_day', date} — then window.closed {window (closed), staffId 'system', reason
     'end_of_day', date}. Lunch is no end of day: nothing here runs at lunch.
  4. A window holding a called or serving ticket is not cut off in the middle of a citizen's
     business. With heldTickets 'keep' it stays open, marked closingDay = date, and closes as 3
     right after it lets the ticket go (complete.lua, transfer.lua; no_show.lua, where the ticket
     is then missed, not re-queued). With 'cancel' (the rollover of a hall that closed before
     midnight: the last resort), or when the window was marked at an earlier day's end and still
     holds a ticket, the ticket is cancelled — ticket.cancelled {ticket (status cancelled, still
     naming its window and staffer), window (let go), reason} — and the window closes as 3.
     Cancelled, not done or missed: nobody chose an outcome and nobody marked a no-show, so
     neither may count in the metrics. Its staff's sign-outs carry the day the window was marked
     at, when it was.
  5. day.swept {date, count (tickets cancelled), queues}.
Guarantees: the caller's request id is per hall and day, so a day ends once however often or on
  however many hubs the job runs; one atomic step, so no window can call a ticket meanwhile.
]]
local count = 0
local function sweepQueue(qKey)
  local ids = redis.call('ZRANGE', qKey, 0, -1)
  for _, id in ipairs(ids) do
    local t = hash(ticketKey(id))
    if not t then
      redis.call('ZREM', qKey, id)
    elseif not IN.beforeDay or (t.day or '') < IN.beforeDay then
      redis.call('ZREM', qKey, id)
      t.status = 'cancelled'
      t.finishedAt = NOW
      t.queue = nil
      saveTicket(t)
      emit({ type = 'ticket.cancelled', ticket = ticketView(t), reason = IN.reason })
      count = count + 1
    end
  end
end
for _, svc in ipairs(IN.services) do
  sweepQueue(P .. 'xs:' .. svc)
  for _, c in ipairs(IN.classes) do sweepQueue(P .. 'q:' .. svc .. ':' .. c) end
end
for _, wid in ipairs(IN.windows) do sweepQueue(P .. 'xw:' .. wid) end

for _, wid in ipairs(IN.signOut == false and {} or IN.windows) do
  local w = hash(windowKey(wid))
  if w and (w.postA or w.postB) then
    if not w.ticketId then
      endDayAt(w, IN.date)
    elseif IN.heldTickets == 'cancel' or (w.closingDay and w.closingDay < IN.date) then
      local t = hash(ticketKey(w.ticketId))
      if t then
        t.status = 'cancelled'
        t.finishedAt = NOW
        saveTicket(t)
      end
      release(w)
      if t then
        emit({ type = 'ticket.cancelled', ticket = ticketView(t), window = windowView(w), reason = IN.reason })
        count = count + 1
      end
      endDayAt(w, w.closingDay or IN.date)
    elseif not w.closingDay then
      w.closingDay = IN.date
      save(windowKey(wid), w)
    end
  end
end

emit({ type = 'day.swept', date = IN.date, count = count, queues = queueCounts(IN.services) })
return finish({ count = count })
