/**
 * The end of the business day (server/store/lua/sweep.lua has the rule): at closing time every
 * window not holding a ticket signs its staff out and closes; a window still serving a citizen
 * closes as soon as it lets the ticket go; the midnight rollover ends whatever is left. Expected
 * events are written by hand from that rule.
 */
import { QueueEvents } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { rollOverDay } from '../../server/commands/rollOverDay.js';
import { sweepDay } from '../../server/commands/sweepDay.js';
import { callNext } from '../../server/commands/callNext.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { markNoShow } from '../../server/commands/markNoShow.js';
import { markAway } from '../../server/commands/markAway.js';
import { rateTicket, ratingRequest } from '../../server/commands/rateTicket.js';
import { signIn } from '../../server/commands/signIn.js';
import { startService } from '../../server/commands/startService.js';
import { transferTicket } from '../../server/commands/transferTicket.js';
import { dutyIntervals } from '../../server/domain/facts.js';
import { businessDayQueue, businessDayWorker } from '../../server/jobs/businessDayQueue.js';
import type { HallEvent, HallEventOf, WindowView } from '../../server/protocol.js';
import { testConfig, testHall, type TestHall } from '../helpers/hall.js';
import { REDIS_TARGET } from '../helpers/redis.js';
import { bullPrefix } from '../../server/store/keys.js';
import { bullConnection } from '../../server/store/redisClient.js';

/** Five windows calling 社保; window 5 has nobody. Window 3 has an A and a B post. */
const layout = {
  windows: [1, 2, 3, 4, 5].map((number) => ({ number, name: `窗口${number}`, tiers: [['social'], ['land']] })),
  staff: [
    { id: 'a1', name: '甲一', posts: [{ window: 1, post: 'A' }] },
    { id: 'a2', name: '甲二', posts: [{ window: 2, post: 'A' }] },
    { id: 'a3', name: '甲三', posts: [{ window: 3, post: 'A' }] },
    { id: 'b3', name: '乙三', posts: [{ window: 3, post: 'B' }] },
    { id: 'a4', name: '甲四', posts: [{ window: 4, post: 'A' }] },
  ],
};
// 08:30–17:30, lunch 12:00–13:30; no sign-out window, so the closing job signs everyone out at
// 17:30 (with the default window it ends only the tickets then: sign-out-window.test.ts).
const closingAt1730 = testConfig({ ...layout, attendance: { signOutWindowMinutes: 0 } });
const roundTheClock = testConfig({ ...layout, schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } });
const at = (iso: string) => Date.parse(iso);
const MON = (hhmm: string) => at(`2026-11-23T${hhmm}:00+08:00`);
const TUE = (hhmm: string) => at(`2026-11-24T${hhmm}:00+08:00`);
const noQueues = [
  { serviceId: 'social', waiting: 0 },
  { serviceId: 'land', waiting: 0 },
  { serviceId: 'tax', waiting: 0 },
];

let h: TestHall;
afterEach(() => h?.cleanup());

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  expect(r).toMatchObject({ ok: true });
  return r as Extract<T, { ok: true }>;
};
const w = (n: number, staffId: string) => ({ windowId: `t1-${n}`, staffId });
const issue = async () => ok(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).ticket;
const lastId = () => h.ctx.store.lastEventId('t1');
/** Events as flat records: the assertions list fields across types (undefined where a type has none). */
type Flat = HallEvent & { ticket?: HallEventOf<'ticket.called'>['ticket']; window?: WindowView; staffId?: string; reason?: string; date?: string; count?: number };
const flat = (events: HallEvent[]): Flat[] => events as Flat[];
const eventsSince = async (id: number): Promise<Flat[]> => flat((await h.ctx.store.eventsAfter('t1', id, 1000))!);
const windows = async () =>
  (await h.ctx.store.snapshot('t1', { windows: h.ctx.halls.get('t1')!.windowIds(), services: [], classes: [] })).windows;
/** Is the staffer held at a window (the record that refuses a sign-in elsewhere)? */
const signedIn = async (staffId: string) => (await h.ctx.store.redis.exists(`${h.ctx.store.prefix('t1')}s:${staffId}`)) === 1;

