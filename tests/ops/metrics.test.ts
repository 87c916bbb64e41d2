/**
 * GET /metrics on a running hub: each figure moves by what the operations did, worked out by hand.
 * The hub's clock is injected, so waits and the archive's lag are exact seconds.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { MONDAY_9AM } from '../helpers/hall.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';
import { sample } from './prometheus.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

// A port nothing listens on: the kiosk's printer is off, so every print attempt fails.
const deadPort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

let h: TestHub;
let a: TestArchive;
let now = MONDAY_9AM;

beforeAll(async () => {
  a = await testArchive('sqlite', 'metrics');
  const config = hubConfig({ ...allDay, kiosks: [{ id: 't1-kiosk-1', name: '大厅取号机', printer: { kind: 'tcp', host: '127.0.0.1', port: await deadPort() } }] });
  // archiver: false: the archive falls behind until the test archives by hand.
  h = await testHub('metrics', { config, clock: () => now, archive: a.location, archiver: false, printing: { backoff: { initialMs: 50, maxMs: 100 } } });
});
afterAll(async () => {
  await h?.cleanup();
  await a?.cleanup();
});

async function scrape(headers: Record<string, string> = {}): Promise<string> {
  const r = await fetch(`${h.url}/metrics`, { headers });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
  return r.text();
}

describe('GET /metrics', () => {
  it('moves each figure by what happened: events, calls, sockets, queues, the longest wait, archive lag, job failures', async () => {
    const before = await scrape();
    const count = (text: string, name: string, labels: Record<string, string> = {}) => sample(text, name, labels) ?? 0;

    const [kiosk, s1, screen, windowScreen] = await Promise.all([h.device('kiosk'), h.login('s1'), h.device('hall-screen'), h.device('window-screen', 't1-1')]);
    for (let i = 1; i <= 3; i++) expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: `metrics-00000${i}` }, kiosk)).status).toBe(201);
    expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, s1)).status).toBe(200);
    expect((await h.api('POST', '/api/windows/t1-1/call-next', {}, s1)).body.ticket.number).toBe('A001');
    const sockets = [h.socket({ token: screen }), h.socket({ token: windowScreen })];
    await until(() => sockets.every((s) => s.connected), 5000, 'two screens connected');
    now += 90_000; // a minute and a half later, nobody else called

    // 3 issues + 1 sign-in + 1 call = 5 events, each relayed once by this (only) hub.
    const after = await until(async () => {
      const t = await scrape();
      return count(t, 'yc_events_relayed_total', { hall: 't1' }) - count(before, 'yc_events_relayed_total', { hall: 't1' }) === 5 && count(t, 'yc_job_failures_total', { queue: 'print' }) > 0 ? t : null;
    }, 8000, 'five events relayed and a failed print attempt');

    expect(count(after, 'yc_command_duration_seconds_count', { operation: 'issue' }) - count(before, 'yc_command_duration_seconds_count', { operation: 'issue' })).toBe(3);
    expect(count(after, 'yc_command_duration_seconds_count', { operation: 'call_next' }) - count(before, 'yc_command_duration_seconds_count', { operation: 'call_next' })).toBe(1);
    // The call reached the screens with the hall's clock standing still: within the first bucket.
    expect(count(after, 'yc_call_to_emit_seconds_count') - count(before, 'yc_call_to_emit_seconds_count')).toBe(1);
    expect(count(after, 'yc_call_to_emit_seconds_bucket', { le: '0.001' }) - count(before, 'yc_call_to_emit_seconds_bucket', { le: '0.001' })).toBe(1);
    expect(count(after, 'yc_http_request_duration_seconds_count', { method: 'POST', route: '/api/windows/:windowId/call-next', status: '200' })).toBe(1);
    expect(count(after, 'yc_http_request_duration_seconds_count', { method: 'POST', route: '/api/halls/:hallId/tickets', status: '201' })).toBe(3);

    expect(sample(after, 'yc_sockets_connected', { scope: 'hall' })).toBe(1);
    expect(sample(after, 'yc_sockets_connected', { scope: 'window' })).toBe(1);
    expect(sample(after, 'yc_sockets_connected', { scope: 'ticket' })).toBe(0);

    // A001 is at window 1; A002 and A003 wait, queued 90 s ago.
    expect(sample(after, 'yc_queue_waiting', { hall: 't1', service: 'social' })).toBe(2);
    expect(sample(after, 'yc_queue_waiting', { hall: 't1', service: 'land' })).toBe(0);
    expect(sample(after, 'yc_queue_waiting', { hall: 't1', service: 'tax' })).toBe(0);
    expect(sample(after, 'yc_queue_longest_wait_seconds', { hall: 't1' })).toBe(90);

    // Nothing archived yet: all 5 events behind, the oldest 90 s old.
    expect(sample(after, 'yc_archive_lag_events', { hall: 't1' })).toBe(5);
    expect(sample(after, 'yc_archive_lag_seconds', { hall: 't1' })).toBe(90);

    await h.hub.archiver!.archiveAll();
    const archived = await scrape();
    expect(sample(archived, 'yc_archive_lag_events', { hall: 't1' })).toBe(0);
    expect(sample(archived, 'yc_archive_lag_seconds', { hall: 't1' })).toBe(0);
    expect(count(archived, 'yc_archive_batches_total') - count(before, 'yc_archive_batches_total')).toBe(1);

    // The screens leave; the queue empties as window 1 calls the other two.
    for (const s of sockets) s.close();
    for (const n of ['A002', 'A003']) {
      expect((await h.api('POST', '/api/windows/t1-1/start', {}, s1)).status).toBe(200);
      expect((await h.api('POST', '/api/windows/t1-1/complete', { outcome: 'completed' }, s1)).status).toBe(200);
      expect((await h.api('POST', '/api/windows/t1-1/call-next', {}, s1)).body.ticket.number).toBe(n);
    }
    const later = await until(async () => {
      const t = await scrape();
      return sample(t, 'yc_sockets_connected', { scope: 'hall' }) === 0 && sample(t, 'yc_sockets_connected', { scope: 'window' }) === 0 ? t : null;
    }, 5000, 'the screens gone');
    expect(sample(later, 'yc_queue_waiting', { hall: 't1', service: 'social' })).toBe(0);
    expect(sample(later, 'yc_queue_longest_wait_seconds', { hall: 't1' })).toBe(0);
    expect(count(later, 'yc_command_duration_seconds_count', { operation: 'call_next' }) - count(before, 'yc_command_duration_seconds_count', { operation: 'call_next' })).toBe(3);
    // Process figures come along (memory, event loop) for the hub's own health.
    expect(sample(later, 'yc_process_resident_memory_bytes')).toBeGreaterThan(0);
  }, 30_000);

  it('answers only this machine without a token: a client behind the proxy is refused', async () => {
    const r = await fetch(`${h.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ error: 'forbidden' });
  });

  it('wants the bearer token when YC_METRICS_TOKEN is set', async () => {
    const token = 'metrics-token-0123456789';
    const other = await h.another({ metricsToken: token });
    try {
      expect((await fetch(`${other.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${other.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      const ok = await fetch(`${other.url}/metrics`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('yc_sockets_connected');
    } finally {
      await other.close();
    }
  });

  it('gives every answer a request id: the caller’s when sane, a new one otherwise', async () => {
    const given = await fetch(`${h.url}/api/halls/t1/state`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const bad = await fetch(`${h.url}/healthz`, { headers: { 'x-request-id': 'has spaces and {braces}' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const none = await fetch(`${h.url}/healthz`);
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers.get('x-request-id')).not.toBe(bad.headers.get('x-request-id'));
  });
});
