/**
 * The hall's rules in server/domain, each worked out by hand on a small case. (The differential
 * test proves the Lua scripts agree with these functions on generated halls; this file says what
 * the functions themselves mean.)
 */
import { actorRefusal, awayRefusal, isCovering, onDuty, settle } from '../../server/domain/duty.js';
import { noShowFate, requeuedAt } from '../../server/domain/requeue.js';
import { aheadOf, callingOrder, tierCallingNow, type Waiting } from '../../server/domain/routing.js';

const MIN = 60_000;
const T = 1_795_395_600_000; // 2026-11-23 09:00 Shanghai
const rules = { classRank: { priority: 0, appointment: 1, normal: 2 }, ageingMs: 30 * MIN };
const cls = (id: string, priority: 'priority' | 'appointment' | 'normal', minutesAgo: number, serviceId = 'social'): Waiting => ({ id, place: { kind: 'class', serviceId, priority }, queuedAt: T - minutesAgo * MIN });

describe('the calling order', () => {
  it('ties two tickets queued in the same millisecond by id, across classes once both have aged', () => {
    const a = cls('t1-A002', 'normal', 40);
    const b = cls('t1-A001', 'appointment', 40);
    // Both rank 0 (aged), same time: A001 first, whatever its class.
    expect(callingOrder([a, b], { id: 'w', tiers: [['social']] }, rules, T).map((t) => t.id)).toEqual(['t1-A001', 't1-A002']);
    expect(aheadOf(a, [a, b], rules, T)).toBe(1);
    expect(aheadOf(b, [a, b], rules, T)).toBe(0);
  });

  it('ages a ticket at exactly the limit, not a millisecond later', () => {
    const normal: Waiting = { ...cls('n', 'normal', 0), queuedAt: T - 30 * MIN };
    const urgent = cls('p', 'priority', 1);
    expect(callingOrder([urgent, normal], { id: 'w', tiers: [['social']] }, rules, T).map((t) => t.id)).toEqual(['n', 'p']);
    expect(callingOrder([urgent, normal], { id: 'w', tiers: [['social']] }, rules, T - 1).map((t) => t.id)).toEqual(['p', 'n']);
  });

  it('calls a lower tier only while every tier above is empty', () => {
    const waiting: Record<string, number> = { social: 0, land: 2 };
    expect(tierCallingNow({ tiers: [['land'], ['social']] }, 'social', (s) => waiting[s] ?? 0)).toBeNull();
    expect(tierCallingNow({ tiers: [['social'], ['land']] }, 'land', (s) => waiting[s] ?? 0)).toBe(1);
    expect(tierCallingNow({ tiers: [['social']] }, 'land', (s) => waiting[s] ?? 0)).toBeNull();
  });
});

describe('no-show re-queueing', () => {
  it('places a no-show between the places-th and the next ticket, at their midpoint', () => {
    // Queue at 100, 200, 300; 2 places back: between 200 and 300.
    expect(requeuedAt([300, 100, 200], 2, 999)).toBe(250);
  });

  it('puts it half a millisecond after two tickets of the same millisecond, not between them', () => {
    expect(requeuedAt([100, 200, 200], 2, 999)).toBe(200.5);
  });

  it('puts it 1 ms behind the last when exactly that many wait, at the back when fewer, 1 ms before the head with places 0', () => {
    expect(requeuedAt([100, 200], 2, 150)).toBe(201);
    expect(requeuedAt([100], 2, 999)).toBe(999);
    expect(requeuedAt([100, 200], 0, 999)).toBe(99);
    expect(requeuedAt([], 0, 999)).toBe(999);
  });

  it('re-queues within the limit and misses past it, or once the day has ended', () => {
    const limit = { requeueLimit: 1, requeuePlaces: 3 };
    expect(noShowFate(1, limit, false)).toBe('requeued');
    expect(noShowFate(2, limit, false)).toBe('missed');
    expect(noShowFate(1, limit, true)).toBe('missed');
  });
});

describe('duty at a window', () => {
  it('lets B act while A is away, and shows the window open under B', () => {
    const w = { state: 'idle' as const, postA: 'a', postB: 'b', awayA: 'meal' as const };
    expect(onDuty(w)).toBe('b');
    expect(isCovering(w)).toBe(true);
    expect(actorRefusal(w, 'a')).toBe('staff_away');
    expect(actorRefusal(w, 'b')).toBeNull();
    expect(settle(w)).toEqual({ state: 'idle' });
  });

  it('pauses the window with the reason when nobody signed in is on duty, and closes it when nobody is signed in', () => {
    expect(settle({ state: 'idle', postA: 'a', awayA: 'meeting' })).toEqual({ state: 'paused', pauseReason: 'meeting' });
    expect(settle({ state: 'paused' })).toEqual({ state: 'closed' });
  });

  it('lets the staffer not handling the ticket step away, not the one handling it', () => {
    const w = { state: 'serving' as const, postA: 'a', postB: 'b', ticketId: 't' };
    expect(awayRefusal(w, 'a')).toBe('window_busy');
    expect(awayRefusal(w, 'b')).toBeNull();
  });
});
