import { deleteKeys, scanPrefix, type RedisClient } from '../../server/store/redisClient.js';

/** Delete every key under a prefix (SCAN, not KEYS: other users of the Redis are not blocked). */
export async function deleteByPrefix(redis: RedisClient, prefix: string): Promise<number> {
  // Every master of a cluster; on one server as before.
  return deleteKeys(redis, await scanPrefix(redis, prefix));
}
