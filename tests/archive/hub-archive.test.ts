import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hallSnapshot } from '../../server/http/presenters.js';
import { archiveKinds, testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';
import { Redis } from 'ioredis';
import { deleteByPrefix, REDIS_URL } from '../helpers/redis.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());

describe.each(archiveKinds)('a hub with its archive on %s', (kind) => {
  let a: TestArchive;
  let h: TestHub;
  beforeEach(async () => {
    a = await testArchive(kind, 'hub');
    h = await testHub(`hub-archive-${kind}`, { config: hubConfig(allDay), archive: a.location, archiver: true, archiverOptions: { intervalMs: 50 } });
  });
  afterEach(async () => {
    await h.cleanup();
    await a.cleanup();
  });

  async function someTraffic(): Promise<{ manager: string; ids: string[] }> {
    const [kiosk, s1, manager] = await Promise.all([h.device('kiosk'), h.login('s1'), h.login('m1')]);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk)).body.id);
    expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, s1)).status).toBe(200);
    expect((await h.api('POST', '/api/windows/t1-1/call-next', {}, s1)).status).toBe(200);
    return { manager, ids };
  }

  it('archives within a second and says how far behind it is', async () => {
    const { manager } = await someTraffic();
    const lag = await until(async () => {
      const r = await h.api('GET', '/api/halls/t1/archive', undefined, manager);
      return r.body.archivedId === 5 ? r.body : null;
    }, 3000, 'the archive to catch up');
    expect(lag).toEqual({ hallId: 't1', archivedId: 5, lastEventId: 5, eventsBehind: 0, secondsBehind: 0, lost: 0, redisBehind: false });
  });

  it('lets managers and inspectors, and no one else, page through archived tickets and events', async () => {
    const { manager, ids } = await someTraffic();
    const inspector = await h.login('i1');
    await until(async () => (await h.api('GET', '/api/halls/t1/archive', undefined, manager)).body.archivedId === 5, 3000, 'archive');
    const d = today();
    const page1 = await h.api('GET', `/api/halls/t1/history/tickets?from=${d}&to=${d}&limit=2`, undefined, inspector);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((t: { ticketId: string }) => t.ticketId)).toEqual(ids.slice(0, 2));
    expect(page1.body.items[0]).toMatchObject({ number: 'A001', status: 'called', windowId: 't1-1', staffId: 's1', firstResponder: 's1', recalls: 0 });
    expect(page1.body.items[0]).not.toHaveProperty('trackToken');
    expect(page1.body.items[0]).not.toHaveProperty('view');
    const page2 = await h.api('GET', `/api/halls/t1/history/tickets?from=${d}&to=${d}&limit=2&after=${page1.body.next}`, undefined, manager);
    expect(page2.body.items.map((t: { ticketId: string }) => t.ticketId)).toEqual([ids[2]]);
    expect(page2.body.next).toBeUndefined();

    const events = await h.api('GET', `/api/halls/t1/history/events?from=${d}&to=${d}&limit=4`, undefined, manager);
    expect(events.body.items.map((e: { id: number; type: string }) => [e.id, e.type])).toEqual([
      [1, 'ticket.issued'], [2, 'ticket.issued'], [3, 'ticket.issued'], [4, 'staff.signedIn'],
    ]);
    expect(events.body.next).toBe('4');
    const rest = await h.api('GET', `/api/halls/t1/history/events?from=${d}&to=${d}&after=4`, undefined, manager);
    expect(rest.body.items.map((e: { type: string }) => e.type)).toEqual(['ticket.called']);
    expect(rest.body.items[0].event).toMatchObject({ id: 5, type: 'ticket.called', ticket: { number: 'A001' } });

    const [staff, admin, screen] = await Promise.all([h.login('s2'), h.login('a1'), h.device('hall-screen')]);
    for (const token of [staff, admin, screen]) {
      expect((await h.api('GET', `/api/halls/t1/history/tickets?from=${d}&to=${d}`, undefined, token)).status).toBe(403);
      expect((await h.api('GET', `/api/halls/t1/history/events?from=${d}&to=${d}`, undefined, token)).status).toBe(403);
      expect((await h.api('GET', '/api/halls/t1/archive', undefined, token)).status).toBe(403);
    }
    expect((await h.api('GET', `/api/halls/t1/history/tickets?from=${d}&to=${d}`)).status).toBe(401);
    expect(await h.api('GET', '/api/halls/t1/history/tickets?from=2026-12-01&to=2026-11-01', undefined, manager)).toMatchObject({ status: 400, body: { field: 'query.from' } });
    expect(await h.api('GET', '/api/halls/t1/history/tickets?from=2025-01-01&to=2026-11-01', undefined, manager)).toMatchObject({ status: 400, body: { field: 'query.to' } });
    expect((await h.api('GET', '/api/halls/t1/history/events?from=yesterday&to=2026-11-01', undefined, manager)).status).toBe(400);
    expect((await h.api('GET', `/api/halls/nowhere/history/events?from=${d}&to=${d}`, undefined, manager)).status).toBe(404);
  });

  it('answers 503, not 500, while the archive cannot be read', async () => {
    const manager = await h.login('m1');
    await h.hub.archive!.close(); // the database gone from under the hub
    const d = today();
    expect(await h.api('GET', `/api/halls/t1/history/tickets?from=${d}&to=${d}`, undefined, manager)).toMatchObject({ status: 503, body: { error: 'unavailable' } });
    expect(await h.api('GET', `/api/halls/t1/history/events?from=${d}&to=${d}`, undefined, manager)).toMatchObject({ status: 503, body: { error: 'unavailable' } });
    expect(await h.api('GET', '/api/halls/t1/archive', undefined, manager)).toMatchObject({ status: 503, body: { error: 'unavailable' } });
  });

  it('documents the history routes in OpenAPI', async () => {
    const doc = (await h.api('GET', '/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/halls/{hallId}/history/tickets', '/api/halls/{hallId}/history/events', '/api/halls/{hallId}/archive']));
    expect(doc.paths['/api/halls/{hallId}/history/tickets'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'limit', 'after']));
  });

  it('rebuilds a hall at start when Redis lost it, to the snapshot it had', async () => {
    const { manager } = await someTraffic();
    await until(async () => (await h.api('GET', '/api/halls/t1/archive', undefined, manager)).body.archivedId === 5, 3000, 'archive');
    const hall = h.hub.ctx.halls.get('t1')!;
    const before = await hallSnapshot(h.hub.ctx, hall);
    await h.stop();
    const redis = new Redis(REDIS_URL);
    await deleteByPrefix(redis, h.prefix);
    redis.disconnect();
    await h.restart();
    expect(await hallSnapshot(h.hub.ctx, hall)).toEqual(before);
    // Sessions lived in the lost Redis: log in again, and the day goes on.
    const s1 = await h.login('s1');
    expect((await h.api('POST', '/api/windows/t1-1/recall', {}, s1)).body).toMatchObject({ ticket: { number: 'A001', recalls: 1 } });
  });

  it('rebuilds while running when the archiver finds Redis behind the archive', async () => {
    const { manager } = await someTraffic();
    await until(async () => (await h.api('GET', '/api/halls/t1/archive', undefined, manager)).body.archivedId === 5, 3000, 'archive');
    const hall = h.hub.ctx.halls.get('t1')!;
    const before = await hallSnapshot(h.hub.ctx, hall);
    // The hall's keys, not the sessions, in one DEL: like a FLUSH, atomic — a rebuild cannot run
    // between two pages of a SCAN and have the next page deleted after it.
    const redis = h.hub.ctx.store.redis;
    const keys = await redis.keys(`${h.prefix}{*`);
    expect(keys.length).toBeGreaterThan(5);
    await redis.del(...keys);
    await until(async () => (await h.hub.ctx.store.lastEventId('t1')) === 5, 3000, 'the rebuild');
    expect(await hallSnapshot(h.hub.ctx, hall)).toEqual(before);
  });
});
