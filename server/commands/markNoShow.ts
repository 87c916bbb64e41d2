import { noShowTooEarly } from '../domain/noShow.js';
import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';
import { atWindow, type TicketAtWindow, type WindowProps } from './windowOperation.js';

/**
 * The called citizen did not come (过号). The ticket waits again a few places back, as the hall's
 * rules say (noShowRequeuePlaces), until noShowRequeueLimit; after that it is missed. Not before
 * the hall's minimum time after the call, nor before a recall when the hall asks for one
 * (domain/noShow.ts): refused with no_show_too_early, detail the seconds left or "recall".
 */
export async function markNoShow(ctx: CommandContext, props: WindowProps): Promise<Result<TicketAtWindow>> {
  const hall = ctx.halls.of(props.windowId);
  const held = hall && (await ctx.store.windowTicket(hall.id, props.windowId));
  if (hall && held) {
    const early = noShowTooEarly(held, ctx.clock(), hall.config.rules);
    if (early) return refuse('no_show_too_early', early.recallFirst ? 'recall' : String(early.secondsLeft));
  }
  return atWindow(ctx, 'no_show', props, (h) => ({
    requeueLimit: h.config.rules.noShowRequeueLimit,
    requeuePlaces: h.config.rules.noShowRequeuePlaces,
    // The call checked above: a call made since (another press) is refused by the script.
    ...(held?.calledAt !== undefined ? { calledAt: held.calledAt } : {}),
  }));
}
