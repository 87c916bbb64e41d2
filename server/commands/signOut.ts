import type { WindowView } from '../protocol.js';
import type { Result } from '../store/hallStore.js';
import type { CommandContext } from './context.js';
import { atWindow, type WindowProps } from './windowOperation.js';

/** A staffer leaves the window (签退); refused while a ticket is at the window. */
export function signOut(ctx: CommandContext, props: WindowProps): Promise<Result<{ window: WindowView }>> {
  return atWindow(ctx, 'sign_out', props);
}
