--[[ initWindows: make sure every configured window exists (closed) without touching live ones.
Payload: hall, windows ([{id, number}]).
Guarantees: idempotent; never emits (configuration is not a hall event).
]]
local created = 0
for _, win in ipairs(IN.windows) do
  local key = windowKey(win.id)
  if redis.call('EXISTS', key) == 0 then
    redis.call('HSET', key, 'id', win.id, 'number', win.number, 'state', 'closed')
    created = created + 1
  end
end
return cjson.encode({ ok = true, created = created })
