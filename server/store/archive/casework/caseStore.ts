/**
 * 差评 cases in SQL. A case row holds the opening rating (copied, never updated) and the fold of
 * its steps for queries; the steps themselves are rows of the casework log. Opening is an insert
 * keyed on the ticket (unique hall + ticket): however many hubs see the rating, and however often
 * it is replayed, one case opens. A step is written only over the seq it was taken from (compare
 * and set), with its log row, in one transaction: two people stepping at once cannot both win.
 */
import { foldCase, type BadReviewCase, type CaseOpening, type CaseState, type CaseStep } from '../../../domain/cases/badReview.js';
import { pendingDeadlines } from '../../../domain/cases/outcome.js';
import type { ArchiveDb } from '../database.js';
import type { ArchiveTables } from '../tables.js';
import { appendLog, readLog, type LogEntry } from './log.js';

type Row = ArchiveTables['bad_review_cases'];

const openingOf = (r: Row): CaseOpening => ({
  caseId: r.case_id, hallId: r.hall_id, ticketId: r.ticket_id, ticketNumber: r.ticket_number, serviceId: r.service_id, windowId: r.window_id,
  staffId: r.staff_id, level: r.level as 1 | 2, reasons: JSON.parse(r.reasons) as string[], ...(r.comment !== null ? { comment: r.comment } : {}), ratedAt: r.rated_at,
});

const stepData = (s: CaseStep): Record<string, unknown> => {
  const { seq: _seq, at: _at, actorId: _actor, action: _action, from: _from, to: _to, note: _note, ...data } = s;
  return data;
};

const stepOf = (e: LogEntry): CaseStep => ({
  seq: e.seq, at: e.at, actorId: e.actorId, action: e.action as CaseStep['action'],
  ...(e.from ? { from: e.from as CaseState } : {}), to: e.to as CaseState, ...(e.note ? { note: e.note } : {}), ...(e.data ?? {}),
});

/** The row's projection of a case (what queries filter on). */
const projection = (c: BadReviewCase) => ({
  state: c.state,
  assignee: c.assignee ?? null,
  at_fault: c.atFault === null ? null : c.atFault ? 1 : 0,
  voided: c.voided ? 1 : 0,
  next_due: pendingDeadlines(c)[0]?.due ?? null,
  seq: c.steps.length,
});

export interface CaseFilter {
  staffId?: string;
  states?: CaseState[];
  assignee?: string;
  /** Rated in [ratedFrom, ratedTo). */
  ratedFrom?: number;
  ratedTo?: number;
  /** Cases with a deadline still running that falls before this. */
  dueBefore?: number;
}

export class CaseStore {
  constructor(private readonly db: ArchiveDb) {}

