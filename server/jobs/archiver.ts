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
import type { RedisClient } from '../store/redisClient.js';
import type { Halls } from '../commands/context.js';
import type { Hall } from '../domain/hall.js';
import { shiftDay, type Clock } from '../domain/time.js';
import type { HallEvent } from '../protocol.js';
import { streamEntries, type ArchiveStore, type BatchResult, type Prepared, type StreamEntry } from '../store/archive/archiveStore.js';
import type { LiveStore } from '../store/liveStore.js';
import { archiverLeaseKey } from '../store/keys.js';
import { component } from '../log.js';
import { instruments } from '../metrics.js';

const batchLog = component('archive');

export interface ArchiverOptions {
  redis: RedisClient;
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
  /**
   * The share of time the running archiver may spend writing while it catches up (default 5 %,
   * DEFAULT_SHARE): after a batch that took t (parsing and folding
   * it here, plus its commit from start to end) it rests t × (1/share − 1). Archiving is background work: when the
   * engine runs flat out, the archive falls behind (its lag shows how far) rather than slow the
   * calls; a hall's ordinary traffic is far below what this share archives, so the lag stays
   * under a second. archiveAll() called directly (tests, the rebuild, the bench) never rests.
   */
  share?: number;
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

/**
 * A hall's business day of a moment, remembered per minute: every archived event needs its day,
 * and a time-zone conversion per event cost the archive a tenth of its time. Within a minute the
 * local date cannot change (zone offsets are whole minutes).
 */
export function businessDays(hall: Hall): (at: number) => string {
  let minute = NaN;
  let day = '';
  return (at: number) => {
    const m = Math.floor(at / 60_000);
    if (m !== minute) {
      minute = m;
      day = hall.businessDay(at);
    }
    return day;
  };
}

/**
 * The archiver's share of time by default, on either database. call-next loses about that share
 * of its throughput when the engine runs flat out — SQLite writes in the hub's own thread; a
 * PostgreSQL server on the same machine works on its cores, about 1.5 times the server CPU of a
 * bare insert of the same rows, and after a commit (autovacuum, WAL writing) where no timer here
 * sees it. Measured with bench:archive on a 2-core machine: at 10 % PostgreSQL's archiver cost
 * call-next 16–27 % in three of four loaded runs, SQLite's 3.2–11.2 % in five quiet ones (one over
 * the 10 % goal); round-to-round noise is ±4 points. 5 % keeps the cost under the goal with that
 * noise; a county hall's traffic (about an event a second) is a thousandth of what it archives.
 */
export const DEFAULT_SHARE = 0.05;

export class Archiver {
  private readonly token = randomBytes(12).toString('hex');
  private readonly leaseKey: string;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly leaseMs: number;
  private readonly share: number;
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
    this.share = o.share ?? DEFAULT_SHARE;
  }

