import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { rollOverDay } from '../../server/commands/rollOverDay.js';
import { callNext } from '../../server/commands/callNext.js';
import { closeWindow } from '../../server/commands/closeWindow.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import type { CommandContext } from '../../server/commands/context.js';
import { signIn } from '../../server/commands/signIn.js';
import { signOut } from '../../server/commands/signOut.js';
import { startService } from '../../server/commands/startService.js';
import { loadConfig } from '../../server/config.js';
import type { HallEvent, HallEventOf } from '../../server/protocol.js';
import { Simulation, startSimulator, type SimulatorOptions } from '../../server/simulation/simulator.js';
import { MONDAY_9AM, testConfig, testHall, type TestHall } from '../helpers/hall.js';
import { until } from '../helpers/hub.js';

// The demo halls, with no minimum time before a no-show counts: the stepped hub's clock moves 3 s a
// step, not with the virtual day, so the hall's 60 s would hold each no-show for 20 virtual minutes.
const demo = loadConfig(fileURLToPath(new URL('../../config/demo-hall.yaml', import.meta.url)));
for (const hall of demo.halls) hall.rules.noShowAfterSeconds = 0;

const halls: TestHall[] = [];
afterEach(async () => {
  await Promise.all(halls.splice(0).map((h) => h.cleanup()));
});

/**
 * A simulation stepped by hand, its engine clock tied to the step in progress (20× speed: a
 * virtual minute is 3 real seconds), so a run depends on nothing but its seed and its steps.
 */
async function stepped(label: string, options: SimulatorOptions, config = demo, clock = (v: number) => MONDAY_9AM + v * 3_000) {
  const h = await testHall(label, config);
  halls.push(h);
  let sim: Simulation | undefined;
  const ctx: CommandContext = { ...h.ctx, clock: () => clock(sim?.stepAt ?? 0) };
  sim = new Simulation(ctx, { trace: true, ...options });
  /** Step the simulation on by `minutes` of virtual time, `step` minutes at a time. */
  const run = async (minutes: number, step = 0.5): Promise<void> => {
    const to = sim.virtualNow + minutes;
    for (let v = sim.virtualNow; v < to; ) {
      v = Math.min(to, v + step);
      await sim.tick(v);
    }
  };
  return { h, ctx, sim, run };
}

const allEvents = async (ctx: CommandContext, hallId: string): Promise<HallEvent[]> => (await ctx.store.eventsAfter(hallId, 0, 1_000_000))!;

