/**
 * `npm run bench:engine`: throughput and latency of the queue engine against the local Redis,
 * with 50 concurrent clients the way a hub drives it (async workers sharing connections).
 *
 *   (a) issueTicket   — 50 workers issue 20,000 tickets (25 services, daily cap 999: never refused)
 *   (b) callNext      — 50 windows in rounds: all call at once (timed), then all start (timed),
 *                       then all complete (timed); the serve cycle is also run free (no rounds)
 *   (c) floor         — a trivial Lua script (INCR) by EVALSHA, 50 workers, same connections
 *   (d) ceiling       — the Redis commands issue and call-next send, alone, with none of the
 *                       scripts' logic (bench/lib/ceiling.ts), called the same way: what any
 *                       engine doing these steps in one atomic call pays Redis at the least;
 *                       and call-next's commands in the leanest key layout we could think of
 *
 * Each connection setup is measured in turn, with its own floor: one shared connection, the
 * same with ioredis auto-pipelining, and one connection per worker. The table gives ops/s, p50
 * and p99 latency, the ratio to the floor, and where the time went: Redis's CPU per op (INFO cpu;
 * the whole server's, so other users of that Redis count too) and this process's. Keys live
 * under their own prefix, deleted afterwards. Figures, not a test: nothing here fails on a number.
 *
 *   npm run bench:engine [-- --issues 20000 --floor-calls 100000 --clients 50 --only shared|auto|per-client]
 *
 * REDIS_URL as for the hub (default redis://127.0.0.1:6379).
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { connectRedis, deleteKeys, scanPrefix, targetFromEnv, type RedisClient } from '../server/store/redisClient.js';
import { callNext } from '../server/commands/callNext.js';
import { completeTicket } from '../server/commands/completeTicket.js';
import { Halls, initHalls, type CommandContext } from '../server/commands/context.js';
import { issueTicket } from '../server/commands/issueTicket.js';
import { signIn } from '../server/commands/signIn.js';
import { startService } from '../server/commands/startService.js';
import { parseConfig, type Config } from '../server/config.js';
import { systemClock } from '../server/domain/time.js';
import { HallStore } from '../server/store/hallStore.js';
import { ceilingCallLua, ceilingIssueLua, ceilingLeanCallLua, sampleEvent, sampleIssuedEvent } from './lib/ceiling.js';

const { values: args } = parseArgs({
  options: {
    issues: { type: 'string', default: '20000' },
    'floor-calls': { type: 'string', default: '100000' },
    clients: { type: 'string', default: '50' },
    only: { type: 'string' },
  },
});
const ISSUES = Number(args.issues);
const CLIENTS = Number(args.clients);
const FLOOR_CALLS = Number(args['floor-calls']);
const REDIS_URL = targetFromEnv(process.env);
const HALL = 'bench';
const SERVICES = 25;
const WINDOWS = 50;

/** 50 windows, 25 services (two in each window's first tier, two in its second), open round the clock. */
function benchConfig(): Config {
  const svc = (i: number): string => `s${i % SERVICES}`;
  return parseConfig({
    halls: [
      {
        id: HALL,
        name: '压测中心',
        level: 'county',
        schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' },
        services: Array.from({ length: SERVICES }, (_, i) => ({
          id: svc(i),
          name: `事项${i}`,
          prefix: String.fromCharCode(65 + i),
          standardMinutes: 10,
          dailyCap: 999,
        })),
        windows: Array.from({ length: WINDOWS }, (_, i) => ({
          number: i + 1,
          name: `窗口${i + 1}`,
          tiers: [
            [svc(i), svc(i + 1)],
            [svc(i + 2), svc(i + 3)],
          ],
        })),
        staff: Array.from({ length: WINDOWS }, (_, i) => ({ id: `w${i + 1}`, name: `员工${i + 1}`, posts: [{ window: i + 1, post: 'A' }] })),
      },
    ],
  });
}

interface Figures {
  op: string;
  count: number;
  seconds: number;
  latencies: Float64Array;
  /** CPU microseconds per op spent by Redis (the whole server) and by this process. */
  redisCpu?: number;
  nodeCpu?: number;
}

