/**
 * Fan-out bench: how long a call takes to reach the screens, against the floor of a bare
 * socket.io broadcast of the same payload on this machine.
 *
 *   npm run bench:fanout -- [--halls 10] [--windows 200] [--screens 2000] [--rate 50] [--seconds 20]
 *                           [--warmup 3] [--client-procs 2] [--stock-parser] [--profile <dir>]
 *                           [--hub-node-flags="<flags>"] [--floor-node-flags="<flags>"] [--hub-env="NAME=value …"]
 *
 * 0. The hub and the floor run as production runs the hub: compiled to JavaScript, with plain node
 *    (not tsx); the hub with production's node flags and environment (package.json's start:prod;
 *    `--hub-node-flags` and `--hub-env` to try others, README "Fan-out" has GC flags tried), the floor with node's defaults
 *    (`--floor-node-flags`). The bench builds them first (scripts/build-server.mjs --project tsconfig.bench.json:
 *    the server as `npm run build:server` compiles it, plus the two child entries) into a folder
 *    of its own under build/, deleted at the end.
 * 1. hub: the real hub in a child process (bench/fanout-hub.ts) on the local Redis, under a key
 *    prefix of its own. Through its API the admin pairs every screen, staff sign in, tickets are
 *    issued; the screens connect (socket.io-client, websocket) from client processes
 *    (bench/fanout-screens.ts); then this process drives the windows at the given rate
 *    (call-next, start, complete over HTTP, as a counter does).
 * 2. floor: a bare socket.io server in a child process (bench/fanout-floor.ts), as many clients
 *    in the same rooms, the events captured in step 1 (as each kind of screen received them)
 *    emitted at the same rate with the same gaps between a call's three events.
 * 3. floor + Redis path: the same floor, its events taken as the architecture makes every hub take
 *    them: the driver posts each over HTTP, the server stamps `at`, runs a Redis script that numbers,
 *    appends and publishes it (SPUBLISH), and broadcasts it when it comes back on its subscription.
 *    What part of the hub's distance from the bare floor any hub on Redis pays, and what is the hub's own.
 * Latency = receipt − event.at at every screen, for every ticket.called; every screen must get
 * every call made for it. Bytes: what the screens received per call cycle, framing included.
 * After each run, the reconnect storm: the server is killed (kill -9) and started again on the
 * same port; every screen reconnects (as the pages do) and the time until the last one holds its
 * snapshot again (the floor: is connected again) is taken from the kill.
 * `--waiting N` leaves N tickets waiting in each hall (default 1,200, a busy afternoon): what a
 * snapshot of the whole hall would carry. `--profile <dir>` writes CPU profiles of the measured periods.
 * The Redis keys are deleted at the end and the children stopped, also on error or Ctrl-C.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { connectRedis, targetFromEnv, type RedisClient } from '../server/store/redisClient.js';
import { hallRoom, windowRoom } from '../server/realtime/audience.js';
import type { FloorPlan, FloorRan, FloorStart, PathEvent, Templates } from './fanout-floor.js';
import type { HubStart } from './fanout-hub.js';
import type { Capture } from './fanout-screens.js';
import { compileBench, ROOT } from './lib/compiled.js';
import { HubApi } from './lib/hubApi.js';
import { meterFrom, otherWork, type Usage } from './lib/meters.js';
import { SelfMeter, spawnChild, type Child, type HeapBreakdown } from './lib/process.js';
import { deleteByPrefix } from './lib/redisKeys.js';
import { fixed, percentile, report, type Measured, type Phase, type Storm } from './lib/report.js';
import { runSchedule, type CallSchedule } from './lib/schedule.js';
import type { ScreenSpec } from './lib/screens.js';
import { ScreenShards } from './lib/shards.js';
import { callingOrder, describeShape, layout, readShape, type BenchHall, type Shape } from './lib/shape.js';

const REDIS_URL = targetFromEnv(process.env);
/** How long screens may take to receive the last calls once the schedule is over. */
const DRAIN_MS = 5000;
/** How long the bench waits for every screen to be back after a kill before it counts the rest as lost. */
const STORM_MS = 60_000;

type AnyChild = Child<unknown, unknown, unknown>;

/** The compiled children: the hub and the floor as JavaScript files, run with plain node. */
interface Children {
  hub: string;
  floor: string;
}

