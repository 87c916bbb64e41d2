/**
 * The archive's writes: a batch of one hall's events, the facts they change and the new
 * checkpoint, in one transaction. The checkpoint is compared and set in that transaction, so two
 * archivers (a lease that lapsed under a paused process) can never fold the same events twice:
 * the second one finds the checkpoint moved and writes nothing.
 */
import type { Transaction } from 'kysely';
import { emptyDutyState, foldDuty, foldTicket, openKey, ticketOf, windowOf, type DutyInterval, type DutyState, type EventSecrets, type TicketFact } from '../../domain/facts.js';
import type { HallEvent, WindowView } from '../../protocol.js';
import type { ArchiveDb } from './database.js';
import { factFromRow, factToRow, intervalFromRow, intervalToRow, type FactRow } from './rows.js';
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

export type BatchResult = { written: true; lastId: number; tickets: number; intervals: number } | { written: false; reason: 'checkpoint_moved' };

type Trx = Transaction<ArchiveTables>;

// Bound parameters per statement stay far below SQLite's 32,766 and PostgreSQL's 65,535.
const CHUNK = 200;
function* chunks<T>(rows: T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export class ArchiveStore {
  constructor(readonly db: ArchiveDb) {}

  async checkpoint(hallId: string): Promise<Checkpoint> {
    const row = await this.db.selectFrom('archive_checkpoints').selectAll().where('hall_id', '=', hallId).executeTakeFirst();
    return row
      ? { hallId, lastId: row.last_id, lastAt: row.last_at, dayStartId: row.day_start_id, purgedDay: row.purged_day, lost: row.lost }
      : { hallId, lastId: 0, lastAt: 0, dayStartId: 0, purgedDay: '', lost: 0 };
  }

  private async ensureCheckpoint(hallId: string, now: number): Promise<void> {
    await this.db
      .insertInto('archive_checkpoints')
      .values({ hall_id: hallId, last_id: 0, last_at: 0, day_start_id: 0, purged_day: '', lost: 0, updated_at: now })
      .onConflict((oc) => oc.column('hall_id').doNothing())
      .execute();
  }

  /** Archive one batch: events, ticket facts, duty intervals, window states and checkpoint, all or nothing. */
  async write(batch: Batch): Promise<BatchResult> {
    const { hallId, entries } = batch;
    const last = entries.at(-1)?.event;
    if (batch.through <= batch.afterId) return { written: true, lastId: batch.afterId, tickets: 0, intervals: 0 };
    await this.ensureCheckpoint(hallId, batch.now);
    const rollover = entries.findLast((e) => e.event.type === 'day.rolledOver')?.event.id;
    return this.db.transaction().execute(async (trx) => {
      // First statement: takes the write lock (SQLite) or the row lock (PostgreSQL) before any read.
      const moved = await trx
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
      if (Number(moved.numUpdatedRows) !== 1) return { written: false, reason: 'checkpoint_moved' } as const;

      const facts = await this.loadFacts(trx, hallId, entries);
      const duty = await this.loadDuty(trx, hallId);
      const changedFacts = new Map<string, TicketFact>();
      const changedIntervals = new Map<string, DutyInterval>();
      const changedWindows = new Map<string, { view: WindowView; eventId: number; at: number }>();
      for (const { event, secrets } of entries) {
        const ticket = ticketOf(event);
        if (ticket) {
          const next = foldTicket(facts.get(ticket.id), event, secrets);
          if (next) {
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

      for (const part of chunks(entries)) {
        const rows = part.map(({ event, json }) => ({
          hall_id: hallId,
          id: event.id,
          type: event.type,
          version: batch.versionOf(event.type),
          at: event.at,
          day: batch.dayOf(event.at),
          payload: json,
        }));
        await trx.insertInto('archive_events').values(rows).onConflict((oc) => oc.columns(['hall_id', 'id']).doNothing()).execute();
      }
      await this.upsertFacts(trx, [...changedFacts.values()].map(factToRow));
      await this.upsertIntervals(trx, hallId, [...changedIntervals.values()]);
      for (const rows of chunks([...changedWindows].map(([windowId, w]) => ({ hall_id: hallId, window_id: windowId, view: JSON.stringify(w.view), event_id: w.eventId, at: w.at })))) {
        await trx
          .insertInto('window_states')
          .values(rows)
          .onConflict((oc) => oc.columns(['hall_id', 'window_id']).doUpdateSet((eb) => ({ view: eb.ref('excluded.view'), event_id: eb.ref('excluded.event_id'), at: eb.ref('excluded.at') })))
          .execute();
      }
      return { written: true, lastId: batch.through, tickets: changedFacts.size, intervals: changedIntervals.size } as const;
    });
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

  private async loadFacts(trx: Trx, hallId: string, entries: StreamEntry[]): Promise<Map<string, TicketFact>> {
    const ids = [...new Set(entries.flatMap((e) => ticketOf(e.event)?.id ?? []))];
    const facts = new Map<string, TicketFact>();
    for (const part of chunks(ids, 500)) {
      const rows = await trx.selectFrom('ticket_facts').selectAll().where('hall_id', '=', hallId).where('ticket_id', 'in', part).execute();
      for (const r of rows) facts.set(r.ticket_id, factFromRow(r as FactRow));
    }
    return facts;
  }

  private async loadDuty(trx: Trx, hallId: string): Promise<DutyState> {
    const state = emptyDutyState();
    const windows = await trx.selectFrom('window_states').select(['window_id', 'view']).where('hall_id', '=', hallId).execute();
    for (const w of windows) state.windows.set(w.window_id, JSON.parse(w.view) as WindowView);
    const open = await trx.selectFrom('duty_intervals').selectAll().where('hall_id', '=', hallId).where('end_event', 'is', null).execute();
    for (const r of open) {
      const i = intervalFromRow(r);
      state.open.set(openKey(i), i);
    }
    return state;
  }

  private async upsertFacts(trx: Trx, rows: ReturnType<typeof factToRow>[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!).filter((c) => c !== 'hall_id' && c !== 'ticket_id') as (keyof FactRow)[];
    for (const part of chunks(rows, 100)) {
      await trx
        .insertInto('ticket_facts')
        .values(part)
        .onConflict((oc) => oc.columns(['hall_id', 'ticket_id']).doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))))
        .execute();
    }
  }

  private async upsertIntervals(trx: Trx, hallId: string, intervals: DutyInterval[]): Promise<void> {
    for (const part of chunks(intervals.map((i) => intervalToRow(hallId, i)))) {
      await trx
        .insertInto('duty_intervals')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['hall_id', 'interval_id']).doUpdateSet((eb) => ({ end_at: eb.ref('excluded.end_at'), end_event: eb.ref('excluded.end_event'), end_cause: eb.ref('excluded.end_cause') })),
        )
        .execute();
    }
  }
}
