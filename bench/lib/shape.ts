/**
 * The load the fan-out bench puts on a hub: a city's halls, their windows and screens, and the
 * rate at which windows call. Built from the command line; the hall configuration is built in
 * code (parseConfig), so the bench needs no file and validates like a real one.
 */
import { parseArgs } from 'node:util';
import { parseConfig, windowId, type Config } from '../../server/config.js';
import { assignments, productionEnv, productionNodeFlags } from './productionFlags.js';

export interface Shape {
  halls: number;
  /** Windows in the whole city (spread evenly over the halls). */
  windows: number;
  /** Screen clients in the whole city: one per window, the rest hall screens. */
  screens: number;
  /** Calls per second, all windows together; each call is call-next, start, complete. */
  rate: number;
  /** Measured seconds, after `warmup` seconds at the same rate that are not counted. */
  seconds: number;
  warmup: number;
  /** Tickets left waiting in each hall beyond those the run calls (a busy afternoon: the snapshots' weight). */
  waiting: number;
  /** Processes the screen clients are spread over (real screens are separate devices). */
  clientProcesses: number;
  /** Screens decode each event whole with socket.io's parser (default: the bench's lighter one). */
  stockParser: boolean;
  /** Write CPU profiles of the measured periods (hub, floor, clients) into this folder. */
  profileDir?: string;
  /** Node's flags for the hub (default: production's, package.json's start:prod) and for the floor (default: none). */
  hubNodeFlags: string[];
  /** The hub's environment beyond the bench's own: production's (start:prod), unless --hub-env says otherwise. */
  hubEnv: Record<string, string>;
  floorNodeFlags: string[];
}

export function readShape(argv = process.argv.slice(2)): Shape {
  const { values } = parseArgs({
    args: argv,
    options: {
      windows: { type: 'string', default: '200' },
      rate: { type: 'string', default: '50' },
      screens: { type: 'string', default: '2000' },
      seconds: { type: 'string', default: '20' },
      halls: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      waiting: { type: 'string', default: '1200' },
      'client-procs': { type: 'string', default: '2' },
      'stock-parser': { type: 'boolean', default: false },
      profile: { type: 'string' },
      'hub-node-flags': { type: 'string' },
      'hub-env': { type: 'string' },
      'floor-node-flags': { type: 'string', default: '' },
    },
  });
  const num = (name: keyof typeof values, min: number): number => {
    const v = Number(values[name]);
    if (!Number.isFinite(v) || v < min) throw new Error(`--${name}: a number ≥ ${min}, not "${String(values[name])}"`);
    return v;
  };
  const shape: Shape = {
    halls: Math.floor(num('halls', 1)),
    windows: Math.floor(num('windows', 1)),
    screens: Math.floor(num('screens', 1)),
    rate: num('rate', 0.1),
    seconds: num('seconds', 1),
    warmup: num('warmup', 0),
    waiting: Math.floor(num('waiting', 0)),
    clientProcesses: Math.floor(num('client-procs', 1)),
    stockParser: values['stock-parser'] ?? false,
    profileDir: values.profile,
    hubNodeFlags: values['hub-node-flags'] === undefined ? productionNodeFlags() : words(values['hub-node-flags']),
    floorNodeFlags: words(values['floor-node-flags'] ?? ''),
    hubEnv: values['hub-env'] === undefined ? productionEnv() : assignments(words(values['hub-env']), '--hub-env'),
  };
  if (shape.windows < shape.halls) throw new Error('--windows: at least one window per hall');
  if (shape.screens < shape.windows) throw new Error('--screens: at least one screen per window (each window has its window screen)');
  if (shape.waiting > SERVICES.length * DAILY_CAP - 500) throw new Error(`--waiting: at most ${SERVICES.length * DAILY_CAP - 500} (each service issues ${DAILY_CAP} a day)`);
  return shape;
}

const words = (flags: string) => flags.split(/\s+/).filter(Boolean);
const flagList = (flags: string[]) => (flags.length ? flags.join(' ') : "none (node's defaults)");

export interface BenchWindow {
  hallId: string;
  id: string;
  number: number;
  staffId: string;
}

export interface BenchHall {
  id: string;
  windows: BenchWindow[];
  /** Hall screens (全厅屏) in this hall; each window also has its window screen. */
  hallScreens: number;
}

