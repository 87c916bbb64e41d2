import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { testConfig, testHall, type TestHall } from '../helpers/hall.js';
import { REDIS_URL } from '../helpers/redis.js';
import { businessDayQueue, businessDayWorker, scheduleBusinessDays } from '../../server/jobs/businessDayQueue.js';

const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
const roundTheClock = testConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } });

let h: TestHall;
let bullPrefix: string;
beforeAll(async () => {
  h = await testHall('business-day', roundTheClock, Date.parse('2026-11-23T23:59:00+08:00'));
  bullPrefix = `${h.ctx.store.keyPrefix}bull`;
});
afterAll(() => h.cleanup());

describe('business day jobs', () => {
  it('registers a closing sweep at the hall’s closing time and a midnight rollover, in its zone', async () => {
    const weekday = await testHall('business-day-sched');
    const queue = businessDayQueue(connection, `${weekday.ctx.store.keyPrefix}bull`);
    try {
      await scheduleBusinessDays(queue, weekday.ctx);
      await scheduleBusinessDays(queue, weekday.ctx); // every start: no duplicates
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
        ['rollover:t1', '0 0 * * *', 'Asia/Shanghai'],
        ['sweep:t1', '30 17 * * *', 'Asia/Shanghai'],
      ]);
    } finally {
      await queue.close();
      await weekday.cleanup();
    }
  });

  it('crosses midnight through the worker: yesterday’s queue is swept and numbering restarts', async () => {
    const queue = businessDayQueue(connection, bullPrefix);
    const events = new QueueEvents(queue.name, { connection, prefix: bullPrefix, lastEventId: '0-0' }); // from the start: an event before its first read is not missed
    const worker = businessDayWorker(h.ctx, connection, bullPrefix);
    try {
      await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' }); // A001, 23 Nov
      await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' }); // A002
      h.at(Date.parse('2026-11-24T00:00:00+08:00'));
      const job = await queue.add('rollover', { hallId: 't1' });
      expect(await job.waitUntilFinished(events, 10_000)).toEqual({ events: 4 });
      const next = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
      expect(next).toMatchObject({ ok: true, ticket: { id: 't1-20261124-A001' } });
      // A second firing of the same day's job answers as the first and changes nothing.
      const again = await queue.add('rollover', { hallId: 't1' });
      expect(await again.waitUntilFinished(events, 10_000)).toEqual({ events: 4 });
      expect(await h.ctx.store.lastEventId('t1')).toBe(2 + 4 + 1);
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('fails a job for a hall that is not configured, visibly', async () => {
    const queue = businessDayQueue(connection, bullPrefix);
    const events = new QueueEvents(queue.name, { connection, prefix: bullPrefix, lastEventId: '0-0' }); // from the start: an event before its first read is not missed
    const worker = businessDayWorker(h.ctx, connection, bullPrefix);
    try {
      const job = await queue.add('sweep', { hallId: 'gone' });
      await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow('sweep gone: unknown_hall');
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
