--[[ issue: give a citizen the next number of a service.
Executes: server/domain/numbering.ts (formatNumber, ticketId, capReached) and, for the count
  ahead, routing.ts aheadOf (through _lib.lua).
Payload (store/scriptTypes.ts IssuePayload): hall, serviceId, prefix (letter), date (business day, YYYYMMDD), cap (daily cap),
  priority (normal|priority|appointment), classes (all class names), classRank ({class: rank}),
  ageingMs (for how many wait ahead, see aheadOf),
  trackToken (the citizen's secret for the phone tracker), channel (optional: kiosk | desk, where it was issued).
Guarantees: numbers are prefix + 3 digits, gapless per service and business day; never beyond the
  cap (refused: cap_reached; the counter's INCR is undone in the same script, so nothing changes);
  never for a business day the hall has rolled over from (refused: outside_hours);
  the ticket waits in its service's class queue, scored by issue time.
Returns { ahead, trackToken }; the ticket travels in the event (HallStore.exec).
]]
local numKey = P .. 'num:' .. IN.serviceId .. ':' .. IN.date
local seq = redis.call('INCR', numKey)
if seq > IN.cap then
  if seq == 1 then redis.call('DEL', numKey) else redis.call('DECR', numKey) end
  return refuse('cap_reached')
end
if seq == 1 then
  -- A day already rolled over had its counters deleted (rollover.lua): a hub whose clock lags
  -- behind would start numbering that day again and reissue its numbers. Checked only on a
  -- day's first number, off the hot path.
  local day = redis.call('GET', P .. 'day')
  if day and IN.date < day then
    redis.call('DEL', numKey)
    return refuse('outside_hours')
  end
  -- The counter lives three days; set once, when the day's first number makes it.
  redis.call('EXPIRE', numKey, 3 * 86400)
end

local number = IN.prefix .. string.format('%03d', seq)
local id = HALL .. '-' .. IN.date .. '-' .. number
local queue = 'q:' .. IN.serviceId .. ':' .. IN.priority
-- Counters (recalls, noShows, transfers) are absent until they count: absent reads as 0. The time
-- goes to Redis as the caller's string (ARGV[2]): formatting the number back costs more than the write.
local tKey = ticketKey(id)
redis.call('HSET', tKey, 'id', id, 'number', number, 'serviceId', IN.serviceId, 'priority', IN.priority,
  'status', 'waiting', 'issuedAt', ARGV[2], 'trackToken', IN.trackToken, 'queue', queue, 'day', IN.date)
redis.call('EXPIRE', tKey, 3 * 86400)
redis.call('ZADD', P .. queue, ARGV[2], id)

local ahead, waiting = aheadOf(IN.serviceId, IN.priority, NOW, id)

-- ticketView of the hash just written.
local view = { id = id, number = number, serviceId = IN.serviceId, priority = IN.priority, status = 'waiting',
  issuedAt = NOW, recalls = 0, noShows = 0, transfers = 0 }
emit({ type = 'ticket.issued', ticket = view, queues = { { serviceId = IN.serviceId, waiting = waiting } }, channel = IN.channel }, { trackToken = IN.trackToken })
return finish({ ahead = ahead, trackToken = IN.trackToken })
