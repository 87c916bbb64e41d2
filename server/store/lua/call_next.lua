--[[ callNext: the window's staffer asks for the next ticket (DESIGN.md §4).
Executes: server/domain/routing.ts nextTicket (the calling order), after duty.ts actorRefusal.
Payload (store/scriptTypes.ts CallNextPayload): hall, windowId, staffId, tiers ([[serviceId…]…]),
  classes, classRank ({class: rank}), ageingMs.
Order: tickets transferred to this window; then tier by tier: tickets transferred to the tier's
  services (oldest transfer first), then class queues by (rank, wait) where a ticket waiting
  ageingMs or more ranks 0; a lower tier only when the tiers above are empty; ties by ticket id.
  Each queue's head is its best ticket (a sorted set orders by (score, id), and ageing only
  lowers the rank of older tickets), so comparing the heads finds the best of all.
Guarantees: the choice, the ticket's move to `called`, the window's update, the event and the
  notice are one atomic step: two windows can never get the same ticket. Refused when the
  staffer is not on duty here or the window already has a ticket (window_busy).
Returns {} (the ticket and window travel in the event); no event when nobody waits.
]]
local wKey = windowKey(IN.windowId)
local w = hash(wKey)
local refusal = actorRefusal(w, IN.staffId)
if refusal then return refuse(refusal) end
if w.state == 'called' or w.state == 'serving' then return refuse('window_busy', w.ticketNumber) end

local bestId, bestKey, bestRank, bestScore
local function consider(id, key, rank, score)
  if not bestId or rank < bestRank or (rank == bestRank and (score < bestScore or (score == bestScore and id < bestId))) then
    bestId, bestKey, bestRank, bestScore = id, key, rank, score
  end
end

local xw = P .. 'xw:' .. IN.windowId
local id, score = head(xw)
if id then consider(id, xw, -1, score) end
if not bestId then
  for _, tier in ipairs(IN.tiers) do
    for _, svc in ipairs(tier) do
      local xs = P .. 'xs:' .. svc
      id, score = head(xs)
      if id then consider(id, xs, -1, score) end
      for _, c in ipairs(IN.classes) do
        local q = P .. 'q:' .. svc .. ':' .. c
        id, score = head(q)
        if id then
          local rank = IN.classRank[c]
          if NOW - score >= IN.ageingMs then rank = 0 end
          consider(id, q, rank, score)
        end
      end
    end
    if bestId then break end
  end
end

if not bestId then return finish({}) end

redis.call('ZREM', bestKey, bestId)
local t = hash(ticketKey(bestId))
t.status = 'called'
t.windowId = IN.windowId
t.windowNumber = w.number
t.staffId = IN.staffId
t.calledAt = NOW
if not t.firstResponder then t.firstResponder = IN.staffId end
t.queue = nil
t.transferTo = nil
saveTicket(t)

w.state = 'called'
w.ticketId = bestId
w.ticketNumber = t.number
save(wKey, w)

local tv, wv = ticketView(t), windowView(w)
rememberCall(tv.id, emit({ type = 'ticket.called', ticket = tv, window = wv, staffId = IN.staffId, queues = queueCounts({ t.serviceId }) }))
return finish({}) -- the ticket and window travel in the event (HallStore.exec)
