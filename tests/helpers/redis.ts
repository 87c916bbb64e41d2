import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A Redis connection and a key prefix owned by one test file. Every key the file makes lives under
 * the prefix, so files run in parallel without touching each other, and `cleanup()` deletes them
 * all so a leftover can never make a later run pass.
 */
export function testRedis(label: string): { redis: Redis; prefix: string; cleanup: () => Promise<void> } {
  const prefix = `yc-test:${label}:${randomBytes(4).toString('hex')}:`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
  return {
    redis,
    prefix,
    async cleanup() {
      await deleteByPrefix(redis, prefix);
      redis.disconnect();
    },
  };
}

/**
 * Delete every key under a prefix in one DEL, after scanning them all: a hub running meanwhile
 * (its archiver rebuilds a hall it finds missing) never sees half a hall deleted, nor has what it
 * rebuilt deleted by a later batch.
 */
export async function deleteByPrefix(redis: Redis, prefix: string): Promise<void> {
  const found = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const k of keys) found.add(k);
  } while (cursor !== '0');
  if (found.size) await redis.del(...found);
}
