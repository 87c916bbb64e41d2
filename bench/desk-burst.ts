/**
 * `npm run bench:desk`: does the manager's live view keep up? A hub with the demo halls on the
 * local Redis (its own key prefix, deleted at the end), the desk open in Chromium at 1920×1080,
 * and three phases measured in the page with a PerformanceObserver for long tasks (> 50 ms on the
 * main thread) and, for every event, how long after the hub made it (`event.at`) the page showed
 * it (the live view's last applied event id, watched by a MutationObserver):
 *
 *   floor   the same page idle for a few seconds (nothing arrives): what the page costs at rest;
 *   speed60 the demo hall's simulator at 60× (npm run simulate -- --speed 60) for --seconds;
 *   burst   1,000 tickets issued at once (1,000 events in a few hundred ms), until the page caught up.
 *
 *   npm run bench:desk -- [--seconds 20] [--burst 1000]
 *
 * Figures taken while other work runs on the machine are noisy: the bench prints the load average.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { chromium } from 'playwright-core';
import { io } from 'socket.io-client';
import { loadConfig } from '../server/config.js';
import { startHub } from '../server/hub.js';
import { issueTicket } from '../server/commands/issueTicket.js';
import { startSimulator } from '../server/simulation/simulator.js';
import { buildPages } from '../tests/e2e/global-setup.js';
import { percentile, table, fixed } from './lib/report.js';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '20' }, burst: { type: 'string', default: '1000' }, idle: { type: 'string', default: '5' }, screenshots: { type: 'string' } } });
const SECONDS = Number(args.seconds);
const BURST = Number(args.burst);
const IDLE = Number(args.idle);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `yc-bench-desk-${process.pid}:`;

interface PhaseResult {
  name: string;
  events: number;
  seconds: number;
  longest: number;
  longTasks: number;
  longTotal: number;
  lag: number[];
  /** From the first to the last event made (the hub's clock), ms. */
  madeOver: number;
  /** From the last event made to the page showing it, ms. */
  caughtUp: number;
  /** From each event made to its arrival at a desk socket in Node (the hub's part of the lag). */
  socketLag: number[];
}

