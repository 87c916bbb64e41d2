import type { PauseReason } from '../domain/ticket.js';
import type { WindowView } from '../protocol.js';
import type { Result } from '../store/hallStore.js';
import type { CommandContext } from './context.js';
import { atWindow, type WindowProps } from './windowOperation.js';

export interface PauseProps extends WindowProps {
  reason: PauseReason;
}

/**
 * The staffer pauses and steps away (暂停服务/离岗) with a reason. With the other post on duty
 * the window stays open under it; otherwise it shows 暂停服务 with the reason.
 */
export function pauseWindow(ctx: CommandContext, props: PauseProps): Promise<Result<{ window: WindowView }>> {
  return atWindow(ctx, 'away', props, () => ({ reason: props.reason }));
}
