/**
 * The screens, spread round robin over a few child processes (bench/fanout-screens.ts), so
 * every process holds screens of every hall and each event is received in parallel.
 */
import { fileURLToPath } from 'node:url';
import type { Capture, ScreensDone, ScreensStart, ScreensTask } from '../fanout-screens.js';
import { spawnChild, type Child, type SelfStats } from './process.js';
import type { FleetResult, ScreenSpec, StormResult } from './screens.js';

type ScreensChild = Child<ScreensStart, ScreensTask, ScreensDone>;

export class ScreenShards {
  private constructor(readonly children: ScreensChild[]) {}

  static async connect(
    count: number,
    url: string,
    specs: ScreenSpec[],
    options: Pick<ScreensStart, 'ready' | 'stockParser'>,
    profile?: { dir: string; name: string },
  ): Promise<ScreenShards> {
    const file = fileURLToPath(new URL('../fanout-screens.ts', import.meta.url));
    const n = Math.max(1, Math.min(count, specs.length));
    const children = Array.from({ length: n }, (_, i) => spawnChild<ScreensStart, ScreensTask, ScreensDone>(file, profile ? { dir: profile.dir, name: `${profile.name}-${i}` } : undefined));
    const shards = new ScreenShards(children);
    try {
      await Promise.all(children.map((c, i) => c.start({ url, specs: specs.filter((_, j) => j % n === i), ...options, capture: i === 0 })));
    } catch (err) {
      await shards.stop();
      throw err;
    }
    return shards;
  }

  async measure(from: number): Promise<void> {
    await Promise.all(this.children.map((c) => c.run({ kind: 'measure', from })));
  }

  mark(): void {
    for (const c of this.children) c.mark();
  }

  /** Every shard's result, merged; shard 0's capture. */
  async collect(calledPerWindow: Record<string, number>, drainMs: number): Promise<{ result: FleetResult; capture?: Capture }> {
    const done = await Promise.all(this.children.map((c) => c.run({ kind: 'collect', calledPerWindow, drainMs })));
    const parts = done.flatMap((d) => (d.kind === 'collected' ? [d] : []));
    return {
      result: {
        latencies: parts.flatMap((p) => p.result.latencies).sort((a, b) => a - b),
        messages: parts.reduce((n, p) => n + p.result.messages, 0),
        missed: parts.flatMap((p) => p.result.missed),
        repeats: parts.reduce((n, p) => n + p.result.repeats, 0),
        foreign: parts.reduce((n, p) => n + p.result.foreign, 0),
        disconnects: parts.reduce((n, p) => n + p.result.disconnects, 0),
        disconnectReasons: parts.reduce<Record<string, number>>((all, p) => {
          for (const [reason, n] of Object.entries(p.result.disconnectReasons)) all[reason] = (all[reason] ?? 0) + n;
          return all;
        }, {}),
        bytes: {
          hall: parts.reduce((n, p) => n + p.result.bytes.hall, 0),
          hallCalls: parts.reduce((n, p) => n + p.result.bytes.hallCalls, 0),
          window: parts.reduce((n, p) => n + p.result.bytes.window, 0),
          windowCalls: parts.reduce((n, p) => n + p.result.bytes.windowCalls, 0),
        },
      },
      capture: parts[0]?.capture,
    };
  }

  /** The server was killed at `since`: when every screen of every shard was ready again. */
  async storm(since: number, ms: number): Promise<StormResult> {
    const done = await Promise.all(this.children.map((c) => c.run({ kind: 'storm', since, ms })));
    const parts = done.flatMap((d) => (d.kind === 'stormed' ? [d.result] : []));
    return { backMs: parts.flatMap((p) => p.backMs).sort((a, b) => a - b), notBack: parts.reduce((n, p) => n + p.notBack, 0) };
  }

  /** CPU summed over the shards (% of one core); the worst shard's event-loop lag. */
  async stats(): Promise<SelfStats> {
    const all = await Promise.all(this.children.map((c) => c.stats()));
    const worst = all.reduce((a, b) => (b.lag.p99 > a.lag.p99 ? b : a));
    return {
      rssMB: all.reduce((n, s) => n + s.rssMB, 0),
      heapUsedMB: all.reduce((n, s) => n + s.heapUsedMB, 0),
      cpuPercent: all.reduce((n, s) => n + s.cpuPercent, 0),
      lag: { p50: worst.lag.p50, p99: worst.lag.p99, max: Math.max(...all.map((s) => s.lag.max)) },
      gc: {
        scavenges: all.reduce((n, s) => n + s.gc.scavenges, 0),
        scavengePauseMs: all.reduce((n, s) => n + s.gc.scavengePauseMs, 0),
        longestScavengeMs: Math.max(...all.map((s) => s.gc.longestScavengeMs)),
        full: all.reduce((n, s) => n + s.gc.full, 0),
        fullPauseMs: all.reduce((n, s) => n + s.gc.fullPauseMs, 0),
        longestFullMs: Math.max(...all.map((s) => s.gc.longestFullMs)),
      },
    };
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((c) => c.stop()));
  }
}
