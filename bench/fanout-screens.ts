/**
 * A share of the screens, in a process of their own (started by bench/fanout.ts): real screens
 * are separate devices, so the clients are spread over a few processes and no single client
 * event loop sets the latency. Shard 0's first screen follows a whole hall; it also captures one
 * real event of each kind and the timing of each call, for the floor to replay.
 */
import type { HallEvent } from '../server/protocol.js';
import type { FloorPlan } from './fanout-floor.js';
import { serveParent } from './lib/process.js';
import { ScreenFleet, type FleetResult, type ScreenSpec } from './lib/screens.js';

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
  | { kind: 'collect'; calledPerWindow: Record<string, number>; drainMs: number };

export interface Capture {
  templates: Partial<FloorPlan['templates']>;
  /** [called, started, completed] `at` of each call screen 0 saw in full. */
  calls: [number, number, number][];
}

export type ScreensDone = { kind: 'measuring' } | { kind: 'collected'; result: FleetResult; capture?: Capture };

let fleet: ScreenFleet | undefined;
let measureFrom = Number.POSITIVE_INFINITY;
const templates: Capture['templates'] = {};
const timing = new Map<string, { called?: number; started?: number; completed?: number }>();

const kinds = { 'ticket.called': 'called', 'ticket.started': 'started', 'ticket.completed': 'completed' } as const;

function tap(e: HallEvent): void {
  if (e.at < measureFrom) return;
  if (e.type === 'ticket.called') templates.called = e;
  else if (e.type === 'ticket.started') templates.started = e;
  else if (e.type === 'ticket.completed') templates.completed = e;
  else return;
  const t = timing.get(e.ticket.id) ?? {};
  t[kinds[e.type]] = e.at;
  timing.set(e.ticket.id, t);
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