export const SERVICES = [
  { id: 'social', name: '社保医保卫健', prefix: 'A' },
  { id: 'land', name: '国土城建交通', prefix: 'B' },
  { id: 'tax', name: '税务', prefix: 'C' },
  { id: 'civil', name: '民政公安', prefix: 'D' },
] as const;
/** Tickets a service may issue in a day (the number has three digits). */
export const DAILY_CAP = 999;

const spread = (total: number, parts: number, i: number): number => Math.floor(total / parts) + (i < total % parts ? 1 : 0);
/**
 * Every bench staffer's password. The hub holds its scrypt hash (server/auth/passwords.ts), as a
 * production configuration must: a plain password would skip the hashing a sign-in costs.
 */
export const PASSWORD = 'bench-密码';
export const ADMIN = 'admin';

export function layout(shape: Shape): BenchHall[] {
  return Array.from({ length: shape.halls }, (_, h) => {
    const id = `hall${String(h + 1).padStart(2, '0')}`;
    const count = spread(shape.windows, shape.halls, h);
    const windows = Array.from({ length: count }, (_, i) => ({ hallId: id, id: windowId(id, i + 1), number: i + 1, staffId: `${id}_s${i + 1}` }));
    return { id, windows, hallScreens: spread(shape.screens - shape.windows, shape.halls, h) };
  });
}

/**
 * Calling order: one window of each hall in turn, so consecutive calls land in different halls
 * (and on different Redis channels), as a city's halls would.
 */
export function callingOrder(halls: BenchHall[]): BenchWindow[] {
  const out: BenchWindow[] = [];
  const most = Math.max(...halls.map((h) => h.windows.length));
  for (let i = 0; i < most; i++) for (const h of halls) if (h.windows[i]) out.push(h.windows[i]!);
  return out;
}

/**
 * The configuration: halls open round the clock every day (the bench may run at any hour), four
 * services, each window serving one service first and the rest after it (so any window can call
 * any ticket), one staffer per window on post A, and an admin who pairs the screens; every staffer
 * signs in with PASSWORD, whose hash is `passwordHash`.
 */
export function benchConfig(halls: BenchHall[], passwordHash: string): Config {
  return parseConfig({
    halls: halls.map((h, hi) => ({
      id: h.id,
      name: `第${hi + 1}政务服务中心`,
      level: 'county',
      schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' },
      services: SERVICES.map((s) => ({ ...s, standardMinutes: 10, dailyCap: DAILY_CAP })),
      windows: h.windows.map((w, i) => {
        const first = SERVICES[i % SERVICES.length]!.id;
        return { number: w.number, name: `综合受理${w.number}`, tiers: [[first], SERVICES.map((s) => s.id).filter((s) => s !== first)] };
      }),
      staff: [
        ...h.windows.map((w) => ({ id: w.staffId, name: `窗口${w.number}`, posts: [{ window: w.number, post: 'A' }], passwordHash })),
        ...(hi === 0 ? [{ id: ADMIN, name: '管理员', role: 'admin', passwordHash }] : []),
      ],
    })),
  }, '<bench>');
}

export function describeShape(shape: Shape, halls: BenchHall[]): string {
  const perHall = halls[0]!;
  const hallScreens = halls.reduce((n, h) => n + h.hallScreens, 0);
  return [
    `${shape.halls} halls × ~${perHall.windows.length} windows = ${shape.windows} windows (one staffer each), ${SERVICES.length} services per hall`,
    `${shape.screens} screens: ${shape.windows} window screens (one per window, window-scoped) + ${hallScreens} hall screens (~${perHall.hallScreens} per hall)`,
    `screens: socket.io-client over websocket in ${shape.clientProcesses} processes, ${shape.stockParser ? "socket.io's own parser" : 'the bench parser (bench/lib/screenParser.ts)'}; the hub, the floor and the call driver each in a process of its own`,
    `${shape.rate} calls/s over all windows (a window calls every ${(shape.windows / shape.rate).toFixed(1)} s); each call = call-next, start, complete (3 events)`,
    `${shape.warmup} s warm-up, then ${shape.seconds} s measured; latency = screen receipt − event.at, for every ticket.called at every screen that follows it`,
    `${shape.waiting} tickets left waiting in each hall besides those called; then a reconnect storm: the server killed (kill -9) and restarted, every screen reconnecting at once`,
    `node flags: hub ${flagList(shape.hubNodeFlags)}, floor ${flagList(shape.floorNodeFlags)}; hub environment (start:prod's unless --hub-env): ${Object.entries(shape.hubEnv).map(([k, v]) => `${k}=${v}`).join(' ') || 'nothing added'}`,
  ].join('\n');
}
