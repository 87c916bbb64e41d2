/**
 * The hall's events exactly as the Lua scripts write them (server/store/lua, `emit` in
 * _mutate.lua adds id, at and hallId): one zod schema and one version per type. protocol.ts
 * derives the wire types from these with `import type` only, so the Svelte bundles never load zod.
 *
 * Nothing on the realtime path parses an event: the hub trusts its own scripts. Tests and the
 * archive do (parseHallEvent); the archive stores the version it parsed an event under, so a type
 * whose fields change gets a new version here and docs/events.md (checked by tests/engine/events).
 *
 * Objects are strict: a field a script starts to emit fails the tests until it is added here.
 * cjson quirks the schemas follow: an empty Lua table encodes as {}, so a list is absent rather
 * than empty; a nil field is absent, never null.
 */
import { z } from 'zod';
import { MAX_COMMENT } from './domain/ratingRules.js';
import { outcomes, awayReasons, priorityClasses, ticketStatuses } from './domain/ticket.js';

export const windowStates = ['closed', 'idle', 'called', 'serving', 'paused'] as const;
export const posts = ['A', 'B'] as const;
/** A citizen or a manager cancels (cancel.lua); the end-of-day sweep, or the next day's for a hub down at closing (sweep.lua). */
export const cancelReasons = ['citizen', 'manager', 'end_of_day', 'previous_day'] as const;
export const ratingChannels = ['pad', 'qr'] as const;
/** Where a ticket was issued: a kiosk (取号机), or a manager at the help desk for a citizen without one (导办台). */
export const issueChannels = ['kiosk', 'desk'] as const;
/** Who ended a window's day: the closing sweep or the next day's rollover (sweep.lua), not a person. */
const date = z.string().regex(/^\d{8}$/);
/** The day's end comes with the day it ended; a person's own sign-out or close without one. */
const endOfDayHasDate = (e: { reason?: string; date?: string }) => (e.reason === 'end_of_day') === (e.date !== undefined);

const text = z.string().min(1);
const count = z.number().int().nonnegative();
/** Epoch ms, as the caller's clock gave it: not always whole (a test clock may run on fractions). */
const time = z.number();
const windowNumber = z.number().int().positive();

// The ticket as _lib.lua's ticketView writes it: no tokens; counters always present.
const ticketShape = {
  id: text,
  number: text,
  serviceId: text,
  priority: z.enum(priorityClasses),
  status: z.enum(ticketStatuses),
  issuedAt: time,
  windowId: text.optional(),
  windowNumber: windowNumber.optional(),
  staffId: text.optional(),
  /** 首问负责人: who first served the ticket; stays through transfers. */
  firstResponder: text.optional(),
  calledAt: time.optional(),
  startedAt: time.optional(),
  finishedAt: time.optional(),
  outcome: z.enum(outcomes).optional(),
  recalls: count,
  noShows: count,
  transfers: count,
  /** Where a transferred ticket waits: a window id or a service id. */
  transferTo: text.optional(),
};

/** A ticket as screens and counters see it (no tokens). */
export const ticketView = z.strictObject(ticketShape);

/** The ticket of an event whose script leaves it in one of these statuses. */
const ticketIn = <const S extends readonly [TicketStatusName, ...TicketStatusName[]]>(...statuses: S) =>
  z.strictObject({ ...ticketShape, status: z.enum(statuses) });
type TicketStatusName = (typeof ticketStatuses)[number];

/**
 * ticket.noShow: re-queued, the ticket carries queuedAt, its new place (the queue's score, epoch
 * ms, may be fractional), so the archive rebuilds the queue in the same order; past the limit it
 * is missed and has none.
 */
const noShowTicket = z.discriminatedUnion('status', [
  z.strictObject({ ...ticketShape, status: z.literal('waiting'), queuedAt: time }),
  z.strictObject({ ...ticketShape, status: z.literal('missed') }),
]);

const windowShape = {
  id: text,
  number: windowNumber,
  state: z.enum(windowStates),
  ticketId: text.optional(),
  ticketNumber: text.optional(),
  /** Staff signed in as A and B post, and whether each is away. */
  postA: text.optional(),
  postB: text.optional(),
  awayA: z.enum(awayReasons).optional(),
  awayB: z.enum(awayReasons).optional(),
  /** Who acts now: A unless A is absent or away; B then covers. */
  onDuty: text.optional(),
  covering: z.boolean(),
  pauseReason: z.enum(awayReasons).optional(),
};

/** A window as _lib.lua's windowView writes it. */
export const windowView = z.strictObject(windowShape);