/** Window 1 idle, 2 paused (its only post at a meeting), 3 with A away and B covering, 4 serving A001; A002 waits. */
async function aBusyAfternoon(): Promise<void> {
  ok(await signIn(h.ctx, { ...w(1, 'a1'), post: 'A' }));
  ok(await signIn(h.ctx, { ...w(2, 'a2'), post: 'A' }));
  ok(await markAway(h.ctx, { ...w(2, 'a2'), reason: 'meeting' }));
  ok(await signIn(h.ctx, { ...w(3, 'a3'), post: 'A' }));
  ok(await signIn(h.ctx, { ...w(3, 'b3'), post: 'B' }));
  ok(await markAway(h.ctx, { ...w(3, 'a3'), reason: 'errand' }));
  ok(await signIn(h.ctx, { ...w(4, 'a4'), post: 'A' }));
  await issue(); // A001
  await issue(); // A002
  ok(await callNext(h.ctx, w(4, 'a4')));
  ok(await startService(h.ctx, w(4, 'a4')));
}

describe('the end of the business day at closing time', () => {
  it('signs out every post and closes idle, paused and covered windows; a serving window stays open', async () => {
    h = await testHall('eod-close', closingAt1730, MON('16:00'));
    await aBusyAfternoon();
    const before = await lastId();
    h.at(MON('17:30'));
    const ended = ok(await sweepDay(h.ctx, { hallId: 't1' }));
    expect(ended.count).toBe(1);

    const common = { at: MON('17:30'), hallId: 't1' };
    const closed = (n: number) => ({ id: `t1-${n}`, number: n, state: 'closed', covering: false });
    const signedOut = (staffId: string, window: object) => ({ type: 'staff.signedOut', staffId, reason: 'end_of_day', date: '20261123', window });
    const windowClosed = (n: number) => ({ type: 'window.closed', staffId: 'system', reason: 'end_of_day', date: '20261123', window: closed(n) });
    const expected = [
      { type: 'ticket.cancelled', reason: 'end_of_day' },
      signedOut('a1', closed(1)),
      windowClosed(1),
      signedOut('a2', closed(2)),
      windowClosed(2),
      // A leaves first: B, on duty, still holds the window; then B, and it is closed.
      signedOut('a3', { id: 't1-3', number: 3, state: 'idle', postB: 'b3', onDuty: 'b3', covering: true }),
      signedOut('b3', closed(3)),
      windowClosed(3),
      { type: 'day.swept', date: '20261123', count: 1, queues: noQueues },
    ].map((e, i) => ({ id: before + 1 + i, ...common, ...e }));
    const events = await eventsSince(before);
    // Exactly these fields: nothing else travels with an end-of-day event.
    expect(events.map(({ ticket: _t, ...e }) => e)).toEqual(expected);
    expect(events[0]!.ticket).toMatchObject({ number: 'A002', status: 'cancelled', finishedAt: MON('17:30') });
    expect(ended.events).toEqual(events);

    // The citizen at window 4 is not cut off: the window and its ticket are as they were.
    expect(await windows()).toEqual([
      closed(1),
      closed(2),
      closed(3),
      { id: 't1-4', number: 4, state: 'serving', ticketId: 't1-20261123-A001', ticketNumber: 'A001', postA: 'a4', onDuty: 'a4', covering: false },
      closed(5),
    ]);
    // Nobody signed out is still held at a window: each may sign in again.
    for (const staffId of ['a1', 'a2', 'a3', 'b3']) expect(await signedIn(staffId)).toBe(false);
    expect(await signedIn('a4')).toBe(true);
  });

  it('closes a serving window as soon as its ticket is completed after closing time, signing its staff out', async () => {
    h = await testHall('eod-busy', closingAt1730, MON('16:00'));
    await aBusyAfternoon();
    h.at(MON('17:30'));
    ok(await sweepDay(h.ctx, { hallId: 't1' }));
    const before = await lastId();

    h.at(MON('17:42'));
    const done = ok(await completeTicket(h.ctx, { ...w(4, 'a4'), outcome: 'completed' }));
    const events = await eventsSince(before);
    expect(events.map((e) => [e.type, e.staffId, e.reason, e.date, e.window?.state])).toEqual([
      ['ticket.completed', 'a4', undefined, undefined, 'idle'],
      ['staff.signedOut', 'a4', 'end_of_day', '20261123', 'closed'],
      ['window.closed', 'system', 'end_of_day', '20261123', 'closed'],
    ]);
    expect(events.every((e) => e.at === MON('17:42'))).toBe(true);
    // The counter terminal learns both: the ticket is done and the window is now closed.
    expect(done.ticket).toMatchObject({ number: 'A001', status: 'done', outcome: 'completed', finishedAt: MON('17:42') });
    expect(done.window).toEqual({ id: 't1-4', number: 4, state: 'closed', covering: false });
    expect(await signedIn('a4')).toBe(false);
    // Closed, the window calls nobody until someone signs in again.
    expect(await callNext(h.ctx, w(4, 'a4'))).toMatchObject({ ok: false, reason: 'window_closed' });
    // Attendance (the archive's duty fold) reads every interval of the day as ended by the day's
    // end: at closing time for the idle windows, at 17:42 for the one that served on.
    const hallT1 = h.ctx.halls.get('t1')!;
    const duty = dutyIntervals(await eventsSince(0), (t) => hallT1.businessDay(t));
    expect(duty.map((i) => [i.kind, i.staffId, i.windowId, i.endAt, i.endCause]).sort()).toEqual(
      [
        ['away', 'a2', 't1-2', MON('17:30'), 'end_of_day'],
        ['away', 'a3', 't1-3', MON('17:30'), 'end_of_day'],
        ['cover', 'b3', 't1-3', MON('17:30'), 'end_of_day'],
        ['duty', 'a1', 't1-1', MON('17:30'), 'end_of_day'],
        ['duty', 'a2', 't1-2', MON('17:30'), 'end_of_day'],
        ['duty', 'a3', 't1-3', MON('17:30'), 'end_of_day'],
        ['duty', 'a4', 't1-4', MON('17:42'), 'end_of_day'],
        ['duty', 'b3', 't1-3', MON('17:30'), 'end_of_day'],
      ].sort(),
    );
    // The citizen still rates at the closed window's pad.
    h.at(MON('17:43'));
    const asked = await ratingRequest(h.ctx, hallT1, 't1-4');
    expect(asked).toMatchObject({ ticket: { number: 'A001' } });
    const rated = await rateTicket(h.ctx, { ticketId: asked!.ticket.id, rateToken: asked!.rateToken, level: 5, channel: 'pad', windowId: 't1-4' });
    expect(rated).toMatchObject({ ok: true, rating: { level: 5, windowId: 't1-4', staffId: 'a4' } });
  });

  it('after closing time a no-show is missed, not re-queued, and a transfer still lets the window close', async () => {
    h = await testHall('eod-release', closingAt1730, MON('16:00'));
    ok(await signIn(h.ctx, { ...w(1, 'a1'), post: 'A' }));
    ok(await signIn(h.ctx, { ...w(2, 'a2'), post: 'A' }));
    await issue(); // A001 → window 1, never comes
    await issue(); // A002 → window 2, belongs to 国土
    ok(await callNext(h.ctx, w(1, 'a1')));
    ok(await callNext(h.ctx, w(2, 'a2')));
    ok(await startService(h.ctx, w(2, 'a2')));
    h.at(MON('17:30'));
    const ended = ok(await sweepDay(h.ctx, { hallId: 't1' }));
    expect(flat(ended.events).map((e) => e.type)).toEqual(['day.swept']); // both windows busy: nothing closes yet

    h.at(MON('17:33'));
    const before = await lastId();
    // The hall's rules re-queue a first no-show (noShowRequeueLimit 1); the day is over, so not now.
    const missed = ok(await markNoShow(h.ctx, w(1, 'a1')));
    expect(missed.ticket).toMatchObject({ number: 'A001', status: 'missed', noShows: 1, finishedAt: MON('17:33') });
    expect(missed.window).toMatchObject({ id: 't1-1', state: 'closed' });

    h.at(MON('17:35'));
    const moved = ok(await transferTicket(h.ctx, { ...w(2, 'a2'), toServiceId: 'land' }));
    expect(moved.ticket).toMatchObject({ number: 'A002', status: 'waiting', transferTo: 'land' });
    expect(moved.window).toMatchObject({ id: 't1-2', state: 'closed' });
    expect((await eventsSince(before)).map((e) => [e.type, e.staffId, e.reason, e.window?.id])).toEqual([
      ['ticket.noShow', 'a1', undefined, 't1-1'],
      ['staff.signedOut', 'a1', 'end_of_day', 't1-1'],
      ['window.closed', 'system', 'end_of_day', 't1-1'],
      ['ticket.transferred', 'a2', undefined, 't1-2'],
      ['staff.signedOut', 'a2', 'end_of_day', 't1-2'],
      ['window.closed', 'system', 'end_of_day', 't1-2'],
    ]);

    // Nobody calls the transferred ticket tonight: the rollover cancels it as the day's leftover.
    h.at(TUE('00:00'));
    const rolled = ok(await rollOverDay(h.ctx, { hallId: 't1' }));
    expect(flat(rolled.events).map((e) => [e.type, e.ticket?.number, e.reason, e.date])).toEqual([
      ['ticket.cancelled', 'A002', 'previous_day', undefined],
      ['day.swept', undefined, undefined, '20261123'],
      ['day.rolledOver', undefined, undefined, '20261124'],
    ]);
  });

  it('ends a day once however often the job fires, through the worker, and the rollover finds nothing left to close', async () => {
    h = await testHall('eod-twice', closingAt1730, MON('16:00'));
    const bull = bullConnection(REDIS_TARGET);
    const { connection } = bull;
    const prefix = bullPrefix(h.ctx.store.keyPrefix);
    const queue = businessDayQueue(connection, prefix);
    const queueEvents = new QueueEvents(queue.name, { connection, prefix, lastEventId: '0-0' }); // from the start: an event before its first read is not missed
    const worker = businessDayWorker(h.ctx, connection, prefix);
    try {
      await aBusyAfternoon();
      ok(await completeTicket(h.ctx, { ...w(4, 'a4'), outcome: 'completed' }));
      const before = await lastId();
      h.at(MON('17:30'));
      // Two hubs, a retry: three firings of the same day's closing job.
      for (let i = 0; i < 3; i++) {
        const job = await queue.add('sweep', { hallId: 't1' });
        // A002 cancelled; 4 windows × (sign-outs + close): 1+1, 1+1, 2+1, 1+1; day.swept.
        expect(await job.waitUntilFinished(queueEvents, 10_000)).toEqual({ events: 1 + 2 + 2 + 3 + 2 + 1 });
      }
      expect(await lastId()).toBe(before + 11);
      expect((await eventsSince(before)).filter((e) => e.type === 'window.closed').map((e) => e.window!.id)).toEqual(['t1-1', 't1-2', 't1-3', 't1-4']);

      h.at(TUE('00:00'));
      const job = await queue.add('rollover', { hallId: 't1' });
      expect(await job.waitUntilFinished(queueEvents, 10_000)).toEqual({ events: 2 });
      expect((await eventsSince(before + 11)).map((e) => [e.type, e.date, e.count])).toEqual([
        ['day.swept', '20261123', 0],
        ['day.rolledOver', '20261124', undefined],
      ]);
    } finally {
      await worker.close();
      await queueEvents.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await bull.close();
    }
  });

  it('leaves the lunch break alone: only the closing time ends the day', async () => {
    h = await testHall('eod-lunch', closingAt1730, MON('11:50'));
    ok(await signIn(h.ctx, { ...w(1, 'a1'), post: 'A' }));
    ok(await markAway(h.ctx, { ...w(1, 'a1'), reason: 'meal' }));
    const before = await lastId();
    // The closing job run by hand at lunch (or by a hub started after midnight) does nothing.
    for (const hhmm of ['12:00', '13:00', '17:29']) {
      h.at(MON(hhmm));
      expect(await sweepDay(h.ctx, { hallId: 't1' })).toEqual({ ok: true, events: [], count: 0 });
    }
    expect(await lastId()).toBe(before);
    expect((await windows())[0]).toMatchObject({ state: 'paused', postA: 'a1', awayA: 'meal' });
  });
});

