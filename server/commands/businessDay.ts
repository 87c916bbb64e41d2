import { clockMinutes, localTime, shiftDay } from '../domain/time.js';
import type { HallConfig } from '../config.js';
import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';

/** A hall open until 24:00 ends its day at the midnight rollover, not at a closing job. */
const closesAtMidnight = (close: string): boolean => clockMinutes(close) >= 24 * 60;

/**
 * When the day's end signs out whoever is still signed in, in minutes from local midnight: the
 * closing time plus the sign-out window (attendance.signOutWindowMinutes, S24/S40). At 24:00 or
 * later the midnight rollover does it.
 */
export function signOutMinutes(config: HallConfig): number {
  return clockMinutes(config.schedule.close) + config.attendance.signOutWindowMinutes;
}

/**
 * End of the business day at the hall's closing time (the rule: server/store/lua/sweep.lua):
 * every ticket still waiting is cancelled; every window not holding a ticket signs its staff out
 * and closes; a window still serving a citizen closes as soon as it lets the ticket go. The
 * request id is the hall and day, so however often the job fires, a day ends once.
 *
 * With a sign-out window (the default, 60 minutes) only the tickets end here: the staff stay
 * signed in, each signs out in the window on time, and `signOutDay` at its end does the rest.
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
    signOut: hall.config.attendance.signOutWindowMinutes === 0,
  });
}

/**
 * The end of the sign-out window after closing (the job at `signOutMinutes`): whoever has not
 * signed out is signed out now with reason end_of_day — a missed 签退 — and their windows close;
 * a window still serving closes when it lets the ticket go; any ticket left waiting is cancelled
 * (sweep.lua, 2–5). Nothing to do without a window (the closing job did it) or when the window
 * reaches midnight (the rollover does it); nothing before its time, as for the closing job.
 */
export async function signOutDay(ctx: CommandContext, props: { hallId: string }): Promise<Result<{ count: number }>> {
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return refuse('unknown_hall', props.hallId);
  const now = ctx.clock();
  const at = signOutMinutes(hall.config);
  const nothing = { ok: true as const, events: [], count: 0 };
  if (hall.config.attendance.signOutWindowMinutes === 0 || at >= 24 * 60) return nothing;
  if (localTime(now, hall.config.timeZone).minutes < at) return nothing;
  const date = hall.businessDay(now);
  return ctx.store.exec('sweep', hall.id, now, `${hall.id}:${date}:sign-out`, {
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
  const rolled = await ctx.store.exec<{ date: string }>('rollover', hall.id, now, `${hall.id}:${date}`, {
    date,
    previousDay,
    services: hall.serviceIds(),
  });
  return rolled.ok ? { ...rolled, events: [...swept.events, ...rolled.events] } : rolled;
}
