/**
 * A private redis-server for a test file that stops and starts it (the shared Redis of the other
 * test files must never be): a free loopback port, a temporary directory, the append-only file on
 * so a restart keeps the day.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { answers } from '../../server/store/redisLauncher.js';
import { until } from './hub.js';

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

export interface PrivateRedis {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stop it if running and remove its directory. */
  dispose(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'yc-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let running: ChildProcess | undefined;
  const r: PrivateRedis = {
    url,
    async start() {
      const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
      running = child;
      await until(() => answers(url), 5000, 'private redis');
      // The port was free when picked, and again while this Redis was stopped: another test
      // process's redis-server may have taken it meanwhile. Make sure the one answering is ours.
      const probe = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        const pid = /process_id:(\d+)/.exec(await probe.info('server'))?.[1];
        if (Number(pid) !== child.pid) throw new Error(`another redis-server (pid ${pid}) answers on port ${port}, not this test's (pid ${child.pid})`);
      } finally {
        probe.disconnect();
      }
    },
    async stop() {
      const c = running;
      running = undefined;
      if (!c || c.exitCode !== null) return;
      await new Promise((ok) => {
        c.once('exit', ok);
        c.kill('SIGTERM');
      });
    },
    async dispose() {
      await r.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return r;
}