describe('the midnight rollover, the last resort', () => {
  it('cancels a ticket still called or served at a window since closing time, then signs out and closes', async () => {
    h = await testHall('eod-last-resort', closingAt1730, MON('16:00'));
    ok(await signIn(h.ctx, { ...w(1, 'a1'), post: 'A' }));
    ok(await signIn(h.ctx, { ...w(2, 'a2'), post: 'A' }));
    await issue(); // A001: called at window 1, never comes, nobody marks it
    await issue(); // A002: served at window 2, nobody completes it
    ok(await callNext(h.ctx, w(1, 'a1')));
    ok(await callNext(h.ctx, w(2, 'a2')));
    ok(await startService(h.ctx, w(2, 'a2')));
    h.at(MON('17:30'));
    ok(await sweepDay(h.ctx, { hallId: 't1' }));

    h.at(TUE('00:00'));
    const before = await lastId();
    const rolled = ok(await rollOverDay(h.ctx, { hallId: 't1' }));
    const events = await eventsSince(before);
    expect(rolled.events).toEqual(events);
    expect(events.map((e) => [e.type, e.ticket?.number, e.ticket?.status, e.staffId, e.reason, e.date, e.window?.id, e.window?.state])).toEqual([
      ['ticket.cancelled', 'A001', 'cancelled', undefined, 'previous_day', undefined, 't1-1', 'idle'],
      ['staff.signedOut', undefined, undefined, 'a1', 'end_of_day', '20261123', 't1-1', 'closed'],
      ['window.closed', undefined, undefined, 'system', 'end_of_day', '20261123', 't1-1', 'closed'],
      ['ticket.cancelled', 'A002', 'cancelled', undefined, 'previous_day', undefined, 't1-2', 'idle'],
      ['staff.signedOut', undefined, undefined, 'a2', 'end_of_day', '20261123', 't1-2', 'closed'],
      ['window.closed', undefined, undefined, 'system', 'end_of_day', '20261123', 't1-2', 'closed'],
      ['day.swept', undefined, undefined, undefined, undefined, '20261123', undefined, undefined],
      ['day.rolledOver', undefined, undefined, undefined, undefined, '20261124', undefined, undefined],
    ]);
    // The cancelled tickets still say where they were and how far they got.
    expect(events[0]!.ticket).toMatchObject({ windowId: 't1-1', staffId: 'a1', finishedAt: TUE('00:00') });
    expect(events[0]!.ticket!.startedAt).toBeUndefined();
    expect(events[3]!.ticket).toMatchObject({ windowId: 't1-2', staffId: 'a2', startedAt: MON('16:00'), finishedAt: TUE('00:00') });
    expect(events[6]).toMatchObject({ count: 2, queues: noQueues });
    // A press from a terminal left on overnight finds the window closed.
    expect(await completeTicket(h.ctx, { ...w(2, 'a2'), outcome: 'completed' })).toMatchObject({ ok: false, reason: 'window_closed' });
  });

  it('ends the day of a hub that was down at closing time, and the late closing job then does nothing', async () => {
    h = await testHall('eod-catch-up', closingAt1730, MON('16:00'));
    await aBusyAfternoon();
    // No closing job ran at 17:30.
    h.at(TUE('00:00'));
    const before = await lastId();
    ok(await rollOverDay(h.ctx, { hallId: 't1' }));
    expect((await eventsSince(before)).map((e) => [e.type, e.ticket?.number ?? e.staffId, e.reason, e.date])).toEqual([
      ['ticket.cancelled', 'A002', 'previous_day', undefined],
      ['staff.signedOut', 'a1', 'end_of_day', '20261123'],
      ['window.closed', 'system', 'end_of_day', '20261123'],
      ['staff.signedOut', 'a2', 'end_of_day', '20261123'],
      ['window.closed', 'system', 'end_of_day', '20261123'],
      ['staff.signedOut', 'a3', 'end_of_day', '20261123'],
      ['staff.signedOut', 'b3', 'end_of_day', '20261123'],
      ['window.closed', 'system', 'end_of_day', '20261123'],
      ['ticket.cancelled', 'A001', 'previous_day', undefined],
      ['staff.signedOut', 'a4', 'end_of_day', '20261123'],
      ['window.closed', 'system', 'end_of_day', '20261123'],
      ['day.swept', undefined, undefined, '20261123'],
      ['day.rolledOver', undefined, undefined, '20261124'],
    ]);

    // Tuesday: a1 signs in; the hub comes back and BullMQ runs Monday's missed closing job late.
    h.at(TUE('08:40'));
    ok(await signIn(h.ctx, { ...w(1, 'a1'), post: 'A' }));
    h.at(TUE('08:45'));
    expect(await sweepDay(h.ctx, { hallId: 't1' })).toEqual({ ok: true, events: [], count: 0 });
    expect((await windows())[0]).toMatchObject({ state: 'idle', postA: 'a1' });
    // Tuesday's own closing is not taken for done.
    h.at(TUE('17:30'));
    const tuesday = ok(await sweepDay(h.ctx, { hallId: 't1' }));
    expect(flat(tuesday.events).map((e) => [e.type, e.staffId, e.date])).toEqual([
      ['staff.signedOut', 'a1', '20261124'],
      ['window.closed', 'system', '20261124'],
      ['day.swept', undefined, '20261124'],
    ]);
  });
});

