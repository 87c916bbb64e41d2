/**
 * The sign-out window after closing (attendance.signOutWindowMinutes, default 60: S24's out punch
 * 17:00–18:00, S40's allow_check_out_after_shift_end_time): at 17:30 the waiting tickets end and
 * the staff stay signed in; a staffer's own 签退 until 18:30 is on time; at 18:30 whoever is left
 * is signed out by the day's end — a missed punch. Expected events and records written by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { signOutDay } from '../../server/commands/signOutDay.js';
import { sweepDay } from '../../server/commands/sweepDay.js';
import { callNext } from '../../server/commands/callNext.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { signIn } from '../../server/commands/signIn.js';
import { signOut } from '../../server/commands/signOut.js';
import { startService } from '../../server/commands/startService.js';
import { attendanceDay } from '../../server/domain/attendance/period.js';
import { dutyIntervals } from '../../server/domain/facts.js';
import type { HallEvent } from '../../server/protocol.js';
import { testConfig, testHall, type TestHall } from '../helpers/hall.js';

const config = testConfig({
  windows: [1, 2, 3, 4].map((number) => ({ number, name: `窗口${number}`, tiers: [['social']] })),
  staff: [
    { id: 'a1', name: '甲一', posts: [{ window: 1, post: 'A' }] },
    { id: 'a2', name: '甲二', posts: [{ window: 2, post: 'A' }] },
    { id: 'a3', name: '甲三', posts: [{ window: 3, post: 'A' }] },
    { id: 'b3', name: '乙三', posts: [{ window: 3, post: 'B' }] },
    { id: 'a4', name: '甲四', posts: [{ window: 4, post: 'A' }] },
  ],
}); // 08:30–17:30, lunch 12:00–13:30; the window is the default 60 minutes
const MON = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+08:00`);
const w = (n: number, staffId: string) => ({ windowId: `t1-${n}`, staffId });

let h: TestHall;
afterEach(() => h?.cleanup());

const ok = async <T extends { ok: boolean }>(p: Promise<T>): Promise<Extract<T, { ok: true }>> => {
  const r = await p;
  expect(r).toMatchObject({ ok: true });
  return r as Extract<T, { ok: true }>;
};
type Flat = HallEvent & { staffId?: string; reason?: string; date?: string; count?: number; window?: { id: string; state: string }; ticket?: { number: string } };
const since = async (id: number) => (await h.ctx.store.eventsAfter('t1', id, 1000))! as Flat[];
const brief = (events: Flat[]) => events.map((e) => [e.type, e.ticket?.number ?? e.staffId, e.reason, e.window?.id]);

describe('the sign-out window after closing', () => {
  it('ends the tickets at closing time, takes each own 签退 in the hour, signs out the rest at its end as missed punches', async () => {
    h = await testHall('sign-out-window', config, MON('08:25'));
    for (const [n, s, post] of [[1, 'a1', 'A'], [2, 'a2', 'A'], [3, 'a3', 'A'], [3, 'b3', 'B'], [4, 'a4', 'A']] as const) {
      await ok(signIn(h.ctx, { ...w(n, s), post }));
    }
    h.at(MON('17:00'));
    await ok(issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })); // A001: window 4 serves it past closing
    await ok(issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })); // A002: still waiting at closing
    await ok(callNext(h.ctx, w(4, 'a4')));
    await ok(startService(h.ctx, w(4, 'a4')));
    h.at(MON('17:29'));
    await ok(signOut(h.ctx, w(3, 'a3'))); // a minute early: b3 holds window 3 on

    h.at(MON('17:30'));
    let mark = await h.ctx.store.lastEventId('t1');
    await ok(sweepDay(h.ctx, { hallId: 't1' }));
    // Only the tickets end: nobody is signed out, no window closes.
    expect(brief(await since(mark))).toEqual([
      ['ticket.cancelled', 'A002', 'end_of_day', undefined],
      ['day.swept', undefined, undefined, undefined],
    ]);

    h.at(MON('17:50'));
    await ok(signOut(h.ctx, w(1, 'a1'))); // on time: inside the hour
    h.at(MON('18:29'));
    mark = await h.ctx.store.lastEventId('t1');
    expect(await signOutDay(h.ctx, { hallId: 't1' })).toEqual({ ok: true, events: [], count: 0 }); // not yet

    h.at(MON('18:30'));
    const ended = await ok(signOutDay(h.ctx, { hallId: 't1' }));
    expect(brief(await since(mark))).toEqual([
      ['staff.signedOut', 'a2', 'end_of_day', 't1-2'],
      ['window.closed', 'system', 'end_of_day', 't1-2'],
      ['staff.signedOut', 'b3', 'end_of_day', 't1-3'],
      ['window.closed', 'system', 'end_of_day', 't1-3'],
      ['day.swept', undefined, undefined, undefined],
    ]);
    expect(ended.count).toBe(0);
    // Window 4 still serves A001: it closes as it lets the ticket go, as at closing time.
    h.at(MON('18:40'));
    await ok(completeTicket(h.ctx, { ...w(4, 'a4'), outcome: 'completed' }));
    // The job firing again the same evening changes nothing.
    mark = await h.ctx.store.lastEventId('t1');
    await ok(signOutDay(h.ctx, { hallId: 't1' }));
    expect(await h.ctx.store.lastEventId('t1')).toBe(mark);

    const hall = h.ctx.halls.get('t1')!;
    const intervals = dutyIntervals(await since(0), (t) => hall.businessDay(t));
    const day = attendanceDay({ hall: config.halls[0]!, intervals, requests: [], now: MON('20:00') }, '2026-11-23');
    const pm = (staffId: string) => day.staff.find((s) => s.staffId === staffId)!.sessions[1];
    // a1 out at 17:50, inside the window: on time. a3 out at 17:29: one minute early.
    expect(pm('a1')).toEqual({ name: 'pm', status: 'present' });
    expect(pm('a3')).toEqual({ name: 'pm', status: 'present', earlyMinutes: 1 });
    // a2, b3 (18:30) and a4 (18:40) never signed out: the day's end did — a missed 签退, the afternoon 旷工 (missedPunch: half_day_absence).
    for (const s of ['a2', 'b3', 'a4']) expect(pm(s)).toEqual({ name: 'pm', status: 'absent', absenceCause: 'missed_punch', missedPunch: 'pm_out' });
    // Window cover counts service minutes only: nothing after 17:30 adds to it.
    expect(day.windows.find((x) => x.windowId === 't1-1')).toMatchObject({ serviceMinutes: 450, coveredMinutes: 450 });
  });

  it('does nothing at closing time for a hall with no window but what it always did, and its sign-out job does nothing', async () => {
    const none = testConfig({ attendance: { signOutWindowMinutes: 0 } });
    h = await testHall('sign-out-window-none', none, MON('16:00'));
    await ok(signIn(h.ctx, { ...w(1, 's1'), post: 'A' }));
    h.at(MON('17:30'));
    const mark = await h.ctx.store.lastEventId('t1');
    await ok(sweepDay(h.ctx, { hallId: 't1' }));
    expect(brief(await since(mark))).toEqual([
      ['staff.signedOut', 's1', 'end_of_day', 't1-1'],
      ['window.closed', 'system', 'end_of_day', 't1-1'],
      ['day.swept', undefined, undefined, undefined],
    ]);
    h.at(MON('18:30'));
    expect(await signOutDay(h.ctx, { hallId: 't1' })).toEqual({ ok: true, events: [], count: 0 });
  });
});
