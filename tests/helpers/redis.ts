import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { connectRedis, deleteKeys, scanPrefix, type RedisClient } from '../../server/store/redisClient.js';

/** The single Redis the suite uses (REDIS_URL, default 127.0.0.1:6379). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Where this file's Redis is: the suite's Redis Cluster when the file runs in the "cluster" project
 * (vitest.config.ts starts one: tests/helpers/clusterSetup.ts), else REDIS_URL. Helpers and tests
 * connect through connectRedis(REDIS_TARGET), so the same file runs on both.
 */
export const REDIS_TARGET: string = injected() ?? REDIS_URL;
export const ON_CLUSTER = REDIS_TARGET !== REDIS_URL;

// Outside vitest (the screenshot scripts run with tsx) there is nothing to inject.
function injected(): string | undefined {
  try {
    return inject('redisCluster');
  } catch {
    return undefined;
  }
}

/**
 * A Redis connection and a key prefix owned by one test file. Every key the file makes lives under
 * the prefix, so files run in parallel without touching each other, and `cleanup()` deletes them
 * all so a leftover can never make a later run pass.
 */
export function testRedis(label: string): { redis: RedisClient; prefix: string; cleanup: () => Promise<void> } {
  const prefix = `yc-test:${label}:${randomBytes(4).toString('hex')}:`;
  const redis = connectRedis(REDIS_TARGET, { maxRetriesPerRequest: 3 });
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
 * Delete every key under a prefix, after scanning them all (every master of a cluster): one DEL
 * on one server, one per hash tag on a cluster, so a hub running meanwhile (its archiver rebuilds
 * a hall it finds missing) never sees half a hall deleted, nor has what it rebuilt deleted by a
 * later batch.
 */
export async function deleteByPrefix(redis: RedisClient, prefix: string): Promise<void> {
  await deleteKeys(redis, await scanPrefix(redis, prefix));
}
