import type { HallConfig } from '../config.js';
import { clockMinutes, localTime } from '../domain/time.js';
import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';

/**
 * When the day's end signs out whoever is still signed in, in minutes from local midnight: the
 * closing time plus the sign-out window (attendance.signOutWindowMinutes, S24/S40). At 24:00 or
 * later the midnight rollover does it.
 */
export function signOutMinutes(config: HallConfig): number {
  return clockMinutes(config.schedule.close) + config.attendance.signOutWindowMinutes;
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
