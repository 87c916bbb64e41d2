/**
 * SIGTERM mid-traffic, on the hub as production starts it (a child process running server/main.ts):
 * /readyz turns 503 at once, the listener closes after the drain, the requests already inside
 * finish with their answers, screens are disconnected so that they reconnect (to another hub),
 * the archiver releases its lease, and the process exits 0 well within its bound.
 *
 * To have requests surely in flight when the signal comes, the hub's private Redis is paused
 * (CLIENT PAUSE): ten tickets wait inside their scripts while the hub is told to stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers } from '../../server/store/redisLauncher.js';
import { until } from '../helpers/hub.js';

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

const hallYaml = `
halls:
  - id: t1
    name: 测试县政务服务中心
    level: county
    schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }
    services:
      - { id: social, name: 社保医保卫健, prefix: A, standardMinutes: 10 }
    windows:
      - { number: 1, name: 综合受理一, tiers: [[social]] }
    staff:
      - { id: s1, name: 张伟, password: pw-s1, posts: [{ window: 1, post: A }] }
      - { id: a1, name: 管理员, role: admin, password: pw-a1 }
`;

interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

let dir: string;
let redisPort: number;
let redisServer: ChildProcess;
let admin: Redis;
let hub: ChildProcess;
const lines: LogLine[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yc-shutdown-'));
  redisPort = await freePort();
  redisServer = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await until(() => answers(`redis://127.0.0.1:${redisPort}`), 5000, 'private redis');
  admin = new Redis(`redis://127.0.0.1:${redisPort}`);
  writeFileSync(join(dir, 'hall.yaml'), hallYaml);
  hub = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      YC_CONFIG: join(dir, 'hall.yaml'),
      YC_ARCHIVE_FILE: join(dir, 'archive.db'),
      YC_PUBLIC_URL: 'http://127.0.0.1',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      YC_DRAIN_MS: '400',
      YC_SHUTDOWN_TIMEOUT_MS: '8000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let rest = '';
  hub.stdout!.on('data', (chunk: Buffer) => {
    rest += chunk.toString('utf8');
    const parts = rest.split('\n');
    rest = parts.pop()!;
    for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as LogLine);
  });
  hub.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
}, 30_000);

afterAll(async () => {
  if (hub && hub.exitCode === null && hub.signalCode === null) hub.kill('SIGKILL');
  admin?.disconnect();
  redisServer?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function api(base: string, method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as any };
}

describe('SIGTERM', () => {
  it('finishes the requests in flight, moves the screens, releases the lease and exits 0', async () => {
    const started = await until(() => lines.find((l) => typeof l.port === 'number' && /YiChuang hub on/.test(l.msg)), 25_000, 'the hub to start');
    const base = `http://127.0.0.1:${started.port as number}`;
    await until(async () => (await fetch(`${base}/readyz`)).status === 200, 5000, 'ready');
    await until(async () => (await admin.get('yc:archiver:lease')) !== null, 5000, 'the archiver to hold its lease');

    const adminToken = (await api(base, 'POST', '/api/login', { username: 'a1', password: 'pw-a1' })).body.token as string;
    const kiosk = (await api(base, 'POST', '/api/devices', { device: 'kiosk', hallId: 't1' }, adminToken)).body.token as string;
    const screen = (await api(base, 'POST', '/api/devices', { device: 'hall-screen', hallId: 't1' }, adminToken)).body.token as string;

    // A request id given by the caller follows the request into the command it runs.
    expect((await api(base, 'POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk, { 'x-request-id': 'ops-trace-1' })).status).toBe(201);
    const traced = await until(() => {
      const mine = lines.filter((l) => l.reqId === 'ops-trace-1');
      return mine.some((l) => l.msg === 'request') ? mine : null;
    }, 2000, 'the traced request line');
    expect(traced.map((l) => l.msg)).toEqual(expect.arrayContaining(['command', 'request']));
    expect(traced.find((l) => l.msg === 'command')).toMatchObject({ op: 'issue', hallId: 't1' });
    expect(traced.find((l) => l.msg === 'request')).toMatchObject({ method: 'POST', url: '/api/halls/t1/tickets', status: 201 });

    const socket = io(base, { auth: { token: screen }, transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 200 });
    await until(() => socket.connected, 5000, 'the screen connected');
    let disconnectReason = '';
    socket.on('disconnect', (reason) => (disconnectReason = reason));

    // Redis holds every command for 2 s: the ten tickets below wait inside the hub.
    await admin.client('PAUSE', 2000, 'ALL');
    const issued = Array.from({ length: 10 }, (_, i) =>
      api(base, 'POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: `shutdown-${String(i).padStart(3, '0')}` }, kiosk).catch((err: Error) => ({ status: 0, body: { error: err.message } })),
    );
    await new Promise((ok) => setTimeout(ok, 300));
    const signalled = Date.now();
    const exited = new Promise<number | null>((ok) => hub.once('exit', (code) => ok(code)));
    hub.kill('SIGTERM');

    // At once: not ready, so a balancer stops sending work here (the listener is still open: YC_DRAIN_MS).
    await new Promise((ok) => setTimeout(ok, 100));
    const draining = await api(base, 'GET', '/readyz');
    expect(draining).toEqual({ status: 503, body: { ready: false, shuttingDown: true, checks: {} } });
    // After the drain the listener is closed: new connections are refused, not left hanging.
    await new Promise((ok) => setTimeout(ok, 600));
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();

    // The ten in flight all answered: tickets 2 to 11 of the day (1 was the traced one), each once.
    const answers = await Promise.all(issued);
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(answers.map((a) => a.body.number as string).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `A${String(i + 2).padStart(3, '0')}`));

    const code = await exited;
    const took = Date.now() - signalled;
    expect(code).toBe(0);
    expect(took).toBeLessThan(8000);
    // The screen was let go so that it reconnects by itself (to another hub), not told to stay away.
    expect(disconnectReason).toBe('transport close');
    expect(socket.active).toBe(true);
    socket.close();
    // The lease is released, not left to expire: another hub archives at once.
    expect(await admin.get('yc:archiver:lease')).toBeNull();
    const stopped = lines.find((l) => l.msg === 'hub stopped');
    expect(stopped).toMatchObject({ inFlightAtClose: 10 });
    console.log(`[shutdown] exit ${code} ${took} ms after SIGTERM (2 s of it Redis paused); ${String(stopped?.inFlightAtClose)} requests in flight at close, all answered 201`);
  }, 40_000);
});
