/**
 * The 差评 closed loop (evaluation-defaults.md §7 bad_review): a rating of 1 or 2 opens a case
 * that is verified, rectified or explained or appealed, revisited and closed. Pure.
 *
 *   received ─assign─► verifying ─verify─► rectifying ─rectify─► rectified ─revisit─► revisited ─close─► closed
 *                                  │                                  ▲   │ 不满意, once (追评): back to rectifying
 *                                  ├──────► explaining ─revisit───────┼───┘ (explaining ─revisit─► revisited)
 *                                  └──────► appealing ─decide: upheld ─► voided
 *                                                       └─ rejected ─► rectifying
 *
 * A case is its opening (the rating, copied, never edited) and its steps, appended in order; its
 * state is the fold of the steps. A step that starts a clock carries its due moment, computed
 * when it was taken on the hall's calendar then (workdays.ts), so the case alone says whether a
 * deadline was missed (outcome.ts), whatever the calendar or the rules become later.
 */
import type { HallCalendar } from '../calendar/calendar.js';
import { workdaysDue } from './workdays.js';

export const caseStates = ['received', 'verifying', 'rectifying', 'explaining', 'appealing', 'rectified', 'revisited', 'closed', 'voided'] as const;
export type CaseState = (typeof caseStates)[number];
export const finalStates: readonly CaseState[] = ['closed', 'voided'];
export const isFinal = (s: CaseState): boolean => finalStates.includes(s);

/** The verification's finding: 属实, rectify (整改) · 缺乏依据, explain (解释说明) · 误评/恶意, appeal (申诉复核). */
export const verifyOutcomes = ['rectify', 'explain', 'appeal'] as const;
export type VerifyOutcome = (typeof verifyOutcomes)[number];
export const complexities = ['simple', 'complex'] as const;
export type Complexity = (typeof complexities)[number];
/** The rater's word at the revisit (回访): 满意 / 基本满意 / 不满意 (S63). */
export const raterResponses = ['satisfied', 'basic', 'unsatisfied'] as const;
export type RaterResponse = (typeof raterResponses)[number];

export const caseActions = ['open', 'assign', 'contact', 'verify', 'decide_appeal', 'rectify', 'revisit', 'close', 'note'] as const;
export type CaseActionName = (typeof caseActions)[number];

/** What someone asks of a case (the transport validates the shapes; the rules are here). */
export type CaseAction =
  | { action: 'assign'; assignee: string; note?: string }
  | { action: 'contact'; note: string }
  | { action: 'verify'; outcome: VerifyOutcome; complexity?: Complexity; note: string }
  | { action: 'decide_appeal'; upheld: boolean; complexity?: Complexity; note: string }
  | { action: 'rectify'; note: string }
  | { action: 'revisit'; response: RaterResponse; note?: string }
  | { action: 'close'; note?: string }
  | { action: 'note'; note: string };

export type DeadlineKind = 'contact' | 'rectify' | 'appeal_decision';
export interface CaseDeadline {
  kind: DeadlineKind;
  startedAt: number;
  /** Epoch ms: the end of the last working day allowed. */
  due: number;
  /** When the step it waited for came. */
  metAt?: number;
}

/** One appended record: who, when, what, the note; never changed afterwards. */
export interface CaseStep {
  seq: number;
  at: number;
  actorId: string;
  action: CaseActionName;
  from?: CaseState;
  to: CaseState;
  note?: string;
  assignee?: string;
  outcome?: VerifyOutcome;
  complexity?: Complexity;
  upheld?: boolean;
  response?: RaterResponse;
  /** The clock this step started, and when it is due. */
  clock?: { kind: DeadlineKind; due: number };
}

/** The rating that opened the case, copied from the ticket.rated event (the rating itself stays untouched). */
export interface CaseOpening {
  caseId: string;
  hallId: string;
  ticketId: string;
  ticketNumber: string;
  serviceId: string;
  windowId: string;
  staffId: string;
  level: 1 | 2;
  reasons: string[];
  comment?: string;
  ratedAt: number;
}

