--[[ printer_status: keep a kiosk printer's state, once per change of state.
Payload: hall, kioskId, json (the state as kept and shown: state, paperNearEnd?, detail?, at),
  state, paperNearEnd (boolean), detail (string or absent), ttl (seconds).
Guarantees: writes only when the state differs from the one kept (state, paperNearEnd, detail),
  and then answers changed = true: the caller tells the hall's screens. The same state again
  keeps the first `at` (when the printer entered it: "offline since 10:02") and answers false.
  Atomic: when several hubs' print workers notice one change, exactly one of them is told it
  changed, so each screen hears it once (not once per hub).
]]
local key = P .. 'printer:' .. IN.kioskId
local raw = redis.call('GET', key)
if raw then
  local old = cjson.decode(raw)
  if old.state == IN.state and (old.paperNearEnd == true) == (IN.paperNearEnd == true) and old.detail == IN.detail then
    redis.call('EXPIRE', key, IN.ttl)
    return cjson.encode({ changed = false })
  end
end
redis.call('SET', key, IN.json, 'EX', IN.ttl)
return cjson.encode({ changed = true })
