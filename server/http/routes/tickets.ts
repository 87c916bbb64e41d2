/** Tickets: issue (kiosk, manager), the citizen’s view, cancel. */
import { z } from 'zod';
import type { RouteKit } from '../kit.js';
import { callerOf, type Principal } from '../../auth/principals.js';
import type { Hall } from '../../domain/hall.js';
import type { KioskPrinterView, TicketView } from '../../protocol.js';
import { canIssue, canManage } from '../../auth/policies.js';
import { cancelTicket } from '../../commands/cancelTicket.js';
import { issueTicket } from '../../commands/issueTicket.js';
import { HttpError } from '../route.js';
import { bodies, citizenTicketSchema, params, printerViewSchema, queries, ticketViewSchema } from '../schemas.js';
import { priorityClasses } from '../../domain/ticket.js';
import { presentTicketForCitizen } from '../presenters.js';

/** What a kiosk learns about the paper ticket when it issues one. */
export interface IssuePrint {
  /** A print job exists for the ticket (false: this kiosk has no printer). */
  queued: boolean;
  /** The phone tracker's address, as the paper's QR code holds it (the kiosk shows the same code on screen). */
  trackUrl: string;
  printer: KioskPrinterView;
}

/** What other parts of the hub add to tickets; the hub passes them in (server/printing.ts, server/waitEstimates.ts). */
export interface TicketHooks {
  /**
   * A ticket was issued, or a repeated request answered again: printing queues the kiosk's ticket
   * (once per ticket, however often it is called). Its answer joins the reply as `print`.
   */
  issued?(issued: { hall: Hall; principal: Principal; ticket: TicketView; ahead: number; trackToken: string }): Promise<IssuePrint | undefined>;
  /** Whole minutes a waiting ticket may still wait; null when no open window calls its service now. */
  estimateWait?(hall: Hall, ticket: TicketView, ahead: number): number | null;
}

export function ticketRoutes(kit: RouteKit & { ticketHooks?: TicketHooks }): void {
  const { ctx, route, hallOr404, forbid, okOrThrow, ticketHooks: hooks } = kit;
  route({
    method: 'post', path: '/halls/{hallId}/tickets', tag: 'tickets', auth: 'token', summary: 'Issue a ticket (a kiosk, or a manager)',
    params: params.hall, body: bodies.issue,
    responses: { 201: { description: 'the ticket', schema: z.object({ id: z.string(), number: z.string(), serviceId: z.string(), priority: z.enum(priorityClasses), status: z.string(), ahead: z.number(), trackToken: z.string(), issuedAt: z.number(), print: z.object({ queued: z.boolean(), trackUrl: z.string(), printer: printerViewSchema }).optional().meta({ description: 'a kiosk’s paper ticket: queued, and its printer’s last known state' }) }) } },
    handler: async ({ params: p, body, principal }) => {
      const hall = hallOr404(p.hallId);
      if (!canIssue(principal!, hall.id, ctx.halls.parentOf)) throw forbid('only a kiosk or a manager of this hall issues tickets');
      const channel = principal!.kind === 'device' ? 'kiosk' : 'desk';
      const r = okOrThrow(await issueTicket(ctx, { hallId: hall.id, serviceId: body.serviceId, priority: body.priority, channel, requestId: body.requestId, caller: callerOf(principal!) }));
      const t = r.ticket;
      const print = await hooks?.issued?.({ hall, principal: principal!, ticket: t, ahead: r.ahead, trackToken: r.trackToken });
      return { status: 201, body: { id: t.id, number: t.number, serviceId: t.serviceId, priority: t.priority, status: t.status, issuedAt: t.issuedAt, ahead: r.ahead, trackToken: r.trackToken, ...(print ? { print } : {}) } };
    },
  });

  route({
    method: 'get', path: '/tickets/{ticketId}', tag: 'tickets', auth: 'none', summary: 'The citizen’s view of a ticket (token from the QR code)',
    params: params.ticket, query: queries.ticket,
    responses: { 200: { description: 'status, position, estimatedWaitMinutes while waiting (null: no open window calls the service now), window when called', schema: citizenTicketSchema } },
    handler: async ({ params: p, query }) => {
      const hall = ctx.halls.of(p.ticketId);
      const found = hall && (await ctx.store.position(hall.id, p.ticketId, hall, ctx.clock()));
      // A wrong token answers like an unknown ticket: ids are guessable, tokens are not.
      if (!hall || !found || found.trackToken !== query.token) throw new HttpError(404, 'unknown_ticket', 'no such ticket');
      const estimatedWaitMinutes = found.ticket.status === 'waiting' ? hooks?.estimateWait?.(hall, found.ticket, found.ahead) : undefined;
      return { status: 200, body: presentTicketForCitizen(hall, { ...found, estimatedWaitMinutes }) };
    },
  });

  route({
    method: 'post', path: '/tickets/{ticketId}/cancel', tag: 'tickets', auth: 'none', summary: 'Cancel a waiting ticket (the citizen with its token, or a manager)',
    params: params.ticket, body: bodies.cancel,
    responses: { 200: { description: 'the cancelled ticket', schema: ticketViewSchema } },
    handler: async ({ params: p, body, principal }) => {
      const hall = ctx.halls.of(p.ticketId);
      if (!hall) throw new HttpError(404, 'unknown_ticket', 'no such ticket');
      const manager = principal && canManage(principal, hall.id, ctx.halls.parentOf);
      if (!manager && !body.token) throw new HttpError(401, 'unauthorized', 'the ticket’s token or a manager’s session is required');
      const r = okOrThrow(await cancelTicket(ctx, { ticketId: p.ticketId, trackToken: manager ? undefined : body.token, reason: manager ? 'manager' : 'citizen', requestId: body.requestId, ...(manager ? { caller: callerOf(principal) } : {}) }));
      return { status: 200, body: r.ticket };
    },
  });

}
