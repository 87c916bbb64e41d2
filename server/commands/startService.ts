import type { Result } from '../store/hallStore.js';
import type { CommandContext } from './context.js';
import { atWindow, type TicketAtWindow, type WindowProps } from './windowOperation.js';

/** The called citizen has arrived: handling starts and its clock runs (办理中). */
export function startService(ctx: CommandContext, props: WindowProps): Promise<Result<TicketAtWindow>> {
  return atWindow(ctx, 'start', props);
}
