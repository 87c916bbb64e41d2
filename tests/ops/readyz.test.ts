/**
 * GET /readyz names the part that keeps the hub from serving: Redis (a private redis-server this
 * file stops and starts), SQL (PostgreSQL behind a TCP relay this file cuts), the Lua scripts
 * (flushed from Redis's cache). /healthz stays 200 throughout: the process is alive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../server/hub.js';
import { answers } from '../../server/store/redisLauncher.js';
import { TEST_DATABASE_URL, testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';
import { sample } from './prometheus.js';
import { scriptShas } from './scripts.js';

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

async function readyz(url: string) {
  const r = await fetch(`${url}/readyz`);
  return { status: r.status, body: (await r.json()) as { ready: boolean; shuttingDown?: true; checks: Record<string, { ok: boolean; error?: string }> } };
}
const metricsText = async (url: string) => (await fetch(`${url}/metrics`)).text();

describe('/readyz with Redis stopped', () => {
  let port: number;
  let dir: string;
  let redis: ChildProcess | undefined;
  let hub: Hub;
  let a: TestArchive;

  async function startRedis(): Promise<void> {
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''], { stdio: 'ignore' });
    await until(() => answers(`redis://127.0.0.1:${port}`), 5000, 'private redis');
  }
  async function stopRedis(): Promise<void> {
    const child = redis!;
    await new Promise((ok) => {
      child.once('exit', ok);
      child.kill('SIGTERM');
    });
  }

  beforeAll(async () => {
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'yc-readyz-'));
    await startRedis();
    a = await testArchive('sqlite', 'readyz');
    hub = await startHub({ config: hubConfig(), redisUrl: `redis://127.0.0.1:${port}`, keyPrefix: 'yc:', port: 0, jobs: false, archive: a.location, archiver: false });
  });
  afterAll(async () => {
    await hub?.close();
    if (redis && redis.exitCode === null) await stopRedis();
    await a?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is ready with every part answering, 503 naming Redis and the scripts while Redis is away, ready again after', async () => {
    const up = await readyz(hub.url);
    expect(up.status).toBe(200);
    expect(up.body.ready).toBe(true);
    expect(Object.keys(up.body.checks).sort()).toEqual(['redis', 'scripts', 'sql']);
    expect(Object.values(up.body.checks).every((c) => c.ok)).toBe(true);
    const errorsBefore = sample(await metricsText(hub.url), 'yc_redis_errors_total', { source: 'connection:commands' }) ?? 0;

    await stopRedis();
    const down = await until(async () => {
      const r = await readyz(hub.url);
      return r.status === 503 ? r : null;
    }, 5000, '/readyz to say 503');
    expect(down.body.ready).toBe(false);
    expect(down.body.checks.redis).toMatchObject({ ok: false });
    expect(down.body.checks.redis!.error).toMatch(/connection|ECONNREFUSED/);
    expect(down.body.checks.scripts).toMatchObject({ ok: false });
    expect(down.body.checks.sql).toMatchObject({ ok: true });
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    // The lost connection is counted when ioredis's next attempt is refused (the scrape itself answers without Redis).
    await until(async () => (sample(await metricsText(hub.url), 'yc_redis_errors_total', { source: 'connection:commands' }) ?? 0) > errorsBefore, 5000, 'the Redis error counted');

    await startRedis(); // a new process: its script cache is empty
    const back = await until(async () => {
      const r = await readyz(hub.url);
      return r.status === 200 ? r : null;
    }, 10_000, '/readyz ready again');
    expect(Object.values(back.body.checks).every((c) => c.ok)).toBe(true);
  }, 30_000);

  it('loads the scripts again when Redis lost them (SCRIPT FLUSH), and says so only if it cannot', async () => {
    const admin = new Redis(`redis://127.0.0.1:${port}`);
    try {
      await admin.script('FLUSH');
      expect((await readyz(hub.url)).status).toBe(200);
      // The hub's scripts are back in Redis: the first and one more hold their SHA.
      const loaded = (await admin.script('EXISTS', ...scriptShas())) as number[];
      expect(loaded.length).toBeGreaterThan(20);
      expect(loaded.every((x) => x === 1)).toBe(true);
    } finally {
      admin.disconnect();
    }
  });

  it('says not ready, whatever the parts say, once the hub drains', async () => {
    const extra = await startHub({ config: hubConfig(), redisUrl: `redis://127.0.0.1:${port}`, keyPrefix: 'yc:', port: 0, jobs: false });
    try {
      expect((await readyz(extra.url)).status).toBe(200);
      extra.readiness.drain();
      const r = await readyz(extra.url);
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ ready: false, shuttingDown: true, checks: {} });
    } finally {
      await extra.close();
    }
  });
});

/** A TCP relay to PostgreSQL that the test can cut (every connection dropped, new ones refused) and restore. */
class Relay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}
  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((ok) => this.server!.listen(this.port, '127.0.0.1', ok));
  }
  async cut(): Promise<void> {
    const closed = new Promise<void>((ok) => this.server!.close(() => ok()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

describe('/readyz with SQL unreachable', () => {
  let relay: Relay;
  let a: TestArchive;
  let h: TestHub;

  beforeAll(async () => {
    const target = new URL(TEST_DATABASE_URL);
    relay = new Relay(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
    await relay.open();
    // The schema is made (and dropped) directly; the hub reaches it only through the relay.
    a = await testArchive('postgres', 'readyz', () => undefined);
    const through = new URL(TEST_DATABASE_URL);
    through.hostname = '127.0.0.1';
    through.port = String(relay.port);
    const location = { ...a.location, url: through.toString() };
    h = await testHub('readyz-sql', { archive: location, archiver: false });
  });
  afterAll(async () => {
    await h?.cleanup();
    await a?.cleanup();
  });

  it('answers 503 naming SQL while the database cannot be reached, and ready once it can', async () => {
    expect((await readyz(h.url)).status).toBe(200);
    const errorsBefore = sample(await metricsText(h.url), 'yc_sql_errors_total') ?? 0;

    await relay.cut();
    const down = await readyz(h.url);
    expect(down.status).toBe(503);
    expect(down.body.checks.sql).toMatchObject({ ok: false });
    expect(down.body.checks.redis).toMatchObject({ ok: true });
    expect(down.body.checks.scripts).toMatchObject({ ok: true });
    expect(sample(await metricsText(h.url), 'yc_sql_errors_total')).toBeGreaterThan(errorsBefore);

    await relay.open();
    await until(async () => (await readyz(h.url)).status === 200, 5000, 'ready again with SQL back');
  }, 20_000);
});
