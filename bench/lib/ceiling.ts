/**
 * The engine's ceiling on this Redis: the Redis commands that issue and call-next send, in the
 * same order and on keys of the same shape, with none of the scripts' logic — no payload to
 * decode, no routing decision, no ticket or window view, no event to encode (a ready-made event
 * of the real size is passed in). Called the same way as the floor and the real operations, they
 * show how much of the gap to the floor is Redis's own work that any engine doing these steps
 * atomically must pay, and how much is the scripts' Lua.
 *
 * Command sequences, as the scripts run them in bench/engine.ts's hall (a window's first tier
 * holds two services, three priority classes):
 *   issue      INCR number · HSET ticket (9 fields) · EXPIRE · ZADD queue · ZCARD transfers ·
 *              3 × ZCARD class queue · ZRANK · INCR event id · XADD · PUBLISH             (12)
 *   call-next  HGETALL window · ZRANGE window transfers · 2 × (ZRANGE service transfers +
 *              3 × ZRANGE class queue) · ZREM · HGETALL ticket · HSET ticket · HDEL ticket ·
 *              HSET window · 4 × ZCARD · INCR event id · XADD · PUBLISH · ZADD + ZCARD recent calls
 *                                                                                           (25)
 *   call-next, the leanest layout we could think of (not the engine's): per service one queue of
 *              every class and transfer scored by (rank, time) and one by time alone for ageing,
 *              waiting counts kept in a hash — HMGET window · ZRANGE window transfers ·
 *              2 × 2 ZRANGE · 2 × ZREM · HGETALL ticket · HSET ticket · HSET window · HINCRBY count ·
 *              INCR event id · XADD · PUBLISH · ZADD + ZCARD recent calls                   (17)
 * If even the leanest sequence stays under a goal set as a share of the floor, no script doing a
 * call's work atomically on this Redis reaches it.
 */
// Every change ends as the engine's emit() does: the next event id, the stream entry, the notice.
const event = `
local e = redis.call('INCR', KEYS[1])
redis.call('XADD', P .. 'events', e .. '-0', 'e', EV)
redis.call('PUBLISH', P .. 'notify', EV)`;
// A call also notes the ticket among the recent calls (rememberCall).
const eventAndRecentCall = `${event}
redis.call('ZADD', P .. 'calls', e, id)
redis.call('ZCARD', P .. 'calls')
return EV`;

export const ceilingIssueLua = `
local P, NOW, EV = ARGV[1], ARGV[2], ARGV[3]
local seq = redis.call('INCR', P .. 'num:s1:20261123')
local id = 'bench-20261123-A' .. seq
redis.call('HSET', P .. 't:' .. id, 'id', id, 'number', 'A001', 'serviceId', 's1', 'priority', 'normal',
  'status', 'waiting', 'issuedAt', NOW, 'trackToken', 'abcdefabcdefabcd', 'queue', 'q:s1:normal', 'day', '20261123')
redis.call('EXPIRE', P .. 't:' .. id, 259200)
redis.call('ZADD', P .. 'q:s1:normal', NOW, id)
redis.call('ZCARD', P .. 'xs:s1')
redis.call('ZCARD', P .. 'q:s1:appointment')
redis.call('ZCARD', P .. 'q:s1:priority')
redis.call('ZCARD', P .. 'q:s1:normal')
redis.call('ZRANK', P .. 'q:s1:normal', id)
${event}
return EV`;

