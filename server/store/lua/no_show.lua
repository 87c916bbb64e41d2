--[[ noShow: the called citizen did not come (过号).
Executes: server/domain/requeue.ts noShowFate and requeuedAt (after duty.ts actorRefusal; when a
  no-show may be marked at all is server/domain/noShow.ts, checked by the command).
Payload (store/scriptTypes.ts NoShowPayload): hall, windowId, staffId, requeueLimit, requeuePlaces,
  classes, calledAt (optional: the call the command checked the hall's no-show rule against;
  another call since is bad_state).
Guarantees: while the ticket's no-shows stay within requeueLimit it waits again in its class
  queue requeuePlaces places behind the head (at the back when fewer wait; never ahead of a
  ticket that was ahead of it at that place); past the limit it is `missed`. The window is free. The event's ticket carries queuedAt, its
  new place (the queue's score), so the archive can rebuild the queue in the same order.
  After the business day ended (the window is closing, see sweep.lua) nobody would call it again:
  the ticket is `missed` whatever the limit, and the window closes right after with its staff
  signed out; then the result carries the ticket and the closed window.
]]
local w, t, refusal, detail = currentTicket({ called = true })
if refusal then return refuse(refusal, detail) end
if IN.calledAt and tonumber(t.calledAt) ~= IN.calledAt then return refuse('bad_state', 'called again') end
t.noShows = tonumber(t.noShows or '0') + 1
local requeuedAt
t.windowId, t.windowNumber, t.staffId = nil, nil, nil
if t.noShows <= IN.requeueLimit and not w.closingDay then
  local queue = 'q:' .. t.serviceId .. ':' .. t.priority
  local qKey = P .. queue
  local places = IN.requeuePlaces
  local score = NOW
  if places == 0 then
    local _, first = head(qKey)
    if first then score = first - 1 end
  else
    local r = redis.call('ZRANGE', qKey, places - 1, places, 'WITHSCORES')
    if #r == 4 then
      local a, b = tonumber(r[2]), tonumber(r[4])
      -- Issued in the same millisecond: a midpoint would tie and let the member order decide.
      -- Half a millisecond, not less: events carry the score (queuedAt) with cjson's 14
      -- significant digits, which leave epoch ms one decimal, so the archive rebuilds this order.
      if a < b then score = (a + b) / 2 else score = b + 0.5 end
    elseif #r == 2 then
      score = math.max(tonumber(r[2]) + 1, NOW)
    end
  end
  t.status = 'waiting'
  t.queue = queue
  redis.call('ZADD', qKey, score, t.id)
  requeuedAt = score
else
  t.status = 'missed'
  t.finishedAt = NOW
end
saveTicket(t)
release(w)
local tv, wv = ticketView(t), windowView(w)
-- Where it waits again: the archive keeps the place, so a rebuilt queue has the same order.
if requeuedAt then tv.queuedAt = requeuedAt end
emit({ type = 'ticket.noShow', ticket = tv, window = wv, staffId = IN.staffId, queues = queueCounts({ t.serviceId }) })
local closed = closeIfDayEnded(w)
if closed then return finish({ ticket = tv, window = closed }) end
return finish({}) -- the ticket and window travel in the event (HallStore.exec)
