/**
 * No-show re-queueing (过号重排, DESIGN.md §3): a called citizen who did not come waits again a few
 * places back, up to a limit; past it the ticket is missed. The one definition of the rule:
 * server/store/lua/no_show.lua executes it atomically, the wait estimate (estimate.ts) predicts a
 * re-queued ticket's place with it, and tests/engine/calling-order.property.test.ts proves the
 * script and these functions agree. (When a no-show may be marked at all is another rule:
 * the minimum time after the call, in its own module.)
 */

export interface RequeueRules {
  /** How many times a ticket may wait again after a no-show (noShowRequeueLimit). */
  requeueLimit: number;
  /** How many places behind the head of its class queue it waits again (noShowRequeuePlaces). */
  requeuePlaces: number;
}

/**
 * What a no-show does to the ticket: it waits again while its no-shows (this one counted) stay
 * within the limit; past it, or once the business day has ended at its window (nobody would call
 * it again: sweep.lua), it is missed.
 */
export function noShowFate(noShows: number, rules: RequeueRules, dayEnded: boolean): 'requeued' | 'missed' {
  return noShows <= rules.requeueLimit && !dayEnded ? 'requeued' : 'missed';
}

/**
 * The queue time a re-queued ticket gets in its class queue: `places` places behind the head,
 * given the queue times of the tickets waiting there now (any order). That place is between the
 * queue's `places`-th and `places+1`-th tickets:
 *   - places 0: just before the head (1 ms earlier), or now when the queue is empty;
 *   - between two tickets: the midpoint — or, when they queued in the same millisecond, half a
 *     millisecond after the second. Not less than half: events carry queue times with cjson's 14
 *     significant digits, which leave epoch ms one decimal, so the archive rebuilds the order;
 *   - exactly `places` waiting: 1 ms after the last, or now if that is later;
 *   - fewer waiting: now (at the back).
 * Never ahead of a ticket that was ahead of it at that place: the same-millisecond rule puts it
 * after every ticket sharing the second's time.
 */
export function requeuedAt(queue: readonly number[], places: number, now: number): number {
  const sorted = [...queue].sort((a, b) => a - b);
  if (places === 0) return sorted.length > 0 ? sorted[0]! - 1 : now;
  const a = sorted[places - 1];
  const b = sorted[places];
  if (a !== undefined && b !== undefined) return a < b ? (a + b) / 2 : b + 0.5;
  if (a !== undefined) return Math.max(a + 1, now);
  return now;
}
