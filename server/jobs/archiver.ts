/**
 * The archiver: copies every hall's event stream into the SQL archive with the facts derived from
 * it, then trims what Redis no longer needs. Exactly one runs however many hubs do: it holds a
 * lease in Redis (SET NX PX, renewed while it works). Why a lease and not a BullMQ job scheduler:
 * archiving is one continuous reader per hall that should follow the stream within a second; a
 * scheduler would add a job (and its Redis bookkeeping) per tick and still let two ticks overlap
 * on two hubs. The lease is not what makes it safe, though: every batch compares and sets the
 * checkpoint in its own transaction (ArchiveStore.write), so an archiver that lost its lease while
 * paused writes nothing, and a crash mid-batch rolls the whole batch back.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Halls } from '../commands/context.js';
import type { EventSecrets } from '../domain/facts.js';
import type { Hall } from '../domain/hall.js';
import { shiftDay, type Clock } from '../domain/time.js';
import type { HallEvent } from '../protocol.js';
import type { ArchiveStore, StreamEntry } from '../store/archive/archiveStore.js';
import type { LiveStore } from '../store/liveStore.js';
import { archiverLeaseKey } from '../store/keys.js';

export interface ArchiverOptions {
  redis: Redis;
  keyPrefix: string;
  store: LiveStore;
  archive: ArchiveStore;
  halls: Halls;
  clock: Clock;
  /** The schema version of an event type. */
  versionOf: (type: string) => number;
  /** Events per transaction (default 500). */
  batchSize?: number;
  /** How often the holder looks for new events, and others for a free lease (default 500 ms). */
  intervalMs?: number;
  /** How long a lease outlives its holder (default 10 s): a killed archiver's successor waits this long at most. */
  leaseMs?: number;
  /** Called when Redis holds less of a hall than the archive (flushed, restored from an old backup). */
  onRedisBehind?: (hallId: string, redisLastId: number, archivedLastId: number) => Promise<void>;
  log?: (message: string) => void;
}

export interface ArchiveLag {
  hallId: string;
  archivedId: number;
  lastEventId: number;
  /** Events in Redis not yet archived. */
  eventsBehind: number;
  /** Age of the oldest event not yet archived, in seconds (0 when caught up). */
  secondsBehind: number;
  /** Events the stream no longer held when the archiver came for them, over the hall's life. */
  lost: number;
  /** Redis holds fewer events than the archive: the live day needs a rebuild. */
  redisBehind: boolean;
}

// Renew only if we still hold it; release only our own.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class Archiver {
  private readonly token = randomBytes(12).toString('hex');
  private readonly leaseKey: string;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly leaseMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  holding = false;

  constructor(private readonly o: ArchiverOptions) {
    this.leaseKey = archiverLeaseKey(o.keyPrefix);
    this.batchSize = o.batchSize ?? 500;
    this.intervalMs = o.intervalMs ?? 500;
    this.leaseMs = o.leaseMs ?? 10_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          if (await this.lease()) await this.archiveAll();
        } catch (err) {
          // Redis or SQL away: say so and try again next round; nothing was half-written.
          this.o.log?.(`[archive] ${err instanceof Error ? err.message : String(err)}; retrying`);
        }
        if (this.running) await new Promise<void>((ok) => ((this.wake = ok), (this.timer = setTimeout(ok, this.intervalMs))));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
    if (this.holding) await this.o.redis.eval(RELEASE, 1, this.leaseKey, this.token).catch(() => undefined);
    this.holding = false;
  }

  /** Take or keep the lease; false while another archiver holds it. */
  private async lease(): Promise<boolean> {
    if (this.holding) {
      this.holding = (await this.o.redis.eval(RENEW, 1, this.leaseKey, this.token, String(this.leaseMs))) === 1;
      if (!this.holding) this.o.log?.('[archive] lease lost; another hub archives now');
      return this.holding;
    }
    this.holding = (await this.o.redis.set(this.leaseKey, this.token, 'PX', this.leaseMs, 'NX')) === 'OK';
    return this.holding;
  }

  /** Archive every hall up to its last event, then trim. Exposed for tests and the rebuild command. */
  async archiveAll(): Promise<void> {
    for (const hall of this.o.halls.all()) await this.archiveHall(hall);
  }

  async archiveHall(hall: Hall): Promise<void> {
    const { store, archive } = this.o;
    let cp = await archive.checkpoint(hall.id);
    const last = await store.lastEventId(hall.id);
    if (last < cp.lastId) {
      if (this.o.onRedisBehind) await this.o.onRedisBehind(hall.id, last, cp.lastId);
      else this.o.log?.(`[archive] ${hall.id}: Redis holds events to ${last}, the archive to ${cp.lastId}: rebuild the live day (npm run rebuild -- --hall ${hall.id})`);
      return;
    }
    const dayOf = (at: number) => hall.businessDay(at);
    while (cp.lastId < last) {
      if (this.holding && !(await this.lease())) return;
      const raw = await store.streamAfter(hall.id, cp.lastId, this.batchSize);
      const entries: StreamEntry[] = raw.map(({ json, secrets }) => ({
        event: JSON.parse(json) as HallEvent,
        json,
        ...(secrets ? { secrets: JSON.parse(secrets) as EventSecrets } : {}),
      }));
      // Ids the stream should have held: before the first entry, between entries, or all of them.
      const through = entries.at(-1)?.event.id ?? last;
      const missing = through - cp.lastId - entries.length;
      if (missing > 0) this.o.log?.(`[archive] ${hall.id}: ${missing} event(s) after ${cp.lastId} were no longer in the stream`);
      const result = await archive.write({ hallId: hall.id, afterId: cp.lastId, through, entries, missing, versionOf: this.o.versionOf, dayOf, now: this.o.clock() });
      if (!result.written) return; // another archiver moved on: nothing written here
      cp = await archive.checkpoint(hall.id);
    }
    await this.trim(hall, cp.lastId, cp.dayStartId, cp.purgedDay);
  }

  /**
   * Redis keeps what reconnecting screens need: today's events (from the last rollover) and
   * tickets of today and yesterday (a late rating, the tracker). What is archived and older goes.
   */
  private async trim(hall: Hall, archivedId: number, dayStartId: number, purgedDay: string): Promise<void> {
    if (dayStartId > 1 && dayStartId <= archivedId) await this.o.store.trimStream(hall.id, dayStartId);
    const through = shiftDay(hall.businessDay(this.o.clock()), -2);
    if (purgedDay >= through) return;
    const ids = await this.o.archive.ticketIdsOfDays(hall.id, purgedDay, through);
    await this.o.store.forgetTickets(hall.id, ids);
    await this.o.archive.markPurged(hall.id, through);
  }

  async lag(hallId: string): Promise<ArchiveLag> {
    const cp = await this.o.archive.checkpoint(hallId);
    const lastEventId = await this.o.store.lastEventId(hallId);
    const behind = Math.max(0, lastEventId - cp.lastId);
    let secondsBehind = 0;
    if (behind > 0) {
      const [first] = await this.o.store.streamAfter(hallId, cp.lastId, 1);
      if (first) secondsBehind = Math.max(0, (this.o.clock() - (JSON.parse(first.json) as HallEvent).at) / 1000);
    }
    return { hallId, archivedId: cp.lastId, lastEventId, eventsBehind: behind, secondsBehind, lost: cp.lost, redisBehind: lastEventId < cp.lastId };
  }
}
