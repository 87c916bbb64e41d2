/**
 * The hub under test, alone in its process (started by bench/fanout.ts): a real startHub on the
 * local Redis under the bench's own key prefix, business-day jobs off. Its keys are deleted when
 * it stops, however the bench ends.
 */
import { connectRedis, targetFromEnv, type RedisClient } from '../server/store/redisClient.js';
import { startHub, type Hub } from '../server/hub.js';
import { deleteByPrefix } from './lib/redisKeys.js';
import { serveParent } from './lib/process.js';
import { benchConfig, layout, type Shape } from './lib/shape.js';

export interface HubStart {
  shape: Shape;
  redisUrl: string;
  keyPrefix: string;
}

let hub: Hub | undefined;
let options: HubStart | undefined;

serveParent<HubStart, never, never>({
  async start(o) {
    options = o;
    hub = await startHub({
      config: benchConfig(layout(o.shape)),
      redisUrl: o.redisUrl,
      keyPrefix: o.keyPrefix,
      port: 0,
      jobs: false,
      staticDir: '/nonexistent',
      // Every staffer of the city logs in from this one address within a second.
      loginLimit: 1_000_000,
    });
    return hub.port;
  },
  async stop() {
    await hub?.close().catch(() => {});
    if (!options) return;
    const redis = connectRedis(options.redisUrl, { maxRetriesPerRequest: 1 });
    await deleteByPrefix(redis, options.keyPrefix).finally(() => redis.disconnect());
  },
});
