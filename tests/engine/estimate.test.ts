import { describe, expect, it } from 'vitest';
import { estimateWait, HallLoad, meanHandling, remainingMinutes } from '../../server/domain/estimate.js';
import { aheadOf } from '../../server/domain/routing.js';
import type { HallEvent, HallSnapshot, TicketStatus, TicketView, WindowView } from '../../server/protocol.js';
import { testConfig } from '../helpers/hall.js';

const MIN = 60_000;
const T0 = Date.parse('2026-11-23T09:00:00+08:00');

describe('the wait estimate', () => {
  it('divides the work ahead among the windows that call the service', () => {
    // 6 ahead, 10 minutes each, 2 idle windows: 30 minutes.
    expect(estimateWait({ ahead: 6, handlingMinutes: 10, windows: [{ share: 1, remainingMinutes: 0 }, { share: 1, remainingMinutes: 0 }] })).toBe(30);
  });

  it('adds what is left of the tickets being served', () => {
    // Nobody ahead, both windows busy for 4 and 6 more minutes: on average the first is free in 5.
    expect(estimateWait({ ahead: 0, handlingMinutes: 10, windows: [{ share: 1, remainingMinutes: 4 }, { share: 1, remainingMinutes: 6 }] })).toBe(5);
    expect(estimateWait({ ahead: 3, handlingMinutes: 10, windows: [{ share: 1, remainingMinutes: 4 }, { share: 1, remainingMinutes: 6 }] })).toBe(20);
  });

  it('counts a window shared with other services for its share only', () => {
    expect(estimateWait({ ahead: 2, handlingMinutes: 10, windows: [{ share: 0.5, remainingMinutes: 0 }] })).toBe(40);
  });

  it('never says zero minutes while someone is ahead', () => {
    // 4 ahead at 3 seconds a ticket over 5 windows: 0.04 minutes, which would round to 0.
    expect(estimateWait({ ahead: 4, handlingMinutes: 0.05, windows: Array.from({ length: 5 }, () => ({ share: 1, remainingMinutes: 0 })) })).toBe(1);
    // Nobody ahead and a window free: 0 is the truth.
    expect(estimateWait({ ahead: 0, handlingMinutes: 10, windows: [{ share: 1, remainingMinutes: 0 }] })).toBe(0);
  });

  it('gives no estimate when no open window calls the service', () => {
    expect(estimateWait({ ahead: 2, handlingMinutes: 10, windows: [] })).toBeNull();
  });

  it('uses the mean of recent handlings, or the standard minutes when there are none', () => {
    expect(meanHandling([], 8)).toBe(8);
    expect(meanHandling([4, 6, 11], 8)).toBe(7);
  });

  it('counts what is left of a window’s ticket from its call', () => {
    expect(remainingMinutes({ state: 'called', calledAt: T0 }, 10, T0)).toBe(10);
    expect(remainingMinutes({ state: 'serving', calledAt: T0 - 3 * MIN }, 10, T0)).toBe(7);
    expect(remainingMinutes({ state: 'serving', calledAt: T0 - 30 * MIN }, 10, T0)).toBe(0);
    expect(remainingMinutes({ state: 'idle' }, 10, T0)).toBe(0);
  });
});

describe('who is ahead, in the hall’s calling order', () => {
  const rules = { classRank: { priority: 0, appointment: 1, normal: 2 } as const, ageingMs: 30 * MIN };
  const q = (id: string, priority: 'priority' | 'appointment' | 'normal', minutesAgo: number) => ({ id, place: { kind: 'class' as const, serviceId: 'social', priority }, queuedAt: T0 - minutesAgo * MIN });
  const queue = [q('n1', 'normal', 25), q('n2', 'normal', 10), q('p1', 'priority', 5)];
  const transferred = (id: string) => ({ id, place: { kind: 'service' as const, serviceId: 'social' }, queuedAt: T0 - MIN });

  it('puts a priority ticket before the normal ones while nobody has waited past the ageing limit', () => {
    expect(aheadOf(q('p2', 'priority', 0), queue, rules, T0)).toBe(1);
    expect(aheadOf(q('n3', 'normal', 0), queue, rules, T0)).toBe(3);
  });

  it('puts a normal ticket that will have waited past the limit before a fresh priority one', () => {
    // In 10 minutes n1 will have waited 35: it ranks with the most urgent class, and waited longer.
    expect(aheadOf(q('p2', 'priority', 0), queue, rules, T0 + 10 * MIN)).toBe(2);
  });

  it('counts tickets transferred to the service first', () => {
    expect(aheadOf(q('p2', 'priority', 0), [...queue, transferred('x1'), transferred('x2')], rules, T0)).toBe(3);
  });
});

// Test hall: window 1 [[social],[land]], window 2 [[land],[social]], window 3 [[tax]]; ageing 30 minutes.
const hall = testConfig().halls[0]!;
const win = <S extends WindowView['state']>(n: number, state: S, extra: Partial<Omit<WindowView, 'state'>> = {}) => ({
  id: `t1-${n}`, number: n, state, covering: false, ...(state === 'closed' ? {} : { onDuty: `s${n}` }), ...extra,
});
const snapshot = (windows: WindowView[], queues: Record<string, number>, waiting: TicketView[] = []): HallSnapshot => ({
  hallId: 't1', lastEventId: 0, date: '20261123', windows, recentCalls: [], waiting: waiting.map((t) => ({ ...t, queuedAt: t.issuedAt })),
  queues: Object.entries(queues).map(([serviceId, n]) => ({ serviceId, waiting: n })),
});
const ticket = <S extends TicketStatus>(id: string, serviceId: string, status: S, extra: Partial<Omit<TicketView, 'status'>> = {}) => ({
  id, number: id.slice(-4), serviceId, priority: 'normal' as const, status, issuedAt: T0 - 60 * MIN, recalls: 0, noShows: 0, transfers: 0, ...extra,
});
let eventId = 0;
type Change = HallEvent extends infer E ? (E extends HallEvent ? Omit<E, 'id' | 'at' | 'hallId'> : never) : never;
const event = (change: Change): HallEvent => ({ id: ++eventId, at: T0, hallId: 't1', ...change });

