--[[ rollover: a new business day begins. Numbering restarts by itself (its counters are keyed
by day); this deletes the day before's counters, clears the hall screens' recent calls and marks
the day in the event log. The day before's end (its windows and leftovers) is sweep.lua's, run
just before.
Payload: hall, date (the new business day), previousDay (the calendar day before it), services.
Guarantees: once per hall and day (request id "rollover:<hall>:<date>"). The counters of the last
  day rolled over to (the `day` key, read before it moves on) and of the calendar day before are
  deleted, so Redis holds one day of counters, not three (their TTL is the backstop for a day
  this never ran); issue.lua refuses a ticket for a day already rolled over, so a hub whose clock
  lags cannot start a deleted counter again and reissue a number.
]]
local last = redis.call('GET', P .. 'day')
for _, day in ipairs({ last or IN.previousDay, IN.previousDay }) do
  if day < IN.date then
    for _, svc in ipairs(IN.services) do redis.call('DEL', P .. 'num:' .. svc .. ':' .. day) end
  end
end
redis.call('DEL', P .. 'calls')
redis.call('SET', P .. 'day', IN.date)
emit({ type = 'day.rolledOver', date = IN.date })
return finish({ date = IN.date })