export interface BadReviewCase extends CaseOpening {
  openedAt: number;
  state: CaseState;
  assignee?: string;
  complexity?: Complexity;
  /** The verdict: true 属实 (at fault), false not at fault, null not yet decided. */
  atFault: boolean | null;
  voided: boolean;
  /** 追评 rounds used: times the rater's 不满意 sent the case back to rectifying. */
  reopened: number;
  lastResponse?: RaterResponse;
  /** When the case reached closed or voided. */
  endedAt?: number;
  deadlines: CaseDeadline[];
  steps: CaseStep[];
}

export interface CaseRules {
  contactWorkdays: number;
  rectifySimpleWorkdays: number;
  rectifyComplexWorkdays: number;
  appealFileWorkdays: number;
  appealDecideWorkdays: number;
  reopenLimit: number;
}

export interface CaseClock {
  rules: CaseRules;
  calendar: HallCalendar;
  timeZone: string;
}

export const caseRefusals = {
  bad_state: 'the case’s state does not allow this step',
  complexity_required: 'say whether the rectification is simple or complex (it sets the deadline)',
  appeal_too_late: 'the time to file an appeal (申诉) has passed',
  same_assignee: 'the case is already assigned to them',
  case_closed: 'the case is closed',
} as const;
export type CaseRefusal = keyof typeof caseRefusals;

/** The case id of a ticket's bad review: one case per rated ticket, whoever opens it. */
export const caseIdOf = (ticketId: string): string => `case-${ticketId}`;

const meet = (deadlines: CaseDeadline[], kinds: DeadlineKind[], at: number): CaseDeadline[] =>
  deadlines.map((d) => (d.metAt === undefined && kinds.includes(d.kind) ? { ...d, metAt: at } : d));

/** The case after one more step. */
export function foldStep(c: BadReviewCase, s: CaseStep): BadReviewCase {
  let deadlines = c.deadlines;
  const next: BadReviewCase = { ...c, state: s.to, steps: [...c.steps, s] };
  switch (s.action) {
    case 'assign':
      next.assignee = s.assignee;
      break;
    case 'contact':
      deadlines = meet(deadlines, ['contact'], s.at);
      break;
    case 'verify':
      next.atFault = s.outcome === 'rectify' ? true : s.outcome === 'explain' ? false : null;
      if (s.complexity) next.complexity = s.complexity;
      break;
    case 'decide_appeal':
      deadlines = meet(deadlines, ['appeal_decision'], s.at);
      next.atFault = !s.upheld;
      next.voided = !!s.upheld;
      if (s.complexity) next.complexity = s.complexity;
      break;
    case 'rectify':
      deadlines = meet(deadlines, ['rectify'], s.at);
      break;
    case 'revisit':
      // A revisit is a conversation with the rater: it also answers the contact clock.
      deadlines = meet(deadlines, ['contact'], s.at);
      next.lastResponse = s.response;
      if (s.to === 'rectifying') next.reopened = c.reopened + 1;
      break;
    default:
      break;
  }
  if (s.clock) deadlines = [...deadlines, { kind: s.clock.kind, startedAt: s.at, due: s.clock.due }];
  next.deadlines = deadlines;
  if (isFinal(s.to) && next.endedAt === undefined) next.endedAt = s.at;
  return next;
}

/** A case from its opening and its steps (the first step is `open`). */
export function foldCase(opening: CaseOpening, steps: readonly CaseStep[]): BadReviewCase {
  const first = steps[0];
  const { caseId, hallId, ticketId, ticketNumber, serviceId, windowId, staffId, level, reasons, comment, ratedAt } = opening;
  const only: CaseOpening = { caseId, hallId, ticketId, ticketNumber, serviceId, windowId, staffId, level, reasons, ...(comment ? { comment } : {}), ratedAt };
  const start: BadReviewCase = { ...only, openedAt: first?.at ?? opening.ratedAt, state: 'received', atFault: null, voided: false, reopened: 0, deadlines: [], steps: [] };
  return steps.reduce(foldStep, start);
}

