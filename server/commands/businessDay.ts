import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';

/**
 * End of the business day: every ticket still waiting is cancelled, each with its event. The
 * request id is the hall and day, so however often the job fires, a day is swept once.
 */
export async function sweepDay(ctx: CommandContext, props: { hallId: string }): Promise<Result<{ count: number }>> {
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return refuse('unknown_hall', props.hallId);
  const now = ctx.clock();
  const date = hall.businessDay(now);
  return ctx.store.exec('sweep', hall.id, now, `${hall.id}:${date}`, {
    services: hall.serviceIds(),
    windows: hall.windowIds(),
    classes: hall.classes,
    date,
    reason: 'end_of_day',
  });
}

/**
 * A new business day: anything left waiting from before is swept first (a hub that was down at
 * closing time), then the day is marked. Numbering restarts by itself: its counters are per day.
 */
export async function rollOverDay(ctx: CommandContext, props: { hallId: string }): Promise<Result<{ date: string }>> {
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return refuse('unknown_hall', props.hallId);
  const now = ctx.clock();
  const date = hall.businessDay(now);
  const swept = await ctx.store.exec('sweep', hall.id, now, `${hall.id}:before-${date}`, {
    services: hall.serviceIds(),
    windows: hall.windowIds(),
    classes: hall.classes,
    date,
    beforeDay: date,
    reason: 'previous_day',
  });
  if (!swept.ok) return swept;
  const rolled = await ctx.store.exec<{ date: string }>('rollover', hall.id, now, `${hall.id}:${date}`, { date });
  return rolled.ok ? { ...rolled, events: [...swept.events, ...rolled.events] } : rolled;
}
