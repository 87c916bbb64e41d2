/** Reads what a rebuild of the live day needs from the archive (server/domain/liveDay.ts ArchivedDay). */
import { ticketOf } from '../../domain/facts.js';
import type { ArchivedDay } from '../../domain/liveDay.js';
import { shiftDay } from '../../domain/time.js';
import type { HallEvent, WindowView } from '../../protocol.js';
import type { ArchiveDb } from './database.js';
import { factFromJoined, selectFacts } from './factReads.js';
import { intervalFromRow } from './rows.js';

const UNFINISHED = ['waiting', 'called', 'serving'];

/**
 * The hall's day as archived: the day that began with the last archived rollover (or `fallbackDay`
 * when none was archived yet), tickets of that day and the one before and any still unfinished,
 * every window's last state, the open duty intervals and the day's events.
 */
export async function readArchivedDay(db: ArchiveDb, hallId: string, fallbackDay: string): Promise<ArchivedDay> {
  const cp = await db.selectFrom('archive_checkpoints').selectAll().where('hall_id', '=', hallId).executeTakeFirst();
  const lastEventId = cp?.last_id ?? 0;
  const dayStartId = cp?.day_start_id ?? 0;
  let day = fallbackDay;
  if (dayStartId > 0) {
    const start = await db.selectFrom('archive_events').select('payload').where('hall_id', '=', hallId).where('id', '=', dayStartId).executeTakeFirst();
    const begun = start ? (JSON.parse(start.payload) as HallEvent) : undefined;
    const date = begun?.type === 'day.rolledOver' ? begun.date : undefined;
    if (date) day = date;
  }
  const ticketRows = await selectFacts(db, hallId)
    .where((eb) => eb.or([eb('f.day', '>=', shiftDay(day, -1)), eb('f.status', 'in', UNFINISHED)]))
    .orderBy('f.ticket_id')
    .execute();
  const windowRows = await db.selectFrom('window_states').select('view').where('hall_id', '=', hallId).orderBy('window_id').execute();
  const openRows = await db.selectFrom('duty_intervals').selectAll().where('hall_id', '=', hallId).where('end_event', 'is', null).execute();
  const eventRows = await db
    .selectFrom('archive_events')
    .select(['id', 'type', 'payload'])
    .where('hall_id', '=', hallId)
    .where('id', '>=', dayStartId)
    .where('id', '<=', lastEventId)
    .orderBy('id')
    .execute();
  return {
    hallId,
    day,
    dayMarked: dayStartId > 0,
    lastEventId,
    tickets: ticketRows.map(factFromJoined),
    windows: windowRows.map((w) => JSON.parse(w.view) as WindowView),
    open: openRows.map(intervalFromRow),
    events: eventRows.map((e) => {
      const called = e.type === 'ticket.called' || e.type === 'ticket.recalled';
      const ticketId = called ? ticketOf(JSON.parse(e.payload) as HallEvent)?.id : undefined;
      return { id: e.id, type: e.type, json: e.payload, ...(ticketId ? { ticketId } : {}) };
    }),
  };
}
