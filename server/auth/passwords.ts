/**
 * Staff passwords: scrypt (Node's crypto), stored as "scrypt$N$r$p$salt$hash" (base64url), so a
 * hash made with other parameters still verifies. Verification is constant-time.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import pLimit from 'p-limit';

/**
 * Two hashes at a time, whatever the number of sign-ins: each maps 32 MiB while it runs (below),
 * so a burst of logins (the morning, or a flood of made-up 工号 the login limit has not yet
 * stopped) costs 64 MiB at most, not 32 MiB per libuv thread, and leaves libuv's other two
 * threads to the file system and DNS. A hash takes ~90 ms: a queue of ten waits under half a second.
 */
const HASHES_AT_ONCE = 2;
const hashing = pLimit(HASHES_AT_ONCE);

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  hashing(() => new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)))));

/**
 * N = 2^15, r = 8: a hash works in 128·N·r = 32 MiB (about 90 ms here). That block is just above
 * the largest threshold to which glibc's malloc raises its mmap threshold (32 MiB), so each hash
 * maps its block and unmaps it when done. At N = 2^14 (16 MiB, used before) glibc raised the
 * threshold after the first hash and kept every later block in the arena of the libuv thread that
 * ran it: after a morning's sign-ins a hub held 16 MB per thread (4 threads: 64 MB of RSS) that it
 * never gave back. tests/hub/password-memory.test.ts measures both.
 */
export const SCRYPT = { N: 32768, r: 8, p: 1 } as const;
const KEYLEN = 32;

// node refuses a hash needing more than `maxmem` (default 32 MiB, just under this one's block):
// room for the hash's own parameters, up to 256 MiB whatever a configured hash claims.
const MAX_MEM = 256 * 1024 * 1024;
const withRoom = (o: { N: number; r: number; p: number }): ScryptOptions => ({ ...o, maxmem: Math.min(2 * 128 * o.N * o.r, MAX_MEM) });

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = SCRYPT;
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, withRoom(SCRYPT));
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  // A hash made with N = 2^14 (before) still verifies; `npm run hash-password` makes it anew.
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, withRoom({ N: Number(n), r: Number(rr), p: Number(pp) }));
  return timingSafeEqual(key, expected);
}

/** A hash made with a smaller N than hashPassword's (scrypt$16384$… before 7 December 2026): make it anew. */
export function isOutdatedHash(stored: string): boolean {
  const [scheme, n] = stored.split('$');
  return scheme === 'scrypt' && Number(n) < SCRYPT.N;
}
