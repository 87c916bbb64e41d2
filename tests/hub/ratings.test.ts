import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../server/protocol.js';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';

let h: TestHub;
let kiosk: string;
let s1: string;
let s2: string;
let manager: string;
let pad1: string;
let pad2: string;
let press = 0;
const rid = () => `rating-test-${++press}-${Date.now()}`;
/** The hub's clock runs this far ahead of the real one (the pad's timeout test moves it). */
let shift = 0;

beforeAll(async () => {
  h = await testHub('ratings', { config: hubConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } }), clock: () => Date.now() + shift });
  [kiosk, s1, s2, manager, pad1, pad2] = await Promise.all([h.device('kiosk'), h.login('s1'), h.login('s2'), h.login('m1'), h.device('pad', 't1-1'), h.device('pad', 't1-2')]);
  expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, s1)).status).toBe(200);
  expect((await h.api('POST', '/api/windows/t1-2/sign-in', { post: 'A' }, s2)).status).toBe(200);
});
afterAll(() => h.cleanup());

/** A citizen takes a number and s1 serves it to the end at window 1. */
async function servedTicket(staff = s1, windowId = 't1-1', serviceId = 'social'): Promise<{ id: string; number: string; trackToken: string }> {
  const issued = await h.api('POST', '/api/halls/t1/tickets', { serviceId }, kiosk);
  expect(issued.status).toBe(201);
  const called = await h.api('POST', `/api/windows/${windowId}/call-next`, { requestId: rid() }, staff);
  expect(called.body.ticket.id).toBe(issued.body.id);
  expect((await h.api('POST', `/api/windows/${windowId}/start`, { requestId: rid() }, staff)).status).toBe(200);
  expect((await h.api('POST', `/api/windows/${windowId}/complete`, { outcome: 'completed', requestId: rid() }, staff)).status).toBe(200);
  return issued.body;
}

async function padRequest(windowId: string, pad: string) {
  return h.api('GET', `/api/windows/${windowId}/rating-request`, undefined, pad);
}

const rate = (ticketId: string, body: object | string, token?: string) => h.api('POST', `/api/tickets/${ticketId}/rating`, body, token);

async function ratedEvents() {
  const events = (await h.api('GET', '/api/halls/t1/events?after=0&limit=1000', undefined, manager)).body as HallEvent[];
  return events.filter((e) => e.type === 'ticket.rated');
}

