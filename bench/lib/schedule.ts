/**
 * The calling schedule both sides of the bench follow: call k is due at startAt + k/rate, at the
 * k-th window of the calling order (round robin). A window still busy with its previous call
 * skips its turn (counted), as a staffer would.
 */
export interface ScheduledWindow {
  hallId: string;
  id: string;
  number: number;
}

export interface CallSchedule {
  /** The calling order (see callingOrder in shape.ts). */
  windows: ScheduledWindow[];
  rate: number;
  /** Epoch ms of call 0 (same machine, same clock for every process). */
  startAt: number;
  /** Events at or after this epoch ms are measured; before it is warm-up. */
  measureFrom: number;
  calls: number;
}

export interface ScheduleResult {
  fired: number;
  /** Turns skipped because the window had not finished its previous call. */
  skipped: number;
  /** Calls that failed (the callback threw or answered false). */
  failed: number;
  /** How late the latest call fired compared with its due time (ms): the driver's own lag. */
  maxSlipMs: number;
}

export async function runSchedule(s: CallSchedule, call: (w: ScheduledWindow, k: number) => Promise<boolean>): Promise<ScheduleResult> {
  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const result: ScheduleResult = { fired: 0, skipped: 0, failed: 0, maxSlipMs: 0 };
  const due = (k: number) => s.startAt + (k * 1000) / s.rate;
  let k = 0;
  while (k < s.calls) {
    const now = Date.now();
    for (; k < s.calls && due(k) <= now; k++) {
      const w = s.windows[k % s.windows.length]!;
      result.maxSlipMs = Math.max(result.maxSlipMs, now - due(k));
      if (busy.has(w.id)) {
        result.skipped++;
        continue;
      }
      busy.add(w.id);
      result.fired++;
      const p = call(w, k)
        .then((ok) => void (ok || result.failed++), () => void result.failed++)
        .finally(() => {
          busy.delete(w.id);
          inFlight.delete(p);
        });
      inFlight.add(p);
    }
    if (k < s.calls) await new Promise((ok) => setTimeout(ok, Math.max(0, due(k) - Date.now())));
  }
  await Promise.all(inFlight);
  return result;
}
