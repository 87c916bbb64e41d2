/**
 * `npm start`: find or start Redis, load the hall configuration, start a hub with its jobs,
 * print the address of every screen. `--simulate` also runs the traffic simulator.
 *
 *   npm start -- [--config <file>] [--port <n>] [--simulate] [--speed <n>]
 *
 * What it says goes through the logger (server/log.ts): readable lines on a terminal, JSON lines
 * under systemd. SIGTERM (and SIGINT) stop it gracefully within YC_SHUTDOWN_TIMEOUT_MS: exit 0 when
 * everything closed in time, 1 when it had to give up (docs/operations.md).
 */
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { outdatedHashStaff, plainPasswordStaff } from './auth/login.js';
import { SCRYPT } from './auth/passwords.js';
import { ConfigError, loadConfig } from './config.js';
import { pairDemoDevices } from './demo.js';
import { readEnv } from './env.js';
import { asError, rootLogger } from './log.js';
import { startHub } from './hub.js';
import { archiveLocation } from './store/archive/database.js';
import { findRedis, RedisUnavailable } from './store/redisLauncher.js';
import { clusterTarget, describeTarget } from './store/redisClient.js';

function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

async function main(): Promise<void> {
  const env = readEnv();
  const { values: args } = parseArgs({
    options: {
      config: { type: 'string' },
      port: { type: 'string' },
      simulate: { type: 'boolean', default: false },
      speed: { type: 'string', default: '10' },
    },
  });
  const configFile = args.config ?? env.YC_CONFIG;
  const config = loadConfig(configFile);
  const demoStaff = plainPasswordStaff(config);
  if (env.NODE_ENV === 'production' && demoStaff.length > 0) {
    throw new Error(`refusing to start in production: staff ${demoStaff.join(', ')} have plain demo passwords; give them passwordHash (npm run hash-password)`);
  }
  const log = rootLogger();
  const outdated = outdatedHashStaff(config);
  if (outdated.length > 0) {
    log.warn({ staff: outdated }, `password hashes made before 2026-12-07 (scrypt N < ${SCRYPT.N}) for ${outdated.join(', ')}: each sign-in with one leaves 16 MB in this hub until it restarts; make them anew (npm run hash-password)`);
  }
  // A cluster is named, never started here; a single Redis may be found or started (redisLauncher.ts).
  const redis = env.REDIS_CLUSTER_NODES ? { url: clusterTarget(env.REDIS_CLUSTER_NODES), started: false } : await findRedis(env.REDIS_URL);
  if (redis.started) log.info({ redis: redis.url }, `started a private Redis at ${redis.url} (data under data/redis, append-only)`);
  const port = args.port ? Number(args.port) : env.PORT;
  // The address phones reach: it goes into every ticket's QR code.
  const publicUrl = env.YC_PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? lanAddress() : env.HOST}:${port}`;
  const archive = archiveLocation(env.DATABASE_URL, env.YC_ARCHIVE_FILE);
  // A signal during the start is kept and acted on once the hub exists (it may be mid-listen).
  let stop: ((signal: string) => void) | undefined;
  let early: string | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stop ? stop(signal) : (early ??= signal)));

  const hub = await startHub({ config, redisUrl: redis.url, keyPrefix: env.YC_KEY_PREFIX, port, host: env.HOST, publicUrl, trustProxy: env.YC_TRUST_PROXY, archive, evidenceDir: env.YC_EVIDENCE_DIR, metricsToken: env.YC_METRICS_TOKEN, compactHeap: true });
  let stopSimulator: (() => Promise<void>) | undefined;
  let stopping = false;
  stop = (signal) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    log.info({ signal, drainMs: env.YC_DRAIN_MS, timeoutMs: env.YC_SHUTDOWN_TIMEOUT_MS }, `${signal}: stopping (not ready, then no new requests, in-flight ones finish, screens move to another hub)`);
    // The bound: a hung connection or job does not keep a stopping hub alive past it.
    const bound = setTimeout(() => {
      log.fatal({ timeoutMs: env.YC_SHUTDOWN_TIMEOUT_MS }, 'shutdown took too long; exiting anyway');
      process.exit(1);
    }, env.YC_SHUTDOWN_TIMEOUT_MS);
    bound.unref();
    void (async () => {
      try {
        await stopSimulator?.();
        const { inFlightAtClose } = await hub.shutdown({ drainMs: env.YC_DRAIN_MS });
        log.info({ inFlightAtClose, ms: Date.now() - started }, 'hub stopped');
        process.exit(0);
      } catch (err) {
        log.fatal({ err: asError(err) }, 'shutdown failed');
        process.exit(1);
      }
    })();
  };
  if (early) return stop(early);

  const archiveName = archive.kind === 'sqlite' ? `SQLite ${archive.file}` : 'PostgreSQL (DATABASE_URL)';
  log.info({ url: publicUrl, port: hub.port, config: configFile, redis: describeTarget(redis.url), archive: archiveName }, `一窗 YiChuang hub on ${publicUrl} (config ${configFile}, ${describeTarget(redis.url)}, archive ${archiveName})`);
  if (demoStaff.length > 0) {
    for (const link of await pairDemoDevices(hub, publicUrl, env.YC_KEY_PREFIX)) log.info({ url: link.url }, link.label);
  } else {
    log.info(`screens and kiosks open with a device token an admin pairs: POST ${publicUrl}/api/devices`);
  }

  if (args.simulate && !stopping) {
    const { startSimulator } = await import('./simulation/simulator.js');
    const sim = startSimulator(hub.ctx, { speed: Number(args.speed) });
    stopSimulator = () => sim.stop();
    log.info({ speed: Number(args.speed) }, `traffic simulator running at ${args.speed}× speed (window 1 of each hall is left for you)`);
  }
}

main().catch((err: unknown) => {
  // A refusal to start is said to the person who started it, in one sentence on stderr, whatever
  // LOG_LEVEL (tests run silent and read it); anything else is logged with its stack.
  if (err instanceof ConfigError || err instanceof RedisUnavailable || (err instanceof Error && /^(refusing to start|bad environment)/.test(err.message))) console.error(err.message);
  else rootLogger().fatal({ err: asError(err) }, 'the hub could not start');
  process.exit(1);
});
