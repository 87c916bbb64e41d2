/**
 * A password hash must not leave its scrypt block behind in the hub's memory. Each case runs in a
 * fresh node process: 16 hashes, four at a time (libuv's four threads, as a morning's sign-ins),
 * then the process's RSS against what it had before. The old parameters (N = 2^14, a 16 MiB block)
 * are measured too: glibc kept one block per thread, which is what the test must be able to see.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { outdatedHashStaff } from '../../server/auth/login.js';
import { SCRYPT, hashPassword, isOutdatedHash, verifyPassword } from '../../server/auth/passwords.js';
import { hubConfig } from '../helpers/hub.js';

const run = promisify(execFile);

/** MB of RSS a fresh node keeps after 16 scrypt hashes with these parameters, 4 at a time. */
async function keptAfterHashes(o: { N: number; r: number; p: number }): Promise<number> {
  const script = `
    import { scrypt } from 'node:crypto';
    const o = ${JSON.stringify(o)};
    const one = () => new Promise((ok, fail) => scrypt('pw', Buffer.alloc(16), 32, { ...o, maxmem: 2 * 128 * o.N * o.r }, (e) => (e ? fail(e) : ok())));
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 4; i++) await Promise.all([one(), one(), one(), one()]);
    console.log((process.memoryUsage().rss - before) / 1048576);`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
  return Number(stdout.trim());
}

describe('password hashing and memory', () => {
  it('the parameters in use leave less than 8 MB behind; the old ones kept a 16 MiB block per thread', async () => {
    const [now, before] = await Promise.all([keptAfterHashes(SCRYPT), keptAfterHashes({ N: 16384, r: 8, p: 1 })]);
    console.log(`RSS kept after 16 hashes: N=${SCRYPT.N} ${now.toFixed(1)} MB; N=16384 ${before.toFixed(1)} MB`);
    expect(now).toBeLessThan(8);
    expect(before).toBeGreaterThan(32);
  }, 60_000);

  it('eight sign-ins at once hash two at a time: the process grows by two blocks at most, not eight', async () => {
    const script = `
      import { hashPassword } from ${JSON.stringify(new URL('../../server/auth/passwords.ts', import.meta.url).href)};
      const before = process.memoryUsage().rss;
      let peak = before;
      const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
      await Promise.all(Array.from({ length: 8 }, (_, i) => hashPassword('pw' + i)));
      clearInterval(watch);
      console.log((peak - before) / 1048576);`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: new URL('../..', import.meta.url).pathname });
    const grew = Number(stdout.trim().split('\n').at(-1));
    console.log(`RSS at its highest while 8 hashes ran: +${grew.toFixed(1)} MB (a block is 32 MiB)`);
    expect(grew).toBeGreaterThan(30);
    expect(grew).toBeLessThan(2 * 32 * 1.048576 + 12);
  }, 60_000);

  it('hashes with the parameters in use, and still verifies a hash made with the old ones', async () => {
    const stored = await hashPassword('正确的马');
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', String(SCRYPT.N), String(SCRYPT.r), String(SCRYPT.p)]);
    expect(await verifyPassword('正确的马', stored)).toBe(true);
    expect(await verifyPassword('正确的驴', stored)).toBe(false);
    // Made with N = 2^14 (the parameters before): password "secret", salt 16 zero bytes.
    const { scryptSync } = await import('node:crypto');
    const old = ['scrypt', 16384, 8, 1, Buffer.alloc(16).toString('base64url'), scryptSync('secret', Buffer.alloc(16), 32, { N: 16384, r: 8, p: 1 }).toString('base64url')].join('$');
    expect(await verifyPassword('secret', old)).toBe(true);
    expect(await verifyPassword('secreT', old)).toBe(false);
    // A configured hash claiming 2^22 × 8 (4 GiB of scrypt memory) is refused, not run.
    await expect(verifyPassword('secret', old.replace('scrypt$16384$', 'scrypt$4194304$'))).rejects.toThrow(/memory limit|scrypt/i);
  });

  it('names the staff whose hash predates the parameters in use, for the hub to warn about at start', async () => {
    const current = await hashPassword('pw');
    const old = current.replace(`scrypt$${SCRYPT.N}$`, 'scrypt$16384$');
    expect([isOutdatedHash(current), isOutdatedHash(old), isOutdatedHash('md5$abc')]).toEqual([false, true, false]);
    const config = hubConfig();
    const hall = config.halls[0]!;
    const [first, second, ...rest] = hall.staff;
    const staff = [{ ...first!, password: undefined, passwordHash: old }, { ...second!, password: undefined, passwordHash: current }, ...rest];
    expect(outdatedHashStaff({ ...config, halls: [{ ...hall, staff }] })).toEqual([first!.id]);
  });
});
