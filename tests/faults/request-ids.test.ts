/**
 * A client request id makes a repeat return the first answer. It belongs to its caller (a device,
 * a staff session, the holder of a ticket's secret): before the fix it was kept per operation and
 * hall only, so a second caller sending another's id received the first caller's answer — another
 * citizen's ticket with its track token, a cancel of someone else's ticket, another's rating.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

let h: TestHub;
let kioskA: string;
let kioskB: string;
let manager: string;
let staff: string;
let pad: string;
beforeAll(async () => {
  h = await testHub('reqids', { config: hubConfig(allDay) });
  [kioskA, kioskB, manager, staff, pad] = await Promise.all([h.device('kiosk'), h.device('kiosk'), h.login('m1'), h.login('s1'), h.device('pad', 't1-1')]);
  await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, staff);
});
afterAll(() => h.cleanup());

const lastEventId = () => h.hub.ctx.store.lastEventId('t1');
const issue = (token: string, body: object) => h.api('POST', '/api/halls/t1/tickets', body, token);
const view = (id: string, token: string) => h.api('GET', `/api/tickets/${id}?token=${encodeURIComponent(token)}`);

describe('request ids belong to their caller', () => {
  it('gives a second kiosk sending the first one’s id its own ticket, never the first one’s', async () => {
    const a = await issue(kioskA, { serviceId: 'social', requestId: 'shared-issue-1' });
    const b = await issue(kioskB, { serviceId: 'social', requestId: 'shared-issue-1' });
    const m = await issue(manager, { serviceId: 'social', requestId: 'shared-issue-1' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(m.status).toBe(201);
    expect(new Set([a.body.id, b.body.id, m.body.id]).size).toBe(3);
    expect(b.body.trackToken).not.toBe(a.body.trackToken);
    expect(m.body.trackToken).not.toBe(a.body.trackToken);
    // Each caller's repeat is still its own first answer.
    expect((await issue(kioskB, { serviceId: 'social', requestId: 'shared-issue-1' })).body).toEqual(b.body);
  });

  it('answers a caller that reuses its id for another request 422 request_id_reused, and changes nothing', async () => {
    const first = await issue(kioskA, { serviceId: 'social', requestId: 'reused-body-1' });
    expect(first.status).toBe(201);
    const before = await lastEventId();
    const other = await issue(kioskA, { serviceId: 'land', requestId: 'reused-body-1' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: 'request_id_reused' });
    const priority = await issue(kioskA, { serviceId: 'social', priority: 'priority', requestId: 'reused-body-1' });
    expect(priority.status).toBe(422);
    expect(await lastEventId()).toBe(before);
    // The same request again is still the first answer.
    expect((await issue(kioskA, { serviceId: 'social', requestId: 'reused-body-1' })).body).toEqual(first.body);
  });

  it('cancels the second citizen’s own ticket when it sends the first one’s id', async () => {
    const one = (await issue(kioskA, { serviceId: 'land' })).body;
    const two = (await issue(kioskA, { serviceId: 'land' })).body;
    const c1 = await h.api('POST', `/api/tickets/${one.id}/cancel`, { token: one.trackToken, requestId: 'cancel-shared-1' });
    expect(c1).toMatchObject({ status: 200, body: { id: one.id, status: 'cancelled' } });
    const c2 = await h.api('POST', `/api/tickets/${two.id}/cancel`, { token: two.trackToken, requestId: 'cancel-shared-1' });
    expect(c2).toMatchObject({ status: 200, body: { id: two.id, status: 'cancelled' } });
    expect((await view(two.id, two.trackToken)).body.status).toBe('cancelled');
    // Someone without the ticket's token learns nothing from the id: the ordinary refusal.
    const three = (await issue(kioskA, { serviceId: 'land' })).body;
    const thief = await h.api('POST', `/api/tickets/${three.id}/cancel`, { token: 'not-the-token', requestId: 'cancel-shared-1' });
    expect(thief).toMatchObject({ status: 404, body: { error: 'unknown_ticket' } });
    expect((await view(three.id, three.trackToken)).body.status).toBe('waiting');
    // A manager's cancel with that id is the manager's own.
    const byManager = await h.api('POST', `/api/tickets/${three.id}/cancel`, { requestId: 'cancel-shared-1' }, manager);
    expect(byManager).toMatchObject({ status: 200, body: { id: three.id, status: 'cancelled' } });
  });

  it('records the phone’s rating of its own ticket when it sends the pad’s id for another', async () => {
    const rateToken = async () => {
      await issue(kioskA, { serviceId: 'social' });
      await h.api('POST', '/api/windows/t1-1/call-next', {}, staff);
      await h.api('POST', '/api/windows/t1-1/start', {}, staff);
      const done = await h.api('POST', '/api/windows/t1-1/complete', { outcome: 'completed' }, staff);
      const asked = await h.api('GET', '/api/windows/t1-1/rating-request', undefined, pad);
      expect(asked.body.ticket.id).toBe(done.body.ticket.id);
      return { id: done.body.ticket.id as string, rateToken: asked.body.rateToken as string };
    };
    const first = await rateToken();
    const r1 = await h.api('POST', `/api/tickets/${first.id}/rating`, { level: 5, rateToken: first.rateToken, requestId: 'rate-shared-1' }, pad);
    expect(r1).toMatchObject({ status: 201, body: { rating: { ticketId: first.id, level: 5 } } });
    const second = await rateToken();
    const r2 = await h.api('POST', `/api/tickets/${second.id}/rating`, { level: 4, rateToken: second.rateToken, requestId: 'rate-shared-1' });
    expect(r2).toMatchObject({ status: 201, body: { rating: { ticketId: second.id, level: 4, channel: 'qr' } } });
  });
});
