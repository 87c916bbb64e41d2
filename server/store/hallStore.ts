/**
 * The live state of halls in Redis: runs the atomic scripts, reads the event stream.
 * Storage only: which operation is allowed when is decided by the scripts' guards and the
 * commands that call them.
 */
import type { Redis } from 'ioredis';
import type { HallEvent, HallSnapshot, Refusal, TicketView } from '../protocol.js';
import { hallPrefix } from './keys.js';
import { scriptRunner, type ScriptName } from './scripts.js';

export type Result<T> = ({ ok: true; events: HallEvent[] } & T) | Refusal;

// cjson encodes an empty Lua table as {}: lists that may be empty come back as objects.
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export class HallStore {
  private readonly call: ReturnType<typeof scriptRunner>;

  constructor(
    readonly redis: Redis,
    readonly keyPrefix = 'yc:',
  ) {
    this.call = scriptRunner(redis);
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
   * for another operation cannot receive the wrong stored result.
   */
  async exec<T extends object>(
    name: ScriptName,
    hallId: string,
    now: number,
    /** The client's id for this call; without one the call is not recorded for repeats. */
    requestId: string | undefined,
    payload: Record<string, unknown>,
  ): Promise<Result<T>> {
    const p = this.prefix(hallId);
    const req = requestId === undefined ? '' : `${name}:${requestId}`;
    const raw = await this.call(name, `${p}seq`, p, String(now), req, JSON.stringify({ hall: hallId, ...payload }));
    const result = JSON.parse(raw) as Result<T> & { ticket?: unknown; window?: unknown };
    if (result.ok) {
      result.events = list(result.events);
      // Scripts on the hot path do not encode the ticket and window twice: they are in the event.
      const last = result.events.at(-1);
      if (last?.ticket && result.ticket === undefined) result.ticket = last.ticket;
      if (last?.window && result.window === undefined) result.window = last.window;
    }
    return result;
  }

  async initWindows(hallId: string, windows: { id: string; number: number }[]): Promise<number> {
    const p = this.prefix(hallId);
    const raw = await this.call('init_windows', `${p}seq`, p, '0', '', JSON.stringify({ hall: hallId, windows }));
    return (JSON.parse(raw) as { created: number }).created;
  }

  async snapshot(hallId: string, layout: { windows: string[]; services: string[]; classes: readonly string[] }): Promise<HallSnapshot> {
    const p = this.prefix(hallId);
    const raw = await this.call('snapshot', `${p}seq`, p, '0', '', JSON.stringify({ hall: hallId, ...layout }));
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
  async position(
    hallId: string,
    ticketId: string,
    ranking: { classes: readonly string[]; classRank: Record<string, number>; ageingMs: number },
    /** Now, on the hall's clock: who has waited long enough to age depends on it. */
    now: number,
  ): Promise<{ ticket: TicketView; trackToken: string; rateToken?: string; ahead: number } | null> {
    const p = this.prefix(hallId);
    const raw = await this.call('position', `${p}seq`, p, String(now), '', JSON.stringify({ hall: hallId, ticketId, classes: ranking.classes, classRank: ranking.classRank, ageingMs: ranking.ageingMs }));
    const r = JSON.parse(raw) as { missing?: true; ticket: TicketView; trackToken: string; rateToken?: string; ahead: number };
    return r.missing ? null : r;
  }
}
