/**
 * Frozen 月度考核 results in SQL: per hall and month, numbered versions 1, 2, … that are only ever
 * inserted. The month-end job freezes version 1 once (a re-run finds it and writes nothing); a
 * correction appends the next number. Two writers racing for the same number cannot both win:
 * the primary key (hall, month, version) refuses the second, which takes the number after.
 */
import type { MonthEvaluation } from '../../domain/evaluation/result.js';
import type { ArchiveDb } from './database.js';
import type { ArchiveTables } from './tables.js';

export const evaluationTriggers = ['month_end', 'recompute'] as const;
export type EvaluationTrigger = (typeof evaluationTriggers)[number];

/** What a version says of itself (the list of versions). */
export interface VersionInfo {
  hallId: string;
  month: string;
  version: number;
  computedAt: number;
  trigger: EvaluationTrigger;
  /** 'job' or the 工号 of the manager who asked. */
  triggeredBy: string;
  reason?: string;
  /** The version this one corrects. */
  basedOn?: number;
  /** The archive's last event id when the facts were read. */
  factsThrough?: number;
}

export interface FrozenEvaluation extends VersionInfo {
  /** The evaluation rules it was computed with, as configured then. */
  rules: unknown;
  evaluation: MonthEvaluation;
}

/** What a caller gives to freeze a result (the store numbers it). */
export type NewVersion = Omit<FrozenEvaluation, 'version' | 'basedOn'>;

type VersionRow = ArchiveTables['evaluation_versions'];
type ScoreRow = ArchiveTables['evaluation_scores'];

const infoOf = (r: Omit<VersionRow, 'rules' | 'result'>): VersionInfo => ({
  hallId: r.hall_id, month: r.month, version: Number(r.version), computedAt: r.computed_at,
  trigger: r.trigger as EvaluationTrigger, triggeredBy: r.triggered_by,
  ...(r.reason !== null ? { reason: r.reason } : {}),
  ...(r.based_on !== null ? { basedOn: Number(r.based_on) } : {}),
  ...(r.facts_through !== null ? { factsThrough: r.facts_through } : {}),
});
const frozenOf = (r: VersionRow): FrozenEvaluation => ({ ...infoOf(r), rules: JSON.parse(r.rules), evaluation: JSON.parse(r.result) as MonthEvaluation });

const deductedOf = (items: { points: number }[]) => items.reduce((n, i) => n + (i.points < 0 ? -i.points : 0), 0);

function scoreRows(hallId: string, month: string, version: number, e: MonthEvaluation): ScoreRow[] {
  const base = { hall_id: hallId, month, version };
  return [
    ...e.staff.map((s): ScoreRow => ({
      ...base, subject: 'staff', subject_id: s.staffId, name: s.name, total: s.total, grade: s.grade, rank: s.rank,
      deducted: s.categories.reduce((n, c) => n + c.deducted, 0), bonus: s.bonus, vetoed: s.vetoed ? 1 : 0,
      award: s.serviceStar ? 1 : 0, talk: s.talk ? 1 : 0,
    })),
    ...e.windows.map((w): ScoreRow => ({
      ...base, subject: 'window', subject_id: w.windowId, name: w.name, total: w.total, grade: null, rank: w.rank,
      deducted: deductedOf(w.items), bonus: w.items.reduce((n, i) => n + (i.points > 0 ? i.points : 0), 0),
      vetoed: w.items.some((i) => i.veto) ? 1 : 0, award: w.redFlag ? 1 : 0, talk: 0,
    })),
  ];
}

/** PostgreSQL's primary-key conflict: another writer took the number first. */
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505' || /UNIQUE constraint failed/.test(String((err as Error).message));

export class EvaluationStore {
  constructor(private readonly db: ArchiveDb) {}

  /**
   * Freeze the month's first version unless one exists (the month-end job: idempotent). Returns
   * whether this call made it, and the first version either way.
   */
  async freezeFirst(v: NewVersion): Promise<{ created: boolean; version: VersionInfo }> {
    const made = await this.insert(v, 1, undefined);
    if (made) return { created: true, version: made };
    const first = (await this.versions(v.hallId, v.month))[0]!;
    return { created: false, version: first };
  }

