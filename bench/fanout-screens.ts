/**
 * A share of the screens, in a process of their own (started by bench/fanout.ts): real screens
 * are separate devices, so the clients are spread over a few processes and no single client
 * event loop sets the latency. Shard 0's first hall screen and first window screen capture one
 * real event of each kind as each receives it (the hub cuts them per view), and the hall
 * screen the timing of each call, for the floor to replay.
 */
import type { ViewEvent } from '../server/protocol.js';
import type { FloorPlan, Templates } from './fanout-floor.js';
import { serveParent } from './lib/process.js';
import { ScreenFleet, type FleetResult, type ScreenSpec, type StormResult } from './lib/screens.js';

export interface ScreensStart {
  url: string;
  specs: ScreenSpec[];
  ready: 'snapshot' | 'connect';
  /** Decode events with socket.io's own parser instead of the bench's (lib/screenParser.ts). */
  stockParser: boolean;
  capture: boolean;
}

export type ScreensTask =
  | { kind: 'measure'; from: number }
  /** Wait until every screen holds the measured calls made for it (or drainMs), then report. */
  | { kind: 'collect'; calledPerWindow: Record<string, number>; drainMs: number }
  /** The server was killed at `since`: wait until every screen is ready again, or `ms`. */
  | { kind: 'storm'; since: number; ms: number };

export interface Capture {
  templates: { hall: Partial<Templates>; window: Partial<Templates> };
  /** [called, started, completed] `at` of each call the first hall screen saw in full. */
  calls: [number, number, number][];
}

export type ScreensDone = { kind: 'measuring' } | { kind: 'collected'; result: FleetResult; capture?: Capture } | { kind: 'stormed'; result: StormResult };

let fleet: ScreenFleet | undefined;
let measureFrom = Number.POSITIVE_INFINITY;
const templates: Capture['templates'] = { hall: {}, window: {} };
const timing = new Map<string, { called?: number; started?: number; completed?: number }>();

const kinds = { 'ticket.called': 'called', 'ticket.started': 'started', 'ticket.completed': 'completed' } as const;

/** The call each window made last, as the timing's key: a hall screen's start and completion name only the window. */
const lastCall = new Map<string, string>();

function tap(e: ViewEvent, screen: 'hall' | 'window'): void {
  if (e.at < measureFrom) return;
  const kind = kinds[e.type as keyof typeof kinds];
  if (!kind) return;
  templates[screen][kind] = e;
  if (screen !== 'hall' || !('window' in e) || !e.window) return;
  if (kind === 'called') lastCall.set(e.window.id, `${e.window.id}#${e.id}`);
  const key = lastCall.get(e.window.id);
  if (!key) return;
  const t = timing.get(key) ?? {};
  t[kind] = e.at;
  timing.set(key, t);
}

let capture = false;

serveParent<ScreensStart, ScreensTask, ScreensDone>({
  async start(o) {
    capture = o.capture;
    fleet = new ScreenFleet(o.url, o.specs, o.ready, o.capture ? tap : undefined, o.stockParser);
    await fleet.connect();
    return o.specs.length;
  },
  async run(task) {
    const f = fleet!;
    if (task.kind === 'measure') {
      measureFrom = task.from;
      f.measure(task.from);
      return { kind: 'measuring' };
    }
    if (task.kind === 'storm') return { kind: 'stormed', result: await f.storm(task.since, task.ms) };
    const perHall = new Map<string, number>();
    for (const [windowId, n] of Object.entries(task.calledPerWindow)) {
      const hallId = windowId.slice(0, windowId.indexOf('-'));
      perHall.set(hallId, (perHall.get(hallId) ?? 0) + n);
    }
    const expected = (s: ScreenSpec) => (s.windowId ? (task.calledPerWindow[s.windowId] ?? 0) : (perHall.get(s.hallId) ?? 0));
    await f.drain(expected, task.drainMs);
    const result = f.result(expected);
    const calls = [...timing.values()].flatMap((t) => (t.called !== undefined && t.started !== undefined && t.completed !== undefined ? [[t.called, t.started, t.completed] as [number, number, number]] : []));
    return { kind: 'collected', result, ...(capture ? { capture: { templates, calls } } : {}) };
  },
  async stop() {
    fleet?.close();
  },
});
