import { describe, expect, it } from 'vitest';
import { estimateWait, HallLoad, meanHandling, remainingMinutes } from '../../server/domain/estimate.js';
import type { HallEvent, HallSnapshot, TicketView, WindowView } from '../../server/protocol.js';
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

  it('gives no estimate when no open window calls the service', () => {
    expect(estimateWait({ ahead: 2, handlingMinutes: 10, windows: [] })).toBeNull();
    expect(estimateWait({ ahead: 2, handlingMinutes: 10, windows: [{ share: 0, remainingMinutes: 3 }] })).toBeNull();
  });

  it('uses the mean of recent handlings, or the standard minutes when there are none', () => {
    expect(meanHandling([], 8)).toBe(8);
    expect(meanHandling([4, 6, 11], 8)).toBe(7);
  });

  it('counts a called ticket whole and a started one by what is left', () => {
    expect(remainingMinutes({ state: 'called' }, 10, T0)).toBe(10);
    expect(remainingMinutes({ state: 'serving', startedAt: T0 - 3 * MIN }, 10, T0)).toBe(7);
    expect(remainingMinutes({ state: 'serving', startedAt: T0 - 30 * MIN }, 10, T0)).toBe(0);
    expect(remainingMinutes({ state: 'idle' }, 10, T0)).toBe(0);
  });
});

// Test hall: window 1 [[social],[land]], window 2 [[land],[social]], window 3 [[tax]].
const hall = testConfig().halls[0]!;
const win = (n: number, state: WindowView['state'], extra: Partial<WindowView> = {}): WindowView => ({
  id: `t1-${n}`, number: n, state, covering: false, ...(state === 'closed' ? {} : { onDuty: `s${n}` }), ...extra,
});
const snapshot = (windows: WindowView[], queues: Record<string, number>): HallSnapshot => ({
  hallId: 't1', lastEventId: 0, date: '20261123', windows, recentCalls: [], waiting: [],
  queues: Object.entries(queues).map(([serviceId, waiting]) => ({ serviceId, waiting })),
});
const ticket = (id: string, serviceId: string, extra: Partial<TicketView> = {}): TicketView => ({
  id, number: id.slice(-4), serviceId, priority: 'normal', status: 'serving', issuedAt: T0 - 60 * MIN, recalls: 0, noShows: 0, transfers: 0, ...extra,
});
let eventId = 0;
const event = (type: HallEvent['type'], extra: Partial<HallEvent>): HallEvent => ({ id: ++eventId, type, at: T0, hallId: 't1', ...extra });

describe('a hall’s load, kept from its events', () => {
  it('learns the handling time of each service from completed tickets', () => {
    const load = new HallLoad(hall);
    load.reset(snapshot([win(1, 'idle')], { social: 0 }));
    expect(load.handling('social')).toBe(10); // the standard minutes
    for (const minutes of [6, 8]) {
      load.apply(event('ticket.completed', { ticket: ticket(`t1-20261123-A00${minutes}`, 'social', { status: 'done', startedAt: T0, finishedAt: T0 + minutes * MIN }) }));
    }
    expect(load.handling('social')).toBe(7);
    expect(load.handling('land')).toBe(15);
  });

  it('counts a primary-tier window always, and a lower-tier one only while its own services have nobody waiting', () => {
    const load = new HallLoad(hall);
    // Window 1 calls social first, window 2 land first. Land has people waiting: window 2 is not social's.
    load.reset(snapshot([win(1, 'idle'), win(2, 'idle'), win(3, 'idle')], { social: 4, land: 2 }));
    expect(load.estimate('social', 4, T0)).toBe(40);
    // Land is empty now: window 2 helps with social.
    load.apply(event('ticket.called', { window: win(2, 'called', { ticketId: 't1-20261123-B001' }), queues: [{ serviceId: 'land', waiting: 0 }], ticket: ticket('t1-20261123-B001', 'land', { status: 'called', windowId: 't1-2' }) }));
    // 4 ahead × 10 min + window 2's land ticket, 15 min whole (called, not started), over 2 windows.
    expect(load.estimate('social', 4, T0)).toBe(Math.round((40 + 15) / 2));
  });

  it('leaves out closed and paused windows, and windows whose staffer is away', () => {
    const load = new HallLoad(hall);
    load.reset(snapshot([win(1, 'paused', { pauseReason: 'meal' }), win(2, 'closed'), win(3, 'idle')], { social: 3, land: 0 }));
    expect(load.estimate('social', 3, T0)).toBeNull();
    expect(load.estimate('tax', 1, T0)).toBe(8);
  });

  it('counts what is left of the ticket a window serves, from when it started', () => {
    const load = new HallLoad(hall);
    load.reset(snapshot([win(1, 'idle')], { social: 1 }));
    const serving = ticket('t1-20261123-A001', 'social', { windowId: 't1-1', startedAt: T0 - 4 * MIN });
    load.apply(event('ticket.started', { window: win(1, 'serving', { ticketId: serving.id }), ticket: serving }));
    expect(load.estimate('social', 0, T0)).toBe(6);
    expect(load.estimate('social', 2, T0)).toBe(26);
  });
});
