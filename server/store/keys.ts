/**
 * Redis key layout. Every key of one hall starts with `<prefix>{h:<hallId}:`: the braces are a
 * Redis Cluster hash tag, so a hall's keys share one slot and its scripts stay atomic when a
 * city's halls spread over a cluster.
 *
 *   seq                 event counter (INCR gives the next event id)
 *   events              stream of events, entry id "<eventId>-0", field e = JSON
 *   notify              sharded pub/sub channel (SPUBLISH): each event's JSON as it happens; a
 *                       shard channel hashes like a key, so on a cluster it stays on the hall's shard
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
 *   printer:<kioskId>   a kiosk printer's last reported state (JSON), 30 days
 */
import type { WaitPlace } from '../domain/routing.js';
import type { PriorityClass } from '../domain/ticket.js';

export const hallPrefix = (keyPrefix: string, hallId: string): string => `${keyPrefix}{h:${hallId}}:`;

// Keys outside any hall, under the deployment's prefix (default "yc:"). The prefix itself holds no
// braces (server/env.ts refuses them): it must not make a hash tag of its own.
/**
 * BullMQ's own prefix for the hub's queues (print jobs, the business day, alerts), a hash tag as
 * BullMQ asks on a cluster: its scripts touch several keys of a queue at once, so every queue
 * of the deployment lives in the one slot of `{<prefix>bull}`.
 */
export const bullPrefix = (keyPrefix: string): string => `{${keyPrefix}bull}`;
/**
 * A staff session, a paired device, or why a session was ended, by the token's digest
 * (server/auth/tokens.ts). The digest is the hash tag: a token's lookup reads its session and
 * device keys in one MGET, and ending a session deletes one and sets the other in one MULTI.
 */
export const authKey = (keyPrefix: string, kind: 'session' | 'device' | 'ended', tokenDigest: string): string => `${keyPrefix}auth:${kind}:{${tokenDigest}}`;
/** The login rate limiter's counters of one limit (server/auth/loginLimit.ts); the limiter appends its own key. */
export const loginLimitPrefix = (keyPrefix: string, limit: string): string => `${keyPrefix}login-limit:${limit}:`;
/** Which archiver process holds the archiving lease (server/jobs/archiver.ts). */
export const archiverLeaseKey = (keyPrefix: string): string => `${keyPrefix}archiver:lease`;

/** One hall's lasting keys, for a layout and the tickets and days it held (tests drop a hall with them). */
export function hallKeys(hallPrefix: string, layout: { services: readonly string[]; classes: readonly string[]; windowIds: readonly string[]; staffIds: readonly string[]; ticketIds: readonly string[]; days: readonly string[] }): string[] {
  const p = hallPrefix;
  return [
    `${p}seq`, `${p}events`, `${p}calls`, `${p}day`,
    ...layout.services.flatMap((s) => [`${p}xs:${s}`, ...layout.classes.map((c) => `${p}q:${s}:${c}`), ...layout.days.map((d) => `${p}num:${s}:${d}`)]),
    ...layout.windowIds.flatMap((w) => [`${p}w:${w}`, `${p}xw:${w}`]),
    ...layout.staffIds.map((s) => `${p}s:${s}`),
    ...layout.ticketIds.map((t) => `${p}t:${t}`),
  ];
}

/** The queue a waiting ticket waits in (server/domain/routing.ts WaitPlace), without the hall prefix. */
export function queueKey(place: WaitPlace): string {
  return place.kind === 'class' ? `q:${place.serviceId}:${place.priority}` : place.kind === 'service' ? `xs:${place.serviceId}` : `xw:${place.windowId}`;
}

/** The place a queue name stands for (queueKey's inverse). */
export function placeOfQueue(queue: string): WaitPlace {
  const [kind, id, priority] = queue.split(':') as [string, string, PriorityClass | undefined];
  if (kind === 'q') return { kind: 'class', serviceId: id, priority: priority! };
  return kind === 'xs' ? { kind: 'service', serviceId: id } : { kind: 'window', windowId: id };
}

/** The socket.io Redis adapter's channel prefix (server/hub.ts). */
export const socketAdapterKey = (keyPrefix: string): string => `${keyPrefix}socket.io`;
/** The demo hall's generated secret (server/demo.ts). */
export const demoSecretKey = (keyPrefix: string): string => `${keyPrefix}demo:secret`;
