/**
 * The 差评 loop as a pure state machine on the hall's calendar: every deadline below is counted by
 * hand on the 2026 calendar (国务院 notice: 国庆 10-01…10-07 off, Saturday 10-10 worked) and the test
 * hall's own days (Saturday 2026-11-28 worked, Friday 2026-12-25 closed).
 */
import { describe, expect, it } from 'vitest';
import { defaultCaseworkRules } from '../../server/casesConfig.js';
import { HallCalendar } from '../../server/domain/calendar/calendar.js';
import { caseIdOf, foldCase, openingStep, takeStep, type BadReviewCase, type CaseAction, type CaseClock, type CaseOpening } from '../../server/domain/cases/badReview.js';
import { caseOutcome, pendingDeadlines } from '../../server/domain/cases/outcome.js';
import { workdaysDue } from '../../server/domain/cases/workdays.js';
import { testConfig } from '../helpers/hall.js';

const tz = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(`${iso}+08:00`);
const hall = testConfig().halls[0]!;
const rules = { ...defaultCaseworkRules().deadlines, reopenLimit: 1 };
const clock: CaseClock = { rules, calendar: new HallCalendar(hall.schedule), timeZone: tz };

const opening = (ratedAt: number): CaseOpening => ({
  caseId: caseIdOf('t1-20261123-A001'), hallId: 't1', ticketId: 't1-20261123-A001', ticketNumber: 'A001', serviceId: 'social',
  windowId: 't1-1', staffId: 's1', level: 2, reasons: ['服务态度差'], comment: '态度不好', ratedAt,
});

function open(ratedAt: number): BadReviewCase {
  const o = opening(ratedAt);
  return foldCase(o, [openingStep(o, ratedAt + 1000, clock)]);
}

function step(c: BadReviewCase, a: CaseAction, when: string, actor = 'm1'): BadReviewCase {
  const r = takeStep(c, a, at(when), actor, clock);
  if (!r.ok) throw new Error(`${a.action}: ${r.reason}`);
  return r.next;
}

describe('deadlines in working days', () => {
  it('counts from the day after: Monday + 1 is due at the end of Tuesday', () => {
    expect(workdaysDue(at('2026-11-23T10:00:00'), 1, clock.calendar, tz)).toBe(at('2026-11-25T00:00:00'));
  });
  it('counts the hall’s 调休 Saturday and skips its own closed day', () => {
    // Fri 11-27 → Sat 11-28 worked (hall), so one working day ends Saturday night.
    expect(workdaysDue(at('2026-11-27T15:00:00'), 1, clock.calendar, tz)).toBe(at('2026-11-29T00:00:00'));
    // Thu 12-24 → Fri 12-25 closed by the hall, Sat/Sun rest, Mon 12-28 is the first.
    expect(workdaysDue(at('2026-12-24T09:00:00'), 1, clock.calendar, tz)).toBe(at('2026-12-29T00:00:00'));
    // Fri 11-27, five: 11-28 Sat, 11-30, 12-01, 12-02, 12-03.
    expect(workdaysDue(at('2026-11-27T15:00:00'), 5, clock.calendar, tz)).toBe(at('2026-12-04T00:00:00'));
  });
  it('skips 国庆 and counts its 调休 Saturday', () => {
    expect(workdaysDue(at('2026-09-30T16:00:00'), 1, clock.calendar, tz)).toBe(at('2026-10-09T00:00:00'));
    // 10-08, 09, 10 (Sat, worked), 12–16, 19–23, 26, 27: the fifteenth is Tuesday 10-27.
    expect(workdaysDue(at('2026-09-30T17:00:00'), 15, clock.calendar, tz)).toBe(at('2026-10-28T00:00:00'));
  });
});

