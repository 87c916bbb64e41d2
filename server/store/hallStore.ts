/**
 * The live state of halls in Redis: runs the atomic scripts, reads the event stream.
 * Storage only: which operation is allowed when is decided by the scripts' guards and the
 * commands that call them.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from './redisClient.js';
import type { LiveDayPlan } from '../domain/liveDay.js';
import type { WaitPlace, Waiting } from '../domain/routing.js';
import type { PriorityClass } from '../domain/ticket.js';
import type { HallEvent, HallSnapshot, KioskPrinterView, Refusal, TicketView } from '../protocol.js';
import { hallPrefix, placeOfQueue, queueKey } from './keys.js';
import type { InitWindowsPayload, MutatingScript, PositionPayload, ScriptPayload, ScriptReply, SnapshotPayload, WaitingPayload } from './scriptTypes.js';
import { scriptRunner } from './scripts.js';
import type { LiveStore } from './liveStore.js';
import { log } from '../log.js';
import { instruments } from '../metrics.js';

/** A printer's state as kept in Redis and shown (protocol.ts KioskPrinterView without the kiosk's names). */
export type PrinterStatusKept = Omit<KioskPrinterView, 'kioskId' | 'hallId' | 'name'>;

export type Result<T> = ({ ok: true; events: HallEvent[] } & T) | Refusal;

