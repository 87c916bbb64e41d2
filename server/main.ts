/**
 * `npm start`: find or start Redis, load the hall configuration, start a hub with its jobs,
 * print the address of every screen. `--simulate` also runs the traffic simulator.
 *
 *   npm start -- [--config <file>] [--port <n>] [--simulate] [--speed <n>]
 */
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { plainPasswordStaff } from './auth/login.js';
import { ConfigError, loadConfig } from './config.js';
import { pairDemoDevices } from './demo.js';
import { readEnv } from './env.js';
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
  // A cluster is named, never started here; a single Redis may be found or started (redisLauncher.ts).
  const redis = env.REDIS_CLUSTER_NODES ? { url: clusterTarget(env.REDIS_CLUSTER_NODES), started: false } : await findRedis(env.REDIS_URL);
  if (redis.started) console.log(`started a private Redis at ${redis.url} (data under data/redis, append-only)`);
  const port = args.port ? Number(args.port) : env.PORT;
  // The address phones reach: it goes into every ticket's QR code.
  const publicUrl = env.YC_PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? lanAddress() : env.HOST}:${port}`;
  const archive = archiveLocation(env.DATABASE_URL, env.YC_ARCHIVE_FILE);
  const hub = await startHub({ config, redisUrl: redis.url, keyPrefix: env.YC_KEY_PREFIX, port, host: env.HOST, publicUrl, trustProxy: env.YC_TRUST_PROXY, archive, evidenceDir: env.YC_EVIDENCE_DIR });

  const archiveName = archive.kind === 'sqlite' ? `SQLite ${archive.file}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`\n一窗 YiChuang hub on ${publicUrl} (config ${configFile}, ${describeTarget(redis.url)}, archive ${archiveName})\n`);
  if (demoStaff.length > 0) {
    for (const link of await pairDemoDevices(hub, publicUrl, env.YC_KEY_PREFIX)) console.log(`  ${link.label}\n    ${link.url}`);
  } else {
    console.log(`  screens and kiosks open with a device token an admin pairs: POST ${publicUrl}/api/devices`);
  }

  let stopSimulator: (() => Promise<void>) | undefined;
  if (args.simulate) {
    const { startSimulator } = await import('./simulation/simulator.js');
    const sim = startSimulator(hub.ctx, { speed: Number(args.speed) });
    stopSimulator = () => sim.stop();
    console.log(`\n  traffic simulator running at ${args.speed}× speed (window 1 of each hall is left for you)`);
  }

  const shutdown = async (signal: string) => {
    console.log(`\n  ${signal}: stopping the hub (screens show 离线 until it is back) …`);
    await stopSimulator?.();
    await hub.close();
    console.log('  hub stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof RedisUnavailable) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
