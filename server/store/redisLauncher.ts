/**
 * Finding Redis for `npm start`: REDIS_URL if set; else 127.0.0.1:6379; when nothing answers
 * there and redis-server is installed, a private one keeping its data under data/ (append-only
 * file on, so a restart keeps the day). Otherwise a message saying how to install Redis.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';

const DEFAULT_URL = 'redis://127.0.0.1:6379';
const PRIVATE_PORT = 6390;

/** Does a Redis answer PING at this address (within a second)? */
export async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export class RedisUnavailable extends Error {}

export async function findRedis(explicitUrl: string | undefined, dataDir = 'data'): Promise<{ url: string; started: boolean }> {
  if (explicitUrl) {
    if (await answers(explicitUrl)) return { url: explicitUrl, started: false };
    throw new RedisUnavailable(`Redis at REDIS_URL=${explicitUrl} does not answer.`);
  }
  if (await answers(DEFAULT_URL)) return { url: DEFAULT_URL, started: false };
  const privateUrl = `redis://127.0.0.1:${PRIVATE_PORT}`;
  if (await answers(privateUrl)) return { url: privateUrl, started: false };
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new RedisUnavailable(
      'No Redis answers at 127.0.0.1:6379 and no redis-server is installed.\n' +
        'Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) and run npm start again,\n' +
        'or set REDIS_URL to a Redis you have.',
    );
  }
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    ['--port', String(PRIVATE_PORT), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no'],
    { stdio: 'ignore', detached: true },
  );
  child.unref();
  for (let i = 0; i < 50; i++) {
    if (await answers(privateUrl)) return { url: privateUrl, started: true };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new RedisUnavailable(`started redis-server on port ${PRIVATE_PORT} but it does not answer (see ${dir}).`);
}
