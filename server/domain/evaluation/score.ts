/**
 * The month's evaluation (月度考核) of a hall: every staffer and window scored from the month's
 * ticket facts, attendance and casework records by the hall's rules, ranked, with 服务之星,
 * 红旗窗口 and 约谈 named. Pure: the month-end job loads, this decides, the job freezes the result.
 * Rules and their sources: server/evaluationConfig.ts; each step's rule in the file it calls.
 */
import type { HallConfig } from '../../config.js';
import type { EvaluationRules } from '../../evaluationConfig.js';
import type { AttendancePeriod } from '../attendance/period.js';
import { rosterOf } from '../attendance/period.js';
import type { DutyInterval } from '../facts.js';
import { metricsOf, type Metrics } from '../metrics/metricsOf.js';
import { metricRulesOf } from '../metrics/rules.js';
import { MetricAccumulator } from '../metrics/summary.js';
import type { MetricTicket } from '../metrics/ticket.js';
import { windowId as windowIdOf } from '../numbering.js';
import { attendanceItems } from './attendanceItems.js';
import { atLeast, gradeOf, round2, scoreItems } from './categories.js';
import { efficiencyItems } from './efficiencyItems.js';
import { caseCounts, staffRecordItems } from './recordItems.js';
import { bottom, ranks, redFlagCount, serviceStarCount, topWithTies } from './ranking.js';
import type { EvaluationRecords } from './records.js';
import type { MonthEvaluation, StaffEvaluation, WindowEvaluation } from './result.js';
import { windowOwnPart } from './windowScore.js';

export interface MonthInput {
  hall: HallConfig;
  /** YYYY-MM */
  month: string;
  /** The month's ticket facts (TicketFacts, or rows with the fields the metrics read); not needed when `metrics` is given. */
  facts?: Iterable<MetricTicket>;
  /** The month's duty intervals (utilisation, tickets per staffed hour). */
  intervals?: readonly DutyInterval[];
  /** attendancePeriod over the month's dates. */
  attendance: AttendancePeriod;
  records: EvaluationRecords;
  /** The rules; the hall's own (`hall.evaluation`) when absent. */
  rules?: EvaluationRules;
  /** Earlier months' evaluations, newest first (約谈 needs the months before). One is enough for the default of 2. */
  previous?: MonthEvaluation | readonly MonthEvaluation[];
  /** Open duty intervals end here (the month's end for a closed month). */
  now: number;
  /** The metrics when already computed over the month's facts and intervals (metricsOf, or the archive's monthMetrics). */
  metrics?: Metrics;
}

const emptySummary = () => new MetricAccumulator().summary();

/** Who is evaluated: everyone holding a post, plus anyone the month's tickets, attendance or records name. */
function subjects(input: MonthInput, metrics: Metrics): string[] {
  const ids = new Set(input.hall.staff.filter((s) => s.posts.length > 0).map((s) => s.id));
  for (const id of metrics.byStaff.keys()) ids.add(id);
  for (const s of input.attendance.staff) ids.add(s.staffId);
  const r = input.records;
  for (const x of [...r.cases, ...r.findings, ...r.complaints, ...r.commendations]) if (x.staffId) ids.add(x.staffId);
  return [...ids].sort();
}