describe('a hall’s load, kept from its events', () => {
  it('learns the minutes per ticket of each service from completed tickets, from call to finish', () => {
    const load = new HallLoad(hall);
    load.reset(snapshot([win(1, 'idle')], { social: 0 }));
    expect(load.handling('social')).toBe(10); // the standard minutes
    for (const minutes of [6, 8]) {
      const done = ticket(`t1-20261123-A00${minutes}`, 'social', 'done', { windowId: 't1-1', calledAt: T0, startedAt: T0 + MIN, finishedAt: T0 + minutes * MIN });
      load.apply(event({ type: 'ticket.completed', ticket: done, window: win(1, 'idle'), staffId: 's1' }));
    }
    expect(load.handling('social')).toBe(7);
    expect(load.handling('land')).toBe(15);
  });

  it('counts a primary-tier window always, and a lower-tier one only while its own services have nobody waiting', () => {
    const load = new HallLoad(hall);
    // Window 1 calls social first, window 2 land first. Land has people waiting: window 2 is not social's.
    load.reset(snapshot([win(1, 'idle'), win(2, 'idle'), win(3, 'idle')], { social: 5, land: 2 }));
    const me = { id: 't1-20261123-A005', serviceId: 'social' };
    expect(load.estimate(me, 4, T0)).toBe(40);
    // Land is empty now: window 2 helps with social.
    const called = ticket('t1-20261123-B001', 'land', 'called', { windowId: 't1-2', calledAt: T0 });
    load.apply(event({ type: 'ticket.called', window: win(2, 'called', { ticketId: called.id }), queues: [{ serviceId: 'land', waiting: 0 }], ticket: called, staffId: 's2' }));
    // 4 ahead × 10 min + window 2's land ticket, 15 min whole (just called), over 2 windows.
    // (40 + 15) / 2 = 27.5, rounded to 28.
    expect(load.estimate(me, 4, T0)).toBe(28);
  });

  it('leaves out closed and paused windows, and windows whose staffer is away', () => {
    const load = new HallLoad(hall);
    load.reset(snapshot([win(1, 'paused', { pauseReason: 'meal' }), win(2, 'closed'), win(3, 'idle')], { social: 3, land: 0, tax: 1 }));
    expect(load.estimate({ id: 'x', serviceId: 'social' }, 3, T0)).toBeNull();
    expect(load.estimate({ id: 'y', serviceId: 'tax' }, 1, T0)).toBe(8);
  });

  it('counts what is left of the ticket a window serves, from its call', () => {
    const load = new HallLoad(hall);
    load.reset(snapshot([win(1, 'idle')], { social: 1 }));
    const serving = ticket('t1-20261123-A001', 'social', 'serving', { windowId: 't1-1', calledAt: T0 - 4 * MIN, startedAt: T0 - 3 * MIN });
    load.apply(event({ type: 'ticket.started', window: win(1, 'serving', { ticketId: serving.id }), ticket: serving, staffId: 's1' }));
    expect(load.estimate({ id: 'z', serviceId: 'social' }, 0, T0)).toBe(6);
    expect(load.estimate({ id: 'z', serviceId: 'social' }, 2, T0)).toBe(26);
  });

  it('tells a fresh 绿色通道 ticket that normal tickets about to pass the ageing limit go first', () => {
    const load = new HallLoad(hall);
    // Three normal tickets waited 25, 20 and 5 minutes; one window, busy for 10 more minutes; 10 minutes a ticket.
    const waiting = [25, 20, 5].map((ago, i) => ticket(`t1-20261123-A00${i + 1}`, 'social', 'waiting', { issuedAt: T0 - ago * MIN }));
    const serving = ticket('t1-20261123-B009', 'land', 'serving', { windowId: 't1-1', calledAt: T0 - 5 * MIN });
    load.reset({ ...snapshot([win(1, 'serving', { ticketId: serving.id })], { social: 3 }, waiting), recentCalls: [serving] });
    const green = ticket('t1-20261123-A004', 'social', 'waiting', { priority: 'priority', issuedAt: T0 });
    load.apply(event({ type: 'ticket.issued', ticket: green, queues: [{ serviceId: 'social', waiting: 4 }] }));
    // The store says nobody is ahead. But when the window is free in 10 minutes, A001 and A002 have
    // waited 30 minutes or more and are called first; 20 minutes later A003 has too: 40, not 10.
    expect(load.estimate(green, 0, T0)).toBe(40);
    // A normal ticket issued now has all four before it in any order.
    const normal = ticket('t1-20261123-A005', 'social', 'waiting', { issuedAt: T0 });
    load.apply(event({ type: 'ticket.issued', ticket: normal, queues: [{ serviceId: 'social', waiting: 5 }] }));
    expect(load.estimate(normal, 4, T0)).toBe(50);
  });
});
