import type { Result } from '../store/hallStore.js';
import type { CommandContext } from './context.js';
import { atWindow, type TicketAtWindow, type WindowProps } from './windowOperation.js';

/**
 * The window asks for its next ticket (叫号). Exactly one ticket, never one another window got;
 * no ticket (`ticket` absent) when nobody waits for this window's services. Order: see
 * server/domain/routing.ts.
 */
export function callNext(ctx: CommandContext, props: WindowProps): Promise<Result<TicketAtWindow>> {
  return atWindow(ctx, 'call_next', props, (hall) => ({
    tiers: hall.windows.get(props.windowId)!.tiers,
    classRank: hall.classRank,
    ageingMs: hall.ageingMs,
  }));
}
