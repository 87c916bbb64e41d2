/**
 * When a called ticket may be marked a no-show (过号). A citizen called from the far end of a hall
 * needs time to walk to the window, and a staffer who presses N a second after the call (or before
 * any recall) sends a present citizen to the back of the queue (issue 15). The hall's rules set
 * the minimum time since the call (`noShowAfterSeconds`, default 60) and whether one recall (重呼)
 * must come first (`noShowAfterRecall`, default no). Pure: the command reads the ticket and asks.
 */
export interface NoShowRules {
  noShowAfterSeconds: number;
  noShowAfterRecall: boolean;
}

/** Why a no-show does not count yet: a recall is due first, or this many more seconds. */
export type NoShowTooEarly = { recallFirst: true } | { recallFirst: false; secondsLeft: number };

export function noShowTooEarly(ticket: { calledAt?: number; recalls: number }, now: number, rules: NoShowRules): NoShowTooEarly | null {
  if (rules.noShowAfterRecall && ticket.recalls < 1) return { recallFirst: true };
  // A ticket without a call time (written before calls had one) is not held back.
  if (ticket.calledAt === undefined) return null;
  const left = rules.noShowAfterSeconds * 1000 - (now - ticket.calledAt);
  return left > 0 ? { recallFirst: false, secondsLeft: Math.ceil(left / 1000) } : null;
}
