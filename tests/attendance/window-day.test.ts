/**
 * A window's day (windowDay) against a deliberately naive second implementation: the day as a row
 * of minutes, each minute asked on its own whether someone counted as cover was signed in there and
 * not away, whether A and B were both away, whether a 顶岗 or an off-roster sign-in held it. Runs of
 * uncovered minutes longer than the 空岗 line, per session, are the 空岗. Generated days: the A and B
 * posts and one off-roster staffer, signed in, away and covering in any order, open intervals
 * included, a day in progress or over, working or not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DutyInterval } from '../../server/domain/facts.js';
import type { Session } from '../../server/domain/attendance/sessions.js';
import type { Roster } from '../../server/domain/attendance/staffDay.js';
import { windowDay } from '../../server/domain/attendance/windowDay.js';

const MIN = 60_000;
const DAY = 600; // minutes of the generated day
const WINDOW = 'h-1';
const roster: Roster = new Map([[WINDOW, { A: 'a', B: 'b' }]]);
const sessions: Session[] = [
  { name: 'am', start: 60 * MIN, end: 240 * MIN },
  { name: 'pm', start: 330 * MIN, end: 540 * MIN },
];
const postOf = (staffId: string) => (staffId === 'a' ? 'A' : staffId === 'b' ? 'B' : undefined);

const interval = fc
  .record({
    kind: fc.constantFrom('duty', 'duty', 'away', 'cover'),
    staffId: fc.constantFrom('a', 'b', 'x'),
    from: fc.integer({ min: 0, max: DAY }),
    length: fc.integer({ min: 0, max: 300 }),
    open: fc.boolean(),
    elsewhere: fc.boolean(),
  })
  .map(
    (g): DutyInterval => ({
      id: `${g.kind}:${g.staffId}:${g.from}`,
      kind: g.kind as DutyInterval['kind'],
      staffId: g.staffId,
      // A few intervals at another window: they must not count here.
      windowId: g.elsewhere && g.from % 5 === 0 ? 'h-2' : WINDOW,
      ...(postOf(g.staffId) ? { post: postOf(g.staffId) } : {}),
      startAt: g.from * MIN,
      ...(g.open ? {} : { endAt: Math.min(g.from + g.length, DAY) * MIN }),
      startEvent: 1,
      day: '20261102',
    }),
  );

interface Case {
  intervals: DutyInterval[];
  working: boolean;
  nowMinute: number;
  offRosterCovers: boolean;
  kongangMinutes: number;
  abNotAwayTogether: boolean;
}

/** The naive reading, minute by minute. */
function naive(c: Case) {
  const now = c.nowMinute;
  const here = c.intervals.filter((i) => i.windowId === WINDOW);
  const holds = (i: DutyInterval, m: number) => i.startAt / MIN <= m && m < (i.endAt ?? now * MIN) / MIN;
  const inService = (m: number) => c.working && m < now && sessions.some((s) => s.start / MIN <= m && m < s.end / MIN);
  const counts = (staffId: string) => c.offRosterCovers || staffId === 'a' || staffId === 'b';
  const coveredAt = (m: number) =>
    here.some((d) => d.kind === 'duty' && counts(d.staffId) && holds(d, m) && !here.some((w) => w.kind === 'away' && w.staffId === d.staffId && holds(w, m)));
  let service = 0;
  let covered = 0;
  let cover = 0;
  let offRoster = 0;
  let both = 0;
  let bothRuns = 0;
  for (let m = 0; m < DAY; m++) {
    if (!inService(m)) continue;
    service += 1;
    if (coveredAt(m)) covered += 1;
    if (here.some((i) => i.kind === 'cover' && holds(i, m))) cover += 1;
    if (here.some((i) => i.kind === 'duty' && i.staffId === 'x' && holds(i, m))) offRoster += 1;
    const bothAway = c.abNotAwayTogether && ['A', 'B'].every((p) => here.some((i) => i.kind === 'away' && i.post === p && holds(i, m)));
    if (bothAway) {
      both += 1;
      const before = m - 1;
      const wasBoth = inService(before) && ['A', 'B'].every((p) => here.some((i) => i.kind === 'away' && i.post === p && holds(i, before)));
      if (!wasBoth) bothRuns += 1;
    }
  }
  // 空岗: runs of uncovered service minutes within one session, longer than the line.
  let kongangCount = 0;
  let kongangMinutes = 0;
  for (const s of sessions) {
    let run = 0;
    for (let m = s.start / MIN; m <= s.end / MIN; m++) {
      const gap = m < s.end / MIN && inService(m) && !coveredAt(m);
      if (gap) run += 1;
      else {
        if (run > c.kongangMinutes) {
          kongangCount += 1;
          kongangMinutes += run;
        }
        run = 0;
      }
    }
  }
  const offRosterStaff = here.some((i) => i.kind === 'duty' && i.staffId === 'x' && Array.from({ length: DAY }, (_, m) => m).some((m) => inService(m) && holds(i, m))) ? ['x'] : [];
  return {
    serviceMinutes: service,
    coveredMinutes: covered,
    uncoveredMinutes: service - covered,
    coverageRate: service > 0 ? Math.round((covered / service) * 10_000) / 10_000 : null,
    kongang: { count: kongangCount, minutes: kongangMinutes },
    coverMinutes: cover,
    bothAway: { count: bothRuns, minutes: both },
    offRoster: { minutes: offRoster, staff: offRosterStaff },
  };
}

describe("a window's day", () => {
  it('agrees with a minute-by-minute reading of the same intervals', () => {
    fc.assert(
      fc.property(
        fc.record({
          intervals: fc.array(interval, { maxLength: 10 }),
          working: fc.boolean(),
          nowMinute: fc.oneof(fc.constant(DAY), fc.integer({ min: 0, max: DAY })),
          offRosterCovers: fc.boolean(),
          kongangMinutes: fc.integer({ min: 0, max: 40 }),
          abNotAwayTogether: fc.boolean(),
        }),
        (c) => {
          const got = windowDay({
            windowId: WINDOW, windowNumber: 1, date: '2026-11-02', working: c.working, sessions, intervals: c.intervals, roster,
            offRosterCovers: c.offRosterCovers, kongangMinutes: c.kongangMinutes, abNotAwayTogether: c.abNotAwayTogether, now: c.nowMinute * MIN,
          });
          expect(got).toEqual({ windowId: WINDOW, date: '2026-11-02', working: c.working, ...naive(c) });
        },
      ),
      { seed: 20261206, numRuns: 1500 },
    );
  });
});
