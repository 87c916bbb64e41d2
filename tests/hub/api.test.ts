import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

let h: TestHub;
let kiosk: string;
let s1: string;
let s2: string;
let manager: string;
let screen: string;
beforeAll(async () => {
  h = await testHub('api', { config: hubConfig(allDay) });
  [kiosk, s1, s2, manager, screen] = await Promise.all([h.device('kiosk'), h.login('s1'), h.login('s2'), h.login('m1'), h.device('hall-screen')]);
});
afterAll(() => h.cleanup());

describe('HTTP API contract', () => {
  it('declares a response schema for every answer with a body, on every route (each test response is checked against it: tests/helpers/responses.ts)', () => {
    expect(h.hub.routes.length).toBeGreaterThan(20);
    const undocumented = h.hub.routes.flatMap((r) =>
      Object.entries(r.responses)
        .filter(([status, res]) => Number(status) !== 204 && !res.schema)
        .map(([status]) => `${r.method.toUpperCase()} ${r.path} ${status}`),
    );
    expect(undocumented).toEqual([]);
  });

  it('refuses a response with a field its schema does not document (the check itself works)', async () => {
    const { checkResponse } = await import('../helpers/responses.js');
    const services = (await h.api('GET', '/api/halls/t1/services')).body as object[];
    expect(() => checkResponse(h.hub.routes, 'GET', '/api/halls/t1/services', 200, services.map((s) => ({ ...s, secret: 1 })))).toThrow(/\[0\]\.secret/);
    expect(() => checkResponse(h.hub.routes, 'GET', '/api/halls/t1/services', 201, services)).toThrow(/does not declare/);
  });

  it('serves an OpenAPI document describing every route', async () => {
    const { status, body } = await h.api('GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    for (const path of ['/api/login', '/api/halls', '/api/halls/{hallId}/services', '/api/halls/{hallId}/windows', '/api/halls/{hallId}/state', '/api/halls/{hallId}/events', '/api/halls/{hallId}/tickets', '/api/tickets/{ticketId}', ...['sign-in', 'sign-out', 'call-next', 'recall', 'start', 'no-show', 'complete', 'transfer', 'away', 'back'].map((a) => `/api/windows/{windowId}/${a}`)]) {
      expect(body.paths, path).toHaveProperty([path]);
    }
    // The body schema of a route is the one that validates it.
    const complete = body.paths['/api/windows/{windowId}/complete'].post.requestBody.content['application/json'].schema;
    expect(complete.properties.outcome.enum).toEqual(['completed', 'accepted', 'notice', 'consultation', 'proxy']);
  });

  it('logs staff in and refuses a wrong password with 401', async () => {
    const good = await h.api('POST', '/api/login', { username: 's1', password: 'pw-s1' });
    expect(good.status).toBe(200);
    expect(good.body.staff).toEqual({ id: 's1', name: '张伟', role: 'staff', hallId: 't1' });
    expect(good.body.token).toMatch(/^[\w-]{20,}$/);
    expect((await h.api('POST', '/api/login', { username: 's1', password: 'nope' })).status).toBe(401);
    expect((await h.api('POST', '/api/login', { username: 'ghost', password: 'nope' })).status).toBe(401);
  });

  it('lists halls, services with waiting counts and open state, and windows', async () => {
    expect((await h.api('GET', '/api/halls')).body).toEqual([{ id: 't1', name: '测试县政务服务中心', level: 'county', parent: null }]);
    // One normal and one 绿色通道 ticket: both count, whatever their class queue.
    await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'land' }, kiosk);
    await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'land', priority: 'priority' }, kiosk);
    const services = (await h.api('GET', '/api/halls/t1/services')).body;
    expect(services.find((s: { id: string }) => s.id === 'land')).toMatchObject({ name: '国土城建交通', prefix: 'B', waiting: 2, open: true });
    // tax issues 09:00–11:00 only: the answer says whether it is open now, on the hub's clock.
    let now = Date.parse('2026-11-23T10:00:00+08:00'); // a Monday
    const timed = await testHub('api-hours', { config: hubConfig(allDay), clock: () => now });
    try {
      const tax = async () => (await timed.api('GET', '/api/halls/t1/services')).body.find((s: { id: string }) => s.id === 'tax');
      expect((await tax()).open).toBe(true);
      now = Date.parse('2026-11-23T11:30:00+08:00');
      expect((await tax()).open).toBe(false);
    } finally {
      await timed.cleanup();
    }
    const windows = (await h.api('GET', '/api/halls/t1/windows')).body;
    expect(windows.map((w: { id: string; state: string }) => [w.id, w.state])).toEqual([['t1-1', 'closed'], ['t1-2', 'closed'], ['t1-3', 'closed']]);
    expect((await h.api('GET', '/api/halls/nowhere/services')).status).toBe(404);
  });

  it('issues a ticket for a kiosk with 201, and tells the citizen their position', async () => {
    const r = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', priority: 'priority', requestId: 'kiosk-tap-0001' }, kiosk);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ number: 'A001', serviceId: 'social', status: 'waiting', ahead: 0 });
    const again = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', priority: 'priority', requestId: 'kiosk-tap-0001' }, kiosk);
    expect(again.body).toEqual(r.body);
    const view = await h.api('GET', `/api/tickets/${r.body.id}?token=${r.body.trackToken}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ number: 'A001', status: 'waiting', ahead: 0, serviceName: '社保医保卫健', hallName: '测试县政务服务中心' });
    expect(view.body).not.toHaveProperty('trackToken');
    expect((await h.api('GET', `/api/tickets/${r.body.id}?token=wrong`)).status).toBe(404);
    expect((await h.api('GET', `/api/tickets/${r.body.id}`)).status).toBe(400);
  });

  it('walks a window through sign-in, call (204 when empty), recall, start, complete, transfer, pause and resume', async () => {
    // A hall of its own: the tickets it calls are the ones it issues, whatever ran before.
    const w = await testHub('api-walk', { config: hubConfig(allDay) });
    try {
      const [me, desk] = await Promise.all([w.login('s1'), w.device('kiosk')]);
      expect((await w.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, desk)).body.number).toBe('A001');
      expect((await w.api('POST', '/api/halls/t1/tickets', { serviceId: 'land' }, desk)).body.number).toBe('B001');
      const at = (action: string, body: object = {}, token = me) => w.api('POST', `/api/windows/t1-1/${action}`, body, token);
      expect((await at('sign-in', { post: 'A' })).body.window).toMatchObject({ state: 'idle', onDuty: 's1' });
      const called = await at('call-next');
      expect(called.status).toBe(200);
      expect(called.body.ticket).toMatchObject({ number: 'A001', status: 'called', windowNumber: 1 });
      expect((await at('recall')).body.ticket.recalls).toBe(1);
      expect((await at('start')).body.ticket.status).toBe('serving');
      expect((await at('complete', { outcome: 'notice' })).body.ticket).toMatchObject({ status: 'done', outcome: 'notice' });
      // B001 is in window 1's second tier.
      expect((await at('call-next')).body.ticket.number).toBe('B001');
      expect((await at('transfer', { toServiceId: 'tax' })).body.ticket).toMatchObject({ number: 'B001', serviceId: 'tax', status: 'waiting' });
      expect((await at('call-next')).status).toBe(204);
      expect((await at('away', { reason: 'meal' })).body.window).toMatchObject({ state: 'paused', pauseReason: 'meal' });
      expect((await at('back')).body.window.state).toBe('idle');
      expect((await at('sign-out')).body.window.state).toBe('closed');
    } finally {
      await w.cleanup();
    }
  });

  it('answers a refusal with 409 and its reason, and changes nothing', async () => {
    await h.api('POST', '/api/windows/t1-2/sign-in', { post: 'A' }, s2);
    const before = (await h.api('GET', '/api/halls/t1/state', undefined, screen)).body.lastEventId;
    const r = await h.api('POST', '/api/windows/t1-2/start', {}, s2);
    expect(r).toEqual({ status: 409, body: { error: 'no_current_ticket', message: 'the window has no current ticket' } });
    expect((await h.api('GET', '/api/halls/t1/state', undefined, screen)).body.lastEventId).toBe(before);
  });

  it('answers unknown windows and tickets with 404', async () => {
    expect((await h.api('POST', '/api/windows/t1-9/call-next', {}, s1)).body.error).toBe('unknown_window');
    expect((await h.api('POST', '/api/windows/zz-1/call-next', {}, s1)).status).toBe(404);
    expect((await h.api('GET', '/api/tickets/t1-20200101-A001?token=x')).status).toBe(404);
    expect((await h.api('GET', '/api/nothing')).status).toBe(404);
  });

  it('gives a snapshot with its last event id, and the events after an id', async () => {
    for (let i = 0; i < 5; i++) await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk);
    const state = await h.api('GET', '/api/halls/t1/state', undefined, screen);
    expect(state.status).toBe(200);
    // The snapshot's id is the log's last, and the log is gapless from 1.
    const log = (await h.api('GET', '/api/halls/t1/events?after=0&limit=1000', undefined, screen)).body as { id: number }[];
    expect(log.length).toBeGreaterThanOrEqual(5);
    expect(log.map((e) => e.id)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
    expect(state.body.lastEventId).toBe(log.length);
    expect(state.body.windows).toHaveLength(3);
    const events = await h.api('GET', '/api/halls/t1/events?after=2&limit=3', undefined, screen);
    expect(events.body.map((e: { id: number }) => e.id)).toEqual([3, 4, 5]);
    expect((await h.api('GET', `/api/halls/t1/events?after=${state.body.lastEventId}`, undefined, screen)).body).toEqual([]);
  });

  it('lets a manager issue at the desk, cancel a ticket and close a window', async () => {
    const t = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'land' }, manager);
    expect(t.status).toBe(201);
    const cancelled = await h.api('POST', `/api/tickets/${t.body.id}/cancel`, {}, manager);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    const citizen = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'land' }, kiosk);
    expect((await h.api('POST', `/api/tickets/${citizen.body.id}/cancel`, {})).status).toBe(401);
    expect((await h.api('POST', `/api/tickets/${citizen.body.id}/cancel`, { token: citizen.body.trackToken })).body.status).toBe('cancelled');
    expect((await h.api('POST', '/api/windows/t1-2/close', {}, manager)).body.window.state).toBe('closed');
  });
});
