/**
 * What the bench measures besides latency: CPU of every process involved over the measured
 * period, the Redis server's, and the whole machine's, so that a run on a busy machine says so.
 */
import { availableParallelism } from 'node:os';
import type { RedisClient } from '../../server/store/redisClient.js';
import { machineCpu, type Child, type SelfMeter, type SelfStats } from './process.js';
import type { ScreenShards } from './shards.js';

/** CPU over the measured period, in % of one core. */
export interface Usage {
  server: SelfStats;
  screens: SelfStats;
  /** The bench's own process: the call driver (HTTP for the hub; idle for the floor, which drives itself). */
  driver: SelfStats;
  /** The local Redis server (shared with anything else using it). */
  redisPercent: number;
  /** The whole machine, and its cores. */
  machinePercent: number;
  cores: number;
}

/** Run `fn` at an epoch ms. */
export const atTime = (epochMs: number, fn: () => void) => setTimeout(fn, Math.max(0, epochMs - Date.now()));

async function redisCpuSeconds(redis: RedisClient): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

const busyPercent = (a: ReturnType<typeof machineCpu>, b: ReturnType<typeof machineCpu>) =>
  a && b ? Math.round(((b.busy - a.busy) / (b.total - a.total)) * availableParallelism() * 100) : NaN;

/** Start every meter at `from` (epoch ms); the returned function reads them all. */
export function meterFrom(from: number, server: Child<unknown, unknown, unknown>, screens: ScreenShards, self: SelfMeter, redis: RedisClient, name: string): () => Promise<Usage> {
  let machine0 = machineCpu();
  let redis0 = 0;
  let wall0 = performance.now();
  atTime(from, () => {
    server.mark();
    screens.mark();
    self.mark(`driver-${name}`);
    machine0 = machineCpu();
    wall0 = performance.now();
    void redisCpuSeconds(redis).then((s) => (redis0 = s));
  });
  return async () => {
    const wall = (performance.now() - wall0) / 1000;
    const machinePercent = busyPercent(machine0, machineCpu());
    const redisPercent = Math.round((((await redisCpuSeconds(redis)) - redis0) / wall) * 100);
    const driver = self.read();
    await self.writeProfile();
    const [serverStats, screenStats] = await Promise.all([server.stats(), screens.stats()]);
    return { server: serverStats, screens: screenStats, driver, redisPercent, machinePercent, cores: availableParallelism() };
  };
}

/** How busy the machine is before the bench adds anything (% of one core, over one second). */
export async function otherWork(): Promise<number> {
  const a = machineCpu();
  await new Promise((ok) => setTimeout(ok, 1000));
  return busyPercent(a, machineCpu());
}