export const ceilingCallLua = `
local P, NOW, EV = ARGV[1], ARGV[2], ARGV[3]
redis.call('HGETALL', P .. 'w:1')
redis.call('ZRANGE', P .. 'xw:1', 0, 0, 'WITHSCORES')
local first
for _, s in ipairs({ 's1', 's2' }) do
  redis.call('ZRANGE', P .. 'xs:' .. s, 0, 0, 'WITHSCORES')
  for _, c in ipairs({ 'appointment', 'priority', 'normal' }) do
    local h = redis.call('ZRANGE', P .. 'q:' .. s .. ':' .. c, 0, 0, 'WITHSCORES')
    first = first or h[1]
  end
end
local id = first or 'none'
redis.call('ZREM', P .. 'q:s1:normal', id)
redis.call('HGETALL', P .. 't:' .. id)
redis.call('HSET', P .. 't:' .. id, 'status', 'called', 'windowId', 'bench-1', 'windowNumber', '1', 'staffId', 'w1',
  'calledAt', NOW, 'firstResponder', 'w1')
redis.call('HDEL', P .. 't:' .. id, 'queue')
redis.call('HSET', P .. 'w:1', 'state', 'called', 'ticketId', id, 'ticketNumber', 'A001')
redis.call('ZCARD', P .. 'xs:s1')
redis.call('ZCARD', P .. 'q:s1:appointment')
redis.call('ZCARD', P .. 'q:s1:priority')
redis.call('ZCARD', P .. 'q:s1:normal')
${eventAndRecentCall}`;

export const ceilingLeanCallLua = `
local P, NOW, EV = ARGV[1], ARGV[2], ARGV[3]
redis.call('HMGET', P .. 'w:1', 'state', 'postA', 'postB', 'awayA', 'awayB', 'ticketId', 'number')
redis.call('ZRANGE', P .. 'xw:1', 0, 0, 'WITHSCORES')
local first
for _, s in ipairs({ 's1', 's2' }) do
  local h = redis.call('ZRANGE', P .. 'q:' .. s .. ':normal', 0, 0, 'WITHSCORES')
  first = first or h[1]
  redis.call('ZRANGE', P .. 'aged:' .. s, 0, 0, 'WITHSCORES')
end
local id = first or 'none'
redis.call('ZREM', P .. 'q:s1:normal', id)
redis.call('ZREM', P .. 'aged:s1', id)
redis.call('HGETALL', P .. 't:' .. id)
redis.call('HSET', P .. 't:' .. id, 'status', 'called', 'windowId', 'bench-1', 'windowNumber', '1', 'staffId', 'w1',
  'calledAt', NOW, 'firstResponder', 'w1')
redis.call('HSET', P .. 'w:1', 'state', 'called', 'ticketId', id, 'ticketNumber', 'A001')
redis.call('HINCRBY', P .. 'waiting', 's1', -1)
${eventAndRecentCall}`;

/** A ticket.issued event of the real size (the issue ceiling stores and publishes it as is). */
export const sampleIssuedEvent = JSON.stringify({
  type: 'ticket.issued',
  ticket: { id: 'bench-20261123-B017', number: 'B017', serviceId: 's1', priority: 'normal', status: 'waiting', issuedAt: 1795402800000, recalls: 0, noShows: 0, transfers: 0 },
  queues: [{ serviceId: 's1', waiting: 12 }],
  id: 123456,
  at: 1795402800000,
  hallId: 'bench',
});

/** A ticket.called event of the real size (the call-next ceilings store and publish it as is). */
export const sampleEvent = JSON.stringify({
  type: 'ticket.called',
  ticket: {
    recalls: 0, noShows: 0, transfers: 0, id: 'bench-20261123-B017', number: 'B017', serviceId: 's1', priority: 'normal',
    status: 'called', windowId: 'bench-1', staffId: 'w1', firstResponder: 'w1', issuedAt: 1795402800000, windowNumber: 1, calledAt: 1795403100000,
  },
  window: { id: 'bench-1', number: 1, state: 'called', ticketId: 'bench-20261123-B017', ticketNumber: 'B017', postA: 'w1', onDuty: 'w1', covering: false },
  staffId: 'w1',
  queues: [{ serviceId: 's1', waiting: 12 }],
  id: 123456,
  at: 1795403100000,
  hallId: 'bench',
});
