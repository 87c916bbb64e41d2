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
  let child: ChildProcess | undefined;
  const r: PrivateRedis = {
    url,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
      await until(() => answers(url), 5000, 'private redis');
    },
    async stop() {
      const c = child;
      child = undefined;
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