describe('a hall open until 24:00', () => {
  it('ends its day at the midnight rollover, letting a serving window finish; a window still busy a day later is cut', async () => {
    h = await testHall('eod-24h', roundTheClock, MON('23:50'));
    ok(await signIn(h.ctx, { ...w(1, 'a1'), post: 'A' }));
    ok(await signIn(h.ctx, { ...w(2, 'a2'), post: 'A' }));
    ok(await signIn(h.ctx, { ...w(4, 'a4'), post: 'A' }));
    await issue(); // A001 → window 4, served across midnight
    await issue(); // A002 → window 2, called and forgotten
    await issue(); // A003 waits
    ok(await callNext(h.ctx, w(4, 'a4')));
    ok(await startService(h.ctx, w(4, 'a4')));
    ok(await callNext(h.ctx, w(2, 'a2')));
    // No closing job for this hall: run by hand, it does nothing.
    expect(await sweepDay(h.ctx, { hallId: 't1' })).toEqual({ ok: true, events: [], count: 0 });

    h.at(TUE('00:00'));
    const rolled = ok(await rollOverDay(h.ctx, { hallId: 't1' }));
    expect(flat(rolled.events).map((e) => [e.type, e.ticket?.number ?? e.staffId, e.reason, e.date])).toEqual([
      ['ticket.cancelled', 'A003', 'previous_day', undefined],
      ['staff.signedOut', 'a1', 'end_of_day', '20261123'],
      ['window.closed', 'system', 'end_of_day', '20261123'],
      ['day.swept', undefined, undefined, '20261123'],
      ['day.rolledOver', undefined, undefined, '20261124'],
    ]);

    h.at(TUE('00:04'));
    const done = ok(await completeTicket(h.ctx, { ...w(4, 'a4'), outcome: 'completed' }));
    expect(flat(done.events).map((e) => [e.type, e.staffId, e.reason, e.date])).toEqual([
      ['ticket.completed', 'a4', undefined, undefined],
      ['staff.signedOut', 'a4', 'end_of_day', '20261123'],
      ['window.closed', 'system', 'end_of_day', '20261123'],
    ]);
    // a4 works on into Tuesday at the same window.
    ok(await signIn(h.ctx, { ...w(4, 'a4'), post: 'A' }));

    // Window 2 still holds A002 at the next midnight: now it is cut, with Monday's date.
    h.at(at('2026-11-25T00:00:00+08:00'));
    const next = ok(await rollOverDay(h.ctx, { hallId: 't1' }));
    expect(flat(next.events).map((e) => [e.type, e.ticket?.number ?? e.staffId, e.reason, e.date])).toEqual([
      ['ticket.cancelled', 'A002', 'previous_day', undefined],
      ['staff.signedOut', 'a2', 'end_of_day', '20261123'],
      ['window.closed', 'system', 'end_of_day', '20261123'],
      ['staff.signedOut', 'a4', 'end_of_day', '20261124'],
      ['window.closed', 'system', 'end_of_day', '20261124'],
      ['day.swept', undefined, undefined, '20261124'],
      ['day.rolledOver', undefined, undefined, '20261125'],
    ]);
  });
});
