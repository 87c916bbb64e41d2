import type { Result } from '../store/hallStore.js';
import type { CommandContext } from './context.js';
import { atWindow, type TicketAtWindow, type WindowProps } from './windowOperation.js';

/** Announce the called ticket again (重呼); each recall is counted on the ticket. */
export function recallTicket(ctx: CommandContext, props: WindowProps): Promise<Result<TicketAtWindow>> {
  return atWindow(ctx, 'recall', props);
}
