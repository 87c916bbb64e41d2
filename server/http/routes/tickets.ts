/** Tickets: issue (kiosk, manager), the citizen’s view, cancel. */
import { z } from 'zod';
import type { RouteKit } from '../kit.js';
import { canIssue, canManage } from '../../auth/policies.js';
import { cancelTicket } from '../../commands/cancelTicket.js';
import { issueTicket } from '../../commands/issueTicket.js';
import { HttpError } from '../route.js';
import { bodies, params, queries, ticketViewSchema } from '../schemas.js';
import { presentTicketForCitizen } from '../presenters.js';

export function ticketRoutes(kit: RouteKit): void {
  const { ctx, route, hallOr404, forbid, ok } = kit;
  route({
    method: 'post', path: '/halls/{hallId}/tickets', tag: 'tickets', auth: 'token', summary: 'Issue a ticket (a kiosk, or a manager)',
    params: params.hall, body: bodies.issue,
    responses: { 201: { description: 'the ticket', schema: z.object({ id: z.string(), number: z.string(), serviceId: z.string(), status: z.string(), ahead: z.number(), trackToken: z.string(), issuedAt: z.number() }) } },
    handler: async ({ params: p, body, principal }) => {
      const hall = hallOr404(p.hallId);
      if (!canIssue(principal!, hall.id, ctx.halls.parentOf)) throw forbid('only a kiosk or a manager of this hall issues tickets');
      const r = ok(await issueTicket(ctx, { hallId: hall.id, serviceId: body.serviceId, priority: body.priority, requestId: body.requestId }));
      const t = r.ticket;
      return { status: 201, body: { id: t.id, number: t.number, serviceId: t.serviceId, priority: t.priority, status: t.status, issuedAt: t.issuedAt, ahead: r.ahead, trackToken: r.trackToken } };
    },
  });

  route({
    method: 'get', path: '/tickets/{ticketId}', tag: 'tickets', auth: 'none', summary: 'The citizen’s view of a ticket (token from the QR code)',
    params: params.ticket, query: queries.ticket,
    responses: { 200: { description: 'status, position, window when called' } },
    handler: async ({ params: p, query }) => {
      const hall = ctx.halls.of(p.ticketId);
      const found = hall && (await ctx.store.position(hall.id, p.ticketId, hall));
      // A wrong token answers like an unknown ticket: ids are guessable, tokens are not.
      if (!hall || !found || found.trackToken !== query.token) throw new HttpError(404, 'unknown_ticket', 'no such ticket');
      return { status: 200, body: presentTicketForCitizen(hall, found) };
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
      const r = ok(await cancelTicket(ctx, { ticketId: p.ticketId, trackToken: manager ? undefined : body.token, reason: manager ? 'manager' : 'citizen', requestId: body.requestId }));
      return { status: 200, body: r.ticket };
    },
  });

}
