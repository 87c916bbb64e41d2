/**
 * A month's tallies per staffer and window pair — what one GROUP BY over the facts gives
 * (server/store/archive/monthMetrics.ts) — rolled up to each staffer, each window and the hall.
 * The counts and sums add; the p90 wait does not, so each pair brings its waits and the p90 of
 * a staffer, a window or the hall is taken over theirs together (nearest rank, as p90Of). Pure.
 */
import type { Tallied, TalliesInput } from './fromTallies.js';
import { emptyTally, p90OfUnsorted, type MetricTally } from './summary.js';

export interface PairTally {
  /** null for tickets nobody called (cancelled while waiting): they count for the hall only. */
  staffId: string | null;
  windowId: string | null;
  /** `transfers` here leaves out tickets with a transfer path (metricsFromTallies credits those by the path). */
  tally: MetricTally;
  /** Every transfer of the pair's tickets: what the hall counts. */
  transfersAll: number;
  /** The pair's waits in milliseconds (lunch excluded), any order. */
  waitsMs: ArrayLike<number>;
  overTargetIds: readonly string[];
  overStandardIds: readonly string[];
}

type RolledUp = Pick<TalliesInput, 'hall' | 'byStaff' | 'byWindow' | 'overTarget' | 'overStandard' | 'staffWindows'>;

const addTally = (into: ReturnType<typeof emptyTally>, t: MetricTally, transfers: number): void => {
  into.served += t.served;
  into.called += t.called;
  into.came += t.came;
  into.handled += t.handled;
  into.handlingSum += t.handlingSum;
  into.handlingOverStandard += t.handlingOverStandard;
  into.waitOverTarget += t.waitOverTarget;
  into.waitSum += t.waitSum;
  into.noShows += t.noShows;
  into.transfers += transfers;
  for (let i = 0; i < 5; i++) into.ratings[i]! += t.ratings[i]!;
};

/** The p90 in seconds of the waits of some pairs together. */
function p90Seconds(pairs: readonly PairTally[]): number | null {
  let n = 0;
  for (const p of pairs) n += p.waitsMs.length;
  const all = new Float64Array(n);
  let at = 0;
  for (const p of pairs) for (let i = 0; i < p.waitsMs.length; i++) all[at++] = p.waitsMs[i]!;
  const ms = p90OfUnsorted(all);
  return ms === null ? null : ms / 1000;
}

export function rollUp(pairs: readonly PairTally[]): RolledUp {
  const staffPairs = new Map<string, PairTally[]>();
  const windowPairs = new Map<string, PairTally[]>();
  const staffWindows = new Map<string, Set<string>>();
  const overTarget = { byStaff: new Map<string, string[]>(), byWindow: new Map<string, string[]>() };
  const overStandard = { byStaff: new Map<string, string[]>(), byWindow: new Map<string, string[]>() };
  const push = <T>(map: Map<string, T[]>, key: string, items: readonly T[]): void => {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    for (const item of items) list.push(item);
  };
  for (const p of pairs) {
    if (p.staffId !== null) push(staffPairs, p.staffId, [p]);
    if (p.windowId !== null) push(windowPairs, p.windowId, [p]);
    if (p.staffId !== null && p.windowId !== null) {
      // As metricsOf: a staffer's windows are those of the tickets they called.
      let set = staffWindows.get(p.staffId);
      if (!set) staffWindows.set(p.staffId, (set = new Set()));
      set.add(p.windowId);
      push(overTarget.byStaff, p.staffId, p.overTargetIds);
      push(overTarget.byWindow, p.windowId, p.overTargetIds);
      push(overStandard.byStaff, p.staffId, p.overStandardIds);
      push(overStandard.byWindow, p.windowId, p.overStandardIds);
    }
  }
  const tallied = (group: readonly PairTally[], hall: boolean): Tallied => {
    const tally = emptyTally();
    for (const p of group) addTally(tally, p.tally, hall ? p.transfersAll : p.tally.transfers);
    return { tally, p90: p90Seconds(group) };
  };
  const each = (map: Map<string, PairTally[]>): Map<string, Tallied> => new Map([...map].map(([k, group]) => [k, tallied(group, false)]));
  return { hall: tallied(pairs, true), byStaff: each(staffPairs), byWindow: each(windowPairs), overTarget, overStandard, staffWindows };
}