async function main(): Promise<void> {
  await buildPages();
  const config = loadConfig('config/demo-hall.yaml');
  const hub = await startHub({ config, redisUrl: REDIS_URL, keyPrefix: prefix, port: 0, jobs: true, staticDir: 'dist' });
  const redis = new Redis(REDIS_URL);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const results: PhaseResult[] = [];
  let check = NaN;
  const shots: string[] = [];
  let probe: ReturnType<typeof io> | undefined;
  const arrived = new Map<number, number>();
  try {
    const login = await fetch(`${hub.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'm001', password: 'demo1234' }) });
    const session = (await login.json()) as { token: string; staff: unknown };
    // A second desk in this process (socket.io-client): when each event reaches a desk socket, apart from the page's own work.
    probe = io(hub.url, { auth: { token: session.token, desk: true }, transports: ['websocket'] });
    probe.on('event', (e: { id: number; hallId: string }) => {
      if (e.hallId === 'junan') arrived.set(e.id, Date.now());
    });
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await page.addInitScript((s) => {
      sessionStorage.setItem('yichuang.counter.session', JSON.stringify(s));
      const w = window as unknown as { __long: { start: number; duration: number }[]; __seen: [number, number][] };
      w.__long = [];
      w.__seen = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      // The live view's last applied event id: when it changes, note when (epoch ms).
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid=desk-today]');
        const id = Number(el?.getAttribute('data-last-event'));
        const last = w.__seen.at(-1);
        if (id && (!last || last[0] !== id)) w.__seen.push([id, Date.now()]);
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-last-event'], childList: true });
    }, session);
    await page.goto(`${hub.url}/desk/desk.html#/today`);
    await page.waitForSelector('[data-testid=desk-today]');
    await page.waitForTimeout(1500);

    const hallIds = config.halls.map((h) => h.id);
    const lastIds = async () => Object.fromEntries(await Promise.all(hallIds.map(async (h) => [h, await hub.ctx.store.lastEventId(h)] as const)));
    /** Measure one phase: run `drive`, wait until the page shows the hall's last event, collect. */
    async function phase(name: string, drive: () => Promise<void>): Promise<PhaseResult> {
      const before = await lastIds();
      const from = Date.now();
      await page.evaluate(() => {
        const w = window as unknown as { __long: unknown[]; __seen: unknown[] };
        w.__long = [];
        w.__seen = [];
      });
      await drive();
      const target = await hub.ctx.store.lastEventId('junan');
      // The desk follows its own hall (junan): wait until it shows the last event made.
      for (const end = Date.now() + 30_000; Date.now() < end; ) {
        const shown = Number(await page.getAttribute('[data-testid=desk-today]', 'data-last-event'));
        if (shown >= target) break;
        await page.waitForTimeout(50);
      }
      await page.waitForTimeout(300);
      const seconds = (Date.now() - from) / 1000;
      const { long, seen } = await page.evaluate(() => {
        const w = window as unknown as { __long: { start: number; duration: number }[]; __seen: [number, number][] };
        return { long: w.__long, seen: w.__seen };
      });
      const events = (await hub.ctx.store.eventsAfter('junan', before.junan ?? 0, 100_000)) ?? [];
      // Each event's lag: from its making (event.at, the hub's clock) to the first moment the page showed it or a later one.
      const lag: number[] = [];
      let j = 0;
      for (const e of events) {
        while (j < seen.length && seen[j]![0] < e.id) j++;
        if (j < seen.length) lag.push(seen[j]![1] - e.at);
      }
      const madeOver = events.length ? events.at(-1)!.at - events[0]!.at : 0;
      const lastSeen = seen.find(([id]) => events.length && id >= events.at(-1)!.id);
      const caughtUp = events.length && lastSeen ? lastSeen[1] - events.at(-1)!.at : NaN;
      lag.sort((a, b) => a - b);
      const socketLag = events.map((e) => (arrived.get(e.id) ?? NaN) - e.at).filter(Number.isFinite).sort((a, b) => a - b);
      const all = Object.values(await lastIds()).reduce((s, n) => s + n, 0) - Object.values(before).reduce((s, n) => s + n, 0);
      return { name, events: all, seconds, longest: Math.max(0, ...long.map((l) => l.duration)), longTasks: long.length, longTotal: long.reduce((s, l) => s + l.duration, 0), lag, madeOver, caughtUp, socketLag };
    }

    results.push(await phase('floor: the desk idle', () => new Promise((r) => setTimeout(r, IDLE * 1000))));
    const ctx = { store: hub.ctx.store, halls: hub.ctx.halls, clock: hub.ctx.clock };
    results.push(
      await phase(`speed60: the demo halls at 60× for ${SECONDS} s`, async () => {
        const sim = startSimulator(ctx, { speed: 60, seed: 1, startAt: '08:30' });
        await new Promise((r) => setTimeout(r, SECONDS * 1000));
        await sim.stop();
        // --screenshots <dir>: the desk and the wall with the demo hall alive (after the run, outside the measure).
        if (args.screenshots) shots.push(args.screenshots);
      }),
    );
    for (const dir of shots) {
      await page.screenshot({ path: `${dir}/desk-today-demo.png` });
      const wall = await (await browser.newContext({ viewport: { width: 3840, height: 2160 } })).newPage();
      await wall.addInitScript((s) => sessionStorage.setItem('yichuang.counter.session', JSON.stringify(s)), session);
      await wall.goto(`${hub.url}/desk/desk.html#/wall`);
      await wall.waitForSelector('[data-testid=desk-wall]');
      await wall.waitForTimeout(1500);
      await wall.screenshot({ path: `${dir}/desk-wall-demo-4k.png` });
      await wall.context().close();
    }
    const services = config.halls[0]!.services.map((s) => s.id);
    results.push(
      await phase(`burst: ${BURST} tickets issued at once`, async () => {
        const jobs = Array.from({ length: BURST }, (_, i) => issueTicket(ctx, { hallId: 'junan', serviceId: services[i % services.length]!, channel: 'kiosk' }));
        const r = await Promise.all(jobs);
        const refused = r.filter((x) => !x.ok).length;
        if (refused) console.log(`(${refused} of the burst refused, e.g. a daily cap)`);
      }),
    );
    // The observer itself: a deliberate 120 ms of work on the page's main thread must show as a long task.
    await page.evaluate(() => {
      (window as unknown as { __long: unknown[] }).__long = [];
      setTimeout(() => {
        const t = performance.now();
        while (performance.now() - t < 120) {
          /* busy */
        }
      }, 0);
    });
    await page.waitForTimeout(200);
    check = await page.evaluate(() => Math.max(0, ...(window as unknown as { __long: { duration: number }[] }).__long.map((l) => l.duration)));
  } finally {
    await browser.close();
    probe?.close();
    await hub.close();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }

  console.log(`\nManager's desk, Chromium 1920×1080, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores; others' work makes these noisy)\n`);
  console.log(
    table(
      ['phase', 'events', 'made over ms', 'longest task ms', 'long tasks', 'long-task ms total', 'lag p50 ms', 'lag p99 ms', 'lag max ms', 'shown after the last ms', 'at a socket p50 / p99 ms'],
      results.map((r) => [r.name, r.events, fixed(r.madeOver, 0), fixed(r.longest, 0), r.longTasks, fixed(r.longTotal, 0), fixed(percentile(r.lag, 50), 0), fixed(percentile(r.lag, 99), 0), fixed(r.lag.at(-1) ?? NaN, 0), fixed(r.caughtUp, 0), `${fixed(percentile(r.socketLag, 50), 0)} / ${fixed(percentile(r.socketLag, 99), 0)}`]),
    ),
  );
  console.log(`\nThe observer's check: 120 ms of deliberate work on the page was seen as a ${fixed(check, 0)} ms long task.`);
  console.log('\nA long task is main-thread work over 50 ms (the page cannot answer input meanwhile); the floor is the same page with nothing arriving. Lag counts the junan hall the desk follows (the events column counts both halls): from the event\'s making (its at, the hub\'s clock) to the page showing it; "at a socket" is the same to a desk socket in this Node process, the hub\'s share of it.');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
