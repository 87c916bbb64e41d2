import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { testConfig, testHall, type TestHall } from '../helpers/hall.js';
import { REDIS_TARGET } from '../helpers/redis.js';
import { bullPrefix as bullPrefixOf } from '../../server/store/keys.js';
import { bullConnection } from '../../server/store/redisClient.js';
import { businessDayQueue, businessDayWorker, scheduleBusinessDays } from '../../server/jobs/businessDayQueue.js';

const bull = bullConnection(REDIS_TARGET);
const { connection } = bull;
const roundTheClock = testConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } });

let h: TestHall;
let bullPrefix: string;
beforeAll(async () => {
  h = await testHall('business-day', roundTheClock, Date.parse('2026-11-23T23:59:00+08:00'));
  bullPrefix = bullPrefixOf(h.ctx.store.keyPrefix);
});
afterAll(async () => {
  await h.cleanup();
  await bull.close();
});

describe('business day jobs', () => {
  it('registers a closing sweep at the hall’s closing time, the sign-out window’s end an hour later and a midnight rollover, in its zone', async () => {
    const weekday = await testHall('business-day-sched');
    const queue = businessDayQueue(connection, bullPrefixOf(weekday.ctx.store.keyPrefix));
    try {
      await scheduleBusinessDays(queue, weekday.ctx);
      await scheduleBusinessDays(queue, weekday.ctx); // every start: no duplicates
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
        ['rollover:t1', '0 0 * * *', 'Asia/Shanghai'],
        ['signout:t1', '30 18 * * *', 'Asia/Shanghai'],
        ['sweep:t1', '30 17 * * *', 'Asia/Shanghai'],
      ]);
      // Without a window, or with one reaching midnight (the rollover signs out then), no third job.
      for (const [close, signOutWindowMinutes] of [['17:30', 0], ['23:30', 30]] as const) {
        const other = await testHall('business-day-sched2', testConfig({ schedule: { open: '08:30', close }, attendance: { signOutWindowMinutes } }));
        try {
          await scheduleBusinessDays(queue, other.ctx);
          expect((await queue.getJobSchedulers()).map((s) => s.key).sort()).toEqual(['rollover:t1', 'sweep:t1']);
        } finally {
          await other.cleanup();
        }
      }
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
      // Two tickets cancelled one by one, then day.swept, then day.rolledOver: four events.
      expect(await job.waitUntilFinished(events, 10_000)).toEqual({ events: 4 });
      const next = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
      expect(next).toMatchObject({ ok: true, ticket: { id: 't1-20261124-A001' } });
      // A second firing of the same day's job answers as the first and changes nothing.
      const again = await queue.add('rollover', { hallId: 't1' });
      expect(await again.waitUntilFinished(events, 10_000)).toEqual({ events: 4 });
      const log = (await h.ctx.store.eventsAfter('t1', 0, 100))!;
      expect(log.map((e) => [e.id, e.type, 'ticket' in e ? e.ticket.number : undefined])).toEqual([
        [1, 'ticket.issued', 'A001'],
        [2, 'ticket.issued', 'A002'],
        [3, 'ticket.cancelled', 'A001'],
        [4, 'ticket.cancelled', 'A002'],
        [5, 'day.swept', undefined],
        [6, 'day.rolledOver', undefined],
        [7, 'ticket.issued', 'A001'],
      ]);
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