/** Compile the server and the two child entries (bench/lib/compiled.ts) into `outDir`. */
function buildChildren(outDir: string): Children {
  const t = Date.now();
  const dir = compileBench(outDir, 'the hub and the floor');
  log(`hub and floor compiled to JavaScript in ${outDir} (${seconds(t)}); both run with plain node, as npm run start:prod runs the hub`);
  return { hub: `${dir}/bench/fanout-hub.js`, floor: `${dir}/bench/fanout-floor.js` };
}
const log = (line: string) => console.log(line);
const seconds = (since: number) => `${fixed((Date.now() - since) / 1000)} s`;
/** A child's memory as it sees it (no collection forced, on either side): what its RSS is made of. */
const describeHeap = (h: HeapBreakdown) =>
  `RSS ${fixed(h.rssMB)} MB, of which V8 heap ${fixed(h.heapTotalMB)} MB (${fixed(h.heapUsedMB)} in use, collected or not; young generation ${fixed(h.newSpaceMB)}, old ${fixed(h.oldSpaceMB)}), external ${fixed(h.externalMB)} MB (Buffers ${fixed(h.arrayBuffersMB)})`;

// Whatever ends the run (error, Ctrl-C), these undo it.
const running = new Set<{ stop(): Promise<void> }>();
async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop().catch(() => {})));
  running.clear();
}
function track<T extends { stop(): Promise<void> }>(thing: T): T {
  running.add(thing);
  return thing;
}
async function release(thing: { stop(): Promise<void> }): Promise<void> {
  await thing.stop();
  running.delete(thing);
}

function scheduleFor(shape: Shape, halls: BenchHall[]): CallSchedule {
  const startAt = Date.now() + 500;
  return { windows: callingOrder(halls), rate: shape.rate, startAt, measureFrom: startAt + shape.warmup * 1000, calls: Math.ceil(shape.rate * (shape.warmup + shape.seconds)) };
}

