/**
 * Reading ticket facts back whole: a row of ticket_facts with the event its last_event_id names,
 * whose ticket is the fact's view (0006_facts_narrow). Both are written in one transaction, so
 * every fact has its event; one without is an archive damaged by hand, said loudly rather than
 * left out.
 */
import type { Kysely, Transaction } from 'kysely';
import { factView, type TicketFact } from '../../domain/facts.js';
import type { HallEvent } from '../../protocol.js';
import { factFromRow, type FactRow } from './rows.js';
import type { ArchiveTables } from './tables.js';

/** A hall's fact rows joined to their last events (`last_event`: its payload); add where/order. */
export function selectFacts(db: Kysely<ArchiveTables> | Transaction<ArchiveTables>, hallId: string) {
  return db
    .selectFrom('ticket_facts as f')
    .leftJoin('archive_events as e', (j) => j.onRef('e.hall_id', '=', 'f.hall_id').onRef('e.id', '=', 'f.last_event_id'))
    .selectAll('f')
    .select('e.payload as last_event')
    .where('f.hall_id', '=', hallId);
}

export function factFromJoined(r: FactRow & { last_event: string | null }): TicketFact {
  const { last_event, ...row } = r;
  if (last_event === null) throw new Error(`ticket ${row.ticket_id}: its last event ${row.last_event_id} is not in the archive`);
  const view = factView(JSON.parse(last_event) as HallEvent);
  if (!view) throw new Error(`ticket ${row.ticket_id}: its last event ${row.last_event_id} carries no ticket`);
  return { ...factFromRow(row), view };
}
