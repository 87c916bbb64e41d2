import type { WindowView } from '../protocol.js';
import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';
import { atWindow, type WindowProps } from './windowOperation.js';

export interface SignInProps extends WindowProps {
  post: 'A' | 'B';
}

/**
 * A staffer signs in at a window as its A or B post (签到): only at a post the configuration gives
 * them (or any free post where the hall allows off-roster staff), and at one window at a time. A B post signing in while A is away takes the window over.
 */
export async function signIn(ctx: CommandContext, props: SignInProps): Promise<Result<{ window: WindowView }>> {
  const hall = ctx.halls.of(props.windowId);
  if (!hall?.windows.has(props.windowId)) return refuse('unknown_window', props.windowId);
  if (!hall.staff.has(props.staffId)) return refuse('unknown_staff', props.staffId);
  // Off the A/B roster only where the hall allows it (attendance.offRosterAllowed); attendance flags it anyway.
  const offRosterAllowed = hall.config.attendance.offRosterAllowed.includes(hall.windows.get(props.windowId)!.number);
  if (!hall.holdsPost(props.staffId, props.windowId, props.post) && !offRosterAllowed) return refuse('not_your_post');
  return atWindow(ctx, 'sign_in', props, () => ({ post: props.post }));
}
