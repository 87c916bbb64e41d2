import type { PriorityClass } from '../config.js';
import type { IssueChannel, TicketView } from '../protocol.js';
import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';
import { randomToken } from './randomToken.js';
import { scopedRequestId, type Caller } from './requestScope.js';

export interface IssueProps {
  hallId: string;
  serviceId: string;
  priority?: PriorityClass;
  /** Where it is issued: a kiosk, or a manager at the help desk (the archive keeps it per ticket). */
  channel?: IssueChannel;
  requestId?: string;
  /** Who asks (commands/requestScope.ts): the request id is theirs. */
  caller?: Caller;
}

export type IssueResult = { ticket: TicketView; ahead: number; trackToken: string };

/**
 * Issue the next number of a service (取号). Refused on a day the hall does not work, outside
 * the service's issuing hours, and past its daily cap.
 */
export async function issueTicket(ctx: CommandContext, props: IssueProps): Promise<Result<IssueResult>> {
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return refuse('unknown_hall', props.hallId);
  const service = hall.services.get(props.serviceId);
  if (!service) return refuse('unknown_service', props.serviceId);
  const now = ctx.clock();
  const closed = hall.issuingRefusal(service, now);
  if (closed) return refuse(closed);
  const priority = props.priority ?? 'normal';
  const asked = { serviceId: service.id, priority, channel: props.channel ?? null };
  return ctx.store.exec('issue', hall.id, now, scopedRequestId(props.caller ?? 'anonymous', props.requestId), {
    serviceId: service.id,
    prefix: service.prefix,
    date: hall.businessDay(now),
    cap: service.dailyCap,
    priority,
    classes: hall.classes,
    classRank: hall.classRank,
    ageingMs: hall.ageingMs,
    trackToken: randomToken(), // the citizen's secret for the phone tracker
    ...(props.channel ? { channel: props.channel } : {}),
  }, asked);
}
