/**
 * `npm run simulate`: bring every hall of a configuration to life against a running hub's Redis,
 * until Ctrl-C (or --duration real minutes), printing a summary line every 10 s.
 *
 *   npm run simulate -- [--speed 20] [--config config/demo-hall.yaml] [--duration <minutes>]
 *                       [--seed 1] [--start-at 08:30] [--leave 1 | --leave junan-1,dadian-3 | --leave none]
 *
 * Redis and the key prefix are the hub's: REDIS_URL (default redis://127.0.0.1:6379) and
 * YC_KEY_PREFIX (default "yc:"); the configuration is --config, else YC_CONFIG.
 */
import { parseArgs } from 'node:util';
import { Halls, initHalls, type CommandContext } from './commands/context.js';
import { ConfigError, loadConfig, windowId, type Config } from './config.js';
import { systemClock } from './domain/time.js';
import { readEnv } from './env.js';
import { startSimulator, type SimStats } from './simulation/simulator.js';
import { HallStore } from './store/hallStore.js';
import { connectRedis, describeTarget, targetFromEnv } from './store/redisClient.js';

const SUMMARY_EVERY_MS = 10_000;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** "1" → window 1 of every hall; "junan-1" → that window; "none" → no window left free. */
function leaveWindows(spec: string | undefined, config: Config): string[] | undefined {
  if (spec === undefined) return undefined;
  if (spec === 'none' || spec === '') return [];
  return spec.split(',').flatMap((part) => {
    const item = part.trim();
    if (/^\d+$/.test(item)) return config.halls.map((h) => windowId(h.id, Number(item)));
    return [item];
  });
}

function summary(s: SimStats): string {
  const refusals = Object.entries(s.refusals)
    .map(([reason, n]) => `${reason}=${n}`)
    .join(' ');
  return (
    `[${new Date().toLocaleTimeString('en-GB')}] ${s.virtualTime} · issued ${s.issued} called ${s.called} done ${s.completed}` +
    ` no-show ${s.noShows} transfers ${s.transfers} pauses ${s.pauses} (B covered ${s.covers}) · waiting ${s.waiting}` +
    (refusals ? ` · refused ${refusals}` : '') +
    (s.errors ? ` · errors ${s.errors} (last: ${s.lastError})` : '')
  );
}

async function main(): Promise<void> {
  const env = readEnv();
  const { values: args } = parseArgs({
    options: {
      speed: { type: 'string', default: '1' },
      config: { type: 'string' },
      duration: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'start-at': { type: 'string', default: '08:30' },
      leave: { type: 'string' },
    },
  });
  const speed = Number(args.speed);
  if (!(speed > 0)) fail(`--speed must be a positive number, not "${args.speed}"`);
  const duration = args.duration === undefined ? undefined : Number(args.duration);
  if (duration !== undefined && !(duration > 0)) fail(`--duration must be a positive number of minutes, not "${args.duration}"`);
  const configFile = args.config ?? env.YC_CONFIG;
  const config = loadConfig(configFile);

  const target = targetFromEnv(env);
  const redisUrl = describeTarget(target);
  const redis = connectRedis(target, { maxRetriesPerRequest: 2 });
  let lastRedisError = '';
  redis.on('error', (err: Error) => {
    if (err.message !== lastRedisError) console.error(`Redis ${redisUrl}: ${err.message}`);
    lastRedisError = err.message;
  });
  try {
    await redis.ping();
  } catch (err) {
    fail(
      `Redis at ${redisUrl} does not answer (${(err as Error).message}).` +
        (env.REDIS_URL ? '' : '\nIf `npm start` started its private Redis, run with REDIS_URL=redis://127.0.0.1:6390.'),
    );
  }

  const ctx: CommandContext = { store: new HallStore(redis, env.YC_KEY_PREFIX), halls: new Halls(config), clock: systemClock };
  await initHalls(ctx);
  const seed = /^\d+$/.test(args.seed) ? Number(args.seed) : args.seed;
  const sim = startSimulator(ctx, { speed, seed, startAt: args['start-at'], leaveWindows: leaveWindows(args.leave, config) });
  const planned = Object.entries(sim.simulation.dailyTickets())
    .map(([hall, n]) => `${hall} ~${n}`)
    .join(', ');
  console.log(
    `simulating ${config.halls.map((h) => h.id).join(', ')} from ${configFile} at ${speed}× (seed ${args.seed}; tickets a day: ${planned})` +
      ` on ${redisUrl}, prefix "${env.YC_KEY_PREFIX}"` +
      (duration ? `, for ${duration} min` : '; Ctrl-C stops'),
  );

  const ticker = setInterval(() => console.log(summary(sim.stats())), SUMMARY_EVERY_MS);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(ticker);
    await sim.stop();
    console.log(summary(sim.stats()));
    await redis.quit().catch(() => redis.disconnect());
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (duration) setTimeout(stop, duration * 60_000);
}

main().catch((err: unknown) => fail(err instanceof ConfigError || err instanceof RangeError ? err.message : String((err as Error).stack ?? err)));