describe('rating a ticket (好差评)', () => {
  it('gives the window’s pad the ticket just completed there, with its rateToken, and never puts the token in the broadcast event', async () => {
    const t = await servedTicket();
    const asked = await padRequest('t1-1', pad1);
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ ticket: { id: t.id, number: t.number, status: 'done', staffId: 's1' }, serviceName: '社保医保卫健', staffName: '张伟' });
    expect(asked.body.rateToken).toMatch(/^[\w-]{10,}$/);
    const events = (await h.api('GET', '/api/halls/t1/events?after=0&limit=1000', undefined, manager)).body as object[];
    expect(JSON.stringify(events)).not.toContain(asked.body.rateToken);
    // Another window's pad, a staffer and a kiosk do not get it.
    expect((await padRequest('t1-1', pad2)).status).toBe(403);
    expect((await padRequest('t1-1', s1)).status).toBe(403);
    expect((await padRequest('t1-2', pad2)).status).toBe(204);
  });

  it('refuses a bad review without a reason, accepts it with one, and records every field in the event', async () => {
    const t = await servedTicket();
    const { rateToken } = (await padRequest('t1-1', pad1)).body;
    const bare = await rate(t.id, { level: 2, rateToken, requestId: rid() }, pad1);
    expect(bare.status).toBe(409);
    expect(bare.body.error).toBe('reason_required');
    expect((await rate(t.id, { level: 1, reasons: [], rateToken }, pad1)).body.error).toBe('reason_required');
    expect((await rate(t.id, { level: 2, reasons: ['没有这个原因'], rateToken }, pad1)).body.error).toBe('unknown_reason');

    const good = await rate(t.id, { level: 2, reasons: ['等候时间长', '业务不熟练'], comment: '  等了太久了  ', rateToken, requestId: rid() }, pad1);
    expect(good.status).toBe(201);
    expect(good.body.rating).toEqual({
      ticketId: t.id, ticketNumber: t.number, serviceId: 'social', windowId: 't1-1', windowNumber: 1, staffId: 's1', firstResponder: 's1',
      level: 2, reasons: ['等候时间长', '业务不熟练'], comment: '等了太久了', channel: 'pad',
    });
    const [event] = (await ratedEvents()).filter((e) => e.ticket?.id === t.id);
    expect(event).toMatchObject({ type: 'ticket.rated', hallId: 't1', staffId: 's1', rating: good.body.rating, ticket: { status: 'done' } });
    expect(event!.at).toBeGreaterThan(Date.now() - 60_000);
    // Rated: the pad has nothing left to ask.
    expect((await padRequest('t1-1', pad1)).status).toBe(204);
  });

  it('accepts a good rating without reasons, and a repeat of the same press answers the same', async () => {
    const t = await servedTicket();
    const { rateToken } = (await padRequest('t1-1', pad1)).body;
    const requestId = rid();
    const first = await rate(t.id, { level: 5, rateToken, requestId }, pad1);
    expect(first.status).toBe(201);
    expect(first.body.rating).toMatchObject({ level: 5, channel: 'pad' });
    expect(first.body.rating).not.toHaveProperty('reasons');
    expect((await rate(t.id, { level: 5, rateToken, requestId }, pad1)).body).toEqual(first.body);
    expect((await ratedEvents()).filter((e) => e.ticket?.id === t.id)).toHaveLength(1);
  });

  it('refuses a second rating of the same ticket: a rating is given once and never changed', async () => {
    const t = await servedTicket();
    const { rateToken } = (await padRequest('t1-1', pad1)).body;
    expect((await rate(t.id, { level: 4, rateToken }, pad1)).status).toBe(201);
    const again = await rate(t.id, { level: 1, reasons: ['其他'], rateToken }, pad1);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('already_rated');
    // …from the phone too.
    expect((await rate(t.id, { level: 1, reasons: ['其他'], rateToken })).body.error).toBe('already_rated');
    const events = (await ratedEvents()).filter((e) => e.ticket?.id === t.id);
    expect(events.map((e) => e.rating?.level)).toEqual([4]);
  });

  it('refuses a staff token: staff cannot rate on the citizen’s behalf', async () => {
    const t = await servedTicket();
    const { rateToken } = (await padRequest('t1-1', pad1)).body;
    for (const token of [s1, manager, kiosk]) {
      const r = await rate(t.id, { level: 5, rateToken }, token);
      expect(r.status).toBe(403);
      expect(r.body.error).toBe('forbidden');
    }
    expect((await ratedEvents()).filter((e) => e.ticket?.id === t.id)).toHaveLength(0);
  });

  it('refuses a wrong rateToken as an unknown ticket, and a ticket not yet completed', async () => {
    const t = await servedTicket();
    const wrong = await rate(t.id, { level: 5, rateToken: 'not-the-token' }, pad1);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toBe('unknown_ticket');
    expect((await rate(t.id, { level: 5, rateToken: 'not-the-token' })).body.error).toBe('unknown_ticket');
    const waiting = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'land' }, kiosk);
    expect((await rate(waiting.body.id, { level: 5, rateToken: waiting.body.trackToken })).body.error).toBe('unknown_ticket');
    expect((await rate('t1-nothing', { level: 5, rateToken: 'x' })).status).toBe(404);
    // Clean up: window 2 serves the land ticket so later tests find window 1's queue empty.
    await h.api('POST', '/api/windows/t1-2/call-next', { requestId: rid() }, s2);
    await h.api('POST', '/api/windows/t1-2/start', { requestId: rid() }, s2);
    await h.api('POST', '/api/windows/t1-2/complete', { outcome: 'consultation', requestId: rid() }, s2);
  });

  it('refuses the pad of another window, even with the right rateToken', async () => {
    const t = await servedTicket();
    const { rateToken } = (await padRequest('t1-1', pad1)).body;
    const r = await rate(t.id, { level: 5, rateToken }, pad2);
    expect(r.status).toBe(403);
    expect(r.body.error).toBe('wrong_window');
    expect((await rate(t.id, { level: 5, rateToken }, pad1)).status).toBe(201);
  });

  it('lets the citizen rate from the phone (channel qr) with the rateToken the ticket view gives after completion', async () => {
    const issued = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk);
    const before = await h.api('GET', `/api/tickets/${issued.body.id}?token=${issued.body.trackToken}`);
    expect(before.body).not.toHaveProperty('rateToken');
    await h.api('POST', '/api/windows/t1-1/call-next', { requestId: rid() }, s1);
    await h.api('POST', '/api/windows/t1-1/start', { requestId: rid() }, s1);
    await h.api('POST', '/api/windows/t1-1/complete', { outcome: 'notice', requestId: rid() }, s1);
    const view = await h.api('GET', `/api/tickets/${issued.body.id}?token=${issued.body.trackToken}`);
    expect(view.body.rateToken).toMatch(/^[\w-]{10,}$/);
    const r = await rate(issued.body.id, { level: 3, rateToken: view.body.rateToken, comment: '还行' });
    expect(r.status).toBe(201);
    expect(r.body.rating).toMatchObject({ ticketId: issued.body.id, level: 3, channel: 'qr', comment: '还行', windowId: 't1-1', staffId: 's1' });
  });

  it('answers a malformed body with 400 naming the field', async () => {
    const cases: [object | string, string][] = [
      [{ rateToken: 'x' }, 'body.level'],
      [{ level: 6, rateToken: 'x' }, 'body.level'],
      [{ level: 0, rateToken: 'x' }, 'body.level'],
      [{ level: 2.5, rateToken: 'x' }, 'body.level'],
      [{ level: '5', rateToken: 'x' }, 'body.level'],
      [{ level: 5 }, 'body.rateToken'],
      [{ level: 2, reasons: '等候时间长', rateToken: 'x' }, 'body.reasons'],
      [{ level: 2, reasons: [42], rateToken: 'x' }, 'body.reasons.0'],
      [{ level: 5, comment: '长'.repeat(201), rateToken: 'x' }, 'body.comment'],
      [{ level: 5, rateToken: 'x', staffId: 's1' }, 'body'],
      [{ level: 5, rateToken: 'x', requestId: 'bad id!' }, 'body.requestId'],
    ];
    for (const [body, field] of cases) {
      const r = await rate('t1-whatever', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toBe('bad_request');
      expect(r.body.field ?? 'body', JSON.stringify(body)).toBe(field);
    }
    const malformed = await rate('t1-whatever', '{"level": 5,');
    expect(malformed.status).toBe(400);
  });

  it('stops asking at the pad after the hall’s timeout, while the phone link still rates', async () => {
    const t = await servedTicket();
    const asked = await padRequest('t1-1', pad1);
    expect(asked.body.remainingMs).toBeGreaterThan(59_000);
    shift += 61_000;
    expect((await padRequest('t1-1', pad1)).status).toBe(204);
    const r = await rate(t.id, { level: 4, rateToken: asked.body.rateToken });
    expect(r.status).toBe(201);
    expect(r.body.rating.channel).toBe('qr');
  });

  it('publishes the rating options: five levels, the hall’s reasons and the pad’s timeout', async () => {
    const r = await h.api('GET', '/api/halls/t1/rating-options');
    expect(r.body).toEqual({ levels: [5, 4, 3, 2, 1], badLevels: [2, 1], reasons: ['等候时间长', '服务态度差', '业务不熟练', '一次性告知不清', '办事效率低', '环境设施差', '其他'], timeoutSeconds: 60, maxComment: 200 });
  });
});