describe('the traffic simulator', () => {
  it('issues, calls and completes tickets on its own timer at a high speed, and stops when told', async () => {
    const h = await testHall('sim-live', demo);
    halls.push(h);
    const ctx: CommandContext = { ...h.ctx, clock: () => Date.now() };
    // 2,400×: a virtual hour in about 1.5 real seconds, from the start of the morning peak. On a
    // busy machine the timer fires later and the hour takes longer: wait for the virtual hour, not
    // for a fixed real time.
    const sim = startSimulator(ctx, { speed: 2400, startAt: '09:00', seed: 7, tickMs: 20 });
    await until(() => sim.stats().virtualMinutes > 55, 60_000, 'a virtual hour');
    await sim.stop();

    const stats = sim.stats();
    expect(stats.virtualMinutes).toBeGreaterThan(55);
    expect(stats.issued).toBeGreaterThan(40);
    expect(stats.called).toBeGreaterThan(25);
    expect(stats.completed).toBeGreaterThan(15);
    expect(stats.errors).toBe(0);

    const last = await ctx.store.lastEventId('junan');
    await new Promise((r) => setTimeout(r, 200));
    expect(await ctx.store.lastEventId('junan')).toBe(last);

    const log = sim.log();
    expect(log.filter((r) => r.ahead !== null)).toHaveLength(stats.issued);
    for (const r of log.filter((r) => r.finishedAt !== undefined && r.fate === 'done')) {
      expect(r.calledAt!).toBeLessThanOrEqual(r.startedAt!);
      expect(r.startedAt!).toBeLessThanOrEqual(r.finishedAt!);
      expect(r.issuedAtV!).toBeLessThanOrEqual(r.calledAtV!);
    }
  });

  it('plays a county centre day: about a thousand tickets, a morning peak, no ticket called twice, window 1 left alone', async () => {
    const { ctx, sim, run } = await stepped('sim-day', { seed: 3 });
    await run(540, 1);
    const stats = sim.stats();
    expect(stats.issued).toBeGreaterThan(850);
    expect(stats.issued).toBeLessThan(1_400);
    expect(stats.completed).toBeGreaterThan(stats.issued * 0.85);
    expect(stats.noShows).toBeGreaterThan(0);
    expect(stats.transfers).toBeGreaterThan(0);
    expect(stats.pauses).toBeGreaterThan(0);
    expect(stats.errors).toBe(0);
    expect(stats.refusals).toEqual({});

    const junan = sim.log().filter((r) => r.hallId === 'junan' && r.ahead !== null);
    const issuedIn = (from: string, to: string) => {
      const [f, t] = [from, to].map((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) - 510);
      return junan.filter((r) => r.issuedAtV! >= f! && r.issuedAtV! < t!).length;
    };
    expect(issuedIn('09:30', '10:30')).toBeGreaterThan(2 * issuedIn('12:15', '13:15'));

    for (const hallId of ['junan', 'dadian']) {
      const events = await allEvents(ctx, hallId);
      // Between two calls of the same ticket there must be a no-show or a transfer.
      const state = new Map<string, 'called' | 'free'>();
      for (const e of events) {
        if (!('ticket' in e)) continue;
        const id = e.ticket.id;
        if (e.type === 'ticket.called') {
          expect(state.get(id), `${id} called twice`).not.toBe('called');
          state.set(id, 'called');
        }
        if (e.type === 'ticket.noShow' || e.type === 'ticket.transferred') state.set(id, 'free');
      }
      expect(events.filter((e) => ('window' in e && e.window?.id === `${hallId}-1`) || ('ticket' in e && e.ticket.transferTo === `${hallId}-1`))).toEqual([]);
    }
  });

  it('makes the same decisions for the same seed and steps, however coarse the steps, and others for another seed', async () => {
    const a = await stepped('sim-repro-a', { seed: 42, startAt: '09:30' });
    const b = await stepped('sim-repro-b', { seed: 42, startAt: '09:30' });
    const c = await stepped('sim-repro-c', { seed: 43, startAt: '09:30' });
    await a.run(120, 0.25);
    await b.run(120, 7);
    await c.run(30, 0.25);

    expect(a.sim.trace().length).toBeGreaterThan(500);
    expect(b.sim.trace()).toEqual(a.sim.trace());
    expect(b.sim.log()).toEqual(a.sim.log());
    expect(b.sim.stats()).toEqual(a.sim.stats());
    expect(c.sim.trace()).not.toEqual(a.sim.trace().slice(0, c.sim.trace().length));
  });

  it('works on across a day end: staff signed out at midnight sign in again, numbering restarts, nothing fails', async () => {
    // The demo halls are open until 24:00: their day ends at the midnight rollover. Engine time
    // runs with virtual time, minute for minute, from 23:00 at virtual 10:00 (the morning peak).
    const midnight = Date.parse('2026-11-24T00:00:00+08:00');
    const engineAt = (v: number) => midnight + (v - 150) * 60_000;
    const { ctx, sim, run } = await stepped('sim-midnight', { seed: 11, startAt: '10:00' }, demo, engineAt);
    await run(60, 0.5); // to 00:00
    for (const hallId of ['junan', 'dadian']) {
      expect(await rollOverDay({ ...ctx, clock: () => midnight }, { hallId })).toMatchObject({ ok: true, date: '20261124' });
    }
    await run(60, 0.5); // to 01:00
    expect(sim.stats().errors).toBe(0);

    for (const hallId of ['junan', 'dadian']) {
      const events = await allEvents(ctx, hallId);
      const staffed = ctx.halls.get(hallId)!.windowIds().filter((id) => id !== `${hallId}-1`);
      // Every window the simulator staffs was open at midnight, and closed for the day: at the
      // rollover, or once it let go of the citizen it was serving.
      const closedForDay = events.filter((e): e is HallEventOf<'window.closed'> => e.type === 'window.closed' && e.reason === 'end_of_day');
      expect(closedForDay.map((e) => e.window.id).sort()).toEqual([...staffed].sort());
      expect(closedForDay.every((e) => e.date === '20261123')).toBe(true);
      // Someone signed out there for the end of the day signs in again at it.
      for (const closed of closedForDay) {
        const id = closed.window.id;
        const out = events.filter((e): e is HallEventOf<'staff.signedOut'> => e.type === 'staff.signedOut' && e.reason === 'end_of_day' && e.window.id === id).map((e) => e.staffId);
        const back = events.find((e): e is HallEventOf<'staff.signedIn'> => e.type === 'staff.signedIn' && e.window.id === id && e.id > closed.id);
        expect(out, `${id} staffed again`).toContain(back?.staffId);
      }
      const snapshot = await ctx.store.snapshot(hallId, { windows: staffed, services: [], classes: [] });
      expect(snapshot.windows.filter((w) => w.state === 'closed')).toEqual([]);
      // The new day numbers from 001, and its tickets are called and completed.
      const today = events.filter((e): e is HallEventOf<'ticket.issued'> => e.type === 'ticket.issued' && e.ticket.id.includes('-20261124-'));
      expect(today.length).toBeGreaterThan(5);
      const firstOfService = new Map<string, string>();
      for (const e of today) if (!firstOfService.has(e.ticket.serviceId)) firstOfService.set(e.ticket.serviceId, e.ticket.number);
      for (const number of firstOfService.values()) expect(number).toMatch(/^[A-Z]001$/);
      expect(events.filter((e) => e.type === 'ticket.completed' && e.ticket.id.includes('-20261124-')).length).toBeGreaterThan(3);
    }
  });

  it('carries on through a storm of refusals from a person at its windows and a capped service', async () => {
    // Window 1 is left to people; the simulator staffs 2 (s2) and 3 (s3, tax: 3 tickets a day).
    const { h, ctx, sim, run } = await stepped('sim-storm', { seed: 5, serviceWeights: { social: 1, land: 1, tax: 2 } }, testConfig());
    const person = { windowId: 't1-2', staffId: 's2' };
    const backup = { windowId: 't1-3', staffId: 's4' };
    expect(await signIn(h.ctx, { ...person, post: 'A' })).toMatchObject({ ok: true });
    expect(await signIn(h.ctx, { ...backup, post: 'B' })).toMatchObject({ ok: true });

    for (let v = 0; v < 120; v += 2) {
      await run(2, 0.5);
      // The person presses buttons at the same windows as the simulator, as the same staffer.
      for (const who of [person, backup]) {
        await callNext(ctx, who);
        await startService(ctx, who);
        await completeTicket(ctx, { ...who, outcome: 'completed' });
      }
      if (v % 20 === 10) await signOut(ctx, person);
      if (v % 40 === 30) await closeWindow(ctx, { windowId: 't1-3', by: 'm1' });
      if (v % 40 === 32) await signIn(ctx, { ...backup, post: 'B' });
    }
    const stormy = sim.stats();
    expect(stormy.errors).toBe(0);
    expect(stormy.refusals.cap_reached).toBeGreaterThan(0);
    const reasons = Object.keys(stormy.refusals);
    expect(reasons.length).toBeGreaterThanOrEqual(3);

    // The storm passes; the simulator is still at work.
    await run(120, 0.5);
    const after = sim.stats();
    expect(after.errors).toBe(0);
    expect(after.issued).toBeGreaterThan(stormy.issued);
    expect(after.completed).toBeGreaterThan(stormy.completed + 5);
    expect((await allEvents(ctx, 't1')).filter((e) => 'window' in e && e.window?.id === 't1-1')).toEqual([]);
  });
});
