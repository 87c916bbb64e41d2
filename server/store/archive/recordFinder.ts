/**
 * The drill-down's reader: the records a score item points at (RecordRef), looked up where they
 * are kept. The archive answers for tickets (their facts, without the citizen's tokens) and
 * events; the casework's store answers for cases, inspections, findings, complaints and
 * commendations. A finder returns what it holds and leaves the rest unanswered.
 */
import type { RecordRef } from '../../domain/evaluation/records.js';
import type { ArchiveDb } from './database.js';
import { factFromRow } from './rows.js';

export type FoundRecords = Map<string, Record<string, unknown>>;
export const refKey = (r: RecordRef): string => `${r.kind}:${r.id}`;

export interface RecordFinder {
  find(hallId: string, refs: readonly RecordRef[]): Promise<FoundRecords>;
}

/** Several finders asked together; the first to answer for a record wins. */
export const combinedFinder = (...finders: RecordFinder[]): RecordFinder => ({
  async find(hallId, refs) {
    const out: FoundRecords = new Map();
    for (const f of finders) {
      const missing = refs.filter((r) => !out.has(refKey(r)));
      if (!missing.length) break;
      for (const [k, v] of await f.find(hallId, missing)) if (!out.has(k)) out.set(k, v);
    }
    return out;
  },
});

export class ArchiveRecordFinder implements RecordFinder {
  constructor(private readonly db: ArchiveDb) {}

  async find(hallId: string, refs: readonly RecordRef[]): Promise<FoundRecords> {
    const out: FoundRecords = new Map();
    const tickets = [...new Set(refs.filter((r) => r.kind === 'ticket').map((r) => r.id))];
    for (let i = 0; i < tickets.length; i += 500) {
      const rows = await this.db.selectFrom('ticket_facts').selectAll().where('hall_id', '=', hallId).where('ticket_id', 'in', tickets.slice(i, i + 500)).execute();
      for (const row of rows) {
        const { hallId: _h, trackToken: _t, rateToken: _r, queuedAt: _q, lastEventId: _l, ...shown } = factFromRow(row);
        out.set(`ticket:${row.ticket_id}`, shown);
      }
    }
    const events = [...new Set(refs.filter((r) => r.kind === 'event' && /^\d{1,15}$/.test(r.id)).map((r) => Number(r.id)))];
    for (let i = 0; i < events.length; i += 500) {
      const rows = await this.db.selectFrom('archive_events').select(['id', 'type', 'at', 'payload']).where('hall_id', '=', hallId).where('id', 'in', events.slice(i, i + 500)).execute();
      for (const row of rows) out.set(`event:${row.id}`, { id: Number(row.id), type: row.type, at: row.at, event: JSON.parse(row.payload) as unknown });
    }
    return out;
  }
}
