--[[ print_lease: one printer, one sender at a time, across hubs.
Payload: hall, kioskId, owner (a print worker's random id), ms (the lease's length), op (take | drop).
Guarantees: take succeeds when nobody holds the kiosk's printer or `owner` already does (then it
  lasts `ms` more); drop releases it only for its owner. A worker that dies holding the lease
  loses it after `ms`, and its job (stalled) runs again elsewhere.
Returns { held = true | false }.
]]
local key = P .. 'print:lease:' .. IN.kioskId
local holder = redis.call('GET', key)
if IN.op == 'drop' then
  if holder == IN.owner then redis.call('DEL', key) end
  return cjson.encode({ held = false })
end
if holder and holder ~= IN.owner then return cjson.encode({ held = false }) end
redis.call('SET', key, IN.owner, 'PX', IN.ms)
return cjson.encode({ held = true })