async function hubPhase(shape: Shape, halls: BenchHall[], keyPrefix: string, redis: RedisClient, self: SelfMeter, children: Children) {
  const profile = (name: string) => (shape.profileDir ? { dir: shape.profileDir, name } : undefined);
  const hub = track(spawnChild<HubStart, never, never>(children.hub, profile('hub'), shape.hubNodeFlags, shape.hubEnv));
  const port = await hub.start({ shape, redisUrl: REDIS_URL, keyPrefix });
  const idleMB = hub.memory()?.rssMB ?? NaN;
  log(`hub   started: ${describeHeap(await hub.heap())}`);
  const api = new HubApi(`http://127.0.0.1:${port}`);

  let t = Date.now();
  const specs = await api.pairScreens(halls);
  const tokens = await api.staffWindows(halls);
  // Enough tickets for every call of the run in every hall, and a few more.
  const plan = scheduleFor(shape, halls);
  const callsPerHall = new Map<string, number>();
  for (let k = 0; k < plan.calls; k++) {
    const h = plan.windows[k % plan.windows.length]!.hallId;
    callsPerHall.set(h, (callsPerHall.get(h) ?? 0) + 1);
  }
  const perHall = Math.max(...callsPerHall.values()) + 5 + shape.waiting;
  await api.issueTickets(halls, perHall);
  log(`hub   setup through the API: ${specs.length} screens paired, ${tokens.size} staff signed in (their passwords scrypt-hashed, as production requires), ${perHall * halls.length} tickets issued (${seconds(t)})`);

  t = Date.now();
  const screens = track(await ScreenShards.connect(shape.clientProcesses, api.url, specs, { ready: 'snapshot', stockParser: shape.stockParser }, profile('screens-hub')));
  const connectedMB = hub.memory()?.rssMB ?? NaN;
  log(`hub   ${specs.length} screens connected, each holding its snapshot (${seconds(t)}); hub RSS ${fixed(idleMB)} → ${fixed(connectedMB)} MB; ${describeHeap(await hub.heap())}`);

  const measured = scheduleFor(shape, halls);
  await screens.measure(measured.measureFrom);
  const meters = meterFrom(measured.measureFrom, hub as AnyChild, screens, self, redis, 'hub');
  // Measured calls per window, by the hub's own clock (ticket.calledAt = the event's at).
  const callsByWindow = new Map<string, number>();
  const httpMs: number[] = [];
  let nobodyWaiting = 0;
  let firstError: string | undefined;
  const result = await runSchedule(measured, async (w) => {
    const token = tokens.get(w.id)!;
    try {
      const sent = performance.now();
      const r = await api.call('POST', `/api/windows/${w.id}/call-next`, { requestId: randomUUID() }, token);
      httpMs.push(performance.now() - sent);
      if (r.status === 204) {
        nobodyWaiting++;
        return false;
      }
      if (r.status !== 200) throw new Error(`call-next ${w.id}: ${r.status} ${JSON.stringify(r.body)}`);
      if ((r.body.ticket.calledAt as number) >= measured.measureFrom) callsByWindow.set(w.id, (callsByWindow.get(w.id) ?? 0) + 1);
      await api.must(200, 'POST', `/api/windows/${w.id}/start`, { requestId: randomUUID() }, token);
      await api.must(200, 'POST', `/api/windows/${w.id}/complete`, { outcome: 'completed', requestId: randomUUID() }, token);
      return true;
    } catch (err) {
      firstError ??= (err as Error).message;
      throw err;
    }
  });
  const { end, capture } = await endOfRun(hub as AnyChild, screens, meters, measured.measureFrom, Object.fromEntries(callsByWindow), { idleMB, connectedMB });
  log(`hub   at the end of the run, after a full collection: ${describeHeap(end.memory.least)}`);
  api.close();

  // The storm: kill -9, start again on the same port, every screen back with its snapshot.
  const since = Date.now();
  await hub.kill();
  running.delete(hub);
  const again = track(spawnChild<HubStart, never, never>(children.hub, undefined, shape.hubNodeFlags, shape.hubEnv));
  await again.start({ shape, redisUrl: REDIS_URL, keyPrefix, port });
  const upMs = Date.now() - since;
  const listeningMB = again.memory()?.rssMB ?? NaN;
  const back = await screens.storm(since, STORM_MS);
  const storm: Storm = { ...back, upMs, listeningMB, memory: again.memory() };
  log(`hub   reconnect storm: killed, listening again after ${fixed(upMs / 1000)} s, ${back.backMs.length} screens holding their snapshot again ${fixed((back.backMs.at(-1) ?? NaN) / 1000)} s after the kill${back.notBack ? `; ${back.notBack} never came back` : ''}`);
  await release(screens);
  await release(again);

  if (nobodyWaiting) log(`hub   warning: ${nobodyWaiting} calls found nobody waiting (too few tickets issued)`);
  if (firstError) log(`hub   first failed call: ${firstError}`);
  const { templates, gaps } = replayable(capture);
  httpMs.sort((a, b) => a - b);
  log(`hub   call-next over HTTP: p50 ${fixed(percentile(httpMs, 50))} ms, p99 ${fixed(percentile(httpMs, 99))} ms; a call's three events ${fixed(gaps.startMs)} ms and ${fixed(gaps.completeMs)} ms apart (medians)`);
  const phase: Phase = { name: 'hub', redis: true, ...end, schedule: result, storm };
  return { phase, templates, gaps };
}

/**
 * The measured period is over: its length and CPU, what the screens received once the last calls
 * have had time to arrive, and the server's memory then and after a full collection.
 */
async function endOfRun(server: AnyChild, screens: ScreenShards, meters: () => Promise<Usage>, measureFrom: number, calledPerWindow: Record<string, number>, start: { idleMB: number; connectedMB: number }) {
  const measuredSeconds = (Date.now() - measureFrom) / 1000;
  const usage = await meters();
  const { result: fleet, capture } = await screens.collect(calledPerWindow, DRAIN_MS);
  const mem = server.memory();
  const least = await server.collect();
  const memory: Measured['memory'] = { ...start, endMB: mem?.rssMB ?? usage.server.rssMB, peakMB: mem?.peakMB ?? NaN, least };
  return { end: { measuredSeconds, usage, fleet, memory }, capture };
}

