import type { WindowView } from '../protocol.js';
import type { Result } from '../store/hallStore.js';
import type { CommandContext } from './context.js';
import { atWindow, type WindowProps } from './windowOperation.js';

/** The staffer is back at the window (恢复服务: back.lua, event staff.back); a paused window opens again. */
export function markBack(ctx: CommandContext, props: WindowProps): Promise<Result<{ window: WindowView }>> {
  return atWindow(ctx, 'back', props);
}
