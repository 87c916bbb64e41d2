/**
 * The month-end job on real Redis, BullMQ and a SQLite archive: it waits (delayed, not failed)
 * while the archiver has not caught up past the month's end, then freezes version 1 with the
 * month before's result handed to the evaluator; a re-run makes no version 2. Schedulers and the
 * start-up catch-up are registered once however often a hub starts.
 */
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationContext, MonthEvaluator } from '../../server/commands/evaluation/evaluationContext.js';
import { freezeMonth } from '../../server/commands/evaluation/freezeMonth.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import type { MonthEvaluation } from '../../server/domain/evaluation/result.js';
import { eventVersion } from '../../server/events.js';
import { Archiver } from '../../server/jobs/archiver.js';
import { catchUpMonthEnds, evaluationQueue, evaluationWorker, scheduleMonthEnds } from '../../server/jobs/evaluationQueue.js';
import { ArchiveStore } from '../../server/store/archive/archiveStore.js';
import { archivedAnyIn, EvaluationStore } from '../../server/store/archive/evaluationStore.js';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { Halls } from '../../server/commands/context.js';
import { testConfig, testHall, type TestHall } from '../helpers/hall.js';
import { until } from '../helpers/hub.js';
import { REDIS_URL } from '../helpers/redis.js';
import { goldenRules, goldenV1 } from './fixtures/goldenMonth.js';

const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
const NOV30_4PM = Date.parse('2026-11-30T16:00:00+08:00');
const DEC1_0015 = Date.parse('2026-12-01T00:15:00+08:00');
const october: MonthEvaluation = { ...goldenV1, month: '2026-10' };

let h: TestHall;
let a: TestArchive;
let store: EvaluationStore;
let archiver: Archiver;
let ctx: EvaluationContext;
const calls: { hallId: string; month: string; previous: readonly MonthEvaluation[]; asOf: number }[] = [];
const evaluate: MonthEvaluator = async (hall, month, previous, asOf) => {
  calls.push({ hallId: hall.id, month, previous, asOf });
  return { evaluation: goldenV1, rules: goldenRules };
};

beforeAll(async () => {
  h = await testHall('eval-month-end', undefined, NOV30_4PM);
  a = await testArchive('sqlite', 'eval_month_end');
  store = new EvaluationStore(a.db);
  archiver = new Archiver({ redis: h.ctx.store.redis, keyPrefix: h.ctx.store.keyPrefix, store: h.ctx.store, archive: new ArchiveStore(a.db), halls: h.ctx.halls, clock: h.now, versionOf: eventVersion });
  ctx = { halls: h.ctx.halls, clock: h.now, store, evaluate, archivedPast: (hallId, t) => archiver.archivedPast(hallId, t) };
});
afterAll(async () => {
  await a?.cleanup();
  await h?.cleanup();
});