export function evaluateMonth(input: MonthInput): MonthEvaluation {
  const { hall } = input;
  const rules = input.rules ?? hall.evaluation;
  if (!input.metrics && !input.facts) throw new Error('evaluateMonth needs the month\'s facts or its metrics');
  const metrics = input.metrics ?? metricsOf({ tickets: input.facts!, ...(input.intervals ? { intervals: input.intervals } : {}), rules: metricRulesOf(hall), now: input.now, byServiceAndDay: false });
  const roster = rosterOf(hall);
  const sessionsPerDay = hall.schedule.lunch ? 2 : 1;
  const config = new Map(hall.staff.map((s) => [s.id, s]));
  const chiefs = new Set(rules.awards.chiefs);

  const absence: number[] = [];
  const staff: StaffEvaluation[] = subjects(input, metrics).map((staffId) => {
    const m = metrics.byStaff.get(staffId) ?? emptySummary();
    const att = attendanceItems(staffId, input.attendance, roster, sessionsPerDay, rules);
    const items = [
      ...att.items,
      ...staffRecordItems(staffId, input.records, rules),
      ...efficiencyItems(m, metrics.overTarget.byStaff.get(staffId) ?? [], metrics.overStandard.byStaff.get(staffId) ?? [], rules),
    ];
    const scored = scoreItems(items, rules);
    absence.push(att.absenceHalfDays);
    const posts = (config.get(staffId)?.posts ?? []).map((p) => windowIdOf(hall.id, p.window));
    const windowIds = [...new Set([...posts, ...(metrics.staffWindows.get(staffId) ?? [])])].sort();
    return {
      staffId,
      name: config.get(staffId)?.name ?? staffId,
      windowIds,
      chief: chiefs.has(staffId),
      categories: scored.categories,
      bonus: scored.bonus,
      total: scored.total,
      grade: gradeOf(scored.total, rules.grades),
      rank: 0,
      vetoed: scored.vetoed,
      serviceStar: false,
      talk: false,
      items,
      metrics: m,
    };
  });

  const totals = staff.map((s) => s.total);
  ranks(totals).forEach((r, i) => (staff[i]!.rank = r));

  // 服务之星, in each ranking group.
  const a = rules.awards;
  const eligible = staff.map((s, i) => {
    const badReview = input.records.cases.some((c) => c.staffId === s.staffId && caseCounts(c));
    return !s.vetoed && atLeast(s.grade, a.starMinGrade) && !(a.starBarsVerifiedBadReview && badReview) && !(a.starBarsAbsence && absence[i]! > 0);
  });
  const groups = a.separateChiefRanking ? [staff.map((s) => s.chief), staff.map((s) => !s.chief)] : [staff.map(() => true)];
  for (const inGroup of groups) {
    const size = inGroup.filter(Boolean).length;
    const stars = topWithTies(totals, eligible.map((e, i) => e && inGroup[i]!), serviceStarCount(size, a.serviceStarShare));
    for (const i of stars) staff[i]!.serviceStar = true;
  }

  // 约谈: at the bottom this month and the months before.
  const earlier = input.previous === undefined ? [] : Array.isArray(input.previous) ? (input.previous as readonly MonthEvaluation[]) : [input.previous as MonthEvaluation];
  const need = rules.bottomRankedConsecutiveMonthsForTalk - 1;
  if (earlier.length >= need) {
    const bottoms = earlier.slice(0, need).map((e) => {
      const b = bottom(e.staff.map((s) => s.total));
      return new Set([...b].map((i) => e.staff[i]!.staffId));
    });
    for (const i of bottom(totals)) if (bottoms.every((b) => b.has(staff[i]!.staffId))) staff[i]!.talk = true;
  }

  // Windows.
  const byId = new Map(staff.map((s) => [s.staffId, s]));
  const barred: boolean[] = [];
  const windows: WindowEvaluation[] = hall.windows.map((w) => {
    const id = windowIdOf(hall.id, w.number);
    const m = metrics.byWindow.get(id) ?? emptySummary();
    const own = windowOwnPart(id, m, metrics.overTarget.byWindow.get(id) ?? [], metrics.overStandard.byWindow.get(id) ?? [], input.attendance, input.records, rules);
    const r = roster.get(id) ?? {};
    let team = [r.A, r.B].flatMap((sid) => (sid && byId.has(sid) ? [byId.get(sid)!] : []));
    if (team.length === 0) team = staff.filter((s) => metrics.staffWindows.get(s.staffId)?.has(id));
    barred.push(own.vetoed || team.some((x) => x.vetoed) || m.served === 0);
    const staffMean = team.length > 0 ? round2(team.reduce((s, x) => s + x.total, 0) / team.length) : own.own;
    return {
      windowId: id,
      number: w.number,
      name: w.name,
      efficiencyAndRating: own.own,
      staffMean,
      total: round2(rules.windowOwnWeight * own.own + (1 - rules.windowOwnWeight) * staffMean),
      rank: 0,
      redFlag: false,
      items: own.items,
      metrics: m,
    };
  });
  const windowTotals = windows.map((w) => w.total);
  ranks(windowTotals).forEach((r, i) => (windows[i]!.rank = r));
  const flags = topWithTies(windowTotals, barred.map((b) => !b), redFlagCount(windows.length, a.redFlagShare, a.redFlagMax));
  for (const i of flags) windows[i]!.redFlag = true;

  return { hallId: hall.id, month: input.month, staff, windows, hall: metrics.hall };
}