/** What the floor replays: the captured events, and the median gaps between a call's events. */
function replayable(capture: Capture | undefined): Pick<FloorPlan, 'templates' | 'gaps'> {
  const whole = (t: Partial<Templates> | undefined): t is Templates => !!t?.called && !!t.started && !!t.completed;
  if (!capture || !whole(capture.templates.hall) || !whole(capture.templates.window)) throw new Error('the hub run delivered no complete call to the first hall and window screens: nothing to replay on the floor');
  const median = (f: (c: [number, number, number]) => number) => percentile(capture.calls.map(f).sort((a, b) => a - b), 50);
  return { templates: { hall: capture.templates.hall, window: capture.templates.window }, gaps: { startMs: median((c) => c[1] - c[0]), completeMs: median((c) => c[2] - c[1]) } };
}

/** The hub's screens, in the same order and rooms, for a server that takes rooms from the handshake. */
const floorSpecs = (halls: BenchHall[]): ScreenSpec[] => [
  ...halls.flatMap((h) => Array.from({ length: h.hallScreens }, () => ({ hallId: h.id, auth: { rooms: [hallRoom(h.id)] } }))),
  ...halls.flatMap((h) => h.windows.map((w) => ({ hallId: h.id, windowId: w.id, auth: { rooms: [windowRoom(w.id)] } }))),
];

async function floorPhase(shape: Shape, halls: BenchHall[], replay: Pick<FloorPlan, 'templates' | 'gaps'>, redis: RedisClient, self: SelfMeter, children: Children): Promise<Phase> {
  const profile = (name: string) => (shape.profileDir ? { dir: shape.profileDir, name } : undefined);
  const floor = track(spawnChild<FloorStart, FloorPlan, FloorRan>(children.floor, profile('floor'), shape.floorNodeFlags));
  const port = await floor.start({});
  const idleMB = floor.memory()?.rssMB ?? NaN;
  log(`floor started: ${describeHeap(await floor.heap())}`);
  const specs = floorSpecs(halls);
  const t = Date.now();
  const screens = track(await ScreenShards.connect(shape.clientProcesses, `http://127.0.0.1:${port}`, specs, { ready: 'connect', stockParser: shape.stockParser }, profile('screens-floor')));
  const connectedMB = floor.memory()?.rssMB ?? NaN;
  log(`floor ${specs.length} clients connected (${seconds(t)}); RSS ${fixed(idleMB)} → ${fixed(connectedMB)} MB; ${describeHeap(await floor.heap())}`);

  const schedule = scheduleFor(shape, halls);
  await screens.measure(schedule.measureFrom);
  const meters = meterFrom(schedule.measureFrom, floor as AnyChild, screens, self, redis, 'floor');
  const ran = await floor.run({ schedule, ...replay });
  const { end } = await endOfRun(floor as AnyChild, screens, meters, schedule.measureFrom, ran.calledPerWindow, { idleMB, connectedMB });
  log(`floor at the end of the run, after a full collection: ${describeHeap(end.memory.least)}`);

  const since = Date.now();
  await floor.kill();
  running.delete(floor);
  const again = track(spawnChild<FloorStart, FloorPlan, FloorRan>(children.floor, undefined, shape.floorNodeFlags));
  await again.start({ port });
  const upMs = Date.now() - since;
  const listeningMB = again.memory()?.rssMB ?? NaN;
  const back = await screens.storm(since, STORM_MS);
  log(`floor reconnect storm: killed, listening again after ${fixed(upMs / 1000)} s, ${back.backMs.length} clients connected again ${fixed((back.backMs.at(-1) ?? NaN) / 1000)} s after the kill${back.notBack ? `; ${back.notBack} never came back` : ''}`);
  const stormMemory = again.memory();
  await release(screens);
  await release(again);
  return { name: 'floor (bare socket.io)', redis: false, ...end, schedule: ran.schedule, storm: { ...back, upMs, listeningMB, memory: stormMemory } };
}

/**
 * The floor with the architecture's path in front of it (bench/fanout-floor.ts, `path`): the
 * driver posts each of a call's three events over HTTP, one after the other as a counter does;
 * each goes through a Redis script and sharded pub/sub before the broadcast. The hub's setup
 * less everything that is the hub's own. No storm: the bare floor's is this server's.
 */
