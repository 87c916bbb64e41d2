import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// `npm start`'s entry point, run as a newcomer would, without building pages.
function start(env: Record<string, string>, args: string[] = []) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('starting the hub', () => {
  it('refuses demo passwords in production, naming the accounts', () => {
    const r = start({ NODE_ENV: 'production', PORT: '0' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('refusing to start in production');
    expect(r.stderr).toContain('1001');
  });

  it('refuses a bad configuration file with the path of the bad field', () => {
    const r = start({ PORT: '0' }, ['--config', 'tests/fixtures/bad-hall.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('halls.0.windows.0.tiers.0.0: unknown service "nowhere"');
  });

  it('says how to get Redis when the one it was given does not answer', () => {
    const r = start({ REDIS_URL: 'redis://127.0.0.1:1', PORT: '0' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Redis at REDIS_URL=redis://127.0.0.1:1 does not answer');
  });
});
