/**
 * The logger's pieces: a BullMQ job's lines name its queue and job id (real Redis, a real worker),
 * a failed attempt is logged and counted; the pretty line a person reads; the environment's say.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { logSettings } from '../../server/env.js';
import { watchWorker, withJobLog } from '../../server/jobs/jobLog.js';
import { log, prettyLine, withLogger } from '../../server/log.js';
import { hubMetrics } from '../../server/metrics.js';
import { until } from '../helpers/hub.js';
import { REDIS_URL, testRedis } from '../helpers/redis.js';
import { sample } from './prometheus.js';

const r = testRedis('logs');
afterAll(() => r.cleanup());

describe('a job’s log lines', () => {
  it('carry the queue, the job’s name and BullMQ id; a failed attempt is logged and counted', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
    const prefix = `${r.prefix}bull`;
    const metrics = hubMetrics({ sockets: () => new Map(), halls: () => [], queueHeads: async () => ({ waiting: new Map() }), now: Date.now });
    const failuresBefore = sample(await metrics.metrics(), 'yc_job_failures_total', { queue: 'ops-test' }) ?? 0;

    const queue = new Queue('ops-test', { connection, prefix });
    const worker = withLogger(logger, () => {
      const w = new Worker(
        'ops-test',
        withJobLog('ops-test', async (job: Job<{ n: number }>) => {
          log().info({ n: job.data.n }, 'working');
          if (job.data.n === 2) throw new Error('the printer is out of paper');
          return job.data.n;
        }),
        { connection, prefix },
      );
      watchWorker(w, 'ops-test');
      return w;
    });
    try {
      const one = await queue.add('print', { n: 1 });
      const two = await queue.add('print', { n: 2 });
      await until(() => lines.some((l) => l.msg === 'job failed'), 10_000, 'the failed job logged');
      await until(() => lines.some((l) => l.msg === 'job done'), 10_000, 'the first job done');

      const working = lines.filter((l) => l.msg === 'working');
      expect(working.map((l) => [l.jobId, l.n, l.queue, l.job, l.component, l.attempt]).sort()).toEqual([
        [one.id, 1, 'ops-test', 'print', 'jobs', 1],
        [two.id, 2, 'ops-test', 'print', 'jobs', 1],
      ]);
      const failed = lines.find((l) => l.msg === 'job failed')!;
      expect(failed).toMatchObject({ level: 40, queue: 'ops-test', jobId: two.id, job: 'print', attempt: 1 });
      expect((failed.err as { message: string }).message).toBe('the printer is out of paper');
      expect(sample(await metrics.metrics(), 'yc_job_failures_total', { queue: 'ops-test' })).toBe(failuresBefore + 1);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});

describe('the pretty line', () => {
  it('shows time, level, message and the fields; an error with its stack', () => {
    const at = new Date(2026, 10, 23, 9, 5, 7).getTime();
    const line = prettyLine(JSON.stringify({ level: 40, time: at, pid: 1, hostname: 'h', reqId: 'abc', status: 503, msg: 'request' }), false);
    expect(line).toBe('09:05:07 WARN  request  reqId=abc status=503\n');
    const withErr = prettyLine(JSON.stringify({ level: 50, time: at, msg: 'boom', err: { message: 'x', stack: 'Error: x\n    at f (a.ts:1)' } }), false);
    expect(withErr).toBe('09:05:07 ERROR boom  \n    Error: x\n        at f (a.ts:1)\n');
    expect(prettyLine('not json', false)).toBe('not json');
  });
});

describe('LOG_LEVEL and LOG_FORMAT', () => {
  it('default to info and auto; a bad value falls back here and is named by the full check', () => {
    expect(logSettings({})).toEqual({ LOG_LEVEL: 'info', LOG_FORMAT: 'auto' });
    expect(logSettings({ LOG_LEVEL: 'silent', LOG_FORMAT: 'json' })).toEqual({ LOG_LEVEL: 'silent', LOG_FORMAT: 'json' });
    expect(logSettings({ LOG_LEVEL: 'loud' })).toEqual({ LOG_LEVEL: 'info', LOG_FORMAT: 'auto' });
  });
});
