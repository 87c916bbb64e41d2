import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';
import { atWindow, type TicketAtWindow, type WindowProps } from './windowOperation.js';

export type TransferProps = WindowProps & ({ toWindowId: string; toServiceId?: never } | { toServiceId: string; toWindowId?: never });

/**
 * Send the window's ticket to another window or service (转窗/转办). It keeps its number and its
 * first responder, and is called there before any new arrival.
 */
export async function transferTicket(ctx: CommandContext, props: TransferProps): Promise<Result<TicketAtWindow>> {
  const hall = ctx.halls.of(props.windowId);
  if (props.toWindowId !== undefined && !hall?.windows.has(props.toWindowId)) return refuse('unknown_window', props.toWindowId);
  if (props.toServiceId !== undefined && !hall?.services.has(props.toServiceId)) return refuse('unknown_service', props.toServiceId);
  return atWindow(ctx, 'transfer', props, () =>
    props.toWindowId !== undefined ? { toWindowId: props.toWindowId } : { toServiceId: props.toServiceId },
  );
}
