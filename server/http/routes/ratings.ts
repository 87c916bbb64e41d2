/** Ratings (好差评): the citizen rates at the window's pad or on the phone; the pad learns what to ask. */
import { z } from 'zod';
import { isWindowPad, ratingChannel } from '../../auth/policies.js';
import { rateTicket, ratingRequest } from '../../commands/rateTicket.js';
import { isBadReview, MAX_COMMENT, ratingLevels } from '../../domain/ratingRules.js';
import type { RatingLevel } from '../../protocol.js';
import type { RouteKit } from '../kit.js';
import { HttpError } from '../route.js';
import { params, ratingOptionsSchema, ratingRequestSchema, ratingSchema, requestId, ticketViewSchema } from '../schemas.js';

const rateBody = z
  .object({
    level: z.number().int().min(1).max(5).meta({ description: '5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意' }),
    reasons: z.array(z.string().min(1).max(40)).max(20).optional().meta({ description: 'from the hall’s ratingReasons; at least one for levels 1–2' }),
    comment: z.string().trim().max(MAX_COMMENT).optional(),
    rateToken: z.string().min(1).max(100).meta({ description: 'the ticket’s rating token (pad: rating-request; phone: GET /api/tickets/{id} after completion)' }),
    requestId,
  })
  .strict();

export function ratingRoutes(kit: RouteKit): void {
  const { ctx, route, hallOr404, windowHall, forbid, okOrThrow } = kit;

  route({
    method: 'post', path: '/tickets/{ticketId}/rating', tag: 'ratings', auth: 'none',
    summary: 'Rate a completed ticket once: the window’s pad (its device token) or the citizen’s phone (no token), with the ticket’s rateToken',
    params: params.ticket, body: rateBody,
    responses: { 201: { description: 'the rating, as the ticket.rated event carries it', schema: z.object({ ticket: ticketViewSchema, rating: ratingSchema }) } },
    handler: async ({ params: p, body, principal }) => {
      const hall = ctx.halls.of(p.ticketId);
      if (!hall) throw new HttpError(404, 'unknown_ticket', 'no such ticket');
      const who = ratingChannel(principal, hall.id);
      if (typeof who === 'string') throw forbid(who);
      const r = okOrThrow(await rateTicket(ctx, { ticketId: p.ticketId, ...body, level: body.level as RatingLevel, ...who }));
      return { status: 201, body: { ticket: r.ticket, rating: r.rating } };
    },
  });

  route({
    method: 'get', path: '/windows/{windowId}/rating-request', tag: 'ratings', auth: 'token',
    summary: 'For the window’s own pad: the ticket just completed there, unrated, with its rateToken (204 when there is none)',
    params: params.window,
    responses: {
      200: { description: 'what to ask the citizen', schema: ratingRequestSchema },
      204: { description: 'nothing to rate now' },
    },
    handler: async ({ params: p, principal }) => {
      const hall = windowHall(p.windowId);
      if (!isWindowPad(principal, p.windowId)) throw forbid('only this window’s rating pad');
      const asked = await ratingRequest(ctx, hall, p.windowId);
      if (!asked) return { status: 204 };
      const staffId = asked.ticket.staffId;
      return {
        status: 200,
        body: {
          ...asked,
          serviceName: hall.services.get(asked.ticket.serviceId)?.name ?? asked.ticket.serviceId,
          ...(staffId && hall.staff.get(staffId) ? { staffName: hall.staff.get(staffId)!.name } : {}),
        },
      };
    },
  });

  route({
    method: 'get', path: '/halls/{hallId}/rating-options', tag: 'ratings', auth: 'none',
    summary: 'The rating levels, the hall’s bad-review reasons and how long the pad asks',
    params: params.hall,
    responses: { 200: { description: 'options', schema: ratingOptionsSchema } },
    handler: async ({ params: p }) => {
      const hall = hallOr404(p.hallId);
      return {
        status: 200,
        body: { levels: ratingLevels, badLevels: ratingLevels.filter(isBadReview), reasons: hall.config.ratingReasons, timeoutSeconds: hall.config.rules.ratingTimeoutSeconds, maxComment: MAX_COMMENT },
      };
    },
  });
}
