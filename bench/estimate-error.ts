/**
 * `npm run bench:estimate`: how wrong is the tracker's wait estimate? Runs the traffic simulator
 * through a whole day of the demo halls (config/demo-hall.yaml) on the local Redis, then replays
 * each hall's event log through the same HallLoad the hub keeps, and at every ticket the simulator
 * issued compares the estimate the citizen would have been shown (`estimatedWaitMinutes` right
 * after issue) with the wait that followed (issue → first call).
 *
 *   npm run bench:estimate -- [--seeds 1,2,3] [--config config/demo-hall.yaml]
 *
 * Prints, per seed and over all: tickets measured, the mean absolute error (MAE) in minutes, the
 * bias (mean of estimate − actual), the 90th percentile of the absolute error, and, for scale, the
 * same for a naive estimate (ahead × the standard minutes ÷ the windows that list the service
 * first). Keys live under their own prefix, deleted afterwards. REDIS_URL as for the hub.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { connectRedis, deleteKeys, scanPrefix, targetFromEnv, type RedisClient } from '../server/store/redisClient.js';
import { Halls, initHalls, type CommandContext } from '../server/commands/context.js';
import { loadConfig, type HallConfig } from '../server/config.js';
import { HallLoad } from '../server/domain/estimate.js';
import { hallSnapshot } from '../server/http/presenters.js';
import type { HallEvent, HallSnapshot } from '../server/protocol.js';
import { Simulation, type TicketRecord } from '../server/simulation/simulator.js';
import { HallStore } from '../server/store/hallStore.js';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3' },
    config: { type: 'string', default: 'config/demo-hall.yaml' },
  },
});
const seeds = args.seeds.split(',').map((s) => s.trim()).filter(Boolean);
const config = loadConfig(args.config);
/** Monday 2026-11-23, 08:30 in Shanghai: the simulator's virtual minute 0. */
const DAY_START = Date.parse('2026-11-23T08:30:00+08:00');
const MINUTE = 60_000;
const STEP_MINUTES = 0.25;

interface Sample {
  hallId: string;
  serviceId: string;
  priority: string;
  ahead: number;
  estimate: number;
  naive: number;
  actual: number;
}

/** One simulated day: the per-ticket log, every hall's events, and the snapshots it started from. */
async function simulateDay(redis: RedisClient, seed: string) {
  const prefix = `yc-bench:estimate:${randomBytes(4).toString('hex')}:`;
  let sim: Simulation | undefined;
  const ctx: CommandContext = { store: new HallStore(redis, prefix), halls: new Halls(config), clock: () => DAY_START + (sim?.stepAt ?? 0) * MINUTE };
  await initHalls(ctx);
  const start = new Map<string, HallSnapshot>();
  for (const hall of ctx.halls.all()) start.set(hall.id, await hallSnapshot(ctx, hall));
  sim = new Simulation(ctx, { seed, leaveWindows: [] });
  for (let v = sim.virtualNow; v < 540; ) {
    v = Math.min(540, v + STEP_MINUTES);
    await sim.tick(v);
  }
  const events = new Map<string, HallEvent[]>();
  for (const hall of ctx.halls.all()) events.set(hall.id, (await ctx.store.eventsAfter(hall.id, 0, 10_000_000)) ?? []);
  const log = sim.log();
  const stats = sim.stats();
  await deleteKeysUnder(redis, prefix);
  return { log, events, start, stats };
}

/** Naive: the people ahead at the standard minutes each, over the windows that list the service first. */
function naiveEstimate(hall: HallConfig, serviceId: string, ahead: number): number {
  const standard = hall.services.find((s) => s.id === serviceId)!.standardMinutes;
  const primary = hall.windows.filter((w) => w.tiers[0]!.includes(serviceId)).length || 1;
  return Math.round((ahead * standard) / primary);
}

function samplesOf(day: Awaited<ReturnType<typeof simulateDay>>): { samples: Sample[]; noEstimate: number; neverCalled: number } {
  const records = new Map<string, TicketRecord>(day.log.map((r) => [r.ticketId, r]));
  const samples: Sample[] = [];
  let noEstimate = 0;
  let neverCalled = 0;
  for (const hall of config.halls) {
    const load = new HallLoad(hall);
    load.reset(day.start.get(hall.id)!);
    for (const event of day.events.get(hall.id) ?? []) {
      load.apply(event);
      if (event.type !== 'ticket.issued' || !event.ticket) continue;
      const r = records.get(event.ticket.id);
      if (!r || r.ahead === null) continue;
      // The service at issue (a transfer later changes the record's).
      const serviceId = event.ticket.serviceId;
      if (r.calledAt === undefined) {
        neverCalled++;
        continue;
      }
      // What GET /api/tickets/:id would have answered right after the issue.
      const estimate = load.estimate(event.ticket, r.ahead, event.at);
      if (estimate === null) {
        noEstimate++;
        continue;
      }
      samples.push({ hallId: hall.id, serviceId, priority: r.priority, ahead: r.ahead, estimate, naive: naiveEstimate(hall, serviceId, r.ahead), actual: (r.calledAt - r.issuedAt) / MINUTE });
    }
  }
  return { samples, noEstimate, neverCalled };
}

function summary(samples: Sample[], pick: (s: Sample) => number) {
  const errors = samples.map((s) => pick(s) - s.actual);
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return { mae: mean(abs), bias: mean(errors), p90: abs[Math.floor(0.9 * (abs.length - 1))] ?? 0 };
}

const fmt = (x: number) => x.toFixed(1).padStart(6);

function report(label: string, samples: Sample[]): void {
  const model = summary(samples, (s) => s.estimate);
  const naive = summary(samples, (s) => s.naive);
  const meanWait = samples.reduce((a, s) => a + s.actual, 0) / Math.max(1, samples.length);
  console.log(
    `${label.padEnd(10)} tickets ${String(samples.length).padStart(5)}  mean wait ${fmt(meanWait)} min · ` +
      `estimate MAE ${fmt(model.mae)}  bias ${fmt(model.bias)}  p90 ${fmt(model.p90)} · naive MAE ${fmt(naive.mae)}  bias ${fmt(naive.bias)}`,
  );
}

async function deleteKeysUnder(redis: RedisClient, prefix: string): Promise<void> {
  await deleteKeys(redis, await scanPrefix(redis, prefix));
}

async function main(): Promise<void> {
  const redis = connectRedis(targetFromEnv(process.env), { maxRetriesPerRequest: 3 });
  const all: Sample[] = [];
  try {
    console.log(`estimate error: a simulated day (08:30–17:30) of ${config.halls.map((h) => h.id).join(', ')} per seed; ${args.config}\n`);
    for (const seed of seeds) {
      const started = Date.now();
      const day = await simulateDay(redis, seed);
      const { samples, noEstimate, neverCalled } = samplesOf(day);
      report(`seed ${seed}`, samples);
      console.log(
        `${''.padEnd(10)} issued ${day.stats.issued}, no estimate (no open window) ${noEstimate}, never called ${neverCalled}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      for (const hall of config.halls) report(`  ${hall.id}`, samples.filter((s) => s.hallId === hall.id));
      all.push(...samples);
    }
    console.log('');
    report('all', all);
  } finally {
    redis.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
