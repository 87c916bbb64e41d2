/**
 * Redis key layout. Every key of one hall starts with `<prefix>{h:<hallId}:`: the braces are a
 * Redis Cluster hash tag, so a hall's keys share one slot and its scripts stay atomic when a
 * city's halls spread over a cluster.
 *
 *   seq                 event counter (INCR gives the next event id)
 *   events              stream of events, entry id "<eventId>-0", field e = JSON
 *   notify              pub/sub channel: each event's JSON as it happens
 *   req:<requestId>     first result of a request (idempotency), 48 h
 *   t:<ticketId>        ticket hash, 3 days
 *   q:<service>:<class> waiting tickets of a service and priority class, score = queue time (ms)
 *   xs:<service>        tickets transferred to a service, score = transfer time
 *   xw:<windowId>       tickets transferred to a window, score = transfer time
 *   num:<service>:<day> last number issued that business day; deleted at the next rollover, 3 days at most
 *   w:<windowId>        window hash (closingDay: the day ended while it held a ticket, see sweep.lua)
 *   s:<staffId>         where a staffer is signed in
 *   calls               recent calls: ticket id scored by the id of the event that called it (≤ 36; newest 20 read)
 *   day                 the current business day (YYYYMMDD)
 */
export const hallPrefix = (keyPrefix: string, hallId: string): string => `${keyPrefix}{h:${hallId}}:`;
