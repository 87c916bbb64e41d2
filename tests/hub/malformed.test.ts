import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

let h: TestHub;
let staff: string;
let kiosk: string;
let screen: string;
beforeAll(async () => {
  h = await testHub('malformed', { config: hubConfig(allDay) });
  [staff, kiosk, screen] = await Promise.all([h.login('s1'), h.device('kiosk'), h.device('hall-screen')]);
  await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, staff);
  await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk);
  await h.api('POST', '/api/windows/t1-1/call-next', {}, staff);
  await h.api('POST', '/api/windows/t1-1/start', {}, staff);
});
afterAll(() => h.cleanup());

const lastEventId = () => h.hub.ctx.store.lastEventId('t1');

describe('malformed HTTP input', () => {
  const cases: [string, string, unknown, string][] = [
    ['wrong type', '/api/windows/t1-1/complete', { outcome: 42 }, 'body.outcome'],
    ['unknown outcome', '/api/windows/t1-1/complete', { outcome: 'finished' }, 'body.outcome'],
    ['missing field', '/api/windows/t1-1/complete', {}, 'body.outcome'],
    ['unknown field', '/api/windows/t1-1/complete', { outcome: 'completed', extra: 1 }, 'body'],
    ['bad request id', '/api/windows/t1-1/complete', { outcome: 'completed', requestId: 'x' }, 'body.requestId'],
    ['both transfer targets', '/api/windows/t1-1/transfer', { toWindowId: 't1-2', toServiceId: 'land' }, 'body.toWindowId'],
    ['bad away reason', '/api/windows/t1-1/away', { reason: 'nap' }, 'body.reason'],
    ['bad post', '/api/windows/t1-2/sign-in', { post: 'C' }, 'body.post'],
    ['body is an array', '/api/windows/t1-1/complete', [1, 2], 'body'],
    ['bad window id', '/api/windows/t1%201/call-next', {}, 'params.windowId'],
  ];
  for (const [what, path, body, field] of cases) {
    it(`answers ${what} with 400 naming ${field}, and changes nothing`, async () => {
      const before = await lastEventId();
      const r = await h.api('POST', path, body, staff);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: 'bad_request', field: expect.stringMatching(new RegExp(`^${field.replace('.', '\\.')}`)) });
      expect(await lastEventId()).toBe(before);
    });
  }

  it('answers malformed JSON and a huge body clearly, and keeps serving', async () => {
    const before = await lastEventId();
    const bad = await h.api('POST', '/api/windows/t1-1/complete', '{"outcome": "compl', staff);
    expect(bad).toEqual({ status: 400, body: { error: 'bad_request', message: 'body: malformed JSON' } });
    const huge = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', padding: 'x'.repeat(100_000) }, kiosk);
    expect(huge).toEqual({ status: 413, body: { error: 'too_large', message: 'body: larger than 16 kB' } });
    const query = await h.api('GET', '/api/halls/t1/events?limit=100000', undefined, screen);
    expect(query.body.field).toBe('query.limit');
    expect(await lastEventId()).toBe(before);
    expect((await h.api('GET', '/healthz')).body).toEqual({ ok: true });
  });
});

describe('malformed socket input', () => {
  it('answers an unknown event with a problem, and keeps the connection', async () => {
    const s = h.socket({ token: screen });
    await new Promise((ok) => s.once('snapshot', ok));
    const problem = new Promise((ok) => s.once('problem', ok));
    (s as unknown as { emit: (e: string, ...a: unknown[]) => void }).emit('drop_tables', { all: true });
    expect(await problem).toEqual({ error: 'unknown_event', message: 'unknown event "drop_tables"' });
    expect(s.connected).toBe(true);
  });

  it('refuses a resync with a bad payload, with or without an acknowledgement', async () => {
    const s = h.socket({ token: screen });
    await new Promise((ok) => s.once('snapshot', ok));
    const reply = await new Promise((ok) => s.emit('resync', { lastEventId: 'yesterday' } as never, ok));
    expect(reply).toEqual({ ok: false, error: 'resync needs { lastEventId: a whole number ≥ 0 }' });
    (s as unknown as { emit: (e: string, ...a: unknown[]) => void }).emit('resync', null); // no ack function
    const good = await new Promise<{ ok: boolean }>((ok) => s.emit('resync', { lastEventId: 1 }, ok));
    expect(good).toEqual({ ok: true });
  });

  it('refuses a malformed handshake', async () => {
    const s = h.socket({ token: screen, lastEventId: -5 });
    const err = await new Promise<Error & { data?: { error: string } }>((ok) => s.once('connect_error', ok));
    expect(err.data?.error).toBe('bad_request');
    expect(err.message).toBe('auth.lastEventId: Too small: expected number to be >=0');
  });

  it('drops a client that sends a huge message, and stays up for others', async () => {
    const s = h.socket({ token: screen });
    await new Promise((ok) => s.once('snapshot', ok));
    const gone = new Promise((ok) => s.once('disconnect', ok));
    s.emit('resync', { lastEventId: 1, junk: 'x'.repeat(200_000) } as never, () => {});
    expect(await gone).toBeTruthy();
    const other = h.socket({ token: screen });
    await until(() => other.connected, 3000, 'another client');
    expect((await h.api('GET', '/healthz')).status).toBe(200);
  });
});
