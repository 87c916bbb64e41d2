/**
 * The business day's BullMQ queue, schedulers and worker (the commands it runs: commands/sweepDay.ts,
 * commands/signOutDay.ts, commands/rollOverDay.ts). The business day on BullMQ: for every hall, a repeatable job ends the day at closing time
 * (waiting tickets cancelled, staff signed out, windows closed: server/store/lua/sweep.lua) and
 * another rolls the day over at local midnight. A hall whose staff have a sign-out window after
 * closing (attendance.signOutWindowMinutes) has a third, at the window's end, that signs out
 * whoever is left; the closing job then ends only the tickets. Both run the commands with the context's clock,
 * so tests cross midnight by moving the clock, not by waiting for it.
 */
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { rollOverDay } from '../commands/rollOverDay.js';
import { signOutDay, signOutMinutes } from '../commands/signOutDay.js';
import { sweepDay } from '../commands/sweepDay.js';
import type { CommandContext } from '../commands/context.js';
import { clockMinutes, closesAtMidnight } from '../domain/time.js';
import { watchWorker, withJobLog } from './jobLog.js';

export const BUSINESS_DAY_QUEUE = 'business-day';

type DayJob = { hallId: string };

export function businessDayQueue(connection: ConnectionOptions, prefix: string): Queue<DayJob> {
  return new Queue<DayJob>(BUSINESS_DAY_QUEUE, { connection, prefix });
}

/** Register (or update) each hall's schedulers; safe to call at every start. */
export async function scheduleBusinessDays(queue: Queue<DayJob>, ctx: CommandContext): Promise<void> {
  for (const hall of ctx.halls.all()) {
    const { timeZone: tz, schedule } = hall.config;
    const close = clockMinutes(schedule.close);
    // A hall open round the clock closes at midnight: the rollover ends its day.
    if (!closesAtMidnight(schedule.close)) {
      await queue.upsertJobScheduler(
        `sweep:${hall.id}`,
        { pattern: `${close % 60} ${Math.floor(close / 60)} * * *`, tz },
        { name: 'sweep', data: { hallId: hall.id }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      );
    } else {
      await queue.removeJobScheduler(`sweep:${hall.id}`);
    }
    const signOut = signOutMinutes(hall.config);
    if (close < 24 * 60 && signOut > close && signOut < 24 * 60) {
      await queue.upsertJobScheduler(
        `signout:${hall.id}`,
        { pattern: `${signOut % 60} ${Math.floor(signOut / 60)} * * *`, tz },
        { name: 'signout', data: { hallId: hall.id }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      );
    } else {
      await queue.removeJobScheduler(`signout:${hall.id}`);
    }
    await queue.upsertJobScheduler(
      `rollover:${hall.id}`,
      { pattern: '0 0 * * *', tz },
      { name: 'rollover', data: { hallId: hall.id }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
}

export function businessDayWorker(ctx: CommandContext, connection: ConnectionOptions, prefix: string): Worker<DayJob> {
  const worker = new Worker<DayJob>(
    BUSINESS_DAY_QUEUE,
    withJobLog(BUSINESS_DAY_QUEUE, async (job) => {
      const run = { sweep: sweepDay, signout: signOutDay, rollover: rollOverDay }[job.name] ?? rollOverDay;
      const result = await run(ctx, job.data);
      // A refusal here is a configuration fault (a hall removed): fail the job so it shows.
      if (!result.ok) throw new Error(`${job.name} ${job.data.hallId}: ${result.reason}`);
      return result.ok ? { events: result.events.length } : undefined;
    }),
    { connection, prefix, concurrency: 1 },
  );
  watchWorker(worker, BUSINESS_DAY_QUEUE);
  return worker;
}
