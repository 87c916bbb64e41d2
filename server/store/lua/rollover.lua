--[[ rollover: a new business day begins. Numbering restarts by itself (its counters are keyed
by day); this clears the hall screens' recent calls and marks the day in the event log.
Payload: hall, date (the new business day).
Guarantees: once per hall and day (request id "rollover:<hall>:<date>").
]]
redis.call('DEL', P .. 'calls')
redis.call('SET', P .. 'day', IN.date)
emit({ type = 'day.rolledOver', date = IN.date })
return finish({ date = IN.date })
