/**
 * The bench's child processes (the hub, the bare socket.io floor) and what they report over IPC.
 * Each runs alone in its process so its memory can be read and its CPU is not the clients'.
 * A child ends when told, when its parent goes away (IPC disconnect), or on SIGTERM.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { constants as perf, monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { compactHeap } from '../../server/heap.js';

/** What a process measures of itself over a phase. */
export interface SelfStats {
  rssMB: number;
  heapUsedMB: number;
  /** CPU time over wall time since `mark`, in % of one core. */
  cpuPercent: number;
  /** Event-loop delay since `mark` (ms). */
  lag: { p50: number; p99: number; max: number };
  /**
   * V8's collections since `mark`: scavenges of the young generation and full (mark-compact)
   * collections of the old one, each with their pauses (ms). Where the old generation's RSS goes:
   * it is given back only by a full collection. A pause holds every event that arrives during it.
   */
  gc: { scavenges: number; scavengePauseMs: number; longestScavengeMs: number; full: number; fullPauseMs: number; longestFullMs: number };
}

const noCollections = (): SelfStats['gc'] => ({ scavenges: 0, scavengePauseMs: 0, longestScavengeMs: 0, full: 0, fullPauseMs: 0, longestFullMs: 0 });

// monitorEventLoopDelay records each timer interval whole: the delay is what exceeds this.
const LOOP_RESOLUTION_MS = 5;

/**
 * Event-loop delay and CPU of the current process, from a mark. Given a folder, it also records
 * a CPU profile from the mark to `writeProfile` (the measured period only, not the setup).
 */
export class SelfMeter {
  private readonly loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  private cpu = process.cpuUsage();
  private wall = performance.now();
  private profiling?: Promise<Session>;
  private collections = noCollections();

