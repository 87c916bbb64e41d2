/**
 * The manager's desk on a real hub and Redis: only managers and admins get the desk scope (a
 * staffer's or an inspector's token is refused, on the socket and on the desk's routes); a
 * backlog past the wait target raises 等候超时 on the desk, a manager acknowledges it once (who,
 * when, note), and it resolves when the queue is called down; devices are listed and revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskSnapshot, HallEvent } from '../../server/protocol.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';

// Always open; the wait target at 3 seconds so a backlog crosses it while the test waits.
const config = hubConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }, rules: { waitTargetMinutes: 0.05 } });

let h: TestHub;
let m1 = '';
let s1 = '';
let i1 = '';
let a1 = '';

beforeAll(async () => {
  h = await testHub('desk-hub', { config, jobs: true });
  [m1, s1, i1, a1] = await Promise.all([h.login('m1'), h.login('s1'), h.login('i1'), h.login('a1')]);
});
afterAll(async () => h?.cleanup());

function connectDesk(token: string): Promise<{ snapshot?: DeskSnapshot; error?: string; events: HallEvent[] }> {
  const s = h.socket({ token, desk: true });
  const out: { snapshot?: DeskSnapshot; error?: string; events: HallEvent[] } = { events: [] };
  s.on('event', (e) => out.events.push(e as HallEvent));
  return new Promise((ok) => {
    s.on('desk', (snap) => {
      out.snapshot = snap;
      ok(out);
    });
    s.on('connect_error', (err: Error & { data?: { error?: string } }) => {
      out.error = err.data?.error;
      s.close();
      ok(out);
    });
  });
}

describe('who opens the desk', () => {
  it('refuses the desk scope to a staffer and an inspector, and gives a manager and an admin the desk snapshot', async () => {
    expect((await connectDesk(s1)).error).toBe('forbidden');
    expect((await connectDesk(i1)).error).toBe('forbidden');
    const manager = await connectDesk(m1);
    expect(manager.error).toBeUndefined();
    // The roster names every rostered staffer; nobody has signed in yet.
    expect(manager.snapshot!.roster.map((r) => r.staffId).sort()).toEqual(['s1', 's2', 's3', 's4']);
    expect(manager.snapshot!.metricRules.waitTargetSeconds).toBe(3);
    expect((await connectDesk(a1)).snapshot?.hall.hallId).toBe('t1');
  });

  it('refuses a staffer on the desk’s routes (acknowledge, devices)', async () => {
    expect((await h.api('POST', '/api/halls/t1/alerts/x/ack', {}, s1)).status).toBe(403);
    expect((await h.api('GET', '/api/halls/t1/devices', undefined, s1)).status).toBe(403);
    expect((await h.api('GET', '/api/halls/t1/devices', undefined, m1)).status).toBe(403);
  });
});

describe('等候超时 on the desk', () => {
  it('raises the service’s alert once the oldest ticket waits past the target, takes one acknowledgement, and resolves when the queue is called down', async () => {
    const desk = await connectDesk(m1);
    for (let i = 0; i < 3; i++) expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, m1)).status).toBe(201);
    const raised = await until(() => desk.events.find((e) => e.type === 'alert.raised' && e.kind === 'wait_over_target'), 8000, 'the wait alert');
    if (raised.type !== 'alert.raised') throw new Error('not raised');
    expect(raised.serviceId).toBe('social');
    // One open alert per service, however many tickets cross the target.
    await new Promise((r) => setTimeout(r, 1500));
    expect(desk.events.filter((e) => e.type === 'alert.raised' && e.kind === 'wait_over_target')).toHaveLength(1);

    const path = `/api/halls/t1/alerts/${encodeURIComponent(raised.alertId)}/ack`;
    expect((await h.api('POST', path, { note: '已加开窗口' }, s1)).status).toBe(403);
    expect((await h.api('POST', path, { note: 'x'.repeat(201) }, m1)).status).toBe(400);
    expect((await h.api('POST', path, { note: '已加开窗口' }, m1)).status).toBe(200);
    const again = await h.api('POST', path, { note: '再次' }, m1);
    expect([again.status, again.body.error]).toEqual([409, 'bad_state']);
    expect((await h.api('POST', '/api/halls/t1/alerts/no-such-alert/ack', {}, m1)).body.error).toBe('unknown_alert');
    const ack = await until(() => desk.events.find((e) => e.type === 'alert.acknowledged'), 2000, 'the acknowledgement');
    expect(ack).toMatchObject({ alertId: raised.alertId, by: 'm1', note: '已加开窗口' });

    // Window 1 calls the three social tickets: the wait is over, the alert resolves.
    expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, s1)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect((await h.api('POST', '/api/windows/t1-1/call-next', {}, s1)).status).toBe(200);
      expect((await h.api('POST', '/api/windows/t1-1/start', {}, s1)).status).toBe(200);
      expect((await h.api('POST', '/api/windows/t1-1/complete', { outcome: 'completed' }, s1)).status).toBe(200);
    }
    await until(() => desk.events.find((e) => e.type === 'alert.resolved' && e.alertId === raised.alertId), 4000, 'the resolution');
  });

  it('a desk connecting later sees the alert, its acknowledgement and today’s tickets in its snapshot', async () => {
    const later = await connectDesk(m1);
    const a = later.snapshot!.today.alerts.find((x) => x.kind === 'wait_over_target')!;
    expect(a.ack).toMatchObject({ by: 'm1', note: '已加开窗口' });
    expect(a.resolvedAt).toBeGreaterThan(a.raisedAt);
    expect(Object.values(later.snapshot!.today.facts).filter((f) => f.status === 'done')).toHaveLength(3);
    expect(later.snapshot!.roster.find((r) => r.staffId === 's1')).toMatchObject({ status: 'in', windowId: 't1-1', post: 'A' });
  });
});

describe('devices', () => {
  it('lists a paired device and revokes it: its token stops working at once', async () => {
    const token = await h.device('hall-screen');
    const list = await h.api('GET', '/api/halls/t1/devices', undefined, a1);
    const mine = list.body.items.find((d: { device: string }) => d.device === 'hall-screen');
    expect(mine).toBeTruthy();
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect((await h.api('GET', '/api/me', undefined, token)).status).toBe(200);
    expect((await h.api('POST', `/api/halls/t1/devices/${mine.deviceId}/revoke`, {}, m1)).status).toBe(403);
    expect((await h.api('POST', `/api/halls/t1/devices/${mine.deviceId}/revoke`, {}, a1)).status).toBe(200);
    expect((await h.api('GET', '/api/me', undefined, token)).status).toBe(401);
    expect((await h.api('POST', `/api/halls/t1/devices/${mine.deviceId}/revoke`, {}, a1)).body.error).toBe('unknown_device');
  });
});
