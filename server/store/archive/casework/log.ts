/**
 * The casework's append-only log: every step of a case, every contest of a finding, every record
 * made, with who, when, what and the note. Rows are only ever inserted, each at the next seq of
 * its subject inside the transaction that changes the subject, so the log and the subject agree.
 */
import type { Transaction } from 'kysely';
import type { ArchiveDb } from '../database.js';
import type { ArchiveTables } from '../tables.js';

export type SubjectKind = 'case' | 'inspection' | 'finding' | 'complaint' | 'commendation';

export interface LogEntry {
  subjectKind: SubjectKind;
  subjectId: string;
  seq: number;
  hallId: string;
  at: number;
  actorId: string;
  action: string;
  from?: string;
  to?: string;
  note?: string;
  data?: Record<string, unknown>;
}

type Db = ArchiveDb | Transaction<ArchiveTables>;

export async function appendLog(db: Db, e: Omit<LogEntry, 'seq'> & { seq?: number }): Promise<number> {
  let seq = e.seq;
  if (seq === undefined) {
    const last = await db.selectFrom('casework_log').select((eb) => eb.fn.max('seq').as('seq')).where('subject_kind', '=', e.subjectKind).where('subject_id', '=', e.subjectId).executeTakeFirst();
    seq = Number(last?.seq ?? 0) + 1;
  }
  await db.insertInto('casework_log').values({
    subject_kind: e.subjectKind, subject_id: e.subjectId, seq, hall_id: e.hallId, at: e.at, actor_id: e.actorId, action: e.action,
    from_state: e.from ?? null, to_state: e.to ?? null, note: e.note ?? null, data: e.data && Object.keys(e.data).length ? JSON.stringify(e.data) : null,
  }).execute();
  return seq;
}

export async function readLog(db: Db, subjectKind: SubjectKind, subjectIds: string[]): Promise<LogEntry[]> {
  const rows: ArchiveTables['casework_log'][] = [];
  // In chunks: a month of a city's cases would pass the databases' limits on parameters.
  for (let i = 0; i < subjectIds.length; i += 1000) {
    const ids = subjectIds.slice(i, i + 1000);
    rows.push(...(await db.selectFrom('casework_log').selectAll().where('subject_kind', '=', subjectKind).where('subject_id', 'in', ids).orderBy('subject_id').orderBy('seq').execute()));
  }
  return rows.map((r) => ({
    subjectKind: r.subject_kind as SubjectKind, subjectId: r.subject_id, seq: Number(r.seq), hallId: r.hall_id, at: r.at, actorId: r.actor_id, action: r.action,
    ...(r.from_state !== null ? { from: r.from_state } : {}), ...(r.to_state !== null ? { to: r.to_state } : {}), ...(r.note !== null ? { note: r.note } : {}),
    ...(r.data !== null ? { data: JSON.parse(r.data) as Record<string, unknown> } : {}),
  }));
}

/** Log rows of a hall (tests: nothing changed means no new row). */
export async function logCount(db: ArchiveDb, hallId: string): Promise<number> {
  const r = await db.selectFrom('casework_log').select((eb) => eb.fn.countAll().as('n')).where('hall_id', '=', hallId).executeTakeFirst();
  return Number(r?.n ?? 0);
}