async function pathPhase(shape: Shape, halls: BenchHall[], replay: Pick<FloorPlan, 'templates'>, keyPrefix: string, redis: RedisClient, self: SelfMeter, children: Children): Promise<Measured> {
  const server = track(spawnChild<FloorStart, FloorPlan, FloorRan>(children.floor, shape.profileDir ? { dir: shape.profileDir, name: 'path' } : undefined, shape.floorNodeFlags));
  const port = await server.start({ path: { redisUrl: REDIS_URL, keyPrefix, hallIds: halls.map((h) => h.id), templates: replay.templates } });
  const idleMB = server.memory()?.rssMB ?? NaN;
  const screens = track(await ScreenShards.connect(shape.clientProcesses, `http://127.0.0.1:${port}`, floorSpecs(halls), { ready: 'connect', stockParser: shape.stockParser }, undefined));
  const connectedMB = server.memory()?.rssMB ?? NaN;
  log(`path  (the floor + Redis path) ${halls.reduce((n, h) => n + h.hallScreens + h.windows.length, 0)} clients connected; RSS ${fixed(idleMB)} → ${fixed(connectedMB)} MB`);
  const api = new HubApi(`http://127.0.0.1:${port}`);
  const schedule = scheduleFor(shape, halls);
  await screens.measure(schedule.measureFrom);
  const meters = meterFrom(schedule.measureFrom, server as AnyChild, screens, self, redis, 'path');
  const calledPerWindow: Record<string, number> = {};
  const post = async (kind: PathEvent['kind'], w: PathEvent['window'], ticketId: string): Promise<number> => {
    const event: PathEvent = { kind, window: { hallId: w.hallId, id: w.id, number: w.number }, ticketId };
    const r = await api.call('POST', '/event', event);
    if (r.status !== 200) throw new Error(`POST /event: ${r.status}`);
    return r.body.at as number;
  };
  const result = await runSchedule(schedule, async (w, k) => {
    const ticketId = `${w.hallId}-path-${k}`;
    if ((await post('called', w, ticketId)) >= schedule.measureFrom) calledPerWindow[w.id] = (calledPerWindow[w.id] ?? 0) + 1;
    await post('started', w, ticketId);
    await post('completed', w, ticketId);
    return true;
  });
  const { end } = await endOfRun(server as AnyChild, screens, meters, schedule.measureFrom, calledPerWindow, { idleMB, connectedMB });
  api.close();
  await release(screens);
  await release(server);
  return { name: 'floor + Redis path', redis: true, ...end, schedule: result };
}

async function main(): Promise<number> {
  const shape = readShape();
  const halls = layout(shape);
  const runId = randomBytes(4).toString('hex');
  const keyPrefix = `yc-bench:fanout:${runId}:`;
  const buildDir = `build/bench-fanout-${runId}`;
  const redis = connectRedis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect().catch((err: Error) => {
    throw new Error(`no Redis at ${REDIS_URL} (${err.message}): start one, or set REDIS_URL`);
  });
  const interrupted = new Promise<never>((_, fail) => process.once('SIGINT', () => fail(new Error('interrupted'))));
  const self = new SelfMeter(shape.profileDir ? { dir: shape.profileDir, name: 'driver' } : undefined);
  const before = await otherWork();
  log(`fan-out bench, ${new Date().toISOString()}; before it, other work kept ${before}% of one core busy (${availableParallelism()} cores, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')})`);
  if (before > 50) log('warning: the machine is busy with other work: the figures below will be pessimistic (see the CPU lines)');
  log(describeShape(shape, halls));
  log('');
  try {
    return await Promise.race([
      interrupted,
      (async () => {
        const children = buildChildren(buildDir);
        const hub = await hubPhase(shape, halls, keyPrefix, redis, self, children);
        const floor = await floorPhase(shape, halls, { templates: hub.templates, gaps: hub.gaps }, redis, self, children);
        const path = await pathPhase(shape, halls, { templates: hub.templates }, `${keyPrefix}path:`, redis, self, children);
        return report(hub.phase, floor, path, log, shape) ? 0 : 1;
      })(),
    ]);
  } finally {
    await stopAll();
    rmSync(`${ROOT}${buildDir}`, { recursive: true, force: true });
    await deleteByPrefix(redis, keyPrefix).catch(() => {});
    redis.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`bench:fanout failed: ${err.message}`);
    process.exit(err.message === 'interrupted' ? 130 : 1);
  },
);
