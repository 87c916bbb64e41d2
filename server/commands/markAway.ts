import type { AwayReason } from '../domain/ticket.js';
import type { WindowView } from '../protocol.js';
import type { Result } from '../store/hallStore.js';
import type { CommandContext } from './context.js';
import { atWindow, type WindowProps } from './windowOperation.js';

export interface AwayProps extends WindowProps {
  reason: AwayReason;
}

/**
 * The staffer steps away from the window with a reason (离岗: away.lua, event staff.away). With
 * the other post on duty the window stays open under it; otherwise the window is paused
 * (暂停服务) with the reason. Who may: server/domain/duty.ts awayRefusal.
 */
export function markAway(ctx: CommandContext, props: AwayProps): Promise<Result<{ window: WindowView }>> {
  return atWindow(ctx, 'away', props, () => ({ reason: props.reason }));
}
