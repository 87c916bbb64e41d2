/**
 * Reading the archive: a hall's tickets and events over a date range, a page at a time (keyset
 * pagination: each page names where the next starts, so pages stay stable while the archive grows).
 */
import type { ArchiveDb } from './database.js';
import { factFromRow, type ArchivedFact } from './rows.js';

export interface Page<T> {
  items: T[];
  /** Pass back as `after` for the next page; absent on the last one. */
  next?: string;
}

export interface ArchivedEvent {
  id: number;
  type: string;
  version: number;
  at: number;
  day: string;
  event: unknown;
}

export class ArchiveHistory {
  constructor(private readonly db: ArchiveDb) {}

  /** Tickets issued on business days `fromDay`…`toDay` (YYYYMMDD, inclusive), by ticket id. */
  async tickets(hallId: string, range: { fromDay: string; toDay: string; after?: string; limit: number }): Promise<Page<ArchivedFact>> {
    let q = this.db
      .selectFrom('ticket_facts')
      .selectAll()
      .where('hall_id', '=', hallId)
      .where('day', '>=', range.fromDay)
      .where('day', '<=', range.toDay);
    if (range.after) q = q.where('ticket_id', '>', range.after);
    const rows = await q.orderBy('ticket_id').limit(range.limit + 1).execute();
    const items = rows.slice(0, range.limit).map(factFromRow);
    return rows.length > range.limit ? { items, next: items.at(-1)!.ticketId } : { items };
  }

  /** Events of business days `fromDay`…`toDay`, oldest first. */
  async events(hallId: string, range: { fromDay: string; toDay: string; after?: number; limit: number }): Promise<Page<ArchivedEvent>> {
    let q = this.db
      .selectFrom('archive_events')
      .selectAll()
      .where('hall_id', '=', hallId)
      .where('day', '>=', range.fromDay)
      .where('day', '<=', range.toDay);
    if (range.after !== undefined) q = q.where('id', '>', range.after);
    const rows = await q.orderBy('id').limit(range.limit + 1).execute();
    const items = rows.slice(0, range.limit).map((r) => ({ id: r.id, type: r.type, version: r.version, at: r.at, day: r.day, event: JSON.parse(r.payload) as unknown }));
    return rows.length > range.limit ? { items, next: String(items.at(-1)!.id) } : { items };
  }
}
