/**
 * The month-end in a whole hub, with the real evaluation: a staffer serves two citizens on the
 * last day of November, one rates 5 and one 2; after midnight the hub's own worker takes the
 * month-end job, waits for its archiver, computes the month from the archive (evaluateMonth over
 * the facts, attendance and casework) and freezes version 1, which the API then serves.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochOfLocal } from '../../server/domain/time.js';
import { EVALUATION_QUEUE, type MonthJob } from '../../server/jobs/evaluationQueue.js';
import { EvaluationStore } from '../../server/store/archive/evaluationStore.js';
import { bullPrefix } from '../../server/store/keys.js';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';
import { REDIS_URL } from '../helpers/redis.js';

const at = (date: string, hhmm: string) => epochOfLocal(date, hhmm, 'Asia/Shanghai');
let n = 0;
const rid = () => `hub-month-end-${++n}-${Date.now()}`;

describe('the month-end in a hub', () => {
  let a: TestArchive;
  let h: TestHub;
  let now = at('2026-11-30', '08:25'); // Monday, the month's last working day
  let queue: Queue<MonthJob>;
  let s1: string, manager: string, kiosk: string, pad: string;

  beforeAll(async () => {
    a = await testArchive('sqlite', 'hub-month-end');
    h = await testHub('hub-month-end', {
      config: hubConfig(), archive: a.location, jobs: true, archiver: true, clock: () => now,
      archiverOptions: { intervalMs: 100, share: 1, leaseMs: 2000 }, evaluation: { retryMs: 200 },
    });
    queue = new Queue<MonthJob>(EVALUATION_QUEUE, { connection: { url: REDIS_URL, maxRetriesPerRequest: null }, prefix: bullPrefix(h.prefix) });
    [s1, manager, kiosk, pad] = await Promise.all([h.login('s1'), h.login('m1'), h.device('kiosk'), h.device('pad', 't1-1')]);
  });
  afterAll(async () => {
    await queue?.close();
    await h?.cleanup();
    await a?.cleanup();
  });

  it('freezes November from the archive after midnight, once, with the day’s tickets and ratings in it', async () => {
    expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, s1)).status).toBe(200);
    now = at('2026-11-30', '09:00');
    const tickets: string[] = [];
    for (const level of [5, 2]) {
      const issued = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk);
      expect(issued.status).toBe(201);
      now += 4 * 60_000;
      expect((await h.api('POST', '/api/windows/t1-1/call-next', { requestId: rid() }, s1)).status).toBe(200);
      expect((await h.api('POST', '/api/windows/t1-1/start', { requestId: rid() }, s1)).status).toBe(200);
      now += 6 * 60_000;
      expect((await h.api('POST', '/api/windows/t1-1/complete', { outcome: 'completed', requestId: rid() }, s1)).status).toBe(200);
      const request = await h.api('GET', '/api/windows/t1-1/rating-request', undefined, pad);
      const body = level <= 2 ? { level, reasons: ['等候时间长'], rateToken: request.body.rateToken } : { level, rateToken: request.body.rateToken };
      expect((await h.api('POST', `/api/tickets/${issued.body.id}/rating`, body, pad)).status).toBe(201);
      tickets.push(issued.body.id);
    }
    now = at('2026-11-30', '17:40');
    expect((await h.api('POST', '/api/windows/t1-1/sign-out', { requestId: rid() }, s1)).status).toBe(200);

    now = at('2026-12-01', '00:15');
    await queue.add('month-end', { hallId: 't1' }); // what the scheduler adds at 00:15 on the 1st
    const store = new EvaluationStore(a.db);
    await until(async () => (await store.versions('t1', '2026-11')).length > 0, 20_000, 'version 1 of November');

    const r = await h.api('GET', '/api/halls/t1/evaluation/2026-11', undefined, manager);
    expect(r.status).toBe(200);
    expect(r.body.version).toMatchObject({ version: 1, trigger: 'month_end', triggeredBy: 'job', computedAt: now });
    const me = r.body.evaluation.staff.find((s: any) => s.staffId === 's1');
    // Served two, rated 5 and 2: participation 2/2, 满意率 (5+4+3)/all = 1/2, one bad review.
    expect(me.metrics).toMatchObject({ served: 2, ratings: [0, 1, 0, 0, 1], participation: 1, satisfaction: 0.5, strictSatisfaction: 0.5, badReviews: 1 });
    expect(me.windowIds).toContain('t1-1');
    expect(r.body.evaluation.windows.find((w: any) => w.windowId === 't1-1').metrics.served).toBe(2);
    // The frozen facts reach the last event of November (nothing happened since).
    expect(r.body.version.factsThrough).toBe(await h.hub.ctx.store.lastEventId('t1'));

    // The job again (a second hub's catch-up): nothing new.
    const again = await queue.add('month-end', { hallId: 't1', month: '2026-11' });
    await until(async () => (await again.getState()) === 'completed', 10_000, 'the second run');
    expect((await store.versions('t1', '2026-11')).map((v) => v.version)).toEqual([1]);
    expect(tickets).toHaveLength(2);
  });
});