describe('the month-end evaluation', () => {
  it('refuses a month that has not ended, and one the archive does not yet hold to its end', async () => {
    expect(await freezeMonth(ctx, { hallId: 't1', month: '2026-11' })).toMatchObject({ ok: false, reason: 'month_not_closed' });
    expect((await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).ok).toBe(true); // 30 Nov, 16:00: not archived
    h.at(DEC1_0015);
    expect(await freezeMonth(ctx, { hallId: 't1', month: '2026-11' })).toMatchObject({ ok: false, reason: 'archive_behind' });
    expect(await freezeMonth(ctx, { hallId: 'nope', month: '2026-11' })).toMatchObject({ ok: false, reason: 'unknown_hall' });
    expect(await freezeMonth(ctx, { hallId: 't1', month: '2026-13' })).toMatchObject({ ok: false, reason: 'bad_month' });
    expect(calls).toEqual([]);
    expect(await store.versions('t1', '2026-11')).toEqual([]);
  });

  it('waits in BullMQ for the archiver, then freezes version 1 once with October’s result for 约谈', async () => {
    await store.freezeFirst({ hallId: 't1', month: '2026-10', computedAt: 0, trigger: 'month_end', triggeredBy: 'job', rules: goldenRules, evaluation: october });
    const prefix = `${h.ctx.store.keyPrefix}bull`;
    const queue = evaluationQueue(connection, prefix);
    const events = new QueueEvents(queue.name, { connection, prefix, lastEventId: '0-0' });
    const worker = evaluationWorker(ctx, connection, prefix, { retryMs: 300 });
    try {
      const job = await queue.add('month-end', { hallId: 't1' }); // as the scheduler adds it: no month
      await until(async () => (await job.getState()) === 'delayed', 5000, 'the job to wait for the archiver');
      expect(calls).toEqual([]);
      expect(await store.versions('t1', '2026-11')).toEqual([]);
      await archiver.archiveAll();
      expect(await job.waitUntilFinished(events, 10_000)).toEqual({ month: '2026-11', version: 1, created: true });
      expect(calls).toEqual([{ hallId: 't1', month: '2026-11', previous: [october], asOf: DEC1_0015 }]);
      const frozen = await store.get('t1', '2026-11');
      expect(frozen).toMatchObject({ version: 1, trigger: 'month_end', triggeredBy: 'job', computedAt: DEC1_0015, rules: goldenRules, evaluation: goldenV1 });
      expect(frozen?.factsThrough).toBe(await h.ctx.store.lastEventId('t1'));

      // Run again (a second hub's catch-up, a retry): the same version, no second computation.
      const again = await queue.add('month-end', { hallId: 't1', month: '2026-11' });
      expect(await again.waitUntilFinished(events, 10_000)).toEqual({ month: '2026-11', version: 1, created: false });
      expect(calls).toHaveLength(1);
      expect((await store.versions('t1', '2026-11')).map((v) => v.version)).toEqual([1]);
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('is not held up by events after the month’s end that are not archived yet', async () => {
    h.at(Date.parse('2026-12-01T09:00:00+08:00'));
    expect((await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).ok).toBe(true);
    const end = Date.parse('2026-12-01T00:00:00+08:00');
    expect(await archiver.archivedPast('t1', end)).toMatchObject({ done: true });
    expect(await archiver.archivedPast('t1', end + 10 * 3_600_000)).toMatchObject({ done: false });
  });

  it('hands the evaluator as many months before as 约谈 looks back, newest first, up to the first month not frozen', async () => {
    const seen: (readonly MonthEvaluation[])[] = [];
    const lookBack4: EvaluationContext = {
      ...ctx,
      halls: new Halls(testConfig({ evaluation: { bottomRankedConsecutiveMonthsForTalk: 4 } })),
      evaluate: async (_hall, _month, previous) => (seen.push(previous), { evaluation: goldenV1, rules: goldenRules }),
      archivedPast: async () => ({ done: true, archivedId: 0 }), // a month long archived
    };
    const frozen = (month: string) => store.freezeFirst({ hallId: 't1', month, computedAt: 0, trigger: 'month_end', triggeredBy: 'job', rules: goldenRules, evaluation: { ...goldenV1, month } });
    await frozen('2026-07');
    await frozen('2026-06');
    await frozen('2026-04'); // May is missing: April is not "running"
    expect(await freezeMonth(lookBack4, { hallId: 't1', month: '2026-08' })).toMatchObject({ ok: true, created: true });
    expect(seen.map((p) => p.map((e) => e.month))).toEqual([['2026-07', '2026-06']]);
  });

  it('registers one scheduler per hall at 00:15 on the 1st in the hall’s zone, and queues a missed month once, only if the hall worked in it', async () => {
    const prefix = `${h.ctx.store.keyPrefix}bull2`;
    const queue = evaluationQueue(connection, prefix);
    try {
      await scheduleMonthEnds(queue, ctx);
      await scheduleMonthEnds(queue, ctx); // every start: no duplicates
      expect((await queue.getJobSchedulers()).map((s) => [s.key, s.pattern, s.tz])).toEqual([['month-end:t1', '15 0 1 * *', 'Asia/Shanghai']]);
      const worked = (hallId: string, month: string) => archivedAnyIn(a.db, hallId, month);
      expect(await worked('t1', '2026-11')).toBe(true);
      expect(await worked('t1', '2026-09')).toBe(false);
      await catchUpMonthEnds(queue, ctx, worked);
      await catchUpMonthEnds(queue, ctx, worked);
      const waiting = (await queue.getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j.name === 'month-end' && j.data.month);
      expect(waiting.map((j) => [j.id, j.data])).toEqual([['month-end:t1:2026-11', { hallId: 't1', month: '2026-11' }]]);
      h.at(Date.parse('2026-10-02T09:00:00+08:00')); // the month before: September, when nothing happened
      await queue.obliterate({ force: true });
      await catchUpMonthEnds(queue, ctx, worked);
      expect((await queue.getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j.data.month)).toEqual([]);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
