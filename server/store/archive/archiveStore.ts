/**
 * The archive's writes: a batch of one hall's events, the facts they change and the new
 * checkpoint, in one transaction. The checkpoint is compared and set in that transaction, so two
 * archivers (a lease that lapsed under a paused process) can never fold the same events twice:
 * the second one finds the checkpoint moved and writes nothing.
 */
import { emptyDutyState, foldDuty, foldTicket, openKey, ticketOf, windowOf, type DutyInterval, type DutyState, type EventSecrets, type TicketFact } from '../../domain/facts.js';
import type { HallEvent, WindowView } from '../../protocol.js';
import { sqliteHandle, type ArchiveDb } from './database.js';
import { sql } from 'kysely';
import { bulkWrite, pgGuardedWrite, type BulkWrite } from './bulk.js';
import { factFromJoined, selectFacts } from './factReads.js';
import { factToRow, intervalFromRow, intervalToRow, type FactRow, type IntervalRow } from './rows.js';
import type { ArchiveTables } from './tables.js';

export interface Checkpoint {
  hallId: string;
  lastId: number;
  lastAt: number;
  dayStartId: number;
  purgedDay: string;
  lost: number;
}

/** One stream entry as read from Redis: the event, its exact JSON, what it keeps secret. */
export interface StreamEntry {
  event: HallEvent;
  json: string;
  secrets?: EventSecrets;
}

/** Stream entries as Redis holds them (LiveStore.streamAfter), parsed for the archive. */
export function streamEntries(raw: { json: string; secrets?: string }[]): StreamEntry[] {
  return raw.map(({ json, secrets }) => ({
    event: JSON.parse(json) as HallEvent,
    json,
    ...(secrets ? { secrets: JSON.parse(secrets) as EventSecrets } : {}),
  }));
}

export interface Batch {
  hallId: string;
  /** The checkpoint this batch continues from (compared in the transaction). */
  afterId: number;
  /** The last id this batch accounts for: its last entry's, or past ids the stream lost. */
  through: number;
  entries: StreamEntry[];
  /** Ids the stream no longer held between afterId and the first entry (counted as lost). */
  missing: number;
  /** The schema version of an event type (docs/events.md). */
  versionOf: (type: string) => number;
  /** The hall's business day at a moment (YYYYMMDD). */
  dayOf: (at: number) => string;
  now: number;
}

/** A batch folded in memory, ready to commit (ArchiveStore.prepare). */
export interface Prepared {
  hallId: string;
  batch: Batch;
  facts: FactRow[];
  intervals: IntervalRow[];
  windows: ArchiveTables['window_states'][];
  /** What the hall stands at once this batch is in: what the next batch folds from. */
  state: Carried;
}

interface Carried {
  lastId: number;
  duty: DutyState;
  facts: Map<string, TicketFact>;
  /** A later batch was prepared from it and changed its maps: it no longer stands at lastId. */
  taken?: boolean;
}

export type BatchResult = { written: true; lastId: number; tickets: number; intervals: number } | { written: false; reason: 'checkpoint_moved' };

const CHUNK = 500;
/** Facts carried from one batch to the next: enough for every ticket a busy hall has open. */
const CARRIED_FACTS = 5_000;

