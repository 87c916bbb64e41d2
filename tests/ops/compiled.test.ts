/**
 * Production runs compiled JavaScript (npm run build:server, npm run start:prod): the build is made
 * here into a folder of its own inside the project (node_modules and package.json's "type" are
 * found from there, as from build/), started with plain node and production's flags — no tsx — and asked /readyz: Redis,
 * SQL and the Lua scripts, which the compiled store reads from beside itself. Then SIGTERM: exit 0.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { productionEnv, productionNodeFlags } from '../../bench/lib/productionFlags.js';
import { until } from '../helpers/hub.js';
import { deleteByPrefix, REDIS_URL, testRedis } from '../helpers/redis.js';

const outDir = join('.tmp', `build-${randomBytes(4).toString('hex')}`);
const dataDir = mkdtempSync(join(tmpdir(), 'yc-compiled-'));
const { redis, prefix } = testRedis('compiled');
let hub: ChildProcess | undefined;

afterAll(async () => {
  if (hub && hub.exitCode === null && hub.signalCode === null) hub.kill('SIGKILL');
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  await deleteByPrefix(redis, prefix);
  redis.disconnect();
});

describe('the compiled hub', () => {
  it('builds with tsc, starts with plain node, is ready (Redis, SQL, scripts) and stops on SIGTERM with exit 0', async () => {
    const build = spawnSync(process.execPath, ['scripts/build-server.mjs', '--out-dir', outDir], { encoding: 'utf8', timeout: 170_000 });
    expect(build.stderr + build.stdout).toContain('build-server: the hub is in');
    expect(build.status).toBe(0);
    expect(existsSync(join(outDir, 'server/main.js'))).toBe(true);
    expect(existsSync(join(outDir, 'server/store/lua/call_next.lua'))).toBe(true);

    let out = '';
    // With production's node flags and environment (package.json start:prod, docs/operations.md).
    hub = spawn(process.execPath, [...productionNodeFlags(), join(outDir, 'server/main.js')], {
      env: { ...process.env, ...productionEnv(), REDIS_URL, YC_KEY_PREFIX: prefix, YC_ARCHIVE_FILE: join(dataDir, 'archive.db'), YC_PUBLIC_URL: 'http://127.0.0.1', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_FORMAT: 'json', NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hub.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    hub.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const port = await until(() => {
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        const l = JSON.parse(line) as { port?: number };
        if (typeof l.port === 'number') return l.port;
      }
      return undefined;
    }, 30_000, `the compiled hub to start; it said: ${out.slice(0, 500)}`);

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    const body = (await ready.json()) as { ready: boolean; checks: Record<string, { ok: boolean }> };
    expect(ready.status).toBe(200);
    expect(Object.entries(body.checks).map(([k, v]) => [k, v.ok]).sort()).toEqual([['redis', true], ['scripts', true], ['sql', true]]);
    // The compiled code runs the hall: the demo hall's state answers through a script.
    expect((await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).status).toBe(200);

    const exited = new Promise<number | null>((ok) => hub!.once('exit', (code) => ok(code)));
    hub.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('"msg":"hub stopped"');
  }, 200_000);
});
