/**
 * Checking a 工号 and password against the configuration. A configured `passwordHash` is scrypt;
 * a plain `password` (demo halls only; refused in production) is compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Halls } from '../commands/context.js';
import type { Config, Role } from '../config.js';
import { hashPassword, isOutdatedHash, verifyPassword } from './passwords.js';

export interface LoggedIn {
  id: string;
  name: string;
  role: Role;
  hallId: string;
  photo?: string;
}

const sha = (s: string) => createHash('sha256').update(s).digest();

// An unknown 工号 costs the same scrypt as a known one, so the answer's timing does not tell
// which 工号 exist. The hash is made once, on the first unknown login. (Plain demo passwords,
// refused in production, are compared without scrypt: demo halls keep that difference.)
let decoy: Promise<string> | undefined;
const spendLikeAVerify = async (password: string): Promise<void> => {
  decoy ??= hashPassword(sha('decoy').toString('hex'));
  await verifyPassword(password, await decoy);
};

export async function checkLogin(halls: Halls, username: string, password: string): Promise<LoggedIn | null> {
  const hall = halls.ofStaff(username);
  const staff = hall?.staff.get(username);
  if (!hall || !staff) {
    await spendLikeAVerify(password);
    return null;
  }
  let good = false;
  if (staff.passwordHash) good = await verifyPassword(password, staff.passwordHash);
  else if (staff.password !== undefined) good = timingSafeEqual(sha(password), sha(staff.password));
  return good ? { id: staff.id, name: staff.name, role: staff.role, hallId: hall.id, ...(staff.photo ? { photo: staff.photo } : {}) } : null;
}

/** Staff who log in with a plain demo password: the hub refuses to start with any in production. */
export const plainPasswordStaff = (config: Config): string[] =>
  config.halls.flatMap((h) => h.staff.filter((s) => s.password !== undefined && !s.passwordHash).map((s) => s.id));

/** Staff whose passwordHash is outdated (passwords.ts): each sign-in with one leaves a 16 MB block in the hub. */
export const outdatedHashStaff = (config: Config): string[] =>
  config.halls.flatMap((h) => h.staff.filter((s) => s.passwordHash !== undefined && isOutdatedHash(s.passwordHash)).map((s) => s.id));
