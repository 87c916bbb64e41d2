--[[ away: the staffer pauses service and steps away, with a reason (暂停服务/离岗).
Executes: server/domain/duty.ts awayRefusal, settle.
Payload: hall, windowId, staffId, reason (meeting|training|errand|meal|other).
Guarantees: refused while the window holds a ticket (window_busy). If the other post is on duty
  the window stays open under it (B covers A); otherwise the window is paused with the reason.
]]
local wKey = windowKey(IN.windowId)
local w = hash(wKey)
if not w then return refuse('unknown_window') end
local post
if w.postA == IN.staffId then post = 'A' elseif w.postB == IN.staffId then post = 'B' else return refuse('not_signed_in') end
if w['away' .. post] then return refuse('staff_away') end
if w.ticketId and onDuty(w) == IN.staffId then return refuse('window_busy', w.ticketNumber) end
w['away' .. post] = IN.reason
settle(w)
save(wKey, w)
redis.call('HSET', staffKey(IN.staffId), 'away', IN.reason, 'awaySince', NOW)
local wv = windowView(w)
emit({ type = 'staff.away', window = wv, staffId = IN.staffId, reason = IN.reason })
return finish({ window = wv })
