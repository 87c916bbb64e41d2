--[[ close: a manager (or the end-of-day sweep) closes a window and signs its staff out.
Payload: hall, windowId, by (who closes).
Guarantees: refused while the window holds a ticket (window_busy).
]]
local wKey = windowKey(IN.windowId)
local w = hash(wKey)
if not w then return refuse('unknown_window') end
if w.ticketId then return refuse('window_busy', w.ticketNumber) end
if w.state == 'closed' then return finish({ window = windowView(w) }) end
for _, post in ipairs({ 'postA', 'postB' }) do
  if w[post] then redis.call('DEL', staffKey(w[post])) end
end
w.postA, w.postB, w.awayA, w.awayB = nil, nil, nil, nil
settle(w)
save(wKey, w)
local wv = windowView(w)
emit({ type = 'window.closed', window = wv, staffId = IN.by })
return finish({ window = wv })
