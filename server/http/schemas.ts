/**
 * Request and response schemas of the HTTP API. The same objects validate requests and generate
 * the OpenAPI document (/api/openapi.json); response schemas are typed against protocol.ts, so
 * the document cannot drift from the wire types.
 */
import { z } from 'zod';
import { priorityClasses } from '../config.js';
import { outcomes, awayReasons } from '../domain/ticket.js';
import { hallEventSchema, queueCount, rating, ticketView, windowView } from '../events.js';
import type { CitizenTicketView, HallInfo, HallSnapshot, KioskPrinterView, RatingOptions, RatingRequestView } from '../protocol.js';
import { hallLevels, windowKinds } from '../config.js';
import { deviceKinds, type Principal } from '../auth/principals.js';
import { roles } from '../config.js';

const id = z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _');

/** A client's id for one press of a button; repeats return the first answer. */
export const requestId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_.:-]+$/).optional().meta({
  description: 'client request id: a repeat with the same id returns the first result and changes nothing',
});

// Events and the views they carry are the scripts' own schemas (events.ts), named for the document.
export const ticketViewSchema = ticketView.meta({ id: 'Ticket' });
export const windowViewSchema = windowView.meta({ id: 'WindowState' });
const queueCountSchema = queueCount.meta({ id: 'QueueCount' });
export const ratingSchema = rating.meta({ id: 'Rating' });
export const eventSchema = hallEventSchema.meta({ id: 'HallEvent' });

export const snapshotSchema: z.ZodType<HallSnapshot> = z
  .object({
    hallId: z.string(),
    lastEventId: z.number(),
    date: z.string(),
    windows: z.array(windowViewSchema),
    queues: z.array(queueCountSchema),
    recentCalls: z.array(ticketViewSchema),
    waiting: z.array(ticketView.extend({ queuedAt: z.number() }).meta({ id: 'WaitingTicket' })),
  })
  .meta({ id: 'HallSnapshot' });

export const hallInfoSchema: z.ZodType<HallInfo> = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    level: z.enum(hallLevels),
    parent: z.string().nullable(),
    timeZone: z.string(),
    notice: z.string(),
    voiceTemplate: z.string(),
    voice: z.strictObject({ muted: z.boolean(), volume: z.number(), repeat: z.number(), gapMs: z.number(), baseUrl: z.string() }),
    waitTargetMinutes: z.number(),
    classOrder: z.array(z.enum(priorityClasses)),
    ageingMinutes: z.number(),
    services: z.array(z.strictObject({ id: z.string(), name: z.string(), prefix: z.string(), standardMinutes: z.number() })),
    windows: z.array(z.strictObject({ id: z.string(), number: z.number(), name: z.string(), kind: z.enum(windowKinds), services: z.array(z.string()), tiers: z.array(z.array(z.string())) })),
    staff: z.array(z.strictObject({ id: z.string(), name: z.string(), photo: z.string().optional(), posts: z.array(z.strictObject({ window: z.number(), post: z.enum(['A', 'B']) })) })),
  })
  .meta({ id: 'HallInfo' });

/** A kiosk's printer (protocol.ts KioskPrinterView): the kiosk's own route, the managers' list, an issued ticket's `print`. */
export const printerViewSchema: z.ZodType<KioskPrinterView> = z
  .strictObject({
    kioskId: z.string(),
    hallId: z.string(),
    name: z.string(),
    state: z.enum(['none', 'unknown', 'ready', 'offline', 'paperOut', 'coverOpen', 'error']),
    paperNearEnd: z.boolean().optional(),
    detail: z.string().optional(),
    at: z.number().optional(),
  })
  .meta({ id: 'KioskPrinter' });

export const citizenTicketSchema: z.ZodType<CitizenTicketView> = ticketView
  .extend({
    hallId: z.string(),
    hallName: z.string(),
    serviceName: z.string(),
    ahead: z.number(),
    estimatedWaitMinutes: z.number().nullable().optional(),
    windowName: z.string().optional(),
    rateToken: z.string().optional(),
  })
  .meta({ id: 'CitizenTicket' });

export const ratingOptionsSchema: z.ZodType<RatingOptions> = z
  .strictObject({
    levels: z.array(rating.shape.level),
    badLevels: z.array(rating.shape.level),
    reasons: z.array(z.string()),
    timeoutSeconds: z.number(),
    maxComment: z.number(),
  })
  .meta({ id: 'RatingOptions' });

export const ratingRequestSchema: z.ZodType<RatingRequestView> = z
  .strictObject({ ticket: ticketViewSchema, rateToken: z.string(), expiresAt: z.number(), remainingMs: z.number(), serviceName: z.string(), staffName: z.string().optional() })
  .meta({ id: 'RatingRequest' });

/** Who a token stands for (GET /me). */
export const principalSchema: z.ZodType<Principal> = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('staff'), staffId: z.string(), name: z.string(), role: z.enum(roles), hallId: z.string() }),
    z.strictObject({ kind: z.literal('device'), device: z.enum(deviceKinds), deviceId: z.string(), hallId: z.string(), windowId: z.string().optional(), kioskId: z.string().optional() }),
  ])
  .meta({ id: 'Principal' });

export const errorSchema = z
  .object({
    error: z.string().meta({ description: 'stable code: bad_request, unauthorized, forbidden, not_found, or a refusal reason' }),
    message: z.string(),
    field: z.string().optional().meta({ description: 'path of the offending field (400)' }),
    detail: z.string().optional(),
    attemptsLeft: z.number().int().min(0).optional().meta({ description: 'login (401 unauthorized): attempts left for this address and 工号 before 429' }),
    retryAfterSeconds: z.number().int().min(1).optional().meta({ description: 'login (401 with no attempts left, 429 too_many_attempts): seconds until the limit lets this address and 工号 try again' }),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().meta({ description: 'a configuration edit (422 invalid_config): each bad field’s path in the hall’s configuration and what is wrong' }),
    current: z.number().int().min(0).optional().meta({ description: 'a configuration edit (409 revision_moved): the revision now running' }),
  })
  .meta({ id: 'Error' });

export const params = {
  hall: z.object({ hallId: id }),
  window: z.object({ windowId: id }),
  ticket: z.object({ ticketId: id }),
};

export const bodies = {
  login: z
    .object({
      username: z.string().min(1).max(40),
      password: z.string().min(1).max(200),
      takeover: z.boolean().optional().meta({ description: 'log in although another terminal is live at this staffer’s desk (after a 409 live_elsewhere): that terminal’s session ends' }),
    })
    .strict(),
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
  away: z.object({ reason: z.enum(awayReasons), requestId }).strict(),
  device: z.object({ device: z.enum(deviceKinds), hallId: id, windowId: id.optional(), kioskId: id.optional() }).strict(),
  cancel: z.object({ token: z.string().max(100).optional(), requestId }).strict(),
};

export const queries = {
  events: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
  ticket: z.object({ token: z.string().min(1).max(100) }),
};
