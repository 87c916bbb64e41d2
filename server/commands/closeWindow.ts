import type { WindowView } from '../protocol.js';
import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';

export interface CloseProps {
  windowId: string;
  /** Who closes it: a manager's id, or "system" for the end of day. */
  by: string;
  requestId?: string;
}

/** Close a window and sign its staff out; refused while a ticket is at the window. */
export async function closeWindow(ctx: CommandContext, props: CloseProps): Promise<Result<{ window: WindowView }>> {
  const hall = ctx.halls.of(props.windowId);
  if (!hall?.windows.has(props.windowId)) return refuse('unknown_window', props.windowId);
  // A manager's request id is theirs: another manager's same id is another request.
  return ctx.store.exec('close', hall.id, ctx.clock(), props.requestId && `${props.by}:${props.requestId}`, { windowId: props.windowId, by: props.by }, { windowId: props.windowId });
}
