/**
 * A lone UTF-16 surrogate ("\ud800" in JSON) is valid JSON for JavaScript but not text for Redis'
 * Lua JSON decoder (cjson), which fails on it: before the fix any such string that reached a
 * script answered 500, without a login. Every string is checked at the door: 400, nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

let h: TestHub;
let kiosk: string;
let staff: string;
let ticketId: string;
let trackToken: string;
beforeAll(async () => {
  h = await testHub('surrogates', { config: hubConfig(allDay) });
  [kiosk, staff] = await Promise.all([h.device('kiosk'), h.login('s1')]);
  const issued = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk);
  ticketId = issued.body.id;
  trackToken = issued.body.trackToken;
});
afterAll(() => h.cleanup());

const lastEventId = () => h.hub.ctx.store.lastEventId('t1');

describe('lone UTF-16 surrogates', () => {
  // The JSON text carries the escape itself: JSON.stringify would write the same escape.
  const cases: [string, () => string, string, string | undefined][] = [
    ['a cancel token, without a login', () => `/api/tickets/${ticketId}/cancel`, '{"token":"\\ud800"}', undefined],
    ['a low surrogate alone in a cancel token', () => `/api/tickets/${ticketId}/cancel`, '{"token":"ab\\udfffcd"}', undefined],
    ['a rating comment', () => `/api/tickets/${ticketId}/rating`, '{"level":5,"rateToken":"abc","comment":"好\\ud83d"}', undefined],
    ['a rating reason', () => `/api/tickets/${ticketId}/rating`, '{"level":1,"rateToken":"abc","reasons":["\\udc00"]}', undefined],
    ['an object key', () => `/api/tickets/${ticketId}/cancel`, '{"\\ud800":1}', undefined],
    ['a login name', () => '/api/login', '{"username":"s1\\ud800","password":"x"}', undefined],
    ['a staffer’s request id', () => '/api/windows/t1-1/sign-in', '{"post":"A","requestId":"abcdefgh\\ud800"}', 'staff'],
  ];
  for (const [what, path, body, auth] of cases) {
    it(`answers 400 for one in ${what}, and changes nothing`, async () => {
      const before = await lastEventId();
      const r = await h.api('POST', path(), body, auth === 'staff' ? staff : undefined);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: 'bad_request', message: expect.stringContaining('surrogate') });
      expect(await lastEventId()).toBe(before);
    });
  }

  it('still takes a well-formed pair (an emoji) and CJK text', async () => {
    const r = await h.api('POST', `/api/tickets/${ticketId}/cancel`, '{"token":"\\ud83d\\ude00 好"}');
    // A wrong token: the hall's ordinary answer, not a 400 and not a 500.
    expect(r).toMatchObject({ status: 404, body: { error: 'unknown_ticket' } });
  });

  it('refuses one in the tracker’s socket handshake with bad_request, and keeps serving', async () => {
    const s = h.socket({ ticketId: `${ticketId}\ud800`, trackToken });
    const err = await new Promise<Error & { data?: { error: string } }>((ok) => s.once('connect_error', ok));
    expect(err.data?.error).toBe('bad_request');
    s.close();
    const t = h.socket({ ticketId, trackToken: `${trackToken}\udfff` });
    const err2 = await new Promise<Error & { data?: { error: string } }>((ok) => t.once('connect_error', ok));
    expect(err2.data?.error).toBe('bad_request');
    t.close();
    const good = h.socket({ ticketId, trackToken });
    await until(() => good.connected, 3000, 'the tracker with its real token');
  });
});
