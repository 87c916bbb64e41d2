/**
 * A golden month: November 2026 at a small hall (3 windows, 6 staff), told as a story below, with
 * every expected metric, category score, total, grade, rank, 服务之星, 红旗窗口 and 约谈 worked out
 * by hand in the comments — never by calling the code under test. The attendance is computed by
 * attendancePeriod (tested in tests/attendance/) from duty intervals and leave written here; what
 * the evaluation must take from it is worked out by hand as well.
 *
 * Hall: 08:30–12:00 and 13:30–17:30 (lunch 12:00–13:30), waitTargetMinutes 15 (§7 S90).
 * Services: social 社保 (standard 10 min), tax 税务 (standard 20 min).
 * Windows and posts: w1 A s1 张伟 (首席代表) / B s4 刘洋; w2 A s2 李娜 / B s5 陈静; w3 A s3 王芳 / B s6 赵磊.
 * November 2026: 21 working days (2–6, 9–13, 16–20, 23–27, 30; no holiday in the month).
 * Every staffer signs in 08:25 and out 17:35 at their window each working day (staying signed in
 * over lunch), except:
 *   s2: Nov 4 in at 08:37 (late 7 min → −1), Nov 5 in at 08:45 (late 15 min → −3);
 *   s3: Nov 10 never comes, no leave (旷工 both half-days → −10; ≥ 1 day → 一票否决);
 *   s4: Nov 12 never signs out (the day's end at 18:30 closes it): a missed pm punch, which by the
 *       default (missedPunch: half_day_absence) makes the afternoon 旷工 → −5 (not also −2);
 *   s5: Nov 17 away 10:00–10:20 with reason 'other' (unreported > 15 min → −3);
 *   s6: approved 事假 Nov 18–20, 3 days, quota 2 → 1 day over → −1;
 *   s1 and s4: Nov 24 both away 14:00–14:45 (meeting, errand): w1 uncovered 45 min > 30 → 空岗 → −2
 *       to s1 (w1's A post) and −2 to window w1's own part.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig, type HallConfig } from '../../server/config.js';
import { attendancePeriod } from '../../server/domain/attendance/period.js';
import type { LeaveRecord } from '../../server/domain/attendance/leave.js';
import { datesOfMonth } from '../../server/domain/calendar/calendar.js';
import type { DutyInterval } from '../../server/domain/facts.js';
import type { EvaluationRecords } from '../../server/domain/evaluation/records.js';
import type { MonthEvaluation, StaffEvaluation } from '../../server/domain/evaluation/result.js';
import { evaluateMonth } from '../../server/domain/evaluation/score.js';
import { metricRulesOf, metricsOf, type MetricTicket } from '../../server/domain/metrics/index.js';
import { epochOfLocal } from '../../server/domain/time.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, hhmm: string): number => epochOfLocal(date, hhmm, TZ);
const MIN = 60_000;

const config = parseConfig({
  halls: [
    {
      id: 'g1', name: '金标月度测试中心', level: 'county',
      schedule: { open: '08:30', close: '17:30', lunch: ['12:00', '13:30'] },
      rules: { waitTargetMinutes: 15 },
      evaluation: { awards: { chiefs: ['s1'] } },
      services: [
        { id: 'social', name: '社保', prefix: 'A', standardMinutes: 10 },
        { id: 'tax', name: '税务', prefix: 'B', standardMinutes: 20 },
      ],
      windows: [
        { number: 1, name: '综合受理一', tiers: [['social']] },
        { number: 2, name: '税务专窗', tiers: [['tax']] },
        { number: 3, name: '综合受理二', tiers: [['social']] },
      ],
      staff: [
        { id: 's1', name: '张伟', posts: [{ window: 1, post: 'A' }] },
        { id: 's2', name: '李娜', posts: [{ window: 2, post: 'A' }] },
        { id: 's3', name: '王芳', posts: [{ window: 3, post: 'A' }] },
        { id: 's4', name: '刘洋', posts: [{ window: 1, post: 'B' }] },
        { id: 's5', name: '陈静', posts: [{ window: 2, post: 'B' }] },
        { id: 's6', name: '赵磊', posts: [{ window: 3, post: 'B' }] },
        { id: 'boss', name: '主任', role: 'manager' },
      ],
    },
  ],
});
const hall: HallConfig = config.halls[0]!;
const [W1, W2, W3] = ['g1-1', 'g1-2', 'g1-3'];
const month = '2026-11';
const workdays = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13', '16', '17', '18', '19', '20', '23', '24', '25', '26', '27', '30'].map((d) => `2026-11-${d}`);
const monthEnd = at('2026-12-01', '00:00');

// ── Attendance: duty intervals as facts.ts folds them from sign-in, away, back and sign-out ──
const intervals: DutyInterval[] = [];
let n = 0;
function duty(staffId: string, windowId: string, post: 'A' | 'B', date: string, from: string, to: string, endCause = 'staff.signedOut'): void {
  n += 1;
  intervals.push({ id: `${windowId}:duty:${staffId}:${n}`, kind: 'duty', staffId, windowId, post, startAt: at(date, from), startEvent: n, endAt: at(date, to), endEvent: n + 1, endCause, day: date.replaceAll('-', '') });
}
function away(staffId: string, windowId: string, post: 'A' | 'B', date: string, from: string, to: string, reason: string): void {
  n += 1;
  intervals.push({ id: `${windowId}:away:${staffId}:${n}`, kind: 'away', staffId, windowId, post, reason, startAt: at(date, from), startEvent: n, endAt: at(date, to), endEvent: n + 1, endCause: 'staff.back', day: date.replaceAll('-', '') });
}
const posts: [string, string, 'A' | 'B'][] = [['s1', W1, 'A'], ['s2', W2, 'A'], ['s3', W3, 'A'], ['s4', W1, 'B'], ['s5', W2, 'B'], ['s6', W3, 'B']];
for (const date of workdays) {
  for (const [s, w, p] of posts) {
    if (s === 's3' && date === '2026-11-10') continue; // 旷工
    if (s === 's6' && ['2026-11-18', '2026-11-19', '2026-11-20'].includes(date)) continue; // 事假
    const from = s === 's2' && date === '2026-11-04' ? '08:37' : s === 's2' && date === '2026-11-05' ? '08:45' : '08:25';
    if (s === 's4' && date === '2026-11-12') duty(s, w, p, date, from, '18:30', 'end_of_day');
    else duty(s, w, p, date, from, '17:35');
  }
}
away('s5', W2, 'B', '2026-11-17', '10:00', '10:20', 'other');
away('s1', W1, 'A', '2026-11-24', '14:00', '14:45', 'meeting');
away('s4', W1, 'B', '2026-11-24', '14:00', '14:45', 'errand');
const leave: LeaveRecord[] = [
  { id: 'l1', hallId: 'g1', staffId: 's6', kind: 'leave', leaveType: 'personal', startAt: at('2026-11-18', '08:30'), endAt: at('2026-11-20', '17:30'), reason: '家事', status: 'approved', level: 'supervision', requestedBy: 's6', decidedBy: 'boss', decidedAt: at('2026-11-16', '09:00'), createdAt: at('2026-11-16', '08:00') },
];
const attendance = attendancePeriod({ hall, intervals, requests: leave, now: monthEnd }, datesOfMonth(month));

// ── Tickets ──
// Each ticket: issued at 09:00 on a working day unless said, called after `wait` minutes, served
// from the call for `handle` minutes. Waits in minutes; ratings on the tickets named.
const tickets: MetricTicket[] = [];
const ticketIds: Record<string, string> = {};
let seq = 0;
function ticket(o: { key?: string; staff?: string; window?: string; service: 'social' | 'tax'; date: string; issued?: string; wait?: number; lastCallAfter?: number; handle?: number; noShows?: number; status?: 'done' | 'missed' | 'cancelled'; rating?: 1 | 2 | 3 | 4 | 5 }): void {
  seq += 1;
  const day = o.date.replaceAll('-', '');
  const number = `${o.service === 'social' ? 'A' : 'B'}${String(seq).padStart(3, '0')}`;
  const ticketId = `g1-${day}-${number}`;
  if (o.key) ticketIds[o.key] = ticketId;
  const issuedAt = at(o.date, o.issued ?? '09:00');
  const status = o.status ?? 'done';
  const firstCalledAt = o.wait === undefined ? undefined : issuedAt + o.wait * MIN;
  const lastCalledAt = o.lastCallAfter === undefined ? firstCalledAt : issuedAt + o.lastCallAfter * MIN;
  const t: MetricTicket = { ticketId, day, service: o.service, status, issuedAt, noShows: o.noShows ?? 0, transfers: 0 };
  if (firstCalledAt !== undefined) Object.assign(t, { firstCalledAt, lastCalledAt, staffId: o.staff, windowId: o.window });
  if (o.handle !== undefined) Object.assign(t, { handlingSeconds: o.handle * 60, finishedAt: lastCalledAt! + o.handle * MIN });
  if (status === 'missed') t.finishedAt = lastCalledAt;
  if (status === 'cancelled') t.finishedAt = issuedAt + 5 * 60 * MIN;
  if (o.rating) t.rating = { level: o.rating };
  tickets.push(t);
}
// s1 at w1, social: waits 2 4 5 6 8 10 12 14 16 20 (16 and 20 over 15), handling 5 6 7 8 9 10 5 6 7 8
// (none over 10: 10 is not over), ratings 5 5 5 4 4 3 2 on the first seven.
[[2, 5, 5], [4, 6, 5], [5, 7, 5], [6, 8, 4], [8, 9, 4], [10, 10, 3], [12, 5, 2], [14, 6], [16, 7], [20, 8]].forEach(([wait, handle, rating], i) =>
  ticket({ key: i === 6 ? 's1bad' : undefined, staff: 's1', window: W1, service: 'social', date: workdays[i]!, wait, handle, rating: rating as 5 | undefined }),
);
// s2 at w2, tax: waits 1..9 and 16 (one over: 10 % — at the line, no deduction), handling
// 10 12 14 15 16 18 19 20 25 30 (25 and 30 over 20), ratings 5 5 5 5 5 4 4 1.
[[1, 10, 5], [2, 12, 5], [3, 14, 5], [4, 15, 5], [5, 16, 5], [6, 18, 4], [7, 19, 4], [8, 20, 1], [9, 25], [16, 30]].forEach(([wait, handle, rating], i) =>
  ticket({ key: i === 7 ? 's2bad' : undefined, staff: 's2', window: W2, service: 'tax', date: workdays[i]!, wait, handle, rating: rating as 5 | undefined }),
);
// s3 at w3, social, 8 called:
//   t1 issued 11:50, called 13:40: 110 min on the clock, 90 of them lunch → wait 20 (over);
ticket({ staff: 's3', window: W3, service: 'social', date: '2026-11-02', issued: '11:50', wait: 110, handle: 8, rating: 3 });
//   t2 called 09:05, no-show, re-queued, called again 09:25 and served: the last call counts → wait 25 (over; the first call would say 5);
ticket({ key: 's3voided', staff: 's3', window: W3, service: 'social', date: '2026-11-03', wait: 5, lastCallAfter: 25, noShows: 1, handle: 8, rating: 2 });
//   t3–t7 waits 3 6 9 12 15 (15 is not over), handling 8 each;
for (const [i, wait] of [3, 6, 9, 12, 15].entries()) ticket({ staff: 's3', window: W3, service: 'social', date: workdays[i + 2]!, wait, handle: 8 });
//   t8 issued 10:00, called 10:02, two no-shows, missed (never served).
ticket({ staff: 's3', window: W3, service: 'social', date: '2026-11-09', issued: '10:00', wait: 2, noShows: 2, status: 'missed' });
// s4 at w1 (B post): waits 5 10, handling 5 6, one rating 5. s6 at w3 (B post): waits 4 8, handling 7 9.
ticket({ staff: 's4', window: W1, service: 'social', date: '2026-11-16', wait: 5, handle: 5, rating: 5 });
ticket({ staff: 's4', window: W1, service: 'social', date: '2026-11-17', wait: 10, handle: 6 });
ticket({ staff: 's6', window: W3, service: 'social', date: '2026-11-23', wait: 4, handle: 7 });
ticket({ staff: 's6', window: W3, service: 'social', date: '2026-11-24', wait: 8, handle: 9 });
// One ticket cancelled while waiting, issued 16:00, never called.
ticket({ service: 'social', date: '2026-11-25', issued: '16:00', status: 'cancelled' });

// ── Casework ──
const records: EvaluationRecords = {
  cases: [
    // s1's rating 2: verified at fault → −2 to s1 and to w1.
    { caseId: 'c1', hallId: 'g1', ticketId: ticketIds.s1bad!, level: 2, ratedAt: at('2026-11-10', '10:00'), staffId: 's1', windowId: W1, atFault: true, voided: false, overdue: false },
    // s2's rating 1: not at fault, but the contact deadline passed → −2 (overdue) to s2 and to w2.
    { caseId: 'c2', hallId: 'g1', ticketId: ticketIds.s2bad!, level: 1, ratedAt: at('2026-11-11', '10:00'), staffId: 's2', windowId: W2, atFault: false, voided: false, overdue: true },
    // s3's rating 2: at fault, overdue, but the appeal was upheld (voided) → nothing.
    { caseId: 'c3', hallId: 'g1', ticketId: ticketIds.s3voided!, level: 2, ratedAt: at('2026-11-03', '10:00'), staffId: 's3', windowId: W3, atFault: true, voided: true, overdue: true },
  ],
  findings: [
    // s5 on the phone: −5 服务礼仪.
    { findingId: 'f1', inspectionId: 'i1', hallId: 'g1', windowId: W2, staffId: 's5', at: at('2026-11-06', '10:00'), kind: 'daily_patrol', itemId: 'phone_games_video', category: 'conduct_etiquette', points: 5, veto: false, contest: 'none' },
    // s2's dress: contested and upheld → nothing.
    { findingId: 'f2', inspectionId: 'i1', hallId: 'g1', windowId: W2, staffId: 's2', at: at('2026-11-06', '10:00'), kind: 'daily_patrol', itemId: 'dress_code', category: 'conduct_etiquette', points: 1, veto: false, contest: 'upheld' },
    // s6's language: contest pending, still counts → −3.
    { findingId: 'f3', inspectionId: 'i2', hallId: 'g1', windowId: W3, staffId: 's6', at: at('2026-11-13', '15:00'), kind: 'weekly_covert', itemId: 'taboo_language_or_rude', category: 'conduct_etiquette', points: 3, veto: false, contest: 'pending' },
    // w3's counter, nobody named: −2 from w3's own part.
    { findingId: 'f4', inspectionId: 'i2', hallId: 'g1', windowId: W3, at: at('2026-11-13', '15:05'), kind: 'weekly_covert', itemId: 'counter_untidy', category: 'conduct_etiquette', points: 2, veto: false, contest: 'none' },
  ],
  complaints: [
    // s4 at w1, general: −5 to s4 and to w1.
    { complaintId: 'k1', hallId: 'g1', staffId: 's4', windowId: W1, at: at('2026-11-19', '11:00'), kind: 'general' },
    // s6 at w3, 吃拿卡要: −5 and 一票否决.
    { complaintId: 'k2', hallId: 'g1', staffId: 's6', windowId: W3, at: at('2026-11-26', '11:00'), kind: 'benefits' },
  ],
  commendations: [
    // s1: media +3, fast track +2, praise letter +1 = 6, capped at 5.
    { commendationId: 'm1', hallId: 'g1', staffId: 's1', at: at('2026-11-05', '12:00'), kind: 'media' },
    { commendationId: 'm2', hallId: 'g1', staffId: 's1', at: at('2026-11-12', '12:00'), kind: 'fast_track' },
    { commendationId: 'm3', hallId: 'g1', staffId: 's1', at: at('2026-11-20', '12:00'), kind: 'praise_letter' },
    // s2: praise letter +1.
    { commendationId: 'm4', hallId: 'g1', staffId: 's2', at: at('2026-11-20', '12:00'), kind: 'praise_letter' },
  ],
};

// Last month: s3 was alone at the bottom (约谈 needs two months running).
const october = { hallId: 'g1', month: '2026-10', windows: [], staff: [['s1', 95], ['s2', 92], ['s3', 70], ['s4', 90], ['s5', 88], ['s6', 91]].map(([staffId, total]) => ({ staffId, total })) } as unknown as MonthEvaluation;

const result = evaluateMonth({ hall, month, facts: tickets, intervals, attendance, records, previous: october, now: monthEnd });
const staffOf = (id: string): StaffEvaluation => result.staff.find((s) => s.staffId === id)!;
const categories = (id: string) => Object.fromEntries(staffOf(id).categories.map((c) => [c.category, c.score]));
const rules = (id: string) => staffOf(id).items.map((i) => `${i.rule} ${i.points}${i.veto ? ' veto' : ''}`).sort();

describe('the golden month (November 2026, 3 windows, 6 staff)', () => {
  describe('metrics', () => {
    it("s1's figures: waits, p90, handling, utilisation and ratings worked out by hand", () => {
      const m = staffOf('s1').metrics;
      expect(m.served).toBe(10);
      // waits 2+4+5+6+8+10+12+14+16+20 = 97 min over 10 calls = 9.7 min = 582 s
      expect(m.waitAvgSeconds).toBeCloseTo(582, 6);
      // p90 by nearest rank: ceil(0.9 × 10) = the 9th of the sorted waits = 16 min
      expect(m.waitP90Seconds).toBe(960);
      // handling 5+6+7+8+9+10+5+6+7+8 = 71 min / 10 = 426 s; none over 10 min
      expect(m.handlingAvgSeconds).toBeCloseTo(426, 6);
      expect(m.handlingOverStandard).toBe(0);
      expect(m.waitOverTarget).toBe(2);
      // staffed: 21 days × (08:25–17:35 less lunch 90) = 21 × 460 = 9660 min, less 45 away = 9615 min
      expect(m.staffedSeconds).toBe(9615 * 60);
      expect(m.utilisation).toBeCloseTo(71 / 9615, 10);
      expect(m.ticketsPerStaffedHour).toBeCloseTo(10 / (9615 / 60), 10);
      // ratings 5 5 5 4 4 3 2: by level [1,2,3,4,5] = [0,1,1,2,3]; 7 of 10 served rated
      expect(m.ratings).toEqual([0, 1, 1, 2, 3]);
      expect(m.participation).toBeCloseTo(0.7, 10);
      expect(m.satisfaction).toBeCloseTo(6 / 7, 10); // (5+4+3) ÷ all
      expect(m.strictSatisfaction).toBeCloseTo(5 / 7, 10); // (5+4) ÷ all
      expect(m.badReviews).toBe(1);
      expect(m.noShowRate).toBe(0);
    });

    it("s3's waits stop over lunch and count the last, answered call; no-shows per call", () => {
      const m = staffOf('s3').metrics;
      // served t1–t7 = 7; called 8 (t8 was called, then missed)
      expect(m.served).toBe(7);
      expect(m.called).toBe(8);
      // waits 20 (lunch out) + 25 (last call) + 3 + 6 + 9 + 12 + 15 + 2 = 92 min / 8 = 11.5 min = 690 s
      expect(m.waitAvgSeconds).toBeCloseTo(690, 6);
      // sorted 2 3 6 9 12 15 20 25: the 8th (ceil 7.2) = 25 min
      expect(m.waitP90Seconds).toBe(1500);
      expect(m.waitOverTarget).toBe(2);
      // no-shows 1 (t2) + 2 (t8) = 3 unanswered calls, 7 answered → 3 / 10
      expect(m.noShowRate).toBeCloseTo(0.3, 10);
      // ratings 3 and 2: satisfaction 1/2, strict 0/2, participation 2/7
      expect(m.satisfaction).toBeCloseTo(0.5, 10);
      expect(m.strictSatisfaction).toBe(0);
      expect(m.participation).toBeCloseTo(2 / 7, 10);
      // 20 working days present × 460 min
      expect(m.staffedSeconds).toBe(9200 * 60);
    });

    it('the hall: totals, staffed hours of everyone, the wait distribution and the hours', () => {
      const h = result.hall;
      // served 10 + 10 + 7 + 2 + 2 = 31; called 32; tickets 33 (one cancelled, never called)
      expect(h.served).toBe(31);
      expect(h.called).toBe(32);
      // over target: s1 2, s2 1, s3 2 = 5; over standard: s2's 25 and 30 = 2
      expect(h.waitOverTarget).toBe(5);
      expect(h.handlingOverStandard).toBe(2);
      // ratings: s1 [0,1,1,2,3] + s2 [1,0,0,2,5] + s3 [0,1,1,0,0] + s4 [0,0,0,0,1] = [1,2,2,4,9], 18 rated
      expect(h.ratings).toEqual([1, 2, 2, 4, 9]);
      expect(h.satisfaction).toBeCloseTo(15 / 18, 10);
      expect(h.strictSatisfaction).toBeCloseTo(13 / 18, 10);
      expect(h.badReviews).toBe(3);
      // staffed: s1 9615 + s2 (19 × 460 + 448 + 440 = 9628) + s3 9200 + s4 (19 × 460 + 515 + 415 = 9670)
      //   + s5 (21 × 460 − 20 = 9640) + s6 (18 × 460 = 8280) = 56033 min
      expect(h.staffedSeconds).toBe(56033 * 60);
      const m = metricsOf({ tickets, intervals, rules: metricRulesOf(hall), now: monthEnd });
      // buckets [0,3) [3,6) [6,9) [9,12) [12,15) [15,∞): counted from the wait lists above
      //   0–3: s1 2; s2 1 2; s3 2                      = 4
      //   3–6: s1 4 5; s2 3 4 5; s3 3; s4 5; s6 4        = 8
      //   6–9: s1 6 8; s2 6 7 8; s3 6; s6 8              = 7
      //   9–12: s1 10; s2 9; s3 9; s4 10                 = 4
      //   12–15: s1 12 14; s3 12                         = 3
      //   15+: s1 16 20; s2 16; s3 20 25 15              = 6
      expect(m.waitBuckets).toEqual([4, 8, 7, 4, 3, 6]);
      // arrivals: 30 at 09:00, t1 at 11:50, t8 at 10:00, the cancelled one at 16:00;
      // served: t1 at 13:48, all the others before 10:00
      expect(m.byHour[9]).toEqual({ hour: 9, arrivals: 30, served: 30 });
      expect(m.byHour[10]!.arrivals).toBe(1);
      expect(m.byHour[11]).toEqual({ hour: 11, arrivals: 1, served: 0 });
      expect(m.byHour[13]).toEqual({ hour: 13, arrivals: 0, served: 1 });
      expect(m.byHour[16]!.arrivals).toBe(1);
      // windows: w1 both present all month but for Nov 12 (s4 till 18:30: 515) and Nov 24 (both away: 415)
      expect(m.byWindow.get(W1)!.staffedSeconds).toBe((19 * 460 + 515 + 415) * 60);
      // w2: s5 was there while s2 was late and s2 while s5 was away → 21 × 460
      expect(m.byWindow.get(W2)!.staffedSeconds).toBe(21 * 460 * 60);
      // by service: tax = s2's 10 tickets
      expect(m.byService.get('tax')!.served).toBe(10);
      expect(m.byService.get('tax')!.handlingOverStandard).toBe(2);
    });
  });

  describe('staff scores', () => {
    it('s1: 空岗 −2, verified 差评 −2, waits over target 20 % → −5, bonus 6 capped at 5 → 96 优秀', () => {
      expect(rules('s1')).toEqual([
        'bad_review_verified_at_fault -2',
        'commendation_fast_track 2',
        'commendation_media 3',
        'commendation_praise_letter 1',
        'uncovered_window_kongang -2',
        // 2 of 10 = 20 %: 10 points over 10 % = 5 full steps of 2
        'wait_over_target_rate -5',
      ]);
      expect(categories('s1')).toEqual({ attendance_discipline: 28, conduct_etiquette: 20, citizen_rating: 23, efficiency: 20 });
      expect(staffOf('s1').bonus).toBe(5);
      expect(staffOf('s1').total).toBe(96); // 28 + 20 + 23 + 20 + 5
      expect(staffOf('s1').grade).toBe('excellent');
      const kongang = staffOf('s1').items.find((i) => i.rule === 'uncovered_window_kongang')!;
      expect(kongang.refs).toEqual([{ kind: 'attendance', id: `${W1}:2026-11-24` }]);
      const waits = staffOf('s1').items.find((i) => i.rule === 'wait_over_target_rate')!;
      expect(waits.refs.map((r) => r.id).sort()).toEqual(tickets.filter((t) => t.staffId === 's1' && t.firstCalledAt! - t.issuedAt > 15 * MIN).map((t) => t.ticketId).sort());
    });

    it('s2: lates of 7 and 15 min −1 −3, overdue case −2, handling over standard 20 % → −5, an upheld contest withdraws its finding → 90', () => {
      expect(rules('s2')).toEqual([
        'commendation_praise_letter 1',
        'handling_over_standard_rate -5',
        'late_or_early_10_to_30min -3',
        'late_or_early_le_10min -1',
        'rectification_overdue -2',
        // waits over target 1 of 10 = 10 %: not above the line, no item
      ]);
      expect(categories('s2')).toEqual({ attendance_discipline: 26, conduct_etiquette: 20, citizen_rating: 23, efficiency: 20 });
      expect(staffOf('s2').total).toBe(90); // 26 + 20 + 23 + 20 + 1
      const late = staffOf('s2').items.filter((i) => i.rule.startsWith('late_')).flatMap((i) => i.refs);
      expect(late).toEqual(expect.arrayContaining([{ kind: 'attendance', id: 's2:2026-11-04' }, { kind: 'attendance', id: 's2:2026-11-05' }]));
      const overdue = staffOf('s2').items.find((i) => i.rule === 'rectification_overdue')!;
      expect(overdue.refs).toEqual([{ kind: 'case', id: 'c2' }, { kind: 'ticket', id: ticketIds.s2bad }]);
    });

    it('s3: a day of 旷工 −10 and vetoed; waits over target 25 % → −7; a voided case costs nothing → 83 良好', () => {
      expect(rules('s3')).toEqual([
        'absence_half_day -5',
        'absence_half_day -5',
        'veto_absence_days 0 veto',
        // 2 of 8 = 25 %: 15 points over = 7 full steps (7.5)
        'wait_over_target_rate -7',
      ]);
      expect(categories('s3')).toEqual({ attendance_discipline: 20, conduct_etiquette: 20, citizen_rating: 25, efficiency: 18 });
      expect(staffOf('s3').total).toBe(83);
      expect(staffOf('s3').grade).toBe('good');
      expect(staffOf('s3').vetoed).toBe(true);
    });

    it('s4: a missed punch makes the afternoon 旷工 (−5, not also −2), a complaint −5 → 90', () => {
      expect(rules('s4')).toEqual(['absence_half_day -5', 'complaint_verified_at_fault -5']);
      expect(categories('s4')).toEqual({ attendance_discipline: 25, conduct_etiquette: 20, citizen_rating: 20, efficiency: 25 });
      expect(staffOf('s4').total).toBe(90);
    });

    it('s5: unreported away −3 and a phone finding −5; no tickets, no efficiency deduction → 92', () => {
      expect(rules('s5')).toEqual(['phone_games_video -5', 'unreported_away_ge_15min -3']);
      expect(staffOf('s5').total).toBe(92); // 27 + 15 + 25 + 25
      expect(staffOf('s5').metrics.served).toBe(0);
      expect(staffOf('s5').metrics.utilisation).toBe(0);
    });

    it('s6: a day of 事假 over the quota −1, a pending contest still counts −3, 吃拿卡要 −5 and vetoed → 91', () => {
      expect(rules('s6')).toEqual(['complaint_benefits -5 veto', 'leave_over_monthly_quota -1', 'taboo_language_or_rude -3']);
      expect(staffOf('s6').total).toBe(91); // 29 + 17 + 20 + 25
      expect(staffOf('s6').vetoed).toBe(true);
    });

    it('a manager who holds no post and appears in nothing is not evaluated', () => {
      expect(result.staff.map((s) => s.staffId)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6']);
    });
  });

  describe('ranking and awards', () => {
    it('ranks by total, ties sharing a rank: s1 96, s5 92, s6 91, s2 = s4 90, s3 83', () => {
      expect(Object.fromEntries(result.staff.map((s) => [s.staffId, s.rank]))).toEqual({ s1: 1, s5: 2, s6: 3, s2: 4, s4: 4, s3: 6 });
      expect(result.staff.map((s) => s.grade)).toEqual(['excellent', 'excellent', 'good', 'excellent', 'excellent', 'excellent']);
    });

    it('服务之星: the chief s1 ranks apart and is barred by a verified 差评; of the other five max(1, ceil(0.5)) = 1 star among the eligible (s2 90, s5 92) → s5', () => {
      // s3 vetoed, s6 vetoed, s4 旷工 half a day: not eligible
      expect(result.staff.filter((s) => s.serviceStar).map((s) => s.staffId)).toEqual(['s5']);
      expect(staffOf('s1').chief).toBe(true);
    });

    it('约谈: s3 at the bottom in October and November', () => {
      expect(result.staff.filter((s) => s.talk).map((s) => s.staffId)).toEqual(['s3']);
      const alone = evaluateMonth({ hall, month, facts: tickets, intervals, attendance, records, now: monthEnd });
      expect(alone.staff.some((s) => s.talk)).toBe(false);
    });

    it('windows: own part (efficiency and ratings, ×2) and staff mean, half each; one red flag (min(5, ceil(0.6)))', () => {
      const w = Object.fromEntries(result.windows.map((x) => [x.windowId, x]));
      // w1: 12 calls, 2 over (16.7 %: 6.7 points over → 3 steps) −3, 空岗 −2 → efficiency 20;
      //     c1 −2, k1 −5 → ratings 18; own (20 + 18) / 50 × 100 = 76; staff (96 + 90) / 2 = 93; total 84.5
      expect([w[W1]!.efficiencyAndRating, w[W1]!.staffMean, w[W1]!.total]).toEqual([76, 93, 84.5]);
      // w2: 10 calls, 1 over (10 %) 0; 2 of 10 handlings over → −5 → 20; c2 overdue −2 → 23;
      //     own 43 / 50 × 100 = 86; staff (90 + 92) / 2 = 91; total 88.5
      expect([w[W2]!.efficiencyAndRating, w[W2]!.staffMean, w[W2]!.total]).toEqual([86, 91, 88.5]);
      // w3: 10 calls, 2 over (20 %) −5 → 20; k2 −5 → 20 (c3 voided); own 40 / 50 × 100 = 80, less f4 2 = 78;
      //     staff (83 + 91) / 2 = 87; total 82.5
      expect([w[W3]!.efficiencyAndRating, w[W3]!.staffMean, w[W3]!.total]).toEqual([78, 87, 82.5]);
      expect(result.windows.map((x) => [x.windowId, x.rank, x.redFlag])).toEqual([[W1, 2, false], [W2, 1, true], [W3, 3, false]]);
    });
  });

  describe('rules as configuration', () => {
    it('without the floor a category goes below 0 (S1 扣分不封顶); with it, it stops at 0', () => {
      const many = { ...records, complaints: Array.from({ length: 6 }, (_, i) => ({ complaintId: `kk${i}`, hallId: 'g1', staffId: 's5', at: at('2026-11-19', '11:00'), kind: 'general' as const })) };
      const floored = evaluateMonth({ hall, month, facts: tickets, intervals, attendance, records: many, now: monthEnd });
      const open = evaluateMonth({ hall, month, facts: tickets, intervals, attendance, records: many, now: monthEnd, rules: { ...hall.evaluation, floorPerCategory: false } });
      const rating = (e: MonthEvaluation) => e.staff.find((s) => s.staffId === 's5')!.categories.find((c) => c.category === 'citizen_rating')!;
      // 6 × 5 = 30 deducted from 25
      expect(rating(floored)).toEqual({ category: 'citizen_rating', max: 25, deducted: 30, score: 0 });
      expect(rating(open).score).toBe(-5);
    });

    it("missedPunch 'count': the missed punch costs −2 and the afternoon stays present", () => {
      const counting = { ...hall, attendance: { ...hall.attendance, missedPunch: 'count' as const } };
      const period = attendancePeriod({ hall: counting, intervals, requests: leave, now: monthEnd }, datesOfMonth(month));
      const e = evaluateMonth({ hall: counting, month, facts: tickets, intervals, attendance: period, records, now: monthEnd });
      const s4 = e.staff.find((s) => s.staffId === 's4')!;
      expect(s4.items.map((i) => `${i.rule} ${i.points}`).sort()).toEqual(['complaint_verified_at_fault -5', 'missed_punch -2']);
      expect(s4.total).toBe(93);
    });
  });
});

describe('properties of any month', () => {
  const kinds = ['general', 'benefits', 'fake_rating', 'quarrel_citizen', 'negative_notice'] as const;
  const praise = ['praise_letter', 'extended_service', 'fast_track', 'media'] as const;
  const arbitraryMonth = fc.record({
    staff: fc.integer({ min: 1, max: 8 }),
    floor: fc.boolean(),
    separateChiefs: fc.boolean(),
    chief: fc.integer({ min: 0, max: 7 }),
    tickets: fc.array(fc.record({ who: fc.nat(7), wait: fc.integer({ min: 0, max: 40 }), handle: fc.integer({ min: 1, max: 40 }), rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }) }), { maxLength: 60 }),
    findings: fc.array(fc.record({ who: fc.nat(7), points: fc.integer({ min: 1, max: 15 }), veto: fc.boolean(), upheld: fc.boolean() }), { maxLength: 10 }),
    complaints: fc.array(fc.record({ who: fc.nat(7), kind: fc.constantFrom(...kinds) }), { maxLength: 8 }),
    commendations: fc.array(fc.record({ who: fc.nat(7), kind: fc.constantFrom(...praise) }), { maxLength: 10 }),
    cases: fc.array(fc.record({ who: fc.nat(7), atFault: fc.constantFrom(true, false, null), voided: fc.boolean(), overdue: fc.boolean() }), { maxLength: 10 }),
  });

  it('categories stay ≥ 0 with the floor, bonus ≤ cap, the vetoed are never stars, ranks follow totals, red flags are never vetoed windows', () => {
    fc.assert(
      fc.property(arbitraryMonth, (g) => {
        const ids = Array.from({ length: g.staff }, (_, i) => `p${i}`);
        const who = (i: number) => ids[i % ids.length]!;
        const windows = Math.ceil(g.staff / 2);
        const h = parseConfig({
          halls: [{
            id: 'q1', name: '性质', level: 'town',
            evaluation: { floorPerCategory: g.floor, awards: { separateChiefRanking: g.separateChiefs, chiefs: [who(g.chief)] } },
            services: [{ id: 'social', name: '社保', prefix: 'A', standardMinutes: 10 }],
            windows: Array.from({ length: windows }, (_, i) => ({ number: i + 1, name: `窗口${i + 1}`, tiers: [['social']] })),
            staff: ids.map((id, i) => ({ id, name: id, posts: [{ window: Math.floor(i / 2) + 1, post: i % 2 === 0 ? 'A' : 'B' }] })),
          }],
        }).halls[0]!;
        const wOf = (id: string) => `q1-${Math.floor(ids.indexOf(id) / 2) + 1}`;
        const base = at('2026-11-02', '09:00');
        const facts: MetricTicket[] = g.tickets.map((t, i) => ({
          ticketId: `q1-20261102-A${String(i + 1).padStart(3, '0')}`, day: '20261102', service: 'social', status: 'done', issuedAt: base,
          firstCalledAt: base + t.wait * MIN, lastCalledAt: base + t.wait * MIN, handlingSeconds: t.handle * 60, finishedAt: base + (t.wait + t.handle) * MIN,
          staffId: who(t.who), windowId: wOf(who(t.who)), noShows: 0, transfers: 0, ...(t.rating ? { rating: { level: t.rating as 1 } } : {}),
        }));
        const recs: EvaluationRecords = {
          cases: g.cases.map((c, i) => ({ caseId: `c${i}`, hallId: 'q1', ticketId: `t${i}`, level: 1, ratedAt: base, staffId: who(c.who), windowId: wOf(who(c.who)), atFault: c.atFault, voided: c.voided, overdue: c.overdue })),
          findings: g.findings.map((f, i) => ({ findingId: `f${i}`, inspectionId: 'i', hallId: 'q1', windowId: wOf(who(f.who)), staffId: who(f.who), at: base, kind: 'daily_patrol', itemId: 'x', category: 'conduct_etiquette', points: f.points, veto: f.veto, contest: f.upheld ? 'upheld' : 'none' })),
          complaints: g.complaints.map((c, i) => ({ complaintId: `k${i}`, hallId: 'q1', staffId: who(c.who), windowId: wOf(who(c.who)), at: base, kind: c.kind })),
          commendations: g.commendations.map((c, i) => ({ commendationId: `m${i}`, hallId: 'q1', staffId: who(c.who), at: base, kind: c.kind })),
        };
        const period = attendancePeriod({ hall: h, intervals: [], requests: [], now: monthEnd }, []);
        const e = evaluateMonth({ hall: h, month, facts, attendance: period, records: recs, now: monthEnd });
        for (const s of e.staff) {
          if (g.floor) for (const c of s.categories) expect(c.score).toBeGreaterThanOrEqual(0);
          expect(s.bonus).toBeLessThanOrEqual(h.evaluation.bonusCap);
          if (s.vetoed) expect(s.serviceStar).toBe(false);
          // a naive rank: 1 + how many scored strictly more
          expect(s.rank).toBe(1 + e.staff.filter((o) => o.total > s.total).length);
          expect(s.total).toBeCloseTo(s.categories.reduce((a, c) => a + c.score, 0) + s.bonus, 6);
        }
        for (const w of e.windows) {
          expect(w.rank).toBe(1 + e.windows.filter((o) => o.total > w.total).length);
          if (w.redFlag) expect(e.staff.filter((s) => s.windowIds.includes(w.windowId) && s.vetoed)).toEqual([]);
        }
        // red flags: never more than min(5, ceil(20 %)) unless a tie at the cut
        const flags = e.windows.filter((w) => w.redFlag);
        const k = Math.min(5, Math.ceil(windows * 0.2));
        if (flags.length > k) expect(new Set(flags.map((w) => w.total)).size).toBeLessThan(flags.length);
      }),
      { numRuns: 200 },
    );
  });
});
