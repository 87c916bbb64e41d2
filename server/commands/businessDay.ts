import { clockMinutes, localTime, shiftDay } from '../domain/time.js';
import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';

/** A hall open until 24:00 ends its day at the midnight rollover, not at a closing job. */
const closesAtMidnight = (close: string): boolean => clockMinutes(close) >= 24 * 60;

/**
 * End of the business day at the hall's closing time (the rule: server/store/lua/sweep.lua):
 * every ticket still waiting is cancelled; every window not holding a ticket signs its staff out
 * and closes; a window still serving a citizen closes as soon as it lets the ticket go. The
 * request id is the hall and day, so however often the job fires, a day ends once.
 *
 * A closing job that runs before the day's closing time — a hub that was down at 17:30 and
 * starts after midnight, where BullMQ runs the missed job late — does nothing: it would end the
 * new day in the morning. The midnight rollover has ended the day it missed.
 */
export async function sweepDay(ctx: CommandContext, props: { hallId: string }): Promise<Result<{ count: number }>> {
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return refuse('unknown_hall', props.hallId);
  const now = ctx.clock();
  const { close } = hall.config.schedule;
  if (closesAtMidnight(close) || localTime(now, hall.config.timeZone).minutes < clockMinutes(close)) {
    return { ok: true, events: [], count: 0 };
  }
  const date = hall.businessDay(now);
  return ctx.store.exec('sweep', hall.id, now, `${hall.id}:${date}`, {
    services: hall.serviceIds(),
    windows: hall.windowIds(),
    classes: hall.classes,
    date,
    reason: 'end_of_day',
    heldTickets: 'keep',
  });
}

/**
 * A new business day. First the day before ends, if its closing did not end it all (a hub down
 * at closing time; a window still holding a ticket; a hall open until 24:00, whose day ends
 * here): leftover tickets are cancelled, every window still open signs its staff out and closes.
 * A hall that closed before midnight cuts a ticket still at a window (the last resort); one open
 * until 24:00 lets the window finish it, as its closing would. Then the day is marked and the day
 * before's number counters deleted.
 */
export async function rollOverDay(ctx: CommandContext, props: { hallId: string }): Promise<Result<{ date: string }>> {
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return refuse('unknown_hall', props.hallId);
  const now = ctx.clock();
  const date = hall.businessDay(now);
  const previousDay = shiftDay(date, -1);
  const swept = await ctx.store.exec('sweep', hall.id, now, `${hall.id}:before-${date}`, {
    services: hall.serviceIds(),
    windows: hall.windowIds(),
    classes: hall.classes,
    date: previousDay,
    beforeDay: date,
    reason: 'previous_day',
    heldTickets: closesAtMidnight(hall.config.schedule.close) ? 'keep' : 'cancel',
  });
  if (!swept.ok) return swept;
  const rolled = await ctx.store.exec('rollover', hall.id, now, `${hall.id}:${date}`, {
    date,
    previousDay,
    services: hall.serviceIds(),
  });
  return rolled.ok ? { ...rolled, events: [...swept.events, ...rolled.events] } : rolled;
}
