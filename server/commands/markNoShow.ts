import type { Result } from '../store/hallStore.js';
import type { CommandContext } from './context.js';
import { atWindow, type TicketAtWindow, type WindowProps } from './windowOperation.js';

/**
 * The called citizen did not come (过号). The ticket waits again a few places back, as the hall's
 * rules say (noShowRequeuePlaces), until noShowRequeueLimit; after that it is missed.
 */
export function markNoShow(ctx: CommandContext, props: WindowProps): Promise<Result<TicketAtWindow>> {
  return atWindow(ctx, 'no_show', props, (hall) => ({
    requeueLimit: hall.config.rules.noShowRequeueLimit,
    requeuePlaces: hall.config.rules.noShowRequeuePlaces,
  }));
}