  /** Wait, unless stop() comes first. */
  private rest(ms: number): Promise<void> {
    return new Promise<void>((ok) => ((this.wake = ok), (this.timer = setTimeout(ok, ms))));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      let failing = '';
      while (this.running) {
        try {
          if (await this.lease()) await this.archiveAll(true);
          if (failing) this.o.log?.('[archive] archiving again');
          failing = '';
        } catch (err) {
          // Redis or SQL away: say so once (and again if the reason changes), try again next
          // round; nothing was half-written.
          const message = err instanceof Error ? err.message : String(err);
          if (message !== failing) this.o.log?.(`[archive] ${message}; retrying`);
          failing = message;
        }
        if (this.running) await this.rest(this.intervalMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
    if (this.holding) {
      const released = await this.o.redis.eval(RELEASE, 1, this.leaseKey, this.token).catch(() => 0);
      batchLog.info(released === 1 ? 'archiving lease released' : 'archiving lease could not be released (Redis away); it expires by itself');
    }
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
    if (this.holding) batchLog.info('archiving lease taken: this process archives');
    return this.holding;
  }

  /** Archive every hall up to its last event, then trim. Exposed for tests and the rebuild command. */
  async archiveAll(paced = false): Promise<void> {
    for (const hall of this.o.halls.all()) await this.archiveHall(hall, paced);
  }

  async archiveHall(hall: Hall, paced = false): Promise<void> {
    const { store, archive } = this.o;
    let cp = await archive.checkpoint(hall.id);
    const last = await store.lastEventId(hall.id);
    if (last < cp.lastId) {
      if (this.o.onRedisBehind) await this.o.onRedisBehind(hall.id, last, cp.lastId);
      else this.o.log?.(`[archive] ${hall.id}: Redis holds events to ${last}, the archive to ${cp.lastId}: rebuild the live day (npm run rebuild -- --hall ${hall.id})`);
      return;
    }
    const dayOf = businessDays(hall);
    // Read and parse the next batch while this one is written: with PostgreSQL the parsing runs
    // while the database works.
    let parsingMs = 0;
    const read = (after: number) => {
      const p = store.streamAfter(hall.id, after, this.batchSize).then((raw): StreamEntry[] => {
        const t = performance.now();
        const entries = streamEntries(raw);
        parsingMs += performance.now() - t;
        return entries;
      });
      p.catch(() => undefined); // awaited below, or dropped when the loop ends early: never unhandled
      return p;
    };
    let archived = cp.lastId;
    let pending: Promise<StreamEntry[]> | undefined = read(archived);
    // One batch commits while the next is folded (PostgreSQL works while this process folds).
    let inFlight: { commit: Promise<{ result: BatchResult; ms: number }>; preparedMs: number; started: number; afterId: number; through: number } | undefined;
    let previous: Prepared | undefined;
    const settle = async (): Promise<boolean> => {
      if (!inFlight) return true;
      const { commit, preparedMs, started, afterId, through } = inFlight;
      inFlight = undefined;
      const { result, ms: commitMs } = await commit;
      if (!result.written) return false; // another archiver moved on: nothing written here
      instruments.archiveBatches.inc();
      batchLog.debug({ hallId: hall.id, afterId, through, events: through - afterId, ms: Math.round(performance.now() - started) }, 'archive batch committed');
      // Its share counts what this batch cost: parsing and folding it in this process, and its
      // commit from start to end — the database's work (PostgreSQL's runs on the same machine's
      // cores while this process folds the next batch, so it is added, not overlapped).
      const busy = parsingMs + preparedMs + commitMs;
      parsingMs = 0;
      if (paced && this.share < 1 && this.running) await this.rest(busy * (1 / this.share - 1));
      return true;
    };
    try {
      while (archived < last && pending) {
        if (this.holding && !(await this.lease())) return;
        const entries: StreamEntry[] = await pending;
        // Ids the stream should have held: before the first entry, between entries, or all of them.
        const through = entries.at(-1)?.event.id ?? last;
        const missing = through - archived - entries.length;
        if (missing > 0) this.o.log?.(`[archive] ${hall.id}: ${missing} event(s) after ${archived} were no longer in the stream`);
        pending = through < last ? read(through) : undefined;
        const started = performance.now();
        const prepared = await archive.prepare({ hallId: hall.id, afterId: archived, through, entries, missing, versionOf: this.o.versionOf, dayOf, now: this.o.clock() }, previous);
        const preparedMs = performance.now() - started;
        if (!(await settle())) return;
        const launched = performance.now();
        const commit = archive.commit(prepared).then((result) => ({ result, ms: performance.now() - launched }));
        commit.catch(() => undefined); // awaited by settle(), here or in finally
        inFlight = { commit, preparedMs, started, afterId: archived, through };
        previous = prepared;
        archived = through;
      }
      if (!(await settle())) return;
    } finally {
      // An error left a commit running: let it end before the next round starts from the checkpoint.
      await inFlight?.commit.catch(() => undefined);
    }
    cp = await archive.checkpoint(hall.id);
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

  /**
   * Whether the archive holds every event of the hall before `t` (the month-end evaluation waits
   * for it), and the last archived event id.
   */
  async archivedPast(hallId: string, t: number): Promise<{ done: boolean; archivedId: number }> {
    const cp = await this.o.archive.checkpoint(hallId);
    const lastEventId = await this.o.store.lastEventId(hallId);
    if (lastEventId <= cp.lastId) return { done: true, archivedId: cp.lastId };
    // Ids rise with time: the first event not yet archived tells whether anything before t is missing.
    const [first] = await this.o.store.streamAfter(hallId, cp.lastId, 1);
    const firstAt = first ? (JSON.parse(first.json) as HallEvent).at : Infinity;
    return { done: firstAt >= t, archivedId: cp.lastId };
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
