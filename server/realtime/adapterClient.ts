/**
 * The Redis connection the socket.io sharded adapter subscribes with. @socket.io/redis-adapter
 * (8.3, dist/util.js SSUBSCRIBE/SUNSUBSCRIBE) sends SSUBSCRIBE at start and SUNSUBSCRIBE at close
 * without keeping the promise: a subscription refused, or one cut off because the hub closes the
 * connection right after socket.io's close (it did, now and then, in tests/faults), became an
 * unhandled rejection. Here each such call keeps its promise, and a failure is logged and counted
 * as a Redis error instead.
 */
import type { RedisClient } from '../store/redisClient.js';

type Subscribe = (...args: unknown[]) => Promise<unknown>;

export function adapterSubscriber(client: RedisClient, onError: (command: string, err: unknown) => void): RedisClient {
  const target = client as unknown as Record<'ssubscribe' | 'sunsubscribe', Subscribe>;
  for (const command of ['ssubscribe', 'sunsubscribe'] as const) {
    const send = target[command].bind(client);
    target[command] = (...args: unknown[]) => {
      const reply = send(...args);
      reply.catch((err: unknown) => onError(command, err));
      return reply;
    };
  }
  return client;
}
