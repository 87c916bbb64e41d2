import { closesAtMidnight, shiftDay } from '../domain/time.js';
import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';

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