  /** Open the case with its first step; false when it was open already (nothing written). */
  async open(c: BadReviewCase, at: number): Promise<boolean> {
    const step = c.steps[0];
    if (!step) throw new Error('a case opens with its opening step');
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('bad_review_cases')
        .values({
          case_id: c.caseId, hall_id: c.hallId, ticket_id: c.ticketId, ticket_number: c.ticketNumber, service_id: c.serviceId, window_id: c.windowId,
          staff_id: c.staffId, level: c.level, reasons: JSON.stringify(c.reasons), comment: c.comment ?? null, rated_at: c.ratedAt, opened_at: c.openedAt,
          ...projection(c), updated_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0n) !== 1) return false;
      await appendLog(trx, { subjectKind: 'case', subjectId: c.caseId, seq: step.seq, hallId: c.hallId, at: step.at, actorId: step.actorId, action: step.action, to: step.to, ...(step.note ? { note: step.note } : {}), data: stepData(step) });
      return true;
    });
  }

  async get(caseId: string): Promise<BadReviewCase | undefined> {
    const row = await this.db.selectFrom('bad_review_cases').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    return row ? (await this.withSteps([row]))[0] : undefined;
  }

  async byTicket(hallId: string, ticketId: string): Promise<BadReviewCase | undefined> {
    const row = await this.db.selectFrom('bad_review_cases').selectAll().where('hall_id', '=', hallId).where('ticket_id', '=', ticketId).executeTakeFirst();
    return row ? (await this.withSteps([row]))[0] : undefined;
  }

  /**
   * Append a step taken from the case as it was at `step.seq − 1`; false when someone stepped
   * first (nothing written). `next` is the case after the step (badReview.ts takeStep).
   */
  async append(next: BadReviewCase, step: CaseStep): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('bad_review_cases')
        .set({ ...projection(next), updated_at: step.at })
        .where('case_id', '=', next.caseId)
        .where('seq', '=', step.seq - 1)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await appendLog(trx, {
        subjectKind: 'case', subjectId: next.caseId, seq: step.seq, hallId: next.hallId, at: step.at, actorId: step.actorId, action: step.action,
        ...(step.from ? { from: step.from } : {}), to: step.to, ...(step.note ? { note: step.note } : {}), data: stepData(step),
      });
      return true;
    });
  }

  /** A hall's cases, newest rating first. */
  async list(hallId: string, f: CaseFilter = {}): Promise<BadReviewCase[]> {
    let q = this.db.selectFrom('bad_review_cases').selectAll().where('hall_id', '=', hallId);
    if (f.staffId) q = q.where('staff_id', '=', f.staffId);
    if (f.states?.length) q = q.where('state', 'in', f.states);
    if (f.assignee) q = q.where('assignee', '=', f.assignee);
    if (f.ratedFrom !== undefined) q = q.where('rated_at', '>=', f.ratedFrom);
    if (f.ratedTo !== undefined) q = q.where('rated_at', '<', f.ratedTo);
    if (f.dueBefore !== undefined) q = q.where('next_due', '<', f.dueBefore);
    return this.withSteps(await q.orderBy('rated_at', 'desc').orderBy('case_id').execute());
  }

  /**
   * Bad ratings (1–2) archived since `since` whose case was never opened: a hub that stopped
   * between the rating and its delivery. Shaped as openCase takes them.
   */
  async ratingsWithoutCase(since: number): Promise<{ hallId: string; ratedAt: number; rating: { ticketId: string; ticketNumber: string; serviceId: string; windowId: string; staffId: string; level: 1 | 2; reasons?: string[]; comment?: string } }[]> {
    const rows = await this.db
      .selectFrom('ticket_facts as t')
      .leftJoin('bad_review_cases as c', (j) => j.onRef('c.hall_id', '=', 't.hall_id').onRef('c.ticket_id', '=', 't.ticket_id'))
      .select(['t.hall_id', 't.ticket_id', 't.number', 't.service', 't.window_id', 't.staff_id', 't.rating_level', 't.rating_reasons', 't.rating_comment', 't.rated_at'])
      .where('t.rating_level', 'in', [1, 2])
      .where('t.rated_at', '>=', since)
      .where('c.case_id', 'is', null)
      .execute();
    return rows
      .filter((r) => r.window_id && r.staff_id && r.rated_at !== null)
      .map((r) => ({
        hallId: r.hall_id, ratedAt: r.rated_at!,
        rating: {
          ticketId: r.ticket_id, ticketNumber: r.number, serviceId: r.service, windowId: r.window_id!, staffId: r.staff_id!, level: r.rating_level as 1 | 2,
          ...(r.rating_reasons ? { reasons: JSON.parse(r.rating_reasons) as string[] } : {}), ...(r.rating_comment ? { comment: r.rating_comment } : {}),
        },
      }));
  }

  /** Cases of every hall with a deadline still running (the alerts schedule them at start). */
  async running(): Promise<BadReviewCase[]> {
    return this.withSteps(await this.db.selectFrom('bad_review_cases').selectAll().where('next_due', 'is not', null).execute());
  }

  private async withSteps(rows: Row[]): Promise<BadReviewCase[]> {
    const log = await readLog(this.db, 'case', rows.map((r) => r.case_id));
    const steps = new Map<string, CaseStep[]>();
    for (const e of log) {
      const list = steps.get(e.subjectId) ?? [];
      list.push(stepOf(e));
      steps.set(e.subjectId, list);
    }
    return rows.map((r) => foldCase(openingOf(r), steps.get(r.case_id) ?? []));
  }
}
