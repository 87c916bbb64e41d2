--[[ issue: give a citizen the next number of a service.
Payload: hall, serviceId, prefix (letter), date (business day, YYYYMMDD), cap (daily cap),
  priority (normal|priority|appointment), classes (all class names), classRank ({class: rank}),
  ageingMs (for how many wait ahead, see aheadOf),
  trackToken (the citizen's secret for the phone tracker).
Guarantees: numbers are prefix + 3 digits, gapless per service and business day; never beyond the
  cap (refused: cap_reached, nothing changes); the ticket waits in its service's class queue,
  scored by issue time. Returns { ticket, ahead, trackToken }.
]]
local numKey = P .. 'num:' .. IN.serviceId .. ':' .. IN.date
local issued = tonumber(redis.call('GET', numKey) or '0')
if issued >= IN.cap then return refuse('cap_reached') end
local seq = redis.call('INCR', numKey)
redis.call('EXPIRE', numKey, 3 * 86400)

local number = IN.prefix .. string.format('%03d', seq)
local id = HALL .. '-' .. IN.date .. '-' .. number
local queue = 'q:' .. IN.serviceId .. ':' .. IN.priority
local t = { id = id, number = number, serviceId = IN.serviceId, priority = IN.priority, status = 'waiting',
  issuedAt = NOW, recalls = 0, noShows = 0, transfers = 0, trackToken = IN.trackToken, queue = queue,
  day = IN.date }
saveTicket(t)
redis.call('ZADD', P .. queue, NOW, id)

local ahead = aheadOf(IN.serviceId, IN.priority, NOW, id)

local view = ticketView(t)
emit({ type = 'ticket.issued', ticket = view, queues = queueCounts({ IN.serviceId }) })
return finish({ ahead = ahead, trackToken = IN.trackToken }) -- the ticket travels in the event