/** Where the time goes: Redis's CPU (INFO cpu) and this process's, around a phase. */
async function cpuMeter(redis: RedisClient): Promise<() => Promise<{ redis: number; node: number }>> {
  const redisCpu = async () => {
    const info = await redis.info('cpu');
    return Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1]);
  };
  const r0 = await redisCpu();
  const n0 = process.cpuUsage();
  return async () => {
    const n = process.cpuUsage(n0);
    return { redis: ((await redisCpu()) - r0) * 1e6, node: n.user + n.system };
  };
}

async function metered(redis: RedisClient, run: () => Promise<Figures>): Promise<Figures> {
  const stop = await cpuMeter(redis);
  const f = await run();
  const cpu = await stop();
  return { ...f, redisCpu: cpu.redis / f.count, nodeCpu: cpu.node / f.count };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN;
}

/** Run `workers` async workers; each calls `op(worker, i)` until `total` calls are taken. */
async function drive(op: string, total: number, workers: number, call: (worker: number) => Promise<unknown>): Promise<Figures> {
  const latencies = new Float64Array(total);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now();
        await call(worker);
        latencies[i] = performance.now() - t;
      }
    }),
  );
  return { op, count: total, seconds: (performance.now() - started) / 1000, latencies };
}

interface Setup {
  name: string;
  describe: string;
  connections: (n: number) => RedisClient[];
}

const setups: Setup[] = [
  { name: 'shared', describe: 'one shared connection', connections: () => [connectRedis(REDIS_URL)] },
  {
    name: 'auto',
    describe: 'one shared connection, auto-pipelining',
    connections: () => [connectRedis(REDIS_URL, { enableAutoPipelining: true })],
  },
  { name: 'per-client', describe: 'one connection per client', connections: (n) => Array.from({ length: n }, () => connectRedis(REDIS_URL)) },
];

async function deleteByPrefix(redis: RedisClient, prefix: string): Promise<void> {
  await deleteKeys(redis, await scanPrefix(redis, prefix));
}

type FloorRedis = RedisClient & {
  benchFloor(key: string): Promise<number>;
  ceilingIssue(key: string, prefix: string, now: string, event: string): Promise<string>;
  ceilingCall(key: string, prefix: string, now: string, event: string): Promise<string>;
  ceilingLeanCall(key: string, prefix: string, now: string, event: string): Promise<string>;
};