describe('the bad-review case', () => {
  it('runs received → verifying → rectifying → rectified → revisited → closed, each step appended with who and when', () => {
    let c = open(at('2026-11-23T10:00:00'));
    expect(c.state).toBe('received');
    expect(pendingDeadlines(c)).toEqual([{ kind: 'contact', startedAt: at('2026-11-23T10:00:01'), due: at('2026-11-25T00:00:00') }]);
    c = step(c, { action: 'assign', assignee: 'i1' }, '2026-11-23T10:30:00');
    expect(c).toMatchObject({ state: 'verifying', assignee: 'i1' });
    c = step(c, { action: 'contact', note: '电话联系群众' }, '2026-11-24T09:00:00', 'i1');
    c = step(c, { action: 'verify', outcome: 'rectify', complexity: 'simple', note: '属实' }, '2026-11-24T11:00:00', 'i1');
    expect(c).toMatchObject({ state: 'rectifying', atFault: true, complexity: 'simple' });
    // Tue 11-24 + 5: 11-25, 26, 27, 28 (Sat, worked), 30.
    expect(pendingDeadlines(c)).toEqual([{ kind: 'rectify', startedAt: at('2026-11-24T11:00:00'), due: at('2026-12-01T00:00:00') }]);
    c = step(c, { action: 'rectify', note: '已批评教育，窗口张贴服务规范' }, '2026-11-27T16:00:00');
    c = step(c, { action: 'revisit', response: 'satisfied' }, '2026-11-30T10:00:00');
    c = step(c, { action: 'close' }, '2026-11-30T11:00:00');
    expect(c.state).toBe('closed');
    expect(c.steps.map((s) => [s.action, s.from ?? null, s.to, s.actorId])).toEqual([
      ['open', null, 'received', 'system'],
      ['assign', 'received', 'verifying', 'm1'],
      ['contact', 'verifying', 'verifying', 'i1'],
      ['verify', 'verifying', 'rectifying', 'i1'],
      ['rectify', 'rectifying', 'rectified', 'm1'],
      ['revisit', 'rectified', 'revisited', 'm1'],
      ['close', 'revisited', 'closed', 'm1'],
    ]);
    // The rating it copied is what the citizen gave.
    expect(c).toMatchObject({ level: 2, reasons: ['服务态度差'], comment: '态度不好' });
    expect(caseOutcome(c, at('2026-12-01T00:00:00'))).toEqual({
      caseId: 'case-t1-20261123-A001', hallId: 't1', ticketId: 't1-20261123-A001', level: 2, ratedAt: at('2026-11-23T10:00:00'),
      staffId: 's1', windowId: 't1-1', atFault: true, voided: false, overdue: false,
    });
  });

  it('sends a rectified case back once when the rater is still 不满意 (追评), then closes it whatever they say', () => {
    let c = open(at('2026-11-23T10:00:00'));
    c = step(c, { action: 'assign', assignee: 'm1' }, '2026-11-23T11:00:00');
    c = step(c, { action: 'verify', outcome: 'rectify', complexity: 'complex', note: '属实' }, '2026-11-23T12:00:00');
    c = step(c, { action: 'rectify', note: '整改' }, '2026-11-24T12:00:00');
    c = step(c, { action: 'revisit', response: 'unsatisfied', note: '群众仍不满意' }, '2026-11-25T09:00:00');
    expect(c).toMatchObject({ state: 'rectifying', reopened: 1 });
    // The second round keeps the complexity: 15 working days from Wed 11-25: 26, 27, 28 (Sat), 30, 12-01…04, 07…11, 14, 15 → due end of Tue 12-15.
    expect(pendingDeadlines(c).map((d) => d.due)).toEqual([at('2026-12-16T00:00:00')]);
    c = step(c, { action: 'rectify', note: '再次整改' }, '2026-11-26T09:00:00');
    c = step(c, { action: 'revisit', response: 'unsatisfied' }, '2026-11-27T09:00:00');
    expect(c).toMatchObject({ state: 'revisited', lastResponse: 'unsatisfied', reopened: 1 });
  });

  it('voids a case whose appeal is upheld; it never deducts', () => {
    let c = open(at('2026-11-23T10:00:00'));
    c = step(c, { action: 'assign', assignee: 'm1' }, '2026-11-23T11:00:00');
    c = step(c, { action: 'verify', outcome: 'appeal', note: '群众误评，录像为证' }, '2026-11-24T11:00:00');
    expect(c).toMatchObject({ state: 'appealing', atFault: null });
    c = step(c, { action: 'decide_appeal', upheld: true, note: '申诉成立' }, '2026-11-25T11:00:00');
    expect(c.state).toBe('voided');
    expect(caseOutcome(c, at('2026-12-31T00:00:00'))).toMatchObject({ atFault: false, voided: true });
    // Done with, it takes notes only.
    expect(takeStep(c, { action: 'close' }, at('2026-11-26T00:00:00'), 'm1', clock)).toEqual({ ok: false, reason: 'case_closed' });
    expect(takeStep(c, { action: 'note', note: '归档' }, at('2026-11-26T00:00:00'), 'm1', clock).ok).toBe(true);
  });

  it('sends a rejected appeal to rectifying with its clock starting at the decision', () => {
    let c = open(at('2026-11-23T10:00:00'));
    c = step(c, { action: 'assign', assignee: 'm1' }, '2026-11-23T11:00:00');
    c = step(c, { action: 'verify', outcome: 'appeal', note: '申诉' }, '2026-11-23T12:00:00');
    expect(takeStep(c, { action: 'decide_appeal', upheld: false, note: '驳回' }, at('2026-11-24T09:00:00'), 'm1', clock)).toEqual({ ok: false, reason: 'complexity_required' });
    c = step(c, { action: 'decide_appeal', upheld: false, complexity: 'simple', note: '驳回' }, '2026-11-24T09:00:00');
    expect(c).toMatchObject({ state: 'rectifying', atFault: true, voided: false });
    expect(pendingDeadlines(c).find((d) => d.kind === 'rectify')!.due).toBe(at('2026-12-01T00:00:00'));
  });

  it('refuses an appeal filed after three working days and steps out of order', () => {
    let c = open(at('2026-11-23T10:00:00'));
    expect(takeStep(c, { action: 'verify', outcome: 'rectify', complexity: 'simple', note: 'x' }, at('2026-11-23T11:00:00'), 'm1', clock)).toEqual({ ok: false, reason: 'bad_state' });
    expect(takeStep(c, { action: 'contact', note: 'x' }, at('2026-11-23T11:00:00'), 'm1', clock)).toEqual({ ok: false, reason: 'bad_state' });
    c = step(c, { action: 'assign', assignee: 'm1' }, '2026-11-23T11:00:00');
    expect(takeStep(c, { action: 'assign', assignee: 'm1' }, at('2026-11-23T11:00:00'), 'm1', clock)).toEqual({ ok: false, reason: 'same_assignee' });
    expect(takeStep(c, { action: 'verify', outcome: 'rectify', note: 'x' }, at('2026-11-23T11:00:00'), 'm1', clock)).toEqual({ ok: false, reason: 'complexity_required' });
    // Mon 11-23 + 3 working days: 24, 25, 26 → the appeal may be filed until Thursday night.
    expect(takeStep(c, { action: 'verify', outcome: 'appeal', note: 'x' }, at('2026-11-26T23:59:00'), 'm1', clock).ok).toBe(true);
    expect(takeStep(c, { action: 'verify', outcome: 'appeal', note: 'x' }, at('2026-11-27T00:00:01'), 'm1', clock)).toEqual({ ok: false, reason: 'appeal_too_late' });
    expect(takeStep(c, { action: 'close' }, at('2026-11-23T12:00:00'), 'm1', clock)).toEqual({ ok: false, reason: 'bad_state' });
    expect(takeStep(c, { action: 'rectify', note: 'x' }, at('2026-11-23T12:00:00'), 'm1', clock)).toEqual({ ok: false, reason: 'bad_state' });
  });
});

