/**
 * `npm run rebuild -- --hall <id> [--force] [--config <file>]`: write a hall's live day back into
 * Redis from the archive (commands/rebuildDay.ts). Without --force it does nothing when Redis
 * already holds every archived event; with it, Redis's state of the hall is replaced by the
 * archive's (events after the last archived one are dropped: the command says how many).
 * Uses the same environment as the hub (REDIS_URL or REDIS_CLUSTER_NODES, YC_CONFIG, YC_KEY_PREFIX, DATABASE_URL,
 * YC_ARCHIVE_FILE).
 */
import { parseArgs } from 'node:util';
import { Halls } from './commands/context.js';
import { rebuildDay } from './commands/rebuildDay.js';
import { ConfigError, loadConfig } from './config.js';
import { systemClock } from './domain/time.js';
import { readEnv } from './env.js';
import { archiveLocation, openArchive } from './store/archive/database.js';
import { HallStore } from './store/hallStore.js';
import { findRedis, RedisUnavailable } from './store/redisLauncher.js';
import { clusterTarget, connectRedis } from './store/redisClient.js';

async function main(): Promise<number> {
  const env = readEnv();
  const { values: args } = parseArgs({ options: { hall: { type: 'string' }, force: { type: 'boolean', default: false }, config: { type: 'string' } } });
  if (!args.hall) {
    console.error('usage: npm run rebuild -- --hall <hall id> [--force] [--config <file>]');
    return 2;
  }
  const config = loadConfig(args.config ?? env.YC_CONFIG);
  const halls = new Halls(config);
  if (!halls.get(args.hall)) {
    console.error(`no hall "${args.hall}" in the configuration; halls: ${halls.all().map((h) => h.id).join(', ')}`);
    return 2;
  }
  const url = env.REDIS_CLUSTER_NODES ? clusterTarget(env.REDIS_CLUSTER_NODES) : (await findRedis(env.REDIS_URL)).url;
  const redis = connectRedis(url, { maxRetriesPerRequest: 3 });
  const archive = await openArchive(archiveLocation(env.DATABASE_URL, env.YC_ARCHIVE_FILE));
  try {
    const r = await rebuildDay({ store: new HallStore(redis, env.YC_KEY_PREFIX), halls, clock: systemClock }, archive.db, { hallId: args.hall, force: args.force });
    if (!r.ok) {
      console.error(`refused: ${r.reason}`);
      return 1;
    }
    if (!r.rebuilt) {
      console.log(`${args.hall}: Redis already holds events up to ${r.previousLastEventId} (archive: ${r.lastEventId}); nothing written. --force replaces it with the archive's day.`);
    } else {
      const dropped = r.previousLastEventId > r.lastEventId ? ` (Redis had ${r.previousLastEventId - r.lastEventId} event(s) past the archive: dropped)` : '';
      console.log(`${args.hall}: live day rebuilt up to event ${r.lastEventId}: ${r.tickets} tickets (${r.waiting} waiting), ${r.windows} windows, ${r.staff} staff signed in${dropped}`);
    }
    return 0;
  } finally {
    redis.disconnect();
    await archive.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof RedisUnavailable ? err.message : err);
    process.exit(1);
  },
);
