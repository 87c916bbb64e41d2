import { randomFillSync } from 'node:crypto';

// Citizens' secrets (the tracker's track token, the rating token): 12 random bytes, unguessable
// and short enough for a QR code. Drawn from a 4 KiB pool refilled from the CSPRNG, not one system
// call per ticket (as node's randomBytes and randomUUID do): issuing and completing are the
// hall's hottest paths.
const pool = Buffer.alloc(4096);
let used = pool.length;

/** 12 random bytes as base64url (16 characters). */
export function randomToken(): string {
  if (used + 12 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 12;
  return pool.toString('base64url', used - 12, used);
}
