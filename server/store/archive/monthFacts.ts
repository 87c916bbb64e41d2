/**
 * What the month's evaluation reads from the archive, and nothing more: the ticket facts' columns
 * the metrics use (domain/metrics/ticket.ts MetricTicket) and the duty intervals of the span. A
 * month of a busy hall is tens of thousands of rows; reading the wide rows whole (the transfer
 * path JSON, tokens, reasons) and parsing them would cost more than the evaluation itself.
 * SQLite: a kept prepared statement reading arrays (in-process, no objects per row built by the
 * driver); PostgreSQL: the same columns through Kysely. I/O only; the rules are in domain/.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { DutyInterval } from '../../domain/facts.js';
import type { MetricTicket } from '../../domain/metrics/ticket.js';
import type { RatingLevel } from '../../protocol.js';
import type { TicketStatus } from '../../domain/ticket.js';
import { sqliteHandle, type ArchiveDb } from './database.js';
import { intervalFromRow } from './rows.js';

const COLUMNS = `ticket_id, day, service, status, issued_at, first_called_at, last_called_at, finished_at, handling_seconds,
  staff_id, window_id, no_shows, transfers, rating_level, case when transfers > 0 then transfer_path end as transfer_path`;
const FACTS = `select ${COLUMNS} from ticket_facts where hall_id = ? and day >= ? and day <= ?`;

type Row = [string, string, string, string, number, number | null, number | null, number | null, number | null, string | null, string | null, number, number, number | null, string | null];

function toTicket(r: Row): MetricTicket {
  const t: MetricTicket = { ticketId: r[0], day: r[1], service: r[2], status: r[3] as TicketStatus, issuedAt: r[4], noShows: r[11], transfers: r[12] };
  if (r[5] !== null) t.firstCalledAt = r[5];
  if (r[6] !== null) t.lastCalledAt = r[6];
  if (r[7] !== null) t.finishedAt = r[7];
  if (r[8] !== null) t.handlingSeconds = r[8];
  if (r[9] !== null) t.staffId = r[9];
  if (r[10] !== null) t.windowId = r[10];
  if (r[13] !== null) t.rating = { level: r[13] as RatingLevel };
  if (r[14] !== null) t.transferPath = JSON.parse(r[14]) as MetricTicket['transferPath'];
  return t;
}

const statements = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

/** The facts of tickets issued on business days fromDay..toDay (YYYYMMDD, inclusive). */
export async function monthTicketFacts(db: ArchiveDb, hallId: string, fromDay: string, toDay: string): Promise<MetricTicket[]> {
  const handle = sqliteHandle(db);
  if (handle) {
    let statement = statements.get(handle);
    if (!statement) statements.set(handle, (statement = handle.prepare(FACTS).raw(true)));
    return (statement.all(hallId, fromDay, toDay) as Row[]).map(toTicket);
  }
  const { rows } = await sql<Record<string, unknown>>`select ${sql.raw(COLUMNS)} from ticket_facts where hall_id = ${hallId} and day >= ${fromDay} and day <= ${toDay}`.execute(db);
  return rows.map((r) =>
    toTicket([
      r.ticket_id, r.day, r.service, r.status, r.issued_at, r.first_called_at, r.last_called_at, r.finished_at, r.handling_seconds,
      r.staff_id, r.window_id, r.no_shows, r.transfers, r.rating_level, r.transfer_path,
    ] as Row),
  );
}

/** The archive's duty intervals of a hall touching [from, to) (epoch ms), open ones included (attendanceData.ts adds the live day's). */
export async function archivedIntervals(db: ArchiveDb, hallId: string, from: number, to: number): Promise<DutyInterval[]> {
  const rows = await db
    .selectFrom('duty_intervals')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('start_at', '<', to)
    .where((eb) => eb.or([eb('end_at', 'is', null), eb('end_at', '>', from)]))
    .execute();
  return rows.map(intervalFromRow);
}
