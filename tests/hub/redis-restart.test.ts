import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HallFeed } from '../../display/lib/hallFeed.js';
import type { BoardEvent } from '../../server/protocol.js';
import { startHub, type Hub } from '../../server/hub.js';
import { answers } from '../../server/store/redisLauncher.js';
import { hubConfig, until } from '../helpers/hub.js';

// A private redis-server for this file: it is stopped and started again, which the shared
// Redis of the other test files must never be.
const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

let port: number;
let dir: string;
let redis: ChildProcess | undefined;
let hub: Hub;

async function startRedis(): Promise<void> {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
  await until(() => answers(`redis://127.0.0.1:${port}`), 5000, 'private redis');
}

async function stopRedis(): Promise<void> {
  const child = redis!;
  await new Promise((ok) => {
    child.once('exit', ok);
    child.kill('SIGTERM');
  });
}

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

beforeAll(async () => {
  port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'yc-redis-'));
  await startRedis();
  hub = await startHub({ config: hubConfig(allDay), redisUrl: `redis://127.0.0.1:${port}`, keyPrefix: 'yc:', port: 0, jobs: false });
});
afterAll(async () => {
  await hub?.close();
  if (redis && redis.exitCode === null) await stopRedis();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function api(method: string, path: string, body?: object, token?: string) {
  const r = await fetch(`${hub.url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body) });
  return { status: r.status, body: r.status === 204 ? null : await r.json() };
}

describe('Redis restarting under the hub', () => {
  it('answers 503 while Redis is away, then a retry with the same request id counts once', async () => {
    const admin = (await api('POST', '/api/login', { username: 'a1', password: 'pw-a1' })).body.token;
    const kiosk = (await api('POST', '/api/devices', { device: 'kiosk', hallId: 't1' }, admin)).body.token;
    const screen = (await api('POST', '/api/devices', { device: 'hall-screen', hallId: 't1' }, admin)).body.token;
    const applied: BoardEvent[] = [];
    const feed = new HallFeed({ url: hub.url, auth: { token: screen }, view: 'board', onEvent: (e) => applied.push(e), socketOptions: { transports: ['websocket'] } });
    await until(() => feed.status === 'live', 5000, 'feed live');

    const first = await api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: 'tap-000001' }, kiosk);
    expect(first.body.number).toBe('A001');

    await stopRedis();
    const during = await api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: 'tap-000002' }, kiosk);
    expect(during.status).toBe(503);
    expect(during.body.error).toBe('unavailable');
    // Logging in counts the attempt in Redis: told to retry, not an internal error.
    const loginDuring = await api('POST', '/api/login', { username: 'a1', password: 'pw-a1' });
    expect([loginDuring.status, loginDuring.body.error]).toEqual([503, 'unavailable']);

    await startRedis(); // the append-only file brings the day back
    const retry = await until(async () => {
      const r = await api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: 'tap-000002' }, kiosk);
      return r.status === 201 ? r : null;
    }, 10_000, 'issue after restart');
    expect(retry.body.number).toBe('A002');
    const again = await api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: 'tap-000002' }, kiosk);
    expect(again.body).toEqual(retry.body);
    // The restarted Redis lost its script cache: the login limit loads its script again.
    expect((await api('POST', '/api/login', { username: 'a1', password: 'pw-a1' })).status).toBe(200);

    // The screen, whose hub lost its subscription meanwhile, ends with every event once.
    await until(() => applied.length === 2, 10_000, 'screen has both tickets');
    // A hall screen counts each issue once: 1 waiting, then 2.
    expect(applied.map((e) => [e.type, e.queues?.find((q) => q.serviceId === 'social')?.waiting])).toEqual([['ticket.issued', 1], ['ticket.issued', 2]]);
    feed.close();
  });
});