async function runSetup(setup: Setup, config: Config, prefix: string): Promise<Figures[]> {
  const conns = setup.connections(CLIENTS);
  await Promise.all(conns.map((c) => c.ping()));
  const halls = new Halls(config);
  const ctxs: CommandContext[] = conns.map((redis) => ({ store: new HallStore(redis, prefix), halls, clock: systemClock }));
  const ctxOf = (worker: number): CommandContext => ctxs[worker % ctxs.length]!;
  for (const c of conns) {
    c.defineCommand('benchFloor', { numberOfKeys: 1, lua: "return redis.call('INCR', KEYS[1])" });
    c.defineCommand('ceilingIssue', { numberOfKeys: 1, lua: ceilingIssueLua });
    c.defineCommand('ceilingCall', { numberOfKeys: 1, lua: ceilingCallLua });
    c.defineCommand('ceilingLeanCall', { numberOfKeys: 1, lua: ceilingLeanCallLua });
  }
  const floorKey = `${prefix}floor`;
  await initHalls(ctxs[0]!);

  // Warm-up: load the scripts on every connection (EVALSHA falls back to EVAL once) and the JIT.
  await Promise.all(conns.map((c) => (c as FloorRedis).benchFloor(floorKey)));
  await drive('warm-up', 2_000, CLIENTS, (w) => (conns[w % conns.length] as FloorRedis).benchFloor(floorKey));

  const meter = connectRedis(REDIS_URL);
  const floor = await metered(meter, () =>
    drive('floor (EVALSHA INCR)', FLOOR_CALLS, CLIENTS, (w) => (conns[w % conns.length] as FloorRedis).benchFloor(floorKey)),
  );

  // The ceiling: the same commands without the logic, on keys of their own (as JSON back, as the
  // real operations' results are parsed).
  const cp = `${prefix}ceiling:{h:bench}:`;
  const ceilingIssue = await metered(meter, () =>
    drive('issue: its Redis commands alone', ISSUES, CLIENTS, async (w) =>
      JSON.parse(await (conns[w % conns.length] as FloorRedis).ceilingIssue(`${cp}seq`, cp, String(Date.now()), sampleIssuedEvent)),
    ),
  );
  const ceilingCall = await metered(meter, () =>
    drive('call-next: its Redis commands alone', ISSUES / 2, CLIENTS, async (w) =>
      JSON.parse(await (conns[w % conns.length] as FloorRedis).ceilingCall(`${cp}seq`, cp, String(Date.now()), sampleEvent)),
    ),
  );
  // Pops the other half of the tickets the issue row queued.
  const ceilingLeanCall = await metered(meter, () =>
    drive('call-next alone, leanest layout', ISSUES / 2, CLIENTS, async (w) =>
      JSON.parse(await (conns[w % conns.length] as FloorRedis).ceilingLeanCall(`${cp}seq`, cp, String(Date.now()), sampleEvent)),
    ),
  );

  const services = config.halls[0]!.services.map((s) => s.id);
  let n = 0;
  const issue = await metered(meter, () =>
    drive('issueTicket', ISSUES, CLIENTS, async (w) => {
      const r = await issueTicket(ctxOf(w), { hallId: HALL, serviceId: services[n++ % services.length]!, priority: n % 11 === 0 ? 'priority' : 'normal' });
      if (!r.ok) throw new Error(`issue refused: ${r.reason}`);
    }),
  );

  const windows = Array.from({ length: WINDOWS }, (_, i) => ({ windowId: `${HALL}-${i + 1}`, staffId: `w${i + 1}` }));
  for (const [i, w] of windows.entries()) {
    const r = await signIn(ctxOf(i), { ...w, post: 'A' });
    if (!r.ok) throw new Error(`sign-in refused: ${r.reason}`);
  }

  // (b) in rounds: every window calls at once, then starts, then completes; each step timed alone.
  const steps = { call: [] as number[], start: [] as number[], complete: [] as number[] };
  const spent = { call: 0, start: 0, complete: 0 };
  const cpu = { call: { redis: 0, node: 0 }, start: { redis: 0, node: 0 }, complete: { redis: 0, node: 0 } };
  const half = Math.floor(ISSUES / 2);
  let served = 0;
  let emptyCalls = 0;
  const timed = async (step: keyof typeof steps, list: { i: number }[], op: (i: number) => Promise<unknown>) => {
    const stop = await cpuMeter(meter);
    const t0 = performance.now();
    await Promise.all(
      list.map(async ({ i }) => {
        const t = performance.now();
        await op(i);
        steps[step].push(performance.now() - t);
      }),
    );
    spent[step] += performance.now() - t0;
    const used = await stop();
    cpu[step].redis += used.redis;
    cpu[step].node += used.node;
  };
  while (served < half) {
    const got: { i: number }[] = [];
    await timed('call', windows.map((_, i) => ({ i })), async (i) => {
      const r = await callNext(ctxOf(i), windows[i]!);
      if (!r.ok) throw new Error(`callNext refused: ${r.reason}`);
      if (r.ticket) got.push({ i });
      else emptyCalls++;
    });
    if (got.length === 0) break;
    served += got.length;
    await timed('start', got, (i) => startService(ctxOf(i), windows[i]!));
    await timed('complete', got, (i) => completeTicket(ctxOf(i), { ...windows[i]!, outcome: 'completed' }));
  }
  const asFigures = (op: string, step: keyof typeof steps): Figures => ({
    op,
    count: steps[step].length,
    seconds: spent[step] / 1000,
    latencies: Float64Array.from(steps[step]),
    redisCpu: cpu[step].redis / steps[step].length,
    nodeCpu: cpu[step].node / steps[step].length,
  });

  // The rest free-running, as windows really work: call → start → complete, no rounds.
  const cycleLatencies: number[] = [];
  const cycleMeter = await cpuMeter(meter);
  const cycleStart = performance.now();
  let cycles = 0;
  await Promise.all(
    windows.map(async (w, i) => {
      const ctx = ctxOf(i);
      for (;;) {
        const t = performance.now();
        const r = await callNext(ctx, w);
        if (!r.ok || !r.ticket) return;
        await startService(ctx, w);
        await completeTicket(ctx, { ...w, outcome: 'completed' });
        cycleLatencies.push(performance.now() - t);
        cycles++;
      }
    }),
  );
  const cycleSeconds = (performance.now() - cycleStart) / 1000;
  const cycleCpu = await cycleMeter();
  const cycle: Figures = {
    op: 'serve cycle (call+start+complete)',
    count: cycles,
    seconds: cycleSeconds,
    latencies: Float64Array.from(cycleLatencies),
    redisCpu: cycleCpu.redis / cycles,
    nodeCpu: cycleCpu.node / cycles,
  };
  if (served + cycles !== ISSUES) throw new Error(`served ${served + cycles} of ${ISSUES} tickets`);
  if (emptyCalls > 0) console.log(`  (${setup.name}: ${emptyCalls} call-next rounds found a window with nothing left in its tiers)`);

  await deleteByPrefix(conns[0]!, prefix);
  await Promise.all([...conns, meter].map((c) => c.quit()));
  return [floor, ceilingIssue, ceilingCall, ceilingLeanCall, issue, asFigures('callNext', 'call'), asFigures('startService', 'start'), asFigures('completeTicket', 'complete'), cycle];
}

