import type { TicketView } from '../protocol.js';
import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';
import { holderOf, scopedRequestId, type Caller } from './requestScope.js';

export interface CancelProps {
  ticketId: string;
  /** Required when the citizen cancels from the phone; a manager cancels without it. */
  trackToken?: string;
  reason: 'citizen' | 'manager';
  requestId?: string;
  /** A manager's cancel: who (the citizen's is scoped by the track token they show). */
  caller?: Caller;
}

/** A waiting ticket leaves the queue (取消). */
export async function cancelTicket(ctx: CommandContext, props: CancelProps): Promise<Result<{ ticket: TicketView }>> {
  const hall = ctx.halls.of(props.ticketId);
  if (!hall) return refuse('unknown_ticket');
  const caller = props.trackToken !== undefined ? holderOf(props.trackToken) : (props.caller ?? 'anonymous');
  return ctx.store.exec('cancel', hall.id, ctx.clock(), scopedRequestId(caller, props.requestId), {
    ticketId: props.ticketId,
    trackToken: props.trackToken,
    reason: props.reason,
    classes: hall.classes,
  }, { ticketId: props.ticketId, reason: props.reason });
}
