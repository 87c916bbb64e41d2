import { randomFillSync } from 'node:crypto';
import type { PriorityClass } from '../config.js';
import type { TicketView } from '../protocol.js';
import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';

export interface IssueProps {
  hallId: string;
  serviceId: string;
  priority?: PriorityClass;
  requestId?: string;
}

export type IssueResult = { ticket: TicketView; ahead: number; trackToken: string };

// The citizen's secret for the phone tracker: 12 random bytes, unguessable and short enough for a
// QR code. Drawn from a 4 KiB pool refilled from the CSPRNG, not one system call per ticket (as
// node's randomUUID does): issuing is the hall's hottest path.
const pool = Buffer.alloc(4096);
let used = pool.length;
function trackToken(): string {
  if (used + 12 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 12;
  return pool.toString('base64url', used - 12, used);
}

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
  return ctx.store.exec<IssueResult>('issue', hall.id, now, props.requestId, {
    serviceId: service.id,
    prefix: service.prefix,
    date: hall.businessDay(now),
    cap: service.dailyCap,
    priority: props.priority ?? 'normal',
    classes: hall.classes,
    classRank: hall.classRank,
    ageingMs: hall.ageingMs,
    trackToken: trackToken(),
  });
}