type WindowStateName = (typeof windowStates)[number];
const windowIn = <const S extends readonly [WindowStateName, ...WindowStateName[]]>(...states: S) =>
  z.strictObject({ ...windowShape, state: z.enum(states) });

/** Waiting tickets of a service after the change. */
export const queueCount = z.strictObject({ serviceId: text, waiting: count });
/** The services a change touched: never empty (a hall has at least one service). */
const queues = z.array(queueCount).min(1);

/** A rating as rate.lua writes it (the event's `at` is when it was given). Never edited. */
export const rating = z.strictObject({
  ticketId: text,
  ticketNumber: text,
  serviceId: text,
  windowId: text,
  windowNumber,
  /** The staffer who handled the ticket at that window (on duty when it was completed). */
  staffId: text,
  /** 首问负责人: who first served the ticket, through transfers. */
  firstResponder: text,
  /** 5 非常满意 … 1 非常不满意; 1–2 are bad reviews (差评). */
  level: z.literal([1, 2, 3, 4, 5]),
  /** Picked from the hall's ratingReasons; absent when none (cjson cannot write an empty array). */
  reasons: z.array(text).min(1).optional(),
  /** Trimmed; absent when empty. */
  comment: text.max(MAX_COMMENT).optional(),
  channel: z.enum(ratingChannels),
});

/**
 * Attendance alerts (jobs/alerts.ts) and the 差评 casework's (jobs/caseAlerts.ts): a bad review
 * just given (until the case is assigned) and a case past a deadline (until the step is taken);
 * and 等候超时 (jobs/alerts.ts, domain/waitTarget.ts): a service's longest wait past the hall's target.
 * New kinds parse old events unchanged, so the alert events keep their version.
 */
export const alertKinds = ['away_uncovered', 'both_away', 'window_unstaffed', 'not_signed_in', 'off_roster', 'bad_review', 'case_overdue', 'wait_over_target'] as const;
export type AlertKind = (typeof alertKinds)[number];
const alertShape = {
  alertId: text,
  kind: z.enum(alertKinds),
  windowId: text.optional(),
  staffId: text.optional(),
  /** wait_over_target: the service whose longest wait passed the hall's target. */
  serviceId: text.optional(),
  /** When the cause began (away_uncovered: the away's start; wait_over_target: the ticket's queuedAt), epoch ms. */
  since: time.optional(),
};

/** Every event: a hall-wide, strictly increasing, gapless id, the hub's time and the hall. */
const event = <const T extends string, const S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.strictObject({ id: z.number().int().positive(), type: z.literal(type), at: time, hallId: text, ...shape });

/**
 * Every event type with its version and schema. Bump a version when the fields of its type
 * change, and say how in docs/events.md: the archive keeps what it parsed under the old one.
 */