/** The opening step: the contact clock starts at the rating. */
export function openingStep(opening: CaseOpening, at: number, clock: CaseClock): CaseStep {
  return { seq: 1, at, actorId: 'system', action: 'open', to: 'received', clock: { kind: 'contact', due: workdaysDue(opening.ratedAt, clock.rules.contactWorkdays, clock.calendar, clock.timeZone) } };
}

export type StepResult = { ok: true; step: CaseStep; next: BadReviewCase } | { ok: false; reason: CaseRefusal };

const rectifyClock = (at: number, complexity: Complexity, clock: CaseClock): CaseStep['clock'] => ({
  kind: 'rectify',
  due: workdaysDue(at, complexity === 'complex' ? clock.rules.rectifyComplexWorkdays : clock.rules.rectifySimpleWorkdays, clock.calendar, clock.timeZone),
});

/** The step a request makes of a case now, or why it may not. */
export function takeStep(c: BadReviewCase, a: CaseAction, at: number, actorId: string, clock: CaseClock): StepResult {
  const from = c.state;
  const base = { seq: c.steps.length + 1, at, actorId, action: a.action, from, ...(a.note ? { note: a.note } : {}) };
  const refuse = (reason: CaseRefusal): StepResult => ({ ok: false, reason });
  const done = (step: CaseStep): StepResult => ({ ok: true, step, next: foldStep(c, step) });
  if (isFinal(from) && a.action !== 'note') return refuse('case_closed');
  switch (a.action) {
    case 'note':
      return done({ ...base, to: from });
    case 'assign':
      if (a.assignee === c.assignee) return refuse('same_assignee');
      // 谁办理谁负责 (S60): the first assignment starts the verification.
      return done({ ...base, to: from === 'received' ? 'verifying' : from, assignee: a.assignee });
    case 'contact':
      if (from === 'received') return refuse('bad_state');
      return done({ ...base, to: from });
    case 'verify': {
      if (from !== 'verifying') return refuse('bad_state');
      if (a.outcome === 'rectify') {
        if (!a.complexity) return refuse('complexity_required');
        return done({ ...base, to: 'rectifying', outcome: a.outcome, complexity: a.complexity, clock: rectifyClock(at, a.complexity, clock) });
      }
      if (a.outcome === 'explain') return done({ ...base, to: 'explaining', outcome: a.outcome });
      if (at > workdaysDue(c.ratedAt, clock.rules.appealFileWorkdays, clock.calendar, clock.timeZone)) return refuse('appeal_too_late');
      return done({ ...base, to: 'appealing', outcome: a.outcome, clock: { kind: 'appeal_decision', due: workdaysDue(at, clock.rules.appealDecideWorkdays, clock.calendar, clock.timeZone) } });
    }
    case 'decide_appeal':
      if (from !== 'appealing') return refuse('bad_state');
      if (a.upheld) return done({ ...base, to: 'voided', upheld: true });
      if (!a.complexity) return refuse('complexity_required');
      return done({ ...base, to: 'rectifying', upheld: false, complexity: a.complexity, clock: rectifyClock(at, a.complexity, clock) });
    case 'rectify':
      if (from !== 'rectifying') return refuse('bad_state');
      return done({ ...base, to: 'rectified' });
    case 'revisit': {
      if (from !== 'rectified' && from !== 'explaining') return refuse('bad_state');
      // 追评 (S71): a rater still 不满意 with the fix sends it back once; an explanation is not a fix to redo.
      const again = a.response === 'unsatisfied' && from === 'rectified' && c.reopened < clock.rules.reopenLimit;
      return done({ ...base, to: again ? 'rectifying' : 'revisited', response: a.response, ...(again ? { clock: rectifyClock(at, c.complexity ?? 'simple', clock) } : {}) });
    }
    case 'close':
      if (from !== 'revisited') return refuse('bad_state');
      return done({ ...base, to: 'closed' });
  }
}