function* chunks<T>(rows: T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** The rows a prepared batch writes, table by table, with the key each is written under. */
export function batchWrites(p: Prepared): [BulkWrite<'archive_events'>, BulkWrite<'ticket_facts'>, BulkWrite<'duty_intervals'>, BulkWrite<'window_states'>] {
  const { hallId, batch } = p;
  const eventRows = batch.entries.map(({ event, json }) => ({
    hall_id: hallId,
    id: event.id,
    type: event.type,
    version: batch.versionOf(event.type),
    at: event.at,
    day: batch.dayOf(event.at),
    payload: json,
  }));
  const factColumns = Object.keys(p.facts[0] ?? {}).filter((c): c is keyof FactRow => c !== 'hall_id' && c !== 'ticket_id');
  return [
    { table: 'archive_events', rows: eventRows, key: ['hall_id', 'id'], onConflict: 'nothing' },
    { table: 'ticket_facts', rows: p.facts, key: ['hall_id', 'ticket_id'], onConflict: factColumns },
    { table: 'duty_intervals', rows: p.intervals, key: ['hall_id', 'interval_id'], onConflict: ['end_at', 'end_event', 'end_cause'] },
    { table: 'window_states', rows: p.windows, key: ['hall_id', 'window_id'], onConflict: ['view', 'event_id', 'at'] },
  ];
}

export class ArchiveStore {
  /** Halls whose checkpoint row is known to exist. */
  private readonly known = new Set<string>();
  /**
   * What the last batch of a hall left, so the next one need not read it back: the duty state and
   * the facts of recent tickets. Valid only while this store is the hall's writer and its last
   * write went through; dropped on a moved checkpoint or a failed write.
   */
  private readonly carried = new Map<string, Carried>();

  private readonly sqlite: ReturnType<typeof sqliteHandle>;

  constructor(readonly db: ArchiveDb) {
    this.sqlite = sqliteHandle(db);
  }

  async checkpoint(hallId: string): Promise<Checkpoint> {
    const row = await this.db.selectFrom('archive_checkpoints').selectAll().where('hall_id', '=', hallId).executeTakeFirst();
    return row
      ? { hallId, lastId: row.last_id, lastAt: row.last_at, dayStartId: row.day_start_id, purgedDay: row.purged_day, lost: row.lost }
      : { hallId, lastId: 0, lastAt: 0, dayStartId: 0, purgedDay: '', lost: 0 };
  }

  private async ensureCheckpoint(hallId: string, now: number): Promise<void> {
    if (this.known.has(hallId)) return;
    await this.db
      .insertInto('archive_checkpoints')
      .values({ hall_id: hallId, last_id: 0, last_at: 0, day_start_id: 0, purged_day: '', lost: 0, updated_at: now })
      .onConflict((oc) => oc.column('hall_id').doNothing())
      .execute();
    this.known.add(hallId);
  }

  /** Archive one batch: events, ticket facts, duty intervals, window states and checkpoint, all or nothing. */
  async write(batch: Batch): Promise<BatchResult> {
    return this.commit(await this.prepare(batch));
  }

  /**
   * Fold a batch into the facts it changes, in memory: from the batch prepared before it (the
   * archiver prepares the next batch while the last one commits), else from what this store
   * carried from its last commit, else from the archive. Nothing is written; commit() writes it if
   * the checkpoint still stands where the batch begins.
   */
  async prepare(batch: Batch, previous?: Prepared): Promise<Prepared> {
    const { hallId, entries } = batch;
    const chained = previous?.hallId === hallId && previous.batch.through === batch.afterId ? previous.state : this.carried.get(hallId);
    const fresh = chained && !chained.taken && chained.lastId === batch.afterId ? chained : undefined;
    // This batch takes the state over and folds into its maps in place (copying thousands of
    // facts per batch cost more than folding them). Taken, it is fresh for no one else: if this
    // batch is dropped, the next one reads the archive.
    if (fresh) fresh.taken = true;
    const facts = fresh?.facts ?? new Map<string, TicketFact>();
    await this.loadFacts(this.db, hallId, entries, facts);
    const duty = fresh?.duty ?? (await this.loadDuty(this.db, hallId));
    const changedFacts = new Map<string, TicketFact>();
    const changedIntervals = new Map<string, DutyInterval>();
    const changedWindows = new Map<string, { view: WindowView; eventId: number; at: number }>();
    for (const { event, secrets } of entries) {
      const ticket = ticketOf(event);
      if (ticket) {
        const before = facts.get(ticket.id);
        const next = foldTicket(before, event, secrets);
        if (next) {
          // Moved to the end: the facts carried are those of the tickets touched last.
          if (before) facts.delete(next.ticketId);
          facts.set(next.ticketId, next);
          changedFacts.set(next.ticketId, next);
        }
      }
      const window = windowOf(event);
      if (window) {
        for (const i of foldDuty(duty, event, batch.dayOf)) changedIntervals.set(i.id, i);
        changedWindows.set(window.id, { view: window, eventId: event.id, at: event.at });
      }
    }
    for (const id of facts.keys()) {
      if (facts.size <= CARRIED_FACTS) break;
      facts.delete(id);
    }
    return {
      hallId,
      batch,
      facts: [...changedFacts.values()].map(factToRow),
      intervals: [...changedIntervals.values()].map((i) => intervalToRow(hallId, i)),
      windows: [...changedWindows].map(([windowId, w]) => ({ hall_id: hallId, window_id: windowId, view: JSON.stringify(w.view), event_id: w.eventId, at: w.at })),
      state: { lastId: batch.through, duty, facts },
    };
  }

  /** Write a prepared batch in one transaction, if the checkpoint still stands where it begins. */
  async commit(p: Prepared): Promise<BatchResult> {
    const { hallId, batch } = p;
    const { entries } = batch;
    const last = entries.at(-1)?.event;
    if (batch.through <= batch.afterId) return { written: true, lastId: batch.afterId, tickets: 0, intervals: 0 };
    await this.ensureCheckpoint(hallId, batch.now);
    const rollover = entries.findLast((e) => e.event.type === 'day.rolledOver')?.event.id;
    this.carried.delete(hallId); // comes back only if this commit goes through
    const writes = batchWrites(p);
    const written = { written: true, lastId: batch.through, tickets: p.facts.length, intervals: p.intervals.length } as const;
    const moved = { written: false, reason: 'checkpoint_moved' } as const;
    let result: BatchResult;
    if (!this.sqlite) {
      // PostgreSQL: the checkpoint's compare-and-set and every write in one statement, one round trip.
      const guard = sql`update archive_checkpoints set
          last_id = ${batch.through},
          last_at = ${last ? sql`${last.at}` : sql`last_at`},
          day_start_id = ${rollover !== undefined ? sql`${rollover}` : sql`day_start_id`},
          lost = lost + ${batch.missing},
          updated_at = ${batch.now}
        where hall_id = ${hallId} and last_id = ${batch.afterId}
        returning 1`;
      result = (await pgGuardedWrite(this.db, guard, writes as BulkWrite<keyof ArchiveTables>[])) ? written : moved;
    } else {
      const sqlite = this.sqlite;
      result = await this.db.transaction().execute(async (trx) => {
        // First statement: takes the write lock.
        const cas = await trx
          .updateTable('archive_checkpoints')
          .set((eb) => ({
            last_id: batch.through,
            last_at: last ? last.at : eb.ref('last_at'),
            day_start_id: rollover ?? eb.ref('day_start_id'),
            lost: eb('lost', '+', batch.missing),
            updated_at: batch.now,
          }))
          .where('hall_id', '=', hallId)
          .where('last_id', '=', batch.afterId)
          .executeTakeFirst();
        if (Number(cas.numUpdatedRows) !== 1) return moved;
        for (const w of writes) await bulkWrite(trx, w as BulkWrite<keyof ArchiveTables>, sqlite);
        return written;
      });
    }
    if (result.written) this.carried.set(hallId, p.state);
    return result;
  }

  /** Record a day's ticket hashes as removed from Redis. */
  async markPurged(hallId: string, day: string): Promise<void> {
    await this.db.updateTable('archive_checkpoints').set({ purged_day: day }).where('hall_id', '=', hallId).execute();
  }

  /** Ids of a hall's archived tickets issued after `afterDay` up to `throughDay` (YYYYMMDD). */
  async ticketIdsOfDays(hallId: string, afterDay: string, throughDay: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('ticket_facts')
      .select('ticket_id')
      .where('hall_id', '=', hallId)
      .where('day', '>', afterDay)
      .where('day', '<=', throughDay)
      .execute();
    return rows.map((r) => r.ticket_id);
  }

  /** Add to `facts` those of the batch's tickets it lacks that the archive holds. */
  private async loadFacts(db: ArchiveDb, hallId: string, entries: StreamEntry[], facts: Map<string, TicketFact>): Promise<void> {
    // A ticket whose first event here is its issue has no fact yet: nothing to look up.
    const first = new Map<string, string>();
    for (const e of entries) {
      const t = ticketOf(e.event);
      if (t && !first.has(t.id)) first.set(t.id, e.event.type);
    }
    const ids: string[] = [];
    for (const [id, type] of first) if (type !== 'ticket.issued' && !facts.has(id)) ids.push(id);
    for (const part of chunks(ids, 500)) {
      const rows = await selectFacts(db, hallId).where('f.ticket_id', 'in', part).execute();
      for (const r of rows) facts.set(r.ticket_id, factFromJoined(r));
    }
  }

  private async loadDuty(db: ArchiveDb, hallId: string): Promise<DutyState> {
    const state = emptyDutyState();
    const windows = await db.selectFrom('window_states').select(['window_id', 'view']).where('hall_id', '=', hallId).execute();
    for (const w of windows) state.windows.set(w.window_id, JSON.parse(w.view) as WindowView);
    const open = await db.selectFrom('duty_intervals').selectAll().where('hall_id', '=', hallId).where('end_event', 'is', null).execute();
    for (const r of open) {
      const i = intervalFromRow(r);
      state.open.set(openKey(i), i);
    }
    return state;
  }

}
