/**
 * Logs and metrics of the BullMQ workers: each job runs inside a child logger naming its queue and
 * job id (so whatever the job's code logs, through log(), names the job), and a failed attempt is
 * logged and counted (yc_job_failures_total) with the job's id and attempt.
 */
import type { Job, Worker } from 'bullmq';
import { asError, log, withLogger } from '../log.js';
import { instruments } from '../metrics.js';

/** A processor that runs inside its job's logger: queue, job name and BullMQ job id on every line. */
// The base logger is the one in force where the worker is made (the root in a hub; a test's own).
export function withJobLog<T, R>(queue: string, processor: (job: Job<T>) => Promise<R>): (job: Job<T>) => Promise<R> {
  const logger = log().child({ component: 'jobs' });
  return (job) =>
    withLogger(logger.child({ queue, job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 }), async () => {
      const started = performance.now();
      const result = await processor(job);
      log().debug({ ms: Math.round(performance.now() - started) }, 'job done');
      return result;
    });
}

/** Count and log a worker's failed attempts and its own errors (a lost connection). */
export function watchWorker(worker: Worker, queue: string): void {
  const logger = log().child({ component: 'jobs', queue });
  worker.on('failed', (job: Job | undefined, err: Error) => {
    instruments.jobFailures.inc({ queue });
    logger.warn({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err }, 'job failed');
  });
  let lastError = '';
  worker.on('error', (err: Error) => {
    // A worker whose Redis is away says so once a cause, not once a retry.
    if (err.message === lastError) return;
    lastError = err.message;
    logger.error({ err: asError(err) }, 'worker error');
  });
  worker.on('ready', () => (lastError = ''));
}