describe('caseOutcome: overdue as of the evaluation', () => {
  it('is not overdue before a deadline passes, overdue after, and stays overdue once met late', () => {
    let c = open(at('2026-11-23T10:00:00'));
    // Contact due at the end of Tuesday 11-24.
    expect(caseOutcome(c, at('2026-11-24T23:59:00')).overdue).toBe(false);
    expect(caseOutcome(c, at('2026-11-25T00:00:01')).overdue).toBe(true);
    c = step(c, { action: 'assign', assignee: 'm1' }, '2026-11-25T09:00:00');
    c = step(c, { action: 'contact', note: '联系' }, '2026-11-25T10:00:00');
    expect(caseOutcome(c, at('2026-11-30T00:00:00')).overdue).toBe(true);
  });

  it('judges the case as it stood then: a verdict given after asOf is not yet known', () => {
    let c = open(at('2026-11-23T10:00:00'));
    c = step(c, { action: 'assign', assignee: 'm1' }, '2026-11-23T11:00:00');
    c = step(c, { action: 'contact', note: '联系' }, '2026-11-23T12:00:00');
    c = step(c, { action: 'verify', outcome: 'rectify', complexity: 'simple', note: '属实' }, '2026-11-26T09:00:00');
    expect(caseOutcome(c, at('2026-11-25T00:00:00'))).toMatchObject({ atFault: null, overdue: false });
    expect(caseOutcome(c, at('2026-11-26T10:00:00'))).toMatchObject({ atFault: true, overdue: false });
    // Thu 11-26 + 5: 27, 28 (Sat), 30, 12-01, 12-02 → due end of Wed 12-02; not rectified by Thursday.
    expect(caseOutcome(c, at('2026-12-03T08:00:00'))).toMatchObject({ atFault: true, overdue: true });
  });

  it('stops the clocks of a voided case when it ended', () => {
    let c = open(at('2026-11-23T10:00:00'));
    c = step(c, { action: 'assign', assignee: 'm1' }, '2026-11-23T11:00:00');
    c = step(c, { action: 'verify', outcome: 'appeal', note: '误评' }, '2026-11-23T12:00:00');
    c = step(c, { action: 'decide_appeal', upheld: true, note: '成立' }, '2026-11-24T12:00:00');
    // Never contacted, but voided before the contact clock ran out.
    expect(caseOutcome(c, at('2026-12-31T00:00:00'))).toMatchObject({ voided: true, overdue: false });
  });
});
