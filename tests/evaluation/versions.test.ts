/**
 * Frozen, versioned results on SQLite and PostgreSQL: the month-end's version 1 once however often
 * it is asked, corrections as 2, 3, … with the earlier ones untouched, racing corrections each
 * with a number of its own, a row per staffer and window, and a migration merged out of order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../server/store/archive/migrations.js';
import { openArchive } from '../../server/store/archive/database.js';
import { EvaluationStore, type NewVersion } from '../../server/store/archive/evaluationStore.js';
import { archiveKinds, testArchive, type TestArchive } from '../helpers/archive.js';
import { goldenRules, goldenV1, goldenV2 } from './fixtures/goldenMonth.js';

const DEC1 = Date.parse('2026-12-01T00:15:00+08:00');
const job: NewVersion = { hallId: 't1', month: '2026-11', computedAt: DEC1, trigger: 'month_end', triggeredBy: 'job', factsThrough: 120, rules: goldenRules, evaluation: goldenV1 };
const fix = (n: number): NewVersion => ({ ...job, computedAt: DEC1 + n * 3_600_000, trigger: 'recompute', triggeredBy: 'm1', reason: `申诉成立 ${n}`, evaluation: goldenV2 });

describe.each(archiveKinds)('evaluation versions (%s)', (kind) => {
  let archive: TestArchive;
  let store: EvaluationStore;
  beforeAll(async () => {
    archive = await testArchive(kind, 'eval_versions');
    store = new EvaluationStore(archive.db);
  });
  afterAll(() => archive?.cleanup());

  it('freezes the month-end result as version 1 once: asking again returns it and writes nothing', async () => {
    const first = await store.freezeFirst(job);
    expect(first).toEqual({ created: true, version: { hallId: 't1', month: '2026-11', version: 1, computedAt: DEC1, trigger: 'month_end', triggeredBy: 'job', factsThrough: 120 } });
    const again = await store.freezeFirst({ ...job, computedAt: DEC1 + 60_000, evaluation: goldenV2 });
    expect(again).toEqual({ created: false, version: first.version });
    expect(await store.versions('t1', '2026-11')).toHaveLength(1);
    const kept = await store.get('t1', '2026-11');
    expect(kept?.evaluation).toEqual(goldenV1);
    expect(kept?.rules).toEqual(goldenRules);
  });

  it('adds a correction as version 2 based on 1, and version 1 reads as it was', async () => {
    const v2 = await store.append(fix(1));
    expect(v2).toMatchObject({ version: 2, basedOn: 1, trigger: 'recompute', triggeredBy: 'm1', reason: '申诉成立 1' });
    expect((await store.get('t1', '2026-11', 1))?.evaluation).toEqual(goldenV1);
    expect((await store.get('t1', '2026-11'))?.evaluation).toEqual(goldenV2);
    expect(await store.get('t1', '2026-11', 9)).toBeUndefined();
    expect(await store.get('t1', '2026-10')).toBeUndefined();
  });

  it('gives racing corrections a number each, none lost, none twice', async () => {
    const made = await Promise.all([2, 3, 4, 5, 6].map((n) => store.append(fix(n))));
    expect(made.map((v) => v.version).sort()).toEqual([3, 4, 5, 6, 7]);
    const all = await store.versions('t1', '2026-11');
    expect(all.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(all.slice(2).map((v) => v.reason)).size).toBe(5);
  });

  it('keeps a row per staffer and window of each version: a trend reads the latest of each month', async () => {
    const rows = await archive.db.selectFrom('evaluation_scores').selectAll().where('hall_id', '=', 't1').where('version', '=', 1).orderBy('subject').orderBy('subject_id').execute();
    expect(rows.map((r) => [r.subject, r.subject_id, r.total, r.grade, Number(r.rank), r.deducted, r.bonus, Number(r.vetoed), Number(r.award), Number(r.talk)])).toEqual([
      ['staff', 's1', 100, 'excellent', 1, 1, 1, 0, 1, 0],
      ['staff', 's2', 90, 'excellent', 3, 10, 0, 0, 0, 0],
      ['staff', 's3', 96, 'excellent', 2, 4, 0, 0, 0, 0],
      ['staff', 's4', 85, 'good', 4, 15, 0, 1, 0, 1],
      ['window', 't1-1', 95.5, null, 1, 0, 0, 0, 1, 0],
      ['window', 't1-2', 86.75, null, 3, 2, 0, 0, 0, 0],
      ['window', 't1-3', 91.25, null, 2, 0, 0, 0, 0, 0],
    ]);
    await store.freezeFirst({ ...job, month: '2026-10', evaluation: { ...goldenV1, month: '2026-10' } });
    expect(await store.trend('t1', 'staff', 's2')).toEqual([
      { month: '2026-10', version: 1, total: 90, grade: 'excellent', rank: 3 },
      { month: '2026-11', version: 7, total: 97, grade: 'excellent', rank: 2 },
    ]);
  });
});

describe('migrations merged out of order', () => {
  it('applies a migration named before one already applied (0003 landing after 0004), on SQLite and PostgreSQL', async () => {
    for (const kind of archiveKinds) {
      const first = await testArchive(kind, 'eval_migr');
      await first.close();
      // The archive as a build with 0004 but without a 0003 left it; then a build that has both.
      const late = {
        ...migrations,
        '0003_late': { up: async (db: import('kysely').Kysely<any>) => void (await db.schema.createTable('late_table').addColumn('id', 'text').execute()) },
      };
      const reopened = await openArchive(first.location, undefined, late);
      try {
        await reopened.db.insertInto('late_table' as never).values({ id: 'x' } as never).execute();
        const names = (await reopened.db.selectFrom('kysely_migration' as never).select('name' as never).execute()).map((r) => (r as { name: string }).name);
        expect(names.sort()).toEqual([...Object.keys(migrations), '0003_late'].sort());
      } finally {
        await reopened.close();
        await first.cleanup();
      }
    }
  });
});