  constructor(private readonly profile?: { dir: string; name: string }) {
    this.loop.enable();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) {
        const kind = e.detail?.kind;
        if (kind === perf.NODE_PERFORMANCE_GC_MINOR) {
          this.collections.scavenges++;
          this.collections.scavengePauseMs += e.duration;
          this.collections.longestScavengeMs = Math.max(this.collections.longestScavengeMs, e.duration);
        } else if (kind === perf.NODE_PERFORMANCE_GC_MAJOR) {
          this.collections.full++;
          this.collections.fullPauseMs += e.duration;
          this.collections.longestFullMs = Math.max(this.collections.longestFullMs, e.duration);
        }
      }
    }).observe({ entryTypes: ['gc'] });
  }

  mark(name?: string): void {
    this.loop.reset();
    this.collections = noCollections();
    this.cpu = process.cpuUsage();
    this.wall = performance.now();
    if (this.profile) {
      if (name) this.profile.name = name;
      this.profiling = (async () => {
        const session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
        await session.post('Profiler.start');
        return session;
      })();
    }
  }

  /** Stop the profile begun at the mark and write it; its path. */
  async writeProfile(): Promise<string | undefined> {
    const started = this.profiling;
    if (!started || !this.profile) return undefined;
    this.profiling = undefined;
    const session = await started;
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(this.profile.dir, { recursive: true });
    const file = join(this.profile.dir, `${this.profile.name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return file;
  }

  read(): SelfStats {
    const cpu = process.cpuUsage(this.cpu);
    const wallMs = performance.now() - this.wall;
    const ms = (ns: number) => Math.max(0, Math.round(ns / 1e4) / 100 - LOOP_RESOLUTION_MS);
    const mem = process.memoryUsage();
    return {
      rssMB: mb(mem.rss),
      heapUsedMB: mb(mem.heapUsed),
      cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
      lag: { p50: ms(this.loop.percentile(50)), p99: ms(this.loop.percentile(99)), max: ms(this.loop.max) },
      gc: { ...this.collections },
    };
  }
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/** Where a process's memory is, as it says itself (process.memoryUsage, no collection forced), in MB. */
export interface HeapBreakdown {
  rssMB: number;
  /** The V8 heap as reserved (young and old generations, code), and the part holding objects (live or not yet collected). */
  heapTotalMB: number;
  heapUsedMB: number;
  /** Memory outside the V8 heap that JavaScript objects hold (Buffers, native modules' objects), and the Buffers alone. */
  externalMB: number;
  arrayBuffersMB: number;
  /** The V8 heap reserved for the young generation (its semi-spaces grow with what survives) and for the old one. */
  newSpaceMB: number;
  oldSpaceMB: number;
}

export function heapBreakdown(): HeapBreakdown {
  const m = process.memoryUsage();
  const spaces = getHeapSpaceStatistics();
  const space = (name: string) => spaces.find((s) => s.space_name === name)?.space_size ?? 0;
  return {
    rssMB: mb(m.rss), heapTotalMB: mb(m.heapTotal), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external), arrayBuffersMB: mb(m.arrayBuffers),
    newSpaceMB: mb(space('new_space')), oldSpaceMB: mb(space('old_space')),
  };
}

/** How long V8 is given, after a full collection, to sweep and hand its emptied pages back (measured: it is done within a second). */
const RELEASE_MS = 1500;

/**
 * The least this process can be: a full collection (two, as a heap snapshot takes them: the
 * second frees what the first's finalizers let go), the hub's own memory-reducing one through the
 * inspector (server/heap.ts), as node offers no other way without --expose-gc; then, once V8 has
 * released the emptied pages, its memory. Only for the
 * end of a measured run: a full collection stops the process for its length.
 */
export async function collectedHeap(): Promise<HeapBreakdown> {
  for (let round = 0; round < 2; round++) if (!(await compactHeap())) throw new Error('the inspector refused a full collection');
  await new Promise((ok) => setTimeout(ok, RELEASE_MS));
  return heapBreakdown();
}

/** Parent → child. */
export type ToChild<Start, Run> =
  | { type: 'start'; options: Start }
  | { type: 'run'; plan: Run }
  | { type: 'mark' }
  | { type: 'stats' }
  | { type: 'heap' }
  | { type: 'collect' }
  | { type: 'stop' };

/** Child → parent. */
export type FromChild<Ran> =
  | { type: 'ready'; port: number }
  | { type: 'ran'; result: Ran }
  | { type: 'stats'; stats: SelfStats }
  | { type: 'heap'; heap: HeapBreakdown }
  | { type: 'collected'; heap: HeapBreakdown }
  | { type: 'failed'; message: string };

/**
 * The child's side: answer `mark`/`stats`, hand `start`/`run` to the given functions, and end
 * (through `stop`) when told to or when the parent is gone.
 */
export function serveParent<Start, Run, Ran>(handlers: {
  start(options: Start): Promise<number>;
  run?(plan: Run): Promise<Ran>;
  stop(): Promise<void>;
}): void {
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const meter = new SelfMeter(profileDir ? { dir: profileDir, name: process.env.BENCH_PROFILE_NAME ?? `child-${process.pid}` } : undefined);
  const send = (m: FromChild<Ran>) => process.send?.(m);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await handlers.stop().catch((err: Error) => console.error(`[child] stop: ${err.message}`));
    process.disconnect?.();
    // process.exit, not a kill: --cpu-prof writes its profile on a normal exit.
    process.exit(0);
  };
  const fail = (err: unknown) => send({ type: 'failed', message: (err as Error)?.stack ?? String(err) });
  process.on('message', (m: ToChild<Start, Run>) => {
    switch (m.type) {
      case 'start':
        handlers.start(m.options).then((port) => send({ type: 'ready', port }), fail);
        break;
      case 'run':
        if (!handlers.run) return fail(new Error('this child runs nothing'));
        handlers.run(m.plan).then((result) => send({ type: 'ran', result }), fail);
        break;
      case 'mark':
        meter.mark();
        break;
      case 'stats': {
        const stats = meter.read();
        meter.writeProfile().then(() => send({ type: 'stats', stats }), fail);
        break;
      }
      case 'heap':
        send({ type: 'heap', heap: heapBreakdown() });
        break;
      case 'collect':
        collectedHeap().then((heap) => send({ type: 'collected', heap }), fail);
        break;
      case 'stop':
        void stop();
        break;
    }
  });
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => {}); // Ctrl-C reaches the whole group: let the parent stop us in order.
}

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc (Linux). */
export function procMemory(pid: number): { rssMB: number; peakMB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMB: Math.round(kb('VmRSS') / 102.4) / 10, peakMB: Math.round(kb('VmHWM') / 102.4) / 10 };
  } catch {
    return null;
  }
}

const live = new Set<ChildProcess>();
let exitHooked = false;
/** Never leave a child behind: on exit (normal, error, Ctrl-C) every live child is killed. */
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

export interface Child<Start, Run, Ran> {
  pid: number;
  start(options: Start): Promise<number>;
  run(plan: Run): Promise<Ran>;
  mark(): void;
  stats(): Promise<SelfStats>;
  memory(): { rssMB: number; peakMB: number } | null;
  /** The child's own account of its memory (heap, external), without a collection. */
  heap(): Promise<HeapBreakdown>;
  /** Its memory after a full collection (collectedHeap): the least it needs for what it holds. */
  collect(): Promise<HeapBreakdown>;
  /** Ask the child to stop; kill it if it has not ended within `ms`. */
  stop(ms?: number): Promise<void>;
  /** kill -9, as a crash or an operator would; resolves when it has exited. */
  kill(): Promise<void>;
}

/**
 * Start a child process talking over IPC: a compiled JavaScript file with plain node (as
 * production runs the hub), a TypeScript file under the tsx loader. With `profile`, the child
 * writes a CPU profile of its measured period (mark → stats) there. `nodeFlags` go to node before
 * the file (the hub's: those production starts it with, bench/lib/productionFlags.ts).
 */
export function spawnChild<Start, Run, Ran>(file: string, profile?: { dir: string; name: string }, nodeFlags: string[] = [], extraEnv: Record<string, string> = {}): Child<Start, Run, Ran> {
  hookExit();
  // A hub logs each request at info (server/log.ts): the bench's own lines are its output, so
  // children say only warnings unless LOG_LEVEL asks for more.
  const base = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...extraEnv };
  const env = profile ? { ...base, BENCH_PROFILE_DIR: profile.dir, BENCH_PROFILE_NAME: profile.name } : base;
  const execArgv = [...nodeFlags, ...(file.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [])];
  const child = fork(file, [], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  live.add(child);
  const exited = new Promise<void>((ok) => child.once('exit', () => (live.delete(child), ok())));
  let failure: Error | undefined;
  const waiters = new Set<{ type: string; ok: (m: FromChild<Ran>) => void; fail: (e: Error) => void }>();
  const failAll = (err: Error) => {
    failure ??= err;
    for (const w of waiters) w.fail(err);
    waiters.clear();
  };
  child.on('message', (m: FromChild<Ran>) => {
    if (m.type === 'failed') return failAll(new Error(`${file}: ${m.message}`));
    for (const w of waiters) {
      if (w.type === m.type) {
        waiters.delete(w);
        w.ok(m);
        return;
      }
    }
  });
  child.once('exit', (code, signal) => failAll(new Error(`${file} exited (${signal ?? code})`)));
  const expect = <T extends FromChild<Ran>['type']>(type: T): Promise<Extract<FromChild<Ran>, { type: T }>> =>
    failure ? Promise.reject(failure) : new Promise((ok, fail) => waiters.add({ type, ok: ok as (m: FromChild<Ran>) => void, fail }));
  const send = (m: ToChild<Start, Run>) => child.connected && child.send(m);

  return {
    pid: child.pid!,
    async start(options) {
      const ready = expect('ready');
      send({ type: 'start', options });
      return (await ready).port;
    },
    async run(plan) {
      const ran = expect('ran');
      send({ type: 'run', plan });
      return (await ran).result;
    },
    mark: () => void send({ type: 'mark' }),
    async stats() {
      const s = expect('stats');
      send({ type: 'stats' });
      return (await s).stats;
    },
    memory: () => procMemory(child.pid!),
    async heap() {
      const h = expect('heap');
      send({ type: 'heap' });
      return (await h).heap;
    },
    async collect() {
      const c = expect('collected');
      send({ type: 'collect' });
      return (await c).heap;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop(ms = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** CPU time the whole machine has spent busy, and in total, so far (/proc/stat; clock ticks). */
export function machineCpu(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}
