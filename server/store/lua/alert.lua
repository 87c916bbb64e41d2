--[[ alert: raise or resolve live attendance alerts (告警), each an event in the hall's stream.
Payload: hall, op (raise|reconcile|resolve|ack); for raise and reconcile: targetMs (the hall's wait
  target) and classes (its priority classes, to find the class queues); for raise: alertId, kind,
  windowId, staffId, serviceId (optional), since (epoch ms the cause began, optional); for resolve:
  alertId; for ack: alertId, by (the manager's 工号), note (optional).
Kinds and the condition each must still meet when checked (here, atomically, on the live state):
  away_uncovered  staffId is the window's A post, away since `since`, nobody on duty there;
  both_away       A and B of the window both signed in and both away;
  window_unstaffed nobody signed in at the window;
  not_signed_in   staffId signed in nowhere;
  off_roster      staffId signed in at the window (the caller checked the roster);
  wait_over_target the longest-waiting ticket of serviceId has waited targetMs or more
                  (server/domain/waitTarget.ts waitOverTarget); one open at a time per service.
  bad_review, case_overdue  the 差评 casework (server/jobs/caseAlerts.ts): the cause lives in SQL, so the
                  caller checks it before raising, and resolves the alert with op resolve when it ends.
Guarantees: an alert id is raised at most once, ever (its key lives 3 days, past any job retry);
  raise emits alert.raised only if the condition holds now; reconcile emits alert.resolved once
  for every open alert whose condition no longer holds; resolve emits it once for an open alert.
  All are safe to repeat from any hub. ack emits alert.acknowledged once per alert (refused:
  unknown_alert, or bad_state when acknowledged).
]]
local OPEN = P .. 'alerts:open'

-- The oldest queue place among a service's waiting tickets: its class queues and those transferred to it.
local function oldestQueuedAt(svc)
  local oldest = nil
  local keys = { P .. 'xs:' .. svc }
  for _, c in ipairs(IN.classes or {}) do keys[#keys + 1] = P .. 'q:' .. svc .. ':' .. c end
  for _, k in ipairs(keys) do
    local _, score = head(k)
    if score and (not oldest or score < oldest) then oldest = score end
  end
  return oldest
end

local function holds(a)
  if a.kind == 'wait_over_target' then
    local oldest = oldestQueuedAt(a.serviceId)
    return oldest ~= nil and IN.targetMs ~= nil and NOW - oldest >= tonumber(IN.targetMs)
  end
  local w = a.windowId and hash(windowKey(a.windowId)) or nil
  if a.kind == 'away_uncovered' then
    if not w or w.postA ~= a.staffId or not w.awayA then return false end
    local since = redis.call('HGET', staffKey(a.staffId), 'awaySince')
    return tostring(since) == tostring(a.since) and onDuty(w) == nil
  elseif a.kind == 'both_away' then
    return w ~= nil and w.postA ~= nil and w.postB ~= nil and w.awayA ~= nil and w.awayB ~= nil
  elseif a.kind == 'window_unstaffed' then
    return w ~= nil and not w.postA and not w.postB
  elseif a.kind == 'not_signed_in' then
    return redis.call('HGET', staffKey(a.staffId), 'windowId') == false
  elseif a.kind == 'off_roster' then
    return redis.call('HGET', staffKey(a.staffId), 'windowId') == a.windowId
  elseif a.kind == 'bad_review' or a.kind == 'case_overdue' then
    return true
  end
  return false
end

local function shown(a, extra)
  local ev = { alertId = a.alertId, kind = a.kind, windowId = a.windowId, staffId = a.staffId, serviceId = a.serviceId, since = a.since }
  for k, v in pairs(extra) do ev[k] = v end
  return ev
end

if IN.op == 'raise' then
  local key = P .. 'alert:' .. IN.alertId
  if redis.call('EXISTS', key) == 1 then return finish({ raised = false, why = 'already' }) end
  local a = { alertId = IN.alertId, kind = IN.kind, windowId = IN.windowId, staffId = IN.staffId, serviceId = IN.serviceId, since = IN.since }
  if not holds(a) then return finish({ raised = false, why = 'cause_ended' }) end
  if a.kind == 'wait_over_target' then
    -- One open wait alert per service: it stays open while any of its tickets waits past the target.
    for _, id in ipairs(redis.call('SMEMBERS', OPEN)) do
      local raw = redis.call('GET', P .. 'alert:' .. id)
      local o = raw and cjson.decode(raw) or nil
      if o and o.kind == 'wait_over_target' and o.serviceId == a.serviceId then return finish({ raised = false, why = 'open' }) end
    end
  end
  redis.call('SET', key, cjson.encode(a), 'EX', 259200)
  redis.call('SADD', OPEN, IN.alertId)
  emit(shown(a, { type = 'alert.raised' }))
  return finish({ raised = true })
end

if IN.op == 'reconcile' then
  local resolved = 0
  for _, id in ipairs(redis.call('SMEMBERS', OPEN)) do
    local raw = redis.call('GET', P .. 'alert:' .. id)
    local a = raw and cjson.decode(raw) or nil
    if not a then
      redis.call('SREM', OPEN, id)
    elseif not holds(a) then
      redis.call('SREM', OPEN, id)
      emit(shown(a, { type = 'alert.resolved' }))
      resolved = resolved + 1
    end
  end
  return finish({ resolved = resolved })
end
if IN.op == 'resolve' then
  if redis.call('SREM', OPEN, IN.alertId) == 0 then return finish({ resolved = 0 }) end
  local raw = redis.call('GET', P .. 'alert:' .. IN.alertId)
  if raw then emit(shown(cjson.decode(raw), { type = 'alert.resolved' })) end
  return finish({ resolved = raw and 1 or 0 })
end
if IN.op == 'ack' then
  local key = P .. 'alert:' .. IN.alertId
  local raw = redis.call('GET', key)
  if not raw then return refuse('unknown_alert', IN.alertId) end
  local a = cjson.decode(raw)
  if a.ackedBy then return refuse('bad_state', 'acknowledged') end
  a.ackedBy = IN.by
  redis.call('SET', key, cjson.encode(a), 'KEEPTTL')
  emit(shown(a, { type = 'alert.acknowledged', by = IN.by, note = IN.note }))
  return finish({ acknowledged = true })
end
return refuse('bad_state', 'unknown op')