  /** Freeze the next version (a correction): 1 when there is none yet. Never replaces one. */
  async append(v: NewVersion): Promise<VersionInfo> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const latest = await this.latestNumber(v.hallId, v.month);
      const made = await this.insert(v, latest + 1, latest || undefined);
      if (made) return made;
    }
    throw new Error(`evaluation ${v.hallId} ${v.month}: could not take a version number after 20 tries`);
  }

  /** Insert one version and its score rows together; undefined when the number is taken. */
  private async insert(v: NewVersion, version: number, basedOn: number | undefined): Promise<VersionInfo | undefined> {
    const row: VersionRow = {
      hall_id: v.hallId, month: v.month, version, computed_at: v.computedAt, trigger: v.trigger, triggered_by: v.triggeredBy,
      reason: v.reason ?? null, based_on: basedOn ?? null, facts_through: v.factsThrough ?? null,
      rules: JSON.stringify(v.rules ?? null), result: JSON.stringify(v.evaluation),
    };
    try {
      return await this.db.transaction().execute(async (trx) => {
        const r = await trx.insertInto('evaluation_versions').values(row).onConflict((oc) => oc.columns(['hall_id', 'month', 'version']).doNothing()).executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return undefined;
        const scores = scoreRows(v.hallId, v.month, version, v.evaluation);
        for (let i = 0; i < scores.length; i += 200) await trx.insertInto('evaluation_scores').values(scores.slice(i, i + 200)).execute();
        return infoOf(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) return undefined;
      throw err;
    }
  }

  private async latestNumber(hallId: string, month: string): Promise<number> {
    const r = await this.db.selectFrom('evaluation_versions').select((eb) => eb.fn.max('version').as('v')).where('hall_id', '=', hallId).where('month', '=', month).executeTakeFirst();
    return Number(r?.v ?? 0);
  }

  /** The month's versions, oldest first (without their results). */
  async versions(hallId: string, month: string): Promise<VersionInfo[]> {
    const rows = await this.db
      .selectFrom('evaluation_versions')
      .select(['hall_id', 'month', 'version', 'computed_at', 'trigger', 'triggered_by', 'reason', 'based_on', 'facts_through'])
      .where('hall_id', '=', hallId).where('month', '=', month).orderBy('version').execute();
    return rows.map(infoOf);
  }

  /** One version, or the latest when `version` is not given. */
  async get(hallId: string, month: string, version?: number): Promise<FrozenEvaluation | undefined> {
    let q = this.db.selectFrom('evaluation_versions').selectAll().where('hall_id', '=', hallId).where('month', '=', month);
    q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
    const row = await q.executeTakeFirst();
    return row ? frozenOf(row) : undefined;
  }

  /** The latest version of the hall's latest evaluated month, or undefined when none was computed. */
  async latest(hallId: string): Promise<FrozenEvaluation | undefined> {
    const row = await this.db.selectFrom('evaluation_versions').selectAll().where('hall_id', '=', hallId).orderBy('month', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row ? frozenOf(row) : undefined;
  }

  /** A subject's scores over months (latest version of each month), oldest month first. */
  async trend(hallId: string, subject: 'staff' | 'window', subjectId: string): Promise<{ month: string; version: number; total: number; grade: string | null; rank: number }[]> {
    const rows = await this.db
      .selectFrom('evaluation_scores')
      .select(['month', 'version', 'total', 'grade', 'rank'])
      .where('hall_id', '=', hallId).where('subject', '=', subject).where('subject_id', '=', subjectId)
      .orderBy('month').orderBy('version').execute();
    const byMonth = new Map<string, (typeof rows)[number]>();
    for (const r of rows) byMonth.set(r.month, r); // ordered by version: the last one stays
    return [...byMonth.values()].map((r) => ({ month: r.month, version: Number(r.version), total: r.total, grade: r.grade, rank: Number(r.rank) }));
  }
}

/** Whether the archive holds any event of the hall on a day of the month (YYYY-MM): the hall worked then. */
export async function archivedAnyIn(db: ArchiveDb, hallId: string, month: string): Promise<boolean> {
  const m = month.replace('-', '');
  const row = await db.selectFrom('archive_events').select('id').where('hall_id', '=', hallId).where('day', '>=', `${m}01`).where('day', '<=', `${m}31`).limit(1).executeTakeFirst();
  return row !== undefined;
}
