/**
 * Request and response schemas of the HTTP API. The same objects validate requests and generate
 * the OpenAPI document (/api/openapi.json); response schemas are typed against protocol.ts, so
 * the document cannot drift from the wire types.
 */
import { z } from 'zod';
import { priorityClasses } from '../config.js';
import { outcomes, pauseReasons, ticketStatuses } from '../domain/ticket.js';
import type { HallEvent, HallSnapshot, QueueCount, Rating, TicketView, WindowView } from '../protocol.js';
import { deviceKinds } from '../auth/principals.js';

const id = z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _');

/** A client's id for one press of a button; repeats return the first answer. */
export const requestId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_.:-]+$/).optional().meta({
  description: 'client request id: a repeat with the same id returns the first result and changes nothing',
});

export const ticketViewSchema: z.ZodType<TicketView> = z
  .object({
    id: z.string(),
    number: z.string(),
    serviceId: z.string(),
    priority: z.enum(priorityClasses),
    status: z.enum(ticketStatuses),
    issuedAt: z.number(),
    windowId: z.string().optional(),
    windowNumber: z.number().optional(),
    staffId: z.string().optional(),
    firstResponder: z.string().optional(),
    calledAt: z.number().optional(),
    startedAt: z.number().optional(),
    finishedAt: z.number().optional(),
    outcome: z.enum(outcomes).optional(),
    recalls: z.number(),
    noShows: z.number(),
    transfers: z.number(),
    transferTo: z.string().optional(),
  })
  .meta({ id: 'Ticket' });

export const windowViewSchema: z.ZodType<WindowView> = z
  .object({
    id: z.string(),
    number: z.number(),
    state: z.enum(['closed', 'idle', 'called', 'serving', 'paused']),
    ticketId: z.string().optional(),
    ticketNumber: z.string().optional(),
    postA: z.string().optional(),
    postB: z.string().optional(),
    awayA: z.enum(pauseReasons).optional(),
    awayB: z.enum(pauseReasons).optional(),
    onDuty: z.string().optional(),
    covering: z.boolean(),
    pauseReason: z.enum(pauseReasons).optional(),
  })
  .meta({ id: 'WindowState' });

const queueCountSchema: z.ZodType<QueueCount> = z.object({ serviceId: z.string(), waiting: z.number() });

export const ratingSchema: z.ZodType<Rating> = z
  .object({
    ticketId: z.string(),
    ticketNumber: z.string(),
    serviceId: z.string(),
    windowId: z.string(),
    windowNumber: z.number().optional(),
    staffId: z.string().optional(),
    firstResponder: z.string().optional(),
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    reasons: z.array(z.string()).optional(),
    comment: z.string().optional(),
    channel: z.enum(['pad', 'qr']),
  })
  .meta({ id: 'Rating' });

export const eventSchema: z.ZodType<HallEvent> = z
  .object({
    id: z.number(),
    type: z.enum([
      'ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.started', 'ticket.noShow', 'ticket.completed',
      'ticket.transferred', 'ticket.cancelled', 'staff.signedIn', 'staff.signedOut', 'staff.away', 'staff.back',
      'window.closed', 'day.swept', 'day.rolledOver', 'ticket.rated',
    ]),
    at: z.number(),
    hallId: z.string(),
    ticket: ticketViewSchema.optional(),
    window: windowViewSchema.optional(),
    queues: z.array(queueCountSchema).optional(),
    staffId: z.string().optional(),
    reason: z.string().optional(),
    date: z.string().optional(),
    count: z.number().optional(),
    rating: ratingSchema.optional(),
  })
  .meta({ id: 'HallEvent' });

export const snapshotSchema: z.ZodType<HallSnapshot> = z
  .object({
    hallId: z.string(),
    lastEventId: z.number(),
    date: z.string(),
    windows: z.array(windowViewSchema),
    queues: z.array(queueCountSchema),
    recentCalls: z.array(ticketViewSchema),
    waiting: z.array(ticketViewSchema),
  })
  .meta({ id: 'HallSnapshot' });

export const errorSchema = z
  .object({
    error: z.string().meta({ description: 'stable code: bad_request, unauthorized, forbidden, not_found, or a refusal reason' }),
    message: z.string(),
    field: z.string().optional().meta({ description: 'path of the offending field (400)' }),
    detail: z.string().optional(),
  })
  .meta({ id: 'Error' });

export const params = {
  hall: z.object({ hallId: id }),
  window: z.object({ windowId: id }),
  ticket: z.object({ ticketId: id }),
};

export const bodies = {
  login: z.object({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) }).strict(),
  issue: z.object({ serviceId: id, priority: z.enum(priorityClasses).optional(), requestId }).strict(),
  plain: z.object({ requestId }).strict(),
  signIn: z.object({ post: z.enum(['A', 'B']), requestId }).strict(),
  complete: z.object({ outcome: z.enum(outcomes), requestId }).strict(),
  transfer: z
    .object({ toWindowId: id.optional(), toServiceId: id.optional(), requestId })
    .strict()
    .refine((b) => (b.toWindowId === undefined) !== (b.toServiceId === undefined), {
      message: 'give exactly one of toWindowId and toServiceId',
      path: ['toWindowId'],
    }),
  pause: z.object({ reason: z.enum(pauseReasons), requestId }).strict(),
  device: z.object({ device: z.enum(deviceKinds), hallId: id, windowId: id.optional(), kioskId: id.optional() }).strict(),
  cancel: z.object({ token: z.string().max(100).optional(), requestId }).strict(),
};

export const queries = {
  events: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
  ticket: z.object({ token: z.string().min(1).max(100) }),
};
