import type { WindowView } from '../protocol.js';
import type { Result } from '../store/hallStore.js';
import type { CommandContext } from './context.js';
import { atWindow, type WindowProps } from './windowOperation.js';

/** The staffer is back (恢复服务). */
export function resumeWindow(ctx: CommandContext, props: WindowProps): Promise<Result<{ window: WindowView }>> {
  return atWindow(ctx, 'back', props);
}
