import { closesAtMidnight, clockMinutes, localTime } from '../domain/time.js';
import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';

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
