/** The hall's history from the SQL archive (managers and inspectors) and how far behind it is. */
import { z } from 'zod';
import { canReadHistory } from '../../auth/policies.js';
import type { ArchivedFact } from '../../store/archive/rows.js';
import type { ArchiveLag } from '../../jobs/archiver.js';
import type { ArchiveHistory } from '../../store/archive/history.js';
import type { RouteKit } from '../kit.js';
import { HttpError } from '../route.js';
import { params } from '../schemas.js';

export interface HistoryDeps {
  history: ArchiveHistory;
  lag(hallId: string): Promise<ArchiveLag>;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');
const compact = (d: string) => d.replaceAll('-', '');
const rangeFields = { from: day, to: day, limit: z.coerce.number().int().min(1).max(1000).default(200) };
const ordered = (r: { from: string; to: string }) => r.from <= r.to;
const withinAYear = (r: { from: string; to: string }) => Date.parse(r.to) - Date.parse(r.from) <= 366 * 86_400_000;
const ticketsQuery = z
  .object({ ...rangeFields, after: z.string().min(1).max(100).optional().meta({ description: 'the previous page’s `next`' }) })
  .refine(ordered, { message: 'from must not be after to', path: ['from'] })
  .refine(withinAYear, { message: 'at most a year at a time', path: ['to'] });
const eventsQuery = z
  .object({ ...rangeFields, after: z.coerce.number().int().min(0).optional().meta({ description: 'the previous page’s `next`' }) })
  .refine(ordered, { message: 'from must not be after to', path: ['from'] })
  .refine(withinAYear, { message: 'at most a year at a time', path: ['to'] });

const transferStep = z.object({ at: z.number(), fromWindowId: z.string().optional(), staffId: z.string().optional(), toWindowId: z.string().optional(), toServiceId: z.string().optional() });
const ticketFact = z
  .object({
    ticketId: z.string(), number: z.string(), day: z.string(), serviceAtIssue: z.string(), service: z.string(), priority: z.string(),
    channel: z.string().optional(), status: z.string(), outcome: z.string().optional(),
    issuedAt: z.number(), firstCalledAt: z.number().optional(), lastCalledAt: z.number().optional(), startedAt: z.number().optional(),
    finishedAt: z.number().optional(), cancelledAt: z.number().optional(), cancelReason: z.string().optional(),
    waitSeconds: z.number().optional(), handlingSeconds: z.number().optional(),
    windowId: z.string().optional(), windowNumber: z.number().optional(), staffId: z.string().optional(), firstResponder: z.string().optional(),
    recalls: z.number(), noShows: z.number(), transfers: z.number(), transferPath: z.array(transferStep),
    rating: z.object({ level: z.number(), reasons: z.array(z.string()).optional(), comment: z.string().optional(), channel: z.string(), at: z.number() }).optional(),
  })
  .meta({ id: 'TicketFact', description: 'one ticket’s life (server/domain/facts.ts); times epoch ms, durations seconds' });
const archivedEvent = z.object({ id: z.number(), type: z.string(), version: z.number(), at: z.number(), day: z.string(), event: z.record(z.string(), z.unknown()) });
const lagSchema = z.object({
  hallId: z.string(), archivedId: z.number(), lastEventId: z.number(), eventsBehind: z.number(), secondsBehind: z.number(), lost: z.number(), redisBehind: z.boolean(),
});

/** The archive (or Redis) away: 503, try again later — not a 500. */
async function unavailableOnFailure<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    throw new HttpError(503, 'unavailable', `the archive cannot be read now: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** What the archive shows of a ticket: no tokens, no internal state. */
function presentFact(f: ArchivedFact) {
  const { hallId: _h, trackToken: _t, rateToken: _r, queuedAt: _q, lastEventId: _l, ...shown } = f;
  return shown;
}

export function historyRoutes(deps: HistoryDeps) {
  return (kit: RouteKit): void => {
    const { ctx, route, hallOr404, forbid } = kit;
    const assertCanReadHistory = (principal: Parameters<typeof canReadHistory>[0] | null, hallId: string) => {
      if (!principal || !canReadHistory(principal, hallId, ctx.halls.parentOf)) throw forbid('only the hall’s managers and inspectors read its history');
    };

    route({
      method: 'get', path: '/halls/{hallId}/history/tickets', tag: 'history', auth: 'token',
      summary: 'Archived tickets issued between two dates (inclusive), one fact each, a page at a time (managers, inspectors)',
      params: params.hall, query: ticketsQuery,
      responses: { 200: { description: 'a page of tickets; `next` is the `after` of the next page', schema: z.object({ items: z.array(ticketFact), next: z.string().optional() }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        assertCanReadHistory(principal, hall.id);
        const page = await unavailableOnFailure(() => deps.history.tickets(hall.id, { fromDay: compact(query.from), toDay: compact(query.to), after: query.after, limit: query.limit }));
        return { status: 200, body: { items: page.items.map(presentFact), ...(page.next ? { next: page.next } : {}) } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/history/events', tag: 'history', auth: 'token',
      summary: 'Archived events of the business days between two dates (inclusive), oldest first, a page at a time (managers, inspectors)',
      params: params.hall, query: eventsQuery,
      responses: { 200: { description: 'a page of events with the schema version each was archived under', schema: z.object({ items: z.array(archivedEvent), next: z.string().optional() }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        assertCanReadHistory(principal, hall.id);
        const page = await unavailableOnFailure(() => deps.history.events(hall.id, { fromDay: compact(query.from), toDay: compact(query.to), after: query.after, limit: query.limit }));
        return { status: 200, body: page };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/archive', tag: 'history', auth: 'token',
      summary: 'How far the archive is behind the hall’s live events (managers, inspectors)',
      params: params.hall,
      responses: { 200: { description: 'archive lag', schema: lagSchema } },
      handler: async ({ params: p, principal }) => {
        const hall = hallOr404(p.hallId);
        assertCanReadHistory(principal, hall.id);
        return { status: 200, body: await unavailableOnFailure(() => deps.lag(hall.id)) };
      },
    });
  };
}
