/**
 * Every page comes back by itself after a Redis outage, however long. A screen whose connection
 * drops while Redis is away is refused at the handshake (the hub cannot check its token) — a
 * refusal socket.io does not retry on its own. Before the fix the page's feed (display/lib/
 * hallFeed.ts, which every page uses) gave up there and the hall screen stayed 离线 after Redis
 * returned. A real refusal (a token that is not valid) still stops it: the page asks to be paired
 * again or to log in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HallFeed } from '../../display/lib/hallFeed.js';
import { startHub, type Hub } from '../../server/hub.js';
import type { BoardEvent } from '../../server/protocol.js';
import { hubConfig, until } from '../helpers/hub.js';
import { privateRedis, type PrivateRedis } from '../helpers/privateRedis.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

let redis: PrivateRedis;
let hub: Hub;
beforeAll(async () => {
  redis = await privateRedis();
  await redis.start();
  hub = await startHub({ config: hubConfig(allDay), redisUrl: redis.url, keyPrefix: 'yc:', port: 0, jobs: false });
});
afterAll(async () => {
  await hub?.close();
  await redis?.dispose();
});

async function api(method: string, path: string, body?: object, token?: string) {
  const r = await fetch(`${hub.url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body) });
  return { status: r.status, body: r.status === 204 ? null : await r.json() };
}

describe('a page reconnecting while Redis is away', () => {
  it('comes back live by itself once Redis returns, with every event once', async () => {
    const admin = (await api('POST', '/api/login', { username: 'a1', password: 'pw-a1' })).body.token;
    const kiosk = (await api('POST', '/api/devices', { device: 'kiosk', hallId: 't1' }, admin)).body.token;
    const screen = (await api('POST', '/api/devices', { device: 'hall-screen', hallId: 't1' }, admin)).body.token;
    const applied: BoardEvent[] = [];
    const feed = new HallFeed({ url: hub.url, auth: { token: screen }, view: 'board', offlineAfterMs: 200, onEvent: (e) => applied.push(e), socketOptions: { transports: ['websocket'] } });
    const handshakeErrors: string[] = [];
    feed.connection.on('connect_error', (err: Error & { data?: { error?: string } }) => handshakeErrors.push(err.data?.error ?? 'transport'));
    await until(() => feed.status === 'live', 5000, 'feed live');
    expect((await api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk)).body.number).toBe('A001');

    await redis.stop();
    // The screen's network drops: it reconnects to a hub that cannot check its token.
    feed.connection.io.engine.close();
    await until(() => feed.status === 'offline', 5000, 'offline');
    // A long outage: the hub refuses the handshake again and again, the page keeps trying.
    await until(() => handshakeErrors.filter((e) => e !== 'transport').length >= 3, 15_000, 'three refused handshakes');
    expect(feed.status).toBe('offline');

    await redis.start();
    await until(() => feed.status === 'live', 15_000, 'feed live again');
    const issued = await until(async () => {
      const r = await api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: 'after-outage-1' }, kiosk);
      return r.status === 201 ? r : null;
    }, 10_000, 'issue after the outage');
    expect(issued.body.number).toBe('A002');
    await until(() => applied.length === 2, 5000, 'the screen has both tickets');
    // Each of the two issues once, in order (a hall screen's board view carries no ticket numbers of waiting tickets).
    expect(applied.map((e) => [e.id, e.type])).toEqual([[1, 'ticket.issued'], [2, 'ticket.issued']]);
    feed.close();
  });

  it('stops at a real refusal: a token that is not valid is not retried', async () => {
    const refused: string[] = [];
    const feed = new HallFeed({ url: hub.url, auth: { token: 'not-a-token' }, view: 'board', onRefused: (code) => refused.push(code), socketOptions: { transports: ['websocket'] } });
    let attempts = 0;
    feed.connection.on('connect_error', () => attempts++);
    await until(() => feed.status === 'refused', 5000, 'refused');
    await new Promise((r) => setTimeout(r, 1500));
    expect(refused).toEqual(['unauthorized']);
    expect(attempts).toBe(1);
    feed.close();
  });
});
