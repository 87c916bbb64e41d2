--[[ Prelude of every script that changes state (after _lib.lua).
Guarantees:
  * idempotency: the first result for a request id is stored for 48 h; a repeat returns it
    unchanged and changes nothing (a double-pressed "next" cannot skip a ticket); the same id with
    another request (ARGV[5] differs) is refused, request_id_reused, and changes nothing; a call
    with no request id is not stored;
  * every change is an event: INCR of KEYS[1] gives a hall-wide, strictly increasing, gapless id;
    the event is appended to the hall's stream <prefix>events under id "<n>-0" (field e, and field
    s with the ticket's secrets where the event made one) and published on <prefix>notify (sharded
    pub/sub, SPUBLISH: the channel hashes to the hall's slot, so on a cluster the event is sent by
    the hall's own shard and never crosses the cluster bus), all inside the same atomic script;
  * a refusal changes nothing: scripts check everything before their first write.
]]
-- No request id (ARGV[3] empty): the caller cannot repeat the call, so nothing is kept for it.
-- ARGV[5]: a digest of what the client asked (may be empty); it is kept with the result as
-- "<digest>|<result>", and the same id sent with another request is refused, not answered with
-- the first request's result. A result kept before digests were ("{...}") is returned as it is.
local REQ_KEY = REQ ~= '' and (P .. 'req:' .. REQ) or nil
local ASKED = ARGV[5] or ''
if REQ_KEY then
  local prior = redis.call('GET', REQ_KEY)
  if prior then
    if string.byte(prior, 1) == 123 then return prior end
    local bar = string.find(prior, '|', 1, true)
    if string.sub(prior, 1, bar - 1) ~= ASKED then
      return cjson.encode({ ok = false, reason = 'request_id_reused' })
    end
    return string.sub(prior, bar + 1)
  end
end

-- The events of this call, as the JSON already written to the stream.
local EVENTS = {}

-- `secrets` (optional): what the event must not show but the archive must keep to rebuild the
-- live day (a ticket's track and rate tokens). It goes beside the event in the stream, as field s,
-- and is never published nor sent to screens (they read field e only).
local function emit(ev, secrets)
  local id = redis.call('INCR', KEYS[1])
  ev.id = id
  ev.at = NOW
  ev.hallId = HALL
  local json = cjson.encode(ev)
  if secrets then
    redis.call('XADD', P .. 'events', id .. '-0', 'e', json, 's', cjson.encode(secrets))
  else
    redis.call('XADD', P .. 'events', id .. '-0', 'e', json)
  end
  redis.call('SPUBLISH', P .. 'notify', json)
  EVENTS[#EVENTS + 1] = json
  return id
end

-- The result is encoded once and the events' JSON spliced in, not encoded a second time: on the
-- hot path (issue, call-next) encoding is a good part of a script's cost.
local function finish(result)
  result.ok = true
  local json = cjson.encode(result)
  json = string.sub(json, 1, -2) .. ',"events":[' .. table.concat(EVENTS, ',') .. ']}'
  if REQ_KEY then redis.call('SET', REQ_KEY, ASKED .. '|' .. json, 'EX', 172800) end
  return json
end

local function refuse(reason, detail)
  local json = cjson.encode({ ok = false, reason = reason, detail = detail })
  if REQ_KEY then redis.call('SET', REQ_KEY, ASKED .. '|' .. json, 'EX', 172800) end
  return json
end

-- The staffer acting at a window must be signed in there and on duty (not away): server/domain/duty.ts actorRefusal.
local function actorRefusal(w, staffId)
  if not w then return 'unknown_window' end
  if w.state == 'closed' then return 'window_closed' end
  if staffId ~= w.postA and staffId ~= w.postB then return 'not_signed_in' end
  if (staffId == w.postA and w.awayA) or (staffId == w.postB and w.awayB) then return 'staff_away' end
  if w.state == 'paused' then return 'window_paused' end
  return nil
end

-- After a change of who is present: closed with nobody signed in, paused with nobody on duty
-- (server/domain/duty.ts settle).
local function settle(w)
  if not w.postA and not w.postB then
    w.state = 'closed'
    w.pauseReason = nil
    w.closingDay = nil
  elseif not onDuty(w) then
    w.state = 'paused'
    w.pauseReason = w.awayA or w.awayB
  elseif w.state == 'closed' or w.state == 'paused' then
    w.state = 'idle'
    w.pauseReason = nil
  end
end

local function queueCounts(services)
  local out = {}
  for _, svc in ipairs(services) do
    out[#out + 1] = { serviceId = svc, waiting = waitingCount(svc, IN.classes) }
  end
  return out
end

-- The window's current ticket, when the acting staffer may handle it and its status allows the
-- operation. Returns w, t or nil, nil, refusal.
local function currentTicket(allowed)
  local w = hash(windowKey(IN.windowId))
  local refusal = actorRefusal(w, IN.staffId)
  if refusal then return nil, nil, refusal end
  if not w.ticketId then return nil, nil, 'no_current_ticket' end
  local t = hash(ticketKey(w.ticketId))
  if not t then return nil, nil, 'unknown_ticket' end
  if not allowed[t.status] then return nil, nil, 'bad_state', t.status end
  return w, t
end

-- The window has let its ticket go: ready for the next one.
local function release(w)
  w.ticketId = nil
  w.ticketNumber = nil
  w.state = 'idle'
  save(windowKey(w.id), w)
end

-- The hall screens' recent calls: ticket id → the id of the event that called it, each ticket
-- once. The snapshot reads back the newest 20 of those events, so each call shows as it was made
-- (with the window that called it) after the ticket moves on. Trimmed back to 20 once it holds
-- more than 36, not on every call: a ZCARD costs a fraction of a trim.
local function rememberCall(ticketId, eventId)
  local key = P .. 'calls'
  redis.call('ZADD', key, eventId, ticketId)
  if redis.call('ZCARD', key) > 36 then redis.call('ZREMRANGEBYRANK', key, 0, -21) end
end

-- The end of the business day at a window (the rule is in sweep.lua's header): each post signs
-- out, then the window closes. Every event says why (reason end_of_day) and which business day
-- ended (date: a window closed by the midnight rollover belongs to the day before), so attendance
-- tells these sign-outs from a staffer's own (whose reason is the post, A or B). Returns the
-- closed window's view.
local function endDayAt(w, day)
  for _, post in ipairs({ 'A', 'B' }) do
    local staffId = w['post' .. post]
    if staffId then
      w['post' .. post] = nil
      w['away' .. post] = nil
      settle(w)
      redis.call('DEL', staffKey(staffId))
      emit({ type = 'staff.signedOut', window = windowView(w), staffId = staffId, reason = 'end_of_day', date = day })
    end
  end
  settle(w)
  save(windowKey(w.id), w)
  local wv = windowView(w)
  emit({ type = 'window.closed', window = wv, staffId = 'system', reason = 'end_of_day', date = day })
  return wv
end

-- After a window let its ticket go: if the day ended while it held the ticket (closingDay, set by
-- sweep.lua), it closes now. Returns the closed window's view, or nil when it stays open.
local function closeIfDayEnded(w)
  if not w.closingDay then return nil end
  return endDayAt(w, w.closingDay)
end
