/**
 * When a page's connection to the hub should be tried again, and when not. Every page follows the
 * hall through HallFeed (./hallFeed.ts), which uses these rules:
 *   - a real refusal — the token is not valid, the session was taken over, the page may not follow
 *     this hall, its request is malformed — stops the page: it asks to be paired again, or the
 *     staffer to log in;
 *   - anything else is transient (the hub cannot check the token while its Redis is away, the hub
 *     restarts, the network drops) and is retried, with a growing wait, for as long as it takes.
 */

/** The hub's handshake codes that mean "not this token, not here": never retried. */
const REFUSALS: ReadonlySet<string> = new Set(['unauthorized', 'taken_over', 'forbidden', 'bad_request', 'not_found']);

export const isRefusal = (code: string | undefined): boolean => code !== undefined && REFUSALS.has(code);

export interface RetryPolicy {
  initialMs: number;
  maxMs: number;
  /** ± this share of the wait, at random: a hall's screens do not all come back at the same instant. */
  jitter: number;
}

/** 0.5 s, 1 s, 2 s … up to 10 s between attempts, ±20 %. */
export const DEFAULT_RETRY: RetryPolicy = { initialMs: 500, maxMs: 10_000, jitter: 0.2 };

/** The wait before attempt `attempt` + 1 (0 after the first failure). `random` in [0, 1). */
export function retryDelay(attempt: number, policy: RetryPolicy = DEFAULT_RETRY, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (1 - policy.jitter + 2 * policy.jitter * random()));
}
