/**
 * The common path of every operation a staffer performs at a window: find the window's hall,
 * then run the operation's atomic script with the window, the staffer and the request id.
 */
import type { Hall } from '../domain/hall.js';
import type { Result } from '../store/hallStore.js';
import type { ScriptPayload, ScriptReply, TicketAtWindow, WindowPayload, WindowScript } from '../store/scriptTypes.js';
import { refuse, type CommandContext } from './context.js';

export interface WindowProps {
  windowId: string;
  /** The staffer acting (authenticated by the transport). */
  staffId: string;
  /** The client's id for this press: a repeat returns the first result and changes nothing. */
  requestId?: string;
}

export type { TicketAtWindow };

/** What a script needs beyond the window, the staffer and the classes. */
type Extra<N extends WindowScript> = Omit<ScriptPayload<N>, keyof WindowPayload>;

export async function atWindow<N extends WindowScript>(
  ctx: CommandContext,
  script: N,
  props: WindowProps,
  extra?: (hall: Hall) => Extra<N>,
): Promise<Result<ScriptReply<N>>> {
  const hall = ctx.halls.of(props.windowId);
  if (!hall || !hall.windows.has(props.windowId)) return refuse('unknown_window', props.windowId);
  // A press belongs to its window and staffer: the same id sent from elsewhere is another press.
  const requestId = props.requestId && `${props.windowId}:${props.staffId}:${props.requestId}`;
  const payload = { windowId: props.windowId, staffId: props.staffId, classes: hall.classes, ...extra?.(hall) } as ScriptPayload<N>;
  // What the staffer asked is the command's props (outcome, target …), not the payload, which may
  // carry a fresh random token (complete's rate token).
  const { requestId: _id, ...asked } = props;
  return ctx.store.exec(script, hall.id, ctx.clock(), requestId, payload, asked);
}
