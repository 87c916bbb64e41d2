/**
 * The desk's pure rules, with expected values worked out by hand: 等候超时 (waitTarget.ts), the
 * day so far folded from events (desk/today.ts), and today's roster as a manager reads it
 * (attendance/rosterNow.ts).
 */
import { describe, expect, it } from 'vitest';
import { emptyToday, foldToday } from '../../server/domain/desk/today.js';
import { longestWaitMinutes, standing, waitOverTarget, waitTargetCrossedAt } from '../../server/domain/waitTarget.js';
import { rosterNow, type RosterInput } from '../../server/domain/attendance/rosterNow.js';
import type { HallEvent, WindowView } from '../../server/protocol.js';
import type { StaffDay } from '../../server/domain/attendance/staffDay.js';

const TZ = 'Asia/Shanghai';
/** 2026-11-23 (Monday) hh:mm in Shanghai. */
const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+08:00`);
const MIN = 60_000;

describe('等候超时', () => {
  it('counts the longest wait from the oldest queue place, and none when nobody waits', () => {
    expect(longestWaitMinutes([at('09:10'), at('09:02'), at('09:20')], at('09:30'))).toBe(28);
    expect(longestWaitMinutes([], at('09:30'))).toBe(0);
  });

  it('is over the target at exactly the target, not a millisecond before', () => {
    expect(waitOverTarget(at('09:00'), at('09:20'), 20)).toBe(true);
    expect(waitOverTarget(at('09:00'), at('09:20') - 1, 20)).toBe(false);
    expect(waitOverTarget(undefined, at('09:20'), 20)).toBe(false);
    expect(waitTargetCrossedAt(at('09:00'), 20)).toBe(at('09:20'));
  });

  it('stands near the limit from three quarters of it (15 of 20 minutes), over from the limit', () => {
    expect([standing(14.9, 20), standing(15, 20), standing(19.9, 20), standing(20, 20)]).toEqual(['ok', 'near', 'near', 'over']);
  });
});

const win = (over: Partial<WindowView> & { id: string; number: number }): WindowView => ({ state: 'idle', covering: false, ...over }) as WindowView;
const ticket = (id: string, status: string, extra: object = {}) => ({ id, number: id.split('-').pop()!, serviceId: 'social', priority: 'normal', status, issuedAt: at('09:00'), recalls: 0, noShows: 0, transfers: 0, ...extra });
let nextId = 1;
const ev = (type: string, time: string, fields: object): HallEvent => ({ id: nextId++, type, at: at(time), hallId: 't1', ...fields }) as unknown as HallEvent;

describe('the day so far', () => {
  it('follows a ticket from issue to completion at a window, the queue trend by quarter hour, and ignores a repeat', () => {
    nextId = 1;
    const s = emptyToday('2026-11-23');
    const id = 't1-20261123-A001';
    foldToday(s, ev('ticket.issued', '09:01', { ticket: ticket(id, 'waiting'), queues: [{ serviceId: 'social', waiting: 1 }] }), TZ);
    foldToday(s, ev('ticket.issued', '09:14', { ticket: ticket('t1-20261123-A002', 'waiting', { issuedAt: at('09:14') }), queues: [{ serviceId: 'social', waiting: 2 }] }), TZ);
    const called = ev('ticket.called', '09:16', { ticket: ticket(id, 'called', { calledAt: at('09:16'), windowId: 't1-1' }), window: win({ id: 't1-1', number: 1, state: 'called' }), staffId: 's1', queues: [{ serviceId: 'social', waiting: 1 }] });
    foldToday(s, called, TZ);
    expect(s.trend.social).toEqual([[9 * 60, 2], [9 * 60 + 15, 1]]); // 09:00–09:14 ended at 2, 09:15– at 1
    expect(s.atWindow['t1-1']).toEqual({ ticketId: id, number: 'A001', serviceId: 'social', calledAt: at('09:16') });
    foldToday(s, ev('ticket.started', '09:17', { ticket: ticket(id, 'serving', { calledAt: at('09:16'), startedAt: at('09:17') }), window: win({ id: 't1-1', number: 1, state: 'serving' }), staffId: 's1' }), TZ);
    expect(s.atWindow['t1-1']!.startedAt).toBe(at('09:17'));
    foldToday(s, ev('ticket.completed', '09:25', { ticket: ticket(id, 'done', { calledAt: at('09:16'), startedAt: at('09:17'), finishedAt: at('09:25') }), window: win({ id: 't1-1', number: 1 }), staffId: 's1' }), TZ);
    expect(s.atWindow['t1-1']).toBeUndefined();
    expect(s.facts[id]!.status).toBe('done');
    expect(Object.keys(s.facts)).toHaveLength(2);
    const last = s.lastEventId;
    foldToday(s, called, TZ); // a repeat of an event already folded
    expect(s.atWindow['t1-1']).toBeUndefined();
    expect(s.lastEventId).toBe(last);
  });

  it('keeps who is away since when, and an alert with its acknowledgement and resolution', () => {
    nextId = 1;
    const s = emptyToday('2026-11-23');
    foldToday(s, ev('staff.away', '10:00', { window: win({ id: 't1-1', number: 1, state: 'paused', postA: 's1', awayA: 'meeting' }), staffId: 's1', reason: 'meeting' }), TZ);
    expect(s.away.s1).toEqual({ since: at('10:00'), reason: 'meeting' });
    const alert = { alertId: 'away_uncovered:t1-1:s1:1', kind: 'away_uncovered', windowId: 't1-1', staffId: 's1', since: at('10:00') };
    foldToday(s, ev('alert.raised', '10:30', alert), TZ);
    foldToday(s, ev('alert.acknowledged', '10:32', { ...alert, by: 'm1', note: '已电话联系' }), TZ);
    foldToday(s, ev('staff.back', '10:40', { window: win({ id: 't1-1', number: 1, postA: 's1' }), staffId: 's1' }), TZ);
    foldToday(s, ev('alert.resolved', '10:40', alert), TZ);
    expect(s.away.s1).toBeUndefined();
    expect(s.alerts).toEqual([{ ...alert, raisedAt: at('10:30'), ack: { by: 'm1', at: at('10:32'), note: '已电话联系' }, resolvedAt: at('10:40') }]);
  });

  it('starts a new day’s counts at the first event of the next date, keeping open alerts and tickets at windows', () => {
    nextId = 1;
    const s = emptyToday('2026-11-23');
    foldToday(s, ev('ticket.issued', '16:00', { ticket: ticket('t1-20261123-A001', 'waiting'), queues: [{ serviceId: 'social', waiting: 1 }] }), TZ);
    foldToday(s, ev('alert.raised', '16:10', { alertId: 'a1', kind: 'both_away', windowId: 't1-2' }), TZ);
    foldToday(s, ev('alert.raised', '16:11', { alertId: 'a2', kind: 'both_away', windowId: 't1-3' }), TZ);
    foldToday(s, ev('alert.resolved', '16:12', { alertId: 'a2', kind: 'both_away', windowId: 't1-3' }), TZ);
    const tomorrow = { id: nextId++, type: 'ticket.issued', at: Date.parse('2026-11-24T08:31:00+08:00'), hallId: 't1', ticket: ticket('t1-20261124-A001', 'waiting', { issuedAt: Date.parse('2026-11-24T08:31:00+08:00') }), queues: [{ serviceId: 'social', waiting: 2 }] } as unknown as HallEvent;
    foldToday(s, tomorrow, TZ);
    expect(s.date).toBe('2026-11-24');
    expect(Object.keys(s.facts)).toEqual(['t1-20261124-A001']);
    expect(s.alerts.map((a) => a.alertId)).toEqual(['a1']);
    expect(s.trend.social).toEqual([[8 * 60 + 30, 2]]);
  });
});

const day = (staffId: string, lateMinutes = 0): StaffDay => ({ staffId, late: { count: lateMinutes ? 1 : 0, minutes: lateMinutes } }) as unknown as StaffDay;

describe('today’s roster', () => {
  const staff = [
    { id: 's1', name: '张伟', role: 'staff', posts: [{ window: 1, post: 'A' as const }] },
    { id: 's2', name: '李娜', role: 'staff', posts: [{ window: 2, post: 'A' as const }, { window: 1, post: 'B' as const }] },
    { id: 's3', name: '王芳', role: 'staff', posts: [{ window: 3, post: 'A' as const }] },
    { id: 's4', name: '刘洋', role: 'staff', posts: [{ window: 3, post: 'B' as const }] },
    { id: 's5', name: '赵敏', role: 'staff', posts: [{ window: 2, post: 'B' as const }] },
  ];
  const base: RosterInput = {
    staff,
    // s1 is A at window 1 and away for a meeting since 10:00; s2 covers there as B; s3 is A at window 3, 12 minutes late.
    windows: [
      win({ id: 't1-1', number: 1, state: 'idle', postA: 's1', awayA: 'meeting', postB: 's2', onDuty: 's2', covering: true }),
      win({ id: 't1-3', number: 3, state: 'idle', postA: 's3', onDuty: 's3' }),
    ],
    days: new Map([['s3', day('s3', 12)]]),
    leave: [{ id: 'r1', hallId: 't1', staffId: 's4', kind: 'leave', leaveType: 'sick', startAt: at('08:30'), endAt: at('17:30'), reason: '病', status: 'approved', level: 'window_head', requestedBy: 's4', createdAt: at('08:00') }],
    away: { s1: { since: at('10:00'), reason: 'meeting' } },
    sessions: [{ name: 'am', start: at('08:30'), end: at('12:00') }, { name: 'pm', start: at('13:30'), end: at('17:30') }] as RosterInput['sessions'],
    notSignedInMinutes: 10,
    working: true,
    now: at('10:20'),
  };

  it('puts 未到 and 离岗 first, then covering, in, leave; with the late minutes and the away’s reason and start', () => {
    const rows = rosterNow(base);
    expect(rows.map((r) => [r.staffId, r.status])).toEqual([['s5', 'absent'], ['s1', 'away'], ['s2', 'covering'], ['s3', 'in'], ['s4', 'leave']]);
    expect(rows.find((r) => r.staffId === 's1')).toMatchObject({ windowId: 't1-1', post: 'A', awayReason: 'meeting', awaySince: at('10:00') });
    expect(rows.find((r) => r.staffId === 's3')).toMatchObject({ lateMinutes: 12 });
    expect(rows.find((r) => r.staffId === 's4')).toMatchObject({ leaveType: 'sick', leaveUntil: at('17:30') });
  });

  it('says 未签到 (not yet 未到) before the not-signed-in line, 10 minutes into the session', () => {
    expect(rosterNow({ ...base, now: at('08:39') }).find((r) => r.staffId === 's5')!.status).toBe('not_in');
    expect(rosterNow({ ...base, now: at('08:40') }).find((r) => r.staffId === 's5')!.status).toBe('absent');
    expect(rosterNow({ ...base, now: at('12:30') }).find((r) => r.staffId === 's5')!.status).toBe('not_in'); // lunch: no session
    expect(rosterNow({ ...base, working: false }).find((r) => r.staffId === 's5')!.status).toBe('not_in');
  });

  it('ends leave at 销假 (returnedAt)', () => {
    const returned = { ...base, leave: [{ ...base.leave[0]!, returnedAt: at('10:00') }] };
    expect(rosterNow(returned).find((r) => r.staffId === 's4')!.status).toBe('absent');
  });
});