// cjson encodes an empty Lua table as {}: lists that may be empty come back as objects.
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export class HallStore implements LiveStore {
  private readonly call: ReturnType<typeof scriptRunner>;
  /** Halls whose writes wait for a check against the archive (server/jobs/redisRecovery.ts). */
  private readonly held = new Map<string, Promise<unknown>>();

  constructor(
    readonly redis: RedisClient,
    readonly keyPrefix = 'yc:',
  ) {
    this.call = scriptRunner(redis);
  }

  /**
   * Let every operation on the hall wait until `check` settles: after Redis may have lost its
   * latest writes, nothing is written on top of an older state before it is compared with the
   * archive (and rebuilt from it). Reads and the rebuild itself go on.
   */
  holdWrites(hallId: string, check: Promise<unknown>): void {
    this.held.set(hallId, check);
    const release = () => {
      if (this.held.get(hallId) === check) this.held.delete(hallId);
    };
    check.then(release, release);
  }

  prefix(hallId: string): string {
    return hallPrefix(this.keyPrefix, hallId);
  }

  /** The pub/sub channel on which every event of the hall is published as it happens. */
  channel(hallId: string): string {
    return `${this.prefix(hallId)}notify`;
  }

  /**
   * Run a mutating script. The request id is scoped by operation, so a client that reuses an id
   * for another operation cannot receive the wrong stored result; the commands scope it by caller
   * too (commands/requestScope.ts). `asked` is what the client asked for (not the payload, which
   * may hold fresh random tokens): a digest of it is kept with the result, and the same id sent
   * with another request is refused (request_id_reused) rather than answered with the first.
   */
  async exec<N extends MutatingScript>(
    name: N,
    hallId: string,
    now: number,
    /** The client's id for this call; without one the call is not recorded for repeats. */
    requestId: string | undefined,
    payload: ScriptPayload<N>,
    asked?: unknown,
  ): Promise<Result<ScriptReply<N>>> {
    const held = this.held.get(hallId);
    if (held) await held.catch(() => undefined);
    const p = this.prefix(hallId);
    const req = requestId === undefined ? '' : `${name}:${requestId}`;
    const fingerprint = req && asked !== undefined ? createHash('sha256').update(JSON.stringify(asked)).digest('base64url').slice(0, 22) : '';
    const started = performance.now();
    let raw: string;
    try {
      raw = await this.call(name, `${p}seq`, p, String(now), req, JSON.stringify({ hall: hallId, ...payload }), fingerprint);
    } catch (err) {
      instruments.redisErrors.inc({ source: 'command' });
      throw err;
    }
    const seconds = (performance.now() - started) / 1000;
    instruments.commandDuration.observe({ operation: name }, seconds);
    // In the request's or job's logger (server/log.ts): the line names who asked.
    // Built only when asked for: this runs on every call-next.
    const logger = log();
    if (logger.isLevelEnabled('debug')) logger.debug({ op: name, hallId, ms: Math.round(seconds * 10_000) / 10 }, 'command');
    const result = JSON.parse(raw) as Result<ScriptReply<N>> & { ticket?: unknown; window?: unknown };
    if (result.ok) {
      result.events = list(result.events);
      // Scripts on the hot path do not encode the ticket and window twice: they are in the event.
      const last = result.events.at(-1);
      if (last && 'ticket' in last && result.ticket === undefined) result.ticket = last.ticket;
      if (last && 'window' in last && result.window === undefined) result.window = last.window;
    }
    return result;
  }

  async initWindows(hallId: string, windows: { id: string; number: number }[]): Promise<number> {
    const p = this.prefix(hallId);
    const raw = await this.call('init_windows', `${p}seq`, p, '0', '', JSON.stringify({ hall: hallId, windows } satisfies InitWindowsPayload & { hall: string }));
    return (JSON.parse(raw) as { created: number }).created;
  }

  async snapshot(hallId: string, layout: { windows: string[]; services: string[]; classes: readonly string[]; waiting?: boolean }): Promise<HallSnapshot> {
    const p = this.prefix(hallId);
    const raw = await this.call('snapshot', `${p}seq`, p, '0', '', JSON.stringify({ hall: hallId, ...layout } satisfies SnapshotPayload & { hall: string }));
    const s = JSON.parse(raw) as HallSnapshot;
    return { ...s, windows: list(s.windows), queues: list(s.queues), recentCalls: list(s.recentCalls), waiting: list(s.waiting) };
  }

  /**
   * How many wait for each service: the sizes of its queues (transfers to it, then one per class),
   * as the scripts count them (waitingCount in _lib.lua), in one round trip and without reading a
   * ticket. For the kiosks' frequent poll; not atomic with any event id (the snapshot is).
   */
  async waitingCounts(hallId: string, services: readonly string[], classes: readonly string[]): Promise<Map<string, number>> {
    const p = this.prefix(hallId);
    const pipe = this.redis.pipeline();
    for (const svc of services) for (const key of [`${p}xs:${svc}`, ...classes.map((c) => `${p}q:${svc}:${c}`)]) pipe.zcard(key);
    const sizes = ((await pipe.exec()) ?? []).map(([err, n]) => {
      if (err) throw err;
      return Number(n);
    });
    const per = 1 + classes.length;
    return new Map(services.map((svc, i) => [svc, sizes.slice(i * per, (i + 1) * per).reduce((a, b) => a + b, 0)]));
  }

  /**
   * For the metrics scrape: how many wait in each service's queues (transfers to it, then its
   * classes; "_window" counts transfers to a window) and when the longest-waiting joined its queue
   * (the queues' scores), in one round trip of ZCARD and ZRANGE 0 0 per queue: no ticket is read.
   */
  async queueHeads(hallId: string, layout: { services: readonly string[]; classes: readonly string[]; windowIds: readonly string[] }): Promise<{ waiting: Map<string, number>; oldestQueuedAt?: number }> {
    const p = this.prefix(hallId);
    const queues: [string, string][] = [];
    for (const svc of layout.services) for (const key of [`${p}xs:${svc}`, ...layout.classes.map((c) => `${p}q:${svc}:${c}`)]) queues.push([svc, key]);
    for (const w of layout.windowIds) queues.push(['_window', `${p}xw:${w}`]);
    const pipe = this.redis.pipeline();
    for (const [, key] of queues) pipe.zcard(key).zrange(key, 0, 0, 'WITHSCORES');
    const replies = (await pipe.exec()) ?? [];
    const waiting = new Map<string, number>(layout.services.map((s) => [s, 0]));
    let oldestQueuedAt: number | undefined;
    queues.forEach(([svc], i) => {
      const [errCount, count] = replies[2 * i]!;
      const [errHead, head] = replies[2 * i + 1]!;
      if (errCount) throw errCount;
      if (errHead) throw errHead;
      waiting.set(svc, (waiting.get(svc) ?? 0) + Number(count));
      const score = (head as string[])[1];
      if (score !== undefined && (oldestQueuedAt === undefined || Number(score) < oldestQueuedAt)) oldestQueuedAt = Number(score);
    });
    return { waiting, ...(oldestQueuedAt !== undefined ? { oldestQueuedAt } : {}) };
  }

  async lastEventId(hallId: string): Promise<number> {
    return Number((await this.redis.get(`${this.prefix(hallId)}seq`)) ?? 0);
  }

  /**
   * Events after `afterId`, oldest first, at most `limit`. Returns null when the stream no longer
   * holds the event right after `afterId` (trimmed): the caller must start again from a snapshot.
   */
  async eventsAfter(hallId: string, afterId: number, limit: number): Promise<HallEvent[] | null> {
    const key = `${this.prefix(hallId)}events`;
    const entries = await this.redis.xrange(key, `${afterId + 1}-0`, '+', 'COUNT', limit);
    const events = entries.map(([, fields]) => JSON.parse(fields[1]!) as HallEvent);
    const first = events[0];
    if (first && first.id !== afterId + 1) return null;
    if (!first && afterId < (await this.lastEventId(hallId))) return null;
    return events;
  }

  /**
   * Events before event `beforeId` (all when undefined), newest first, at most `limit`: readers
   * that look back from now (the rating pad's last completion, the estimate's recent handlings).
   */
  async eventsNewestFirst(hallId: string, beforeId: number | undefined, limit: number): Promise<HallEvent[]> {
    const end = beforeId === undefined ? '+' : `(${beforeId}-0`;
    const entries = await this.redis.xrevrange(`${this.prefix(hallId)}events`, end, '-', 'COUNT', limit);
    return entries.map(([, fields]) => JSON.parse(fields[1]!) as HallEvent);
  }

  /** The id of the oldest event the stream still holds, or undefined when it holds none. */
  async firstEventId(hallId: string): Promise<number | undefined> {
    const first = await this.redis.xrange(`${this.prefix(hallId)}events`, '-', '+', 'COUNT', 1);
    return first[0] ? Number(first[0][0].split('-')[0]) : undefined;
  }

  /** When a signed-in staffer stepped away (away.lua keeps it), or undefined when they are not away. */
  async awaySince(hallId: string, staffId: string): Promise<number | undefined> {
    const since = Number(await this.redis.hget(`${this.prefix(hallId)}s:${staffId}`, 'awaySince'));
    return since || undefined;
  }

  /** A kiosk printer's last reported state, as the printing extension kept it (JSON), or null. */
  printerStatus(hallId: string, kioskId: string): Promise<string | null> {
    return this.redis.get(`${this.prefix(hallId)}printer:${kioskId}`);
  }

  /**
   * Keep a printer's state when it changed (printer_status.lua); true when it did, so that of
   * several hubs noticing one change exactly one tells the screens.
   */
  async savePrinterStatus(hallId: string, kioskId: string, kept: PrinterStatusKept, ttlSeconds: number): Promise<boolean> {
    const p = this.prefix(hallId);
    const payload = { hall: hallId, kioskId, json: JSON.stringify(kept), state: kept.state, paperNearEnd: kept.paperNearEnd === true, ttl: ttlSeconds, ...(kept.detail !== undefined ? { detail: kept.detail } : {}) };
    return (JSON.parse(await this.call('printer_status', `${p}seq`, p, '0', '', JSON.stringify(payload))) as { changed: boolean }).changed;
  }

  /**
   * The archiver's read: stream entries after `afterId`, oldest first, each with its exact JSON
   * and the secrets kept beside it (field s). Unlike eventsAfter it does not judge gaps: the
   * archiver counts them.
   */
  async streamAfter(hallId: string, afterId: number, limit: number): Promise<{ json: string; secrets?: string }[]> {
    const entries = await this.redis.xrange(`${this.prefix(hallId)}events`, `${afterId + 1}-0`, '+', 'COUNT', limit);
    return entries.map(([, fields]) => {
      const out: { json: string; secrets?: string } = { json: '' };
      for (let i = 0; i < fields.length; i += 2) {
        if (fields[i] === 'e') out.json = fields[i + 1]!;
        else if (fields[i] === 's') out.secrets = fields[i + 1]!;
      }
      return out;
    });
  }

  /**
   * Write a live day back from the archive (restore.lua). Does nothing when Redis already holds the
   * hall's events up to the plan's last one, unless forced.
   */
  async restore(
    plan: LiveDayPlan,
    layout: { services: string[]; classes: readonly string[]; windowIds: string[]; staffIds: string[] },
    force = false,
  ): Promise<{ restored: boolean; previousLastEventId: number }> {
    const p = this.prefix(plan.hallId);
    const payload = {
      hall: plan.hallId,
      lastEventId: plan.lastEventId,
      day: plan.day,
      dayMarked: plan.dayMarked,
      force,
      ...layout,
      tickets: plan.tickets.map((t) => ({ id: t.id, fields: t.fields, ...(t.waitsIn ? { queue: queueKey(t.waitsIn), score: String(t.score) } : {}) })),
      windows: plan.windows,
      // Times as strings: Lua would format large numbers with 14 digits.
      staff: plan.staff.map((s) => ({ ...s, since: String(s.since), ...(s.awaySince !== undefined ? { awaySince: String(s.awaySince) } : {}) })),
      numbering: plan.numbering,
      calls: plan.calls,
      events: plan.events,
    };
    // cjson reads [] as an empty object, which ipairs walks as empty: fine for every list here.
    return JSON.parse(await this.call('restore', `${p}seq`, p, '0', '', JSON.stringify(payload))) as { restored: boolean; previousLastEventId: number };
  }

  /** Drop stream entries before event `minId` (archived, and older than today's catch-up). */
  async trimStream(hallId: string, minId: number): Promise<number> {
    if (minId <= 1) return 0;
    return this.redis.xtrim(`${this.prefix(hallId)}events`, 'MINID', `${minId}-0`);
  }

  /** Remove archived tickets' hashes (past days): the archive keeps them. */
  async forgetTickets(hallId: string, ticketIds: string[]): Promise<number> {
    let removed = 0;
    for (let i = 0; i < ticketIds.length; i += 500) {
      removed += await this.redis.del(...ticketIds.slice(i, i + 500).map((id) => `${this.prefix(hallId)}t:${id}`));
    }
    return removed;
  }

  /**
   * Every waiting ticket with its place and exact queue time (the queues' scores as Redis keeps
   * them, not cjson's 14 digits), read atomically: what the calling order (server/domain/routing.ts)
   * works on.
   */
  async waitingPlaces(hallId: string, layout: { services: readonly string[]; classes: readonly PriorityClass[]; windowIds: readonly string[] }): Promise<Waiting[]> {
    const p = this.prefix(hallId);
    const raw = await this.call('waiting', `${p}seq`, p, '0', '', JSON.stringify({ hall: hallId, services: layout.services, classes: layout.classes, windows: layout.windowIds } satisfies WaitingPayload & { hall: string }));
    const flat = list<string>(JSON.parse(raw));
    const out: Waiting[] = [];
    for (let i = 0; i < flat.length; i += 3) out.push({ id: flat[i + 1]!, place: placeOfQueue(flat[i]!), queuedAt: Number(flat[i + 2]) });
    return out;
  }

  /**
   * The ticket a window holds now: its call time and recalls, for a rule a command checks before
   * its script runs. Two plain reads, not atomic: the script re-checks what it relies on.
   */
  async windowTicket(hallId: string, windowId: string): Promise<{ id: string; calledAt?: number; recalls: number } | null> {
    const p = this.prefix(hallId);
    const id = await this.redis.hget(`${p}w:${windowId}`, 'ticketId');
    if (!id) return null;
    const [calledAt, recalls] = await this.redis.hmget(`${p}t:${id}`, 'calledAt', 'recalls');
    return { id, ...(calledAt ? { calledAt: Number(calledAt) } : {}), recalls: Number(recalls ?? 0) };
  }

  /** A ticket with its secrets and how many wait ahead of it; null when unknown. */
  async position(hallId: string, ticketId: string, ranking: Ranking, now: number): Promise<Position | null> {
    return (await this.positions(hallId, [ticketId], ranking, now))[0] ?? null;
  }

  /** Several tickets' positions read at once, from one state (position.lua); null for an unknown one. */
  async positions(
    hallId: string,
    ticketIds: readonly string[],
    ranking: Ranking,
    /** Now, on the hall's clock: who has waited long enough to age depends on it. */
    now: number,
  ): Promise<(Position | null)[]> {
    if (ticketIds.length === 0) return [];
    const p = this.prefix(hallId);
    const raw = await this.call('position', `${p}seq`, p, String(now), '', JSON.stringify({ hall: hallId, ticketIds, classes: ranking.classes, classRank: ranking.classRank, ageingMs: ranking.ageingMs } satisfies PositionPayload & { hall: string }));
    return list<Position & { missing?: true }>(JSON.parse(raw)).map((r) => (r.missing ? null : r));
  }
}

/** The calling order's rules as position.lua needs them (a Hall has these fields). */
export interface Ranking {
  classes: readonly string[];
  classRank: Record<string, number>;
  ageingMs: number;
}

export interface Position {
  ticket: TicketView;
  trackToken: string;
  rateToken?: string;
  ahead: number;
}
