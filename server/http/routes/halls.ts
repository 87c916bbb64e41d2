/** Halls: public configuration, services, windows, live state and events. */
import { z } from 'zod';
import type { RouteKit } from '../kit.js';
import { HttpError } from '../route.js';
import { errorSchema, eventSchema, hallInfoSchema, params, queries, snapshotSchema, windowViewSchema } from '../schemas.js';
import { hallSnapshot, presentHall } from '../presenters.js';

export function hallRoutes(kit: RouteKit): void {
  const { ctx, route, hallOr404, assertCanRead } = kit;
  route({
    method: 'get', path: '/halls', tag: 'halls', auth: 'none', summary: 'The configured halls',
    responses: { 200: { description: 'halls', schema: z.array(z.object({ id: z.string(), name: z.string(), level: z.string(), parent: z.string().nullable() })) } },
    handler: async () => ({ status: 200, body: ctx.halls.all().map((h) => ({ id: h.id, name: h.config.name, level: h.config.level, parent: h.config.parent })) }),
  });

  route({
    method: 'get', path: '/halls/{hallId}', tag: 'halls', auth: 'none', summary: 'A hall’s public configuration (names, services, windows, notice)',
    params: params.hall,
    responses: { 200: { description: 'the hall', schema: hallInfoSchema } },
    handler: async ({ params: p }) => ({ status: 200, body: presentHall(hallOr404(p.hallId)) }),
  });

  route({
    method: 'get', path: '/halls/{hallId}/services', tag: 'halls', auth: 'none', summary: 'Services with waiting counts and whether they issue now',
    params: params.hall,
    responses: { 200: { description: 'services', schema: z.array(z.object({ id: z.string(), name: z.string(), prefix: z.string(), standardMinutes: z.number(), waiting: z.number(), open: z.boolean(), closedReason: z.string().optional() })) } },
    handler: async ({ params: p }) => {
      const hall = hallOr404(p.hallId);
      // Kiosks poll this: the kept queue sizes, not the whole snapshot with every waiting ticket.
      const waiting = await ctx.store.waitingCounts(hall.id, hall.serviceIds(), hall.classes);
      const now = ctx.clock();
      return {
        status: 200,
        body: hall.config.services.map((s) => {
          const closed = hall.issuingRefusal(s, now);
          return { id: s.id, name: s.name, prefix: s.prefix, standardMinutes: s.standardMinutes, waiting: waiting.get(s.id) ?? 0, open: !closed, ...(closed ? { closedReason: closed } : {}) };
        }),
      };
    },
  });

  route({
    method: 'get', path: '/halls/{hallId}/windows', tag: 'halls', auth: 'none', summary: 'Windows with their live state',
    params: params.hall,
    responses: { 200: { description: 'windows, each with its configured name', schema: z.array(windowViewSchema.extend({ name: z.string() }).meta({ id: 'NamedWindowState' })) } },
    handler: async ({ params: p }) => {
      const hall = hallOr404(p.hallId);
      const snap = await hallSnapshot(ctx, hall);
      return { status: 200, body: snap.windows.map((w) => ({ ...w, name: hall.windows.get(w.id)?.name ?? w.id })) };
    },
  });

  route({
    method: 'get', path: '/halls/{hallId}/state', tag: 'halls', auth: 'token', summary: 'Snapshot of the hall with the id of its last event',
    params: params.hall,
    responses: { 200: { description: 'snapshot', schema: snapshotSchema } },
    handler: async ({ params: p, principal }) => {
      const hall = hallOr404(p.hallId);
      assertCanRead(principal, hall.id);
      return { status: 200, body: await hallSnapshot(ctx, hall) };
    },
  });

  route({
    method: 'get', path: '/halls/{hallId}/events', tag: 'halls', auth: 'token', summary: 'Events after an id, oldest first (410 when they are no longer kept: take a snapshot)',
    params: params.hall, query: queries.events,
    responses: { 200: { description: 'events', schema: z.array(eventSchema) }, 410: { description: 'too old: start again from /state', schema: errorSchema } },
    handler: async ({ params: p, query, principal }) => {
      const hall = hallOr404(p.hallId);
      assertCanRead(principal, hall.id);
      const events = await ctx.store.eventsAfter(hall.id, query.after, query.limit);
      if (!events) throw new HttpError(410, 'gone', 'those events are no longer kept: fetch /state');
      return { status: 200, body: events };
    },
  });

}
