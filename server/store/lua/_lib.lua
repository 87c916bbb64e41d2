--[[ Shared helpers, prepended to every script (see server/store/scripts.ts).
Every script is called the same way:
  KEYS[1]  the hall's event counter (<prefix>seq). It is the key that routes the call: every other
           key the script touches is <prefix>… and shares its {h:<hall>} hash tag, so one hall is one
           Redis Cluster slot and the script stays atomic there.
  ARGV[1]  the hall key prefix, e.g. "yc:{h:lankao}:"
  ARGV[2]  now, epoch ms (the caller's clock, injectable in tests)
  ARGV[3]  the client request id (idempotency key)
  ARGV[4]  the operation's payload, JSON (documented in each script's header)
]]
local P = ARGV[1]
local NOW = tonumber(ARGV[2])
local REQ = ARGV[3]
local IN = cjson.decode(ARGV[4])
local HALL = IN.hall

-- Each hash as it was read, so save() writes only what changed: on the hot path, rewriting all
-- 17 fields of a ticket was a good part of a script's cost.
local LOADED = {}

local function hash(key)
  local flat = redis.call('HGETALL', key)
  if #flat == 0 then return nil end
  local t, seen = {}, {}
  for i = 1, #flat, 2 do
    t[flat[i]] = flat[i + 1]
    seen[flat[i]] = flat[i + 1]
  end
  LOADED[key] = seen
  return t
end

-- Write a hash: only changed and removed fields when it was read in this script, all otherwise.
-- Returns true when the key is new (the caller may set its expiry).
local function save(key, t)
  local before = LOADED[key]
  local set, n = {}, 0
  if not before then
    before = {}
    for f, v in pairs(t) do
      local s = tostring(v)
      set[n + 1], set[n + 2], n = f, s, n + 2
      before[f] = s
    end
    redis.call('HSET', key, unpack(set))
    LOADED[key] = before
    return true
  end
  -- `before` becomes what the key holds now, so a second save in the same script diffs again.
  for f, v in pairs(t) do
    local s = tostring(v)
    if before[f] ~= s then
      set[n + 1], set[n + 2], n = f, s, n + 2
      before[f] = s
    end
  end
  local gone = {}
  for f in pairs(before) do
    if t[f] == nil then gone[#gone + 1] = f end
  end
  for _, f in ipairs(gone) do before[f] = nil end
  if n > 0 then redis.call('HSET', key, unpack(set)) end
  if #gone > 0 then redis.call('HDEL', key, unpack(gone)) end
  return false
end

local function num(v) if v == nil or v == '' then return nil end return tonumber(v) end

local TICKET_NUMBERS = { 'issuedAt', 'windowNumber', 'calledAt', 'startedAt', 'finishedAt' }
local TICKET_STRINGS = { 'id', 'number', 'serviceId', 'priority', 'status', 'windowId', 'staffId',
  'firstResponder', 'outcome', 'transferTo' }

-- The ticket as the wire shows it (protocol.ts TicketView): no tokens, numbers as numbers.
local function ticketView(t)
  local v = { recalls = tonumber(t.recalls or '0'), noShows = tonumber(t.noShows or '0'),
    transfers = tonumber(t.transfers or '0') }
  for _, f in ipairs(TICKET_STRINGS) do if t[f] and t[f] ~= '' then v[f] = t[f] end end
  for _, f in ipairs(TICKET_NUMBERS) do if t[f] and t[f] ~= '' then v[f] = tonumber(t[f]) end end
  return v
end

local function ticketKey(id) return P .. 't:' .. id end

-- Ticket hashes live three days: the live day and its neighbours; the event stream keeps history.
local function saveTicket(t)
  -- HSET and HDEL keep a key's expiry: set it once, when the ticket is made.
  if save(ticketKey(t.id), t) then redis.call('EXPIRE', ticketKey(t.id), 3 * 86400) end
end
local function windowKey(id) return P .. 'w:' .. id end
local function staffKey(id) return P .. 's:' .. id end

-- Who acts at a window now: A unless A is absent or away; then B covers (server/domain/duty.ts onDuty).
local function onDuty(w)
  if w.postA and not w.awayA then return w.postA end
  if w.postB and not w.awayB then return w.postB end
  return nil
end

local function windowView(w)
  local v = { id = w.id, number = tonumber(w.number), state = w.state }
  for _, f in ipairs({ 'ticketId', 'ticketNumber', 'postA', 'postB', 'awayA', 'awayB', 'pauseReason' }) do
    if w[f] and w[f] ~= '' then v[f] = w[f] end
  end
  v.onDuty = onDuty(w)
  v.covering = v.onDuty ~= nil and v.onDuty == w.postB
  return v
end

-- Waiting tickets of a service: its class queues and the tickets transferred to it.
local function waitingCount(svc, classes)
  local n = redis.call('ZCARD', P .. 'xs:' .. svc)
  for _, c in ipairs(classes) do n = n + redis.call('ZCARD', P .. 'q:' .. svc .. ':' .. c) end
  return n
end

local function head(key)
  local r = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if #r == 0 then return nil end
  return r[1], tonumber(r[2])
end

-- A score as Redis reads it back: Lua's own number-to-string keeps 14 digits, which cuts a
-- re-queued no-show's fractional place (no_show.lua) and would count it on the wrong side.
local function exact(score) return string.format('%.17g', score) end

-- "前面还有 N 人": executes server/domain/routing.ts aheadOf for ticket `id` of class `cls`, queued
-- at `score` in its service's class queue: the tickets transferred to the service, then those of
-- its service ahead by (rank, queue time, id), where a ticket waiting IN.ageingMs or more ranks 0.
-- Also returns how many wait for the service in all (waitingCount), from the queue sizes it reads anyway.
local function aheadOf(svc, cls, score, id)
  local waiting = redis.call('ZCARD', P .. 'xs:' .. svc)
  local ahead = waiting
  local agedBy = NOW - IN.ageingMs
  local aged = score <= agedBy
  local mine = aged and 0 or IN.classRank[cls]
  for _, c in ipairs(IN.classes) do
    local q = P .. 'q:' .. svc .. ':' .. c
    local size = redis.call('ZCARD', q)
    waiting = waiting + size
    if size == 0 then
      -- nobody of this class: nobody ahead from it
    elseif c == cls then
      -- Its own queue: every ticket before it is older, so aged or of its class, ahead either way.
      ahead = ahead + redis.call('ZRANK', q, id)
    elseif aged then
      -- Rank 0 like it: the tickets that queued before it, and those queued in the same instant
      -- with a smaller id (call_next.lua breaks ties by id).
      ahead = ahead + redis.call('ZCOUNT', q, '-inf', '(' .. exact(score))
      for _, other in ipairs(redis.call('ZRANGEBYSCORE', q, exact(score), exact(score))) do
        if other < id then ahead = ahead + 1 end
      end
    elseif IN.classRank[c] < mine then
      -- A more urgent class: all of it.
      ahead = ahead + size
    else
      -- A less urgent class: only its tickets that aged (they rank 0 and are older).
      ahead = ahead + redis.call('ZCOUNT', q, '-inf', agedBy)
    end
  end
  return ahead, waiting
end
