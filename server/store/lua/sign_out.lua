--[[ signOut: a staffer leaves the window for the day (签退).
Executes: server/domain/duty.ts signOutRefusal, settle.
Payload: hall, windowId, staffId.
Guarantees: refused while the window holds a called or served ticket (window_busy): finish,
  transfer or mark it first. The last to leave closes the window; if only an away post remains,
  the window shows paused.
]]
local wKey = windowKey(IN.windowId)
local w = hash(wKey)
if not w then return refuse('unknown_window') end
local post
if w.postA == IN.staffId then post = 'A' elseif w.postB == IN.staffId then post = 'B' else return refuse('not_signed_in') end
if w.ticketId then return refuse('window_busy', w.ticketNumber) end
w['post' .. post] = nil
w['away' .. post] = nil
settle(w)
save(wKey, w)
redis.call('DEL', staffKey(IN.staffId))
local wv = windowView(w)
emit({ type = 'staff.signedOut', window = wv, staffId = IN.staffId, reason = post })
return finish({ window = wv })
