/** The handling clock of the current ticket: how long so far, and whether past the service's standard. */

export interface HandlingTime {
  elapsedMs: number;
  /** Past the service's standardMinutes (办理超时). */
  over: boolean;
}

export function handlingTime(startedAt: number, now: number, standardMinutes: number | undefined): HandlingTime {
  const elapsedMs = Math.max(0, now - startedAt);
  return { elapsedMs, over: standardMinutes !== undefined && elapsedMs > standardMinutes * 60_000 };
}

/** 7:05, 1:02:09 */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Whole minutes, for waits. */
export const minutes = (ms: number): number => Math.max(0, Math.floor(ms / 60_000));