function table(setup: Setup, rows: Figures[]): { floor: number; issue: number; call: number } {
  const floorRate = rows[0]!.count / rows[0]!.seconds;
  const fmt = (v: number, d = 0) => v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  console.log(`\n${setup.describe} (${setup.name}), ${CLIENTS} clients`);
  console.log(
    `  ${'op'.padEnd(36)}${'count'.padStart(8)}${'ops/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'÷ floor'.padStart(9)}` +
      `${'redis µs/op'.padStart(13)}${'node µs/op'.padStart(12)}`,
  );
  const rates: Record<string, number> = {};
  for (const r of rows) {
    const sorted = Float64Array.from(r.latencies).sort();
    const rate = r.count / r.seconds;
    rates[r.op] = rate;
    console.log(
      `  ${r.op.padEnd(36)}${fmt(r.count).padStart(8)}${fmt(rate).padStart(10)}${fmt(percentile(sorted, 0.5), 2).padStart(9)}` +
        `${fmt(percentile(sorted, 0.99), 2).padStart(9)}${`${fmt((100 * rate) / floorRate)} %`.padStart(9)}` +
        `${fmt(r.redisCpu ?? NaN).padStart(13)}${fmt(r.nodeCpu ?? NaN).padStart(12)}`,
    );
  }
  return { floor: floorRate, issue: rates.issueTicket!, call: rates.callNext! };
}

async function main(): Promise<void> {
  const probe = connectRedis(REDIS_URL);
  const info = await probe.info('server');
  const version = /redis_version:(\S+)/.exec(info)?.[1];
  console.log(
    `engine benchmark: ${ISSUES.toLocaleString('en-US')} issues, ${CLIENTS} clients; node ${process.version}, ` +
      `${cpus().length} × ${cpus()[0]?.model.trim()}; Redis ${version} at ${REDIS_URL}; load average ${loadavg()[0]!.toFixed(1)}`,
  );
  const root = `yc-bench:${randomBytes(4).toString('hex')}:`;
  const config = benchConfig();
  const results: { setup: Setup; r: ReturnType<typeof table> }[] = [];
  try {
    for (const setup of setups.filter((s) => !args.only || s.name === args.only)) {
      const rows = await runSetup(setup, config, `${root}${setup.name}:`);
      results.push({ setup, r: table(setup, rows) });
    }
  } finally {
    await deleteByPrefix(probe, root);
    await probe.quit();
  }
  const best = results.reduce((a, b) => (Math.min(b.r.issue, b.r.call) > Math.min(a.r.issue, a.r.call) ? b : a));
  const goal = (rate: number, floor: number) =>
    `${Math.round(rate).toLocaleString('en-US')}/s (≥ 5,000/s ${rate >= 5000 ? 'yes' : 'no'}; ${Math.round((100 * rate) / floor)} % of the floor, ≥ 40 % ${rate >= 0.4 * floor ? 'yes' : 'no'})`;
  console.log(`\nload average at the end ${loadavg()[0]!.toFixed(1)}: other processes on the machine skew every figure (Redis CPU is the whole server's)`);
  console.log(`best: ${best.setup.describe} — issueTicket ${goal(best.r.issue, best.r.floor)}, callNext ${goal(best.r.call, best.r.floor)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
