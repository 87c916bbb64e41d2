/**
 * The hub under test, alone in its process (started by bench/fanout.ts): a real startHub on the
 * local Redis under the bench's own key prefix, business-day jobs off. Its keys are deleted when
 * it stops, however the bench ends.
 */
import { connectRedis, targetFromEnv, type RedisClient } from '../server/store/redisClient.js';
import { startHub, type Hub } from '../server/hub.js';
import { deleteByPrefix } from './lib/redisKeys.js';
import { serveParent } from './lib/process.js';
import { hashPassword } from '../server/auth/passwords.js';
import { benchConfig, layout, PASSWORD, type Shape } from './lib/shape.js';

export interface HubStart {
  shape: Shape;
  redisUrl: string;
  keyPrefix: string;
  /** Listen here (a restart after a kill: the screens reconnect to the same address); default any. */
  port?: number;
}

// How long this process took to load its modules (from its start): a restart's first cost.
const loadedMs = performance.now();

let hub: Hub | undefined;
let options: HubStart | undefined;

serveParent<HubStart, never, never>({
  async start(o) {
    options = o;
    const t = performance.now();
    hub = await startHub({
      config: benchConfig(layout(o.shape), await hashPassword(PASSWORD)),
      redisUrl: o.redisUrl,
      keyPrefix: o.keyPrefix,
      port: o.port ?? 0,
      jobs: false,
      // As server/main.ts starts it in production.
      compactHeap: true,
      staticDir: '/nonexistent',
      // Every staffer of the city logs in from this one address within a second.
      loginLimit: 1_000_000,
    });
    console.log(`hub   process ${process.pid}: modules loaded ${(loadedMs / 1000).toFixed(1)} s after its start, then startHub ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return hub.port;
  },
  async stop() {
    await hub?.close().catch(() => {});
    if (!options) return;
    const redis = connectRedis(options.redisUrl, { maxRetriesPerRequest: 1 });
    await deleteByPrefix(redis, options.keyPrefix).finally(() => redis.disconnect());
  },
});
