/**
 * When a kiosk's paper ticket is printed, and how it is marked. Pure: the print worker
 * (server/jobs/printWorker.ts) asks this for each ticket of a kiosk's backlog, oldest first.
 *
 * What a hall wants after a printer outage or a hub that died mid-print (issue 16):
 *   - a ticket printed promptly is printed as issued (the window may already have called it: the
 *     citizen still needs the paper with their number);
 *   - a ticket whose paper comes late (the printer was off, out of paper) is printed only while it
 *     still waits — a ticket called, served or cancelled meanwhile is no use on paper — in the
 *     order of issue, marked 补打 with the time of printing and the position *now*, not the
 *     "前面还有 N 人" of the time of issue;
 *   - a ticket whose printing began and whose outcome is unknown (the hub was killed while sending)
 *     is never printed as if new: a second copy, if it comes, says 补打;
 *   - a ticket known printed is never printed again.
 */

/** A paper coming this long after its ticket was issued is late: 补打, and only while it waits. */
export const LATE_PRINT_MS = 60_000;

/**
 * What the ledger knew of the ticket when the worker took it: never sent (fresh), sending began
 * and its outcome is unknown (uncertain), or printed (done).
 */
export type PrintClaim = 'fresh' | 'uncertain' | 'done';

export type PrintDecision =
  | { print: false; why: 'already_printed' | 'no_longer_waiting' }
  | { print: true; /** mark it 补打 with the time of printing and the position now */ reprint: boolean };

export function printDecision(p: { claim: PrintClaim; status: string | null; issuedAt: number; now: number }): PrintDecision {
  if (p.claim === 'done') return { print: false, why: 'already_printed' };
  const late = p.now - p.issuedAt > LATE_PRINT_MS;
  if (!late && p.claim === 'fresh') return { print: true, reprint: false };
  if (p.status !== 'waiting') return { print: false, why: 'no_longer_waiting' };
  return { print: true, reprint: true };
}