export const hallEvents = {
  'ticket.issued': { version: 1, schema: event('ticket.issued', { ticket: ticketIn('waiting'), queues, channel: z.enum(issueChannels).optional() }) },
  'ticket.called': {
    version: 1,
    schema: event('ticket.called', { ticket: ticketIn('called'), window: windowIn('called'), staffId: text, queues }),
  },
  'ticket.recalled': { version: 1, schema: event('ticket.recalled', { ticket: ticketIn('called'), window: windowIn('called'), staffId: text }) },
  'ticket.started': { version: 1, schema: event('ticket.started', { ticket: ticketIn('serving'), window: windowIn('serving'), staffId: text }) },
  'ticket.noShow': { version: 1, schema: event('ticket.noShow', { ticket: noShowTicket, window: windowIn('idle'), staffId: text, queues }) },
  'ticket.completed': { version: 1, schema: event('ticket.completed', { ticket: ticketIn('done'), window: windowIn('idle'), staffId: text }) },
  'ticket.transferred': {
    version: 1,
    schema: event('ticket.transferred', { ticket: ticketIn('waiting'), window: windowIn('idle'), staffId: text, queues }),
  },
  // The sweep cancels many tickets and reports the queues once, in day.swept; a ticket the
  // rollover takes from a window (still called or serving at midnight) comes with that window, released.
  'ticket.cancelled': {
    version: 1,
    schema: event('ticket.cancelled', { ticket: ticketIn('cancelled'), reason: z.enum(cancelReasons), queues: queues.optional(), window: windowIn('idle').optional() }),
  },
  'ticket.rated': { version: 1, schema: event('ticket.rated', { ticket: ticketIn('done'), staffId: text, rating }) },
  'staff.signedIn': { version: 1, schema: event('staff.signedIn', { window: windowView, staffId: text, reason: z.enum(posts) }) },
  // reason: the post the staffer left, or end_of_day (with the day) when the day's end signed them out.
  'staff.signedOut': {
    version: 1,
    schema: event('staff.signedOut', { window: windowView, staffId: text, reason: z.enum([...posts, 'end_of_day']), date: date.optional() }).refine(endOfDayHasDate, {
      message: 'date comes with reason end_of_day, and only with it',
      path: ['date'],
    }),
  },
  'staff.away': { version: 1, schema: event('staff.away', { window: windowView, staffId: text, reason: z.enum(awayReasons) }) },
  'staff.back': { version: 1, schema: event('staff.back', { window: windowView, staffId: text }) },
  // staffId: the manager who closed it, or "system" with reason end_of_day and the day.
  'window.closed': {
    version: 1,
    schema: event('window.closed', { window: windowIn('closed'), staffId: text, reason: z.literal('end_of_day').optional(), date: date.optional() })
      .refine(endOfDayHasDate, { message: 'date comes with reason end_of_day, and only with it', path: ['date'] })
      .refine((e) => (e.staffId === 'system') === (e.reason === 'end_of_day'), { message: 'the day’s end closes as "system", a person never', path: ['staffId'] }),
  },
  'day.swept': { version: 1, schema: event('day.swept', { date, count, queues }) },
  'day.rolledOver': { version: 1, schema: event('day.rolledOver', { date }) },
  // Live attendance alerts (alert.lua, raised by the jobs in server/jobs/alerts.ts): raised once per
  // alertId when its cause still holds, resolved once when the cause has ended.
  'alert.raised': { version: 1, schema: event('alert.raised', alertShape) },
  'alert.resolved': { version: 1, schema: event('alert.resolved', alertShape) },
  // A manager saw it (alert.lua op ack): who (`by`, their 工号) and a note; once per alert, open or resolved.
  'alert.acknowledged': { version: 1, schema: event('alert.acknowledged', { ...alertShape, by: text, note: text.max(200).optional() }) },
} as const;

export type HallEventType = keyof typeof hallEvents;
type HallEventSchema = (typeof hallEvents)[HallEventType]['schema'];
/** One change in a hall, discriminated by `type`. */
export type HallEvent = z.output<HallEventSchema>;
export type HallEventOf<T extends HallEventType> = Extract<HallEvent, { type: T }>;
export type TicketView = z.output<typeof ticketView>;
export type WindowView = z.output<typeof windowView>;
export type QueueCount = z.output<typeof queueCount>;
export type Rating = z.output<typeof rating>;
export type IssueChannel = (typeof issueChannels)[number];

export const isHallEventType = (t: unknown): t is HallEventType => typeof t === 'string' && Object.hasOwn(hallEvents, t);
export const hallEventTypes: HallEventType[] = Object.keys(hallEvents).filter(isHallEventType);
/** The version an event of this type is archived under; 0 for a type this hub does not know. */
export const eventVersion = (type: string): number => (isHallEventType(type) ? hallEvents[type].version : 0);

/** All types in one schema (the HTTP API's OpenAPI document describes events with it). */
export const hallEventSchema = z.discriminatedUnion('type', nonEmpty(hallEventTypes.map((t) => hallEvents[t].schema)));

/** An event that is not what the scripts write. `path` names the first offending field, e.g. "ticket.status". */
export class HallEventError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'HallEventError';
  }
}

/**
 * An event as parsed JSON, checked against the schema of its type; throws HallEventError naming
 * the type, the event id and each offending field's path. Its version: hallEvents[e.type].version.
 */
export function parseHallEvent(raw: unknown): HallEvent {
  const fields = typeof raw === 'object' && raw !== null ? raw : {};
  const type = 'type' in fields ? fields.type : undefined;
  if (!isHallEventType(type)) throw new HallEventError(`not a hall event: unknown type ${JSON.stringify(type) ?? 'undefined'} at type`, 'type');
  const parsed = hallEvents[type].schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({ path: [...issue.path, ...(key === undefined ? [] : [key])].join('.') || '(event)', message: issue.message }));
  });
  const flat = problems.flat();
  const id = 'id' in fields ? ` ${JSON.stringify(fields.id)}` : '';
  throw new HallEventError(`${type} event${id}: ${flat.map((p) => `${p.message} at ${p.path}`).join('; ')}`, flat[0]!.path);
}

function nonEmpty<T>(list: T[]): [T, ...T[]] {
  const [first, ...rest] = list;
  if (first === undefined) throw new Error('no event types');
  return [first, ...rest];
}
