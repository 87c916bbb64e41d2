/**
 * The month-end evaluation on BullMQ (the command: commands/evaluation/freezeMonth.ts). Each hall
 * has a scheduler that fires at 00:15 on the 1st in its zone — after the midnight rollover has
 * closed the last day — and freezes the month just ended as version 1. A hub that starts adds one
 * job per hall for the last closed month too (its id names hall and month, so however many hubs
 * start, it is queued once; and the command is idempotent besides): a month-end missed while no
 * hub ran is made up. While the archiver has not caught up past the month's end the job waits
 * (delayed, not failed) and tries again.
 */
import { DelayedError, Queue, Worker, type ConnectionOptions } from 'bullmq';
import { freezeMonth } from '../commands/evaluation/freezeMonth.js';
import type { EvaluationContext } from '../commands/evaluation/evaluationContext.js';
import { lastClosedMonth } from '../domain/evaluation/month.js';

export const EVALUATION_QUEUE = 'month-evaluation';
/** Minutes after local midnight on the 1st: the rollover (00:00) ends the last day first. */
export const MONTH_END_AT = '15 0 1 * *';

/**
 * Halls evaluated at once by a hub: while one hall's month is scored here, the others' are read
 * (in the SQLite archive's reading thread, or by PostgreSQL on its own cores). Each job is one
 * hall's month, frozen idempotently. bench:evaluate runs the same number.
 */
export const EVALUATION_CONCURRENCY = 4;

export interface MonthJob {
  hallId: string;
  /** YYYY-MM; a scheduler's job has none and takes the month just ended when it first runs. */
  month?: string;
}

export function evaluationQueue(connection: ConnectionOptions, prefix: string): Queue<MonthJob> {
  return new Queue<MonthJob>(EVALUATION_QUEUE, { connection, prefix });
}

const keep = { removeOnComplete: 100, removeOnFail: 100 };

/** Register (or update) each hall's month-end scheduler; safe to call at every start. */
export async function scheduleMonthEnds(queue: Queue<MonthJob>, ctx: Pick<EvaluationContext, 'halls'>): Promise<void> {
  for (const hall of ctx.halls.all()) {
    await queue.upsertJobScheduler(`month-end:${hall.id}`, { pattern: MONTH_END_AT, tz: hall.config.timeZone }, { name: 'month-end', data: { hallId: hall.id }, opts: keep });
  }
}

/**
 * Queue the last closed month of every hall, once per hall and month whoever asks; only for a
 * month the hall worked in (`worked`: the archive holds events of it), so a new installation does
 * not freeze the month before it existed as a month of absences.
 */
export async function catchUpMonthEnds(queue: Queue<MonthJob>, ctx: Pick<EvaluationContext, 'halls' | 'clock'>, worked: (hallId: string, month: string) => Promise<boolean>): Promise<void> {
  for (const hall of ctx.halls.all()) {
    const month = lastClosedMonth(ctx.clock(), hall.config.timeZone);
    if (!(await worked(hall.id, month))) continue;
    await queue.add('month-end', { hallId: hall.id, month }, { jobId: `month-end:${hall.id}:${month}`, ...keep });
  }
}

export interface EvaluationWorkerOptions {
  /** How long to wait for the archiver before looking again (default 60 s). */
  retryMs?: number;
  log?: (message: string) => void;
}

export function evaluationWorker(ctx: EvaluationContext, connection: ConnectionOptions, prefix: string, o: EvaluationWorkerOptions = {}): Worker<MonthJob> {
  const retryMs = o.retryMs ?? 60_000;
  return new Worker<MonthJob>(
    EVALUATION_QUEUE,
    async (job, token) => {
      let month = job.data.month;
      if (!month) {
        const hall = ctx.halls.get(job.data.hallId);
        if (!hall) throw new Error(`month-end ${job.data.hallId}: no such hall`);
        // Fixed at the first run, so a job that waits for the archiver past the 1st keeps its month.
        month = lastClosedMonth(ctx.clock(), hall.config.timeZone);
        await job.updateData({ ...job.data, month });
      }
      const r = await freezeMonth(ctx, { hallId: job.data.hallId, month });
      if (!r.ok && r.reason === 'archive_behind') {
        o.log?.(`[evaluation] ${job.data.hallId} ${month}: ${r.message}`);
        await job.moveToDelayed(Date.now() + retryMs, token);
        throw new DelayedError();
      }
      // Any other refusal is a configuration fault (a hall removed): fail the job so it shows.
      if (!r.ok) throw new Error(`month-end ${job.data.hallId} ${month}: ${r.reason}`);
      return { month, version: r.version.version, created: r.created };
    },
    { connection, prefix, concurrency: EVALUATION_CONCURRENCY },
  );
}
