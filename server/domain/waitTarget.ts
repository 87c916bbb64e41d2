/**
 * 等候超时: a service's wait is over its target when the ticket that has waited longest for it has
 * waited at least the hall's `rules.waitTargetMinutes` (default 20, server/config.ts). "Waited"
 * counts from the ticket's place in its queue (`queuedAt`: its issue, its transfer, or where a
 * no-show was re-queued: routing.ts waitPlace), the same time the calling order sorts by.
 *
 * Executed atomically by alert.lua (kind `wait_over_target`: raise when it holds, resolve when
 * it no longer does); the manager's desk colours a service's longest wait with it.
 */

/** Minutes the oldest of these waiting tickets has waited at `now` (0 when none wait). */
export function longestWaitMinutes(queuedAts: Iterable<number>, now: number): number {
  let oldest = Infinity;
  for (const q of queuedAts) if (q < oldest) oldest = q;
  return oldest === Infinity ? 0 : Math.max(0, (now - oldest) / 60_000);
}

/** Is the wait over target? `oldestQueuedAt` undefined: nobody waits. */
export const waitOverTarget = (oldestQueuedAt: number | undefined, now: number, targetMinutes: number): boolean =>
  oldestQueuedAt !== undefined && now - oldestQueuedAt >= targetMinutes * 60_000;

/** When a ticket queued at `queuedAt` crosses the target (the alert job's due time). */
export const waitTargetCrossedAt = (queuedAt: number, targetMinutes: number): number => queuedAt + targetMinutes * 60_000;

/**
 * How a time stands against its limit (a wait against the target, a handling against its service's
 * standard minutes — 办理超时): within, near it (≥ 75 %: the desk's amber, a warning before the
 * line; our choice, no policy source), or over (red).
 */
export function standing(minutes: number, limitMinutes: number): 'ok' | 'near' | 'over' {
  if (minutes >= limitMinutes) return 'over';
  return minutes >= limitMinutes * 0.75 ? 'near' : 'ok';
}
