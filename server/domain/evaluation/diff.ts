/**
 * What changed between two versions of a month's evaluation (a correction: a contest upheld, a
 * 差评 appeal voided, a late record): per staffer and per window, the total, grade, rank and
 * awards before and after, and the score items that appeared or disappeared. Pure.
 */
import type { MonthEvaluation, ScoreItem, StaffEvaluation, WindowEvaluation } from './result.js';

/** 服务之星, 约谈 and 一票否决 for staff; 红旗窗口 for windows. */
export type Award = 'service_star' | 'talk' | 'veto' | 'red_flag';

export interface Change<T> {
  from: T;
  to: T;
}

export interface SubjectDiff {
  subject: 'staff' | 'window';
  /** staffId or windowId. */
  id: string;
  name: string;
  /** added: only in the newer version; removed: only in the older; changed: in both, something differs. */
  status: 'added' | 'removed' | 'changed';
  total?: Change<number | null>;
  grade?: Change<string | null>;
  rank?: Change<number | null>;
  awardsGained: Award[];
  awardsLost: Award[];
  itemsAdded: ScoreItem[];
  itemsRemoved: ScoreItem[];
}

export interface EvaluationDiff {
  staff: SubjectDiff[];
  windows: SubjectDiff[];
  /** Nothing differs in any staffer or window. */
  same: boolean;
}

/** Two items are the same item when everything that defines them is equal (refs in any order). */
export const itemKey = (i: ScoreItem): string =>
  JSON.stringify([i.category, i.rule, i.points, i.veto, i.at ?? null, i.refs.map((r) => `${r.kind}:${r.id}`).sort()]);

/** Items of `a` not in `b`, counting repeats (two identical late arrivals are two items). */
function minus(a: ScoreItem[], b: ScoreItem[]): ScoreItem[] {
  const left = new Map<string, number>();
  for (const i of b) left.set(itemKey(i), (left.get(itemKey(i)) ?? 0) + 1);
  const out: ScoreItem[] = [];
  for (const i of a) {
    const k = itemKey(i);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push(i);
  }
  return out;
}

interface Comparable {
  id: string;
  name: string;
  total: number;
  grade: string | null;
  rank: number;
  awards: Award[];
  items: ScoreItem[];
}

const staffOf = (s: StaffEvaluation): Comparable => ({
  id: s.staffId, name: s.name, total: s.total, grade: s.grade, rank: s.rank, items: s.items,
  awards: [...(s.serviceStar ? ['service_star' as const] : []), ...(s.talk ? ['talk' as const] : []), ...(s.vetoed ? ['veto' as const] : [])],
});
const windowOf = (w: WindowEvaluation): Comparable => ({
  id: w.windowId, name: w.name, total: w.total, grade: null, rank: w.rank, items: w.items, awards: w.redFlag ? ['red_flag'] : [],
});

function compare(subject: SubjectDiff['subject'], before: Comparable[], after: Comparable[]): SubjectDiff[] {
  const old = new Map(before.map((c) => [c.id, c]));
  const now = new Map(after.map((c) => [c.id, c]));
  const ids = [...new Set([...after.map((c) => c.id), ...before.map((c) => c.id)])];
  const out: SubjectDiff[] = [];
  for (const id of ids) {
    const a = old.get(id);
    const b = now.get(id);
    const field = <T>(get: (c: Comparable) => T): Change<T | null> | undefined => {
      const from = a ? get(a) : null;
      const to = b ? get(b) : null;
      return from === to ? undefined : { from, to };
    };
    const d: SubjectDiff = {
      subject, id, name: (b ?? a)!.name, status: !a ? 'added' : !b ? 'removed' : 'changed',
      awardsGained: (b?.awards ?? []).filter((x) => !a?.awards.includes(x)),
      awardsLost: (a?.awards ?? []).filter((x) => !b?.awards.includes(x)),
      itemsAdded: minus(b?.items ?? [], a?.items ?? []),
      itemsRemoved: minus(a?.items ?? [], b?.items ?? []),
    };
    const total = field((c) => c.total);
    const grade = field((c) => c.grade);
    const rank = field((c) => c.rank);
    if (total) d.total = total;
    if (grade) d.grade = grade;
    if (rank) d.rank = rank;
    const differs = d.status !== 'changed' || total || grade || rank || d.awardsGained.length || d.awardsLost.length || d.itemsAdded.length || d.itemsRemoved.length;
    if (differs) out.push(d);
  }
  return out;
}

/** What changed from `before` to `after` (two versions of the same hall and month). */
export function diffEvaluations(before: MonthEvaluation, after: MonthEvaluation): EvaluationDiff {
  const staff = compare('staff', before.staff.map(staffOf), after.staff.map(staffOf));
  const windows = compare('window', before.windows.map(windowOf), after.windows.map(windowOf));
  return { staff, windows, same: staff.length === 0 && windows.length === 0 };
}
