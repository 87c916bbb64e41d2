--[[ signIn: a staffer signs in at a window as its A or B post (签到).
Executes: server/domain/duty.ts signInRefusal, settle.
Payload: hall, windowId, staffId, post (A|B). The caller has checked the staffer holds that post.
Guarantees: one window per person at a time (signed_in_elsewhere); one person per post
  (post_taken). The first to sign in opens the window; a B post signing in while A is away
  takes the window over (covering). Signing in again where one already is changes nothing.
]]
local wKey = windowKey(IN.windowId)
local w = hash(wKey)
if not w then return refuse('unknown_window') end
local sKey = staffKey(IN.staffId)
local where = redis.call('HGET', sKey, 'windowId')
if where and where ~= IN.windowId then return refuse('signed_in_elsewhere', where) end
local slot = 'post' .. IN.post
if w[slot] == IN.staffId then return finish({ window = windowView(w) }) end
if w[slot] then return refuse('post_taken', w[slot]) end
if where then return refuse('signed_in_elsewhere', where) end
w[slot] = IN.staffId
w['away' .. IN.post] = nil
settle(w)
save(wKey, w)
redis.call('HSET', sKey, 'windowId', IN.windowId, 'post', IN.post, 'since', NOW)
local wv = windowView(w)
emit({ type = 'staff.signedIn', window = wv, staffId = IN.staffId, reason = IN.post })
return finish({ window = wv })
