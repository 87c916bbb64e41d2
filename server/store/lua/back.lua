--[[ back: the staffer resumes service (恢复服务).
Executes: server/domain/duty.ts backRefusal, settle.
Payload: hall, windowId, staffId.
Guarantees: only a staffer signed in here and away; a paused window opens again.
]]
local wKey = windowKey(IN.windowId)
local w = hash(wKey)
if not w then return refuse('unknown_window') end
local post
if w.postA == IN.staffId then post = 'A' elseif w.postB == IN.staffId then post = 'B' else return refuse('not_signed_in') end
if not w['away' .. post] then return refuse('bad_state', 'not away') end
w['away' .. post] = nil
settle(w)
save(wKey, w)
redis.call('HDEL', staffKey(IN.staffId), 'away', 'awaySince')
local wv = windowView(w)
emit({ type = 'staff.back', window = wv, staffId = IN.staffId })
return finish({ window = wv })
