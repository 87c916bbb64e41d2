/**
 * Readiness (GET /readyz): can this hub serve a request now? Each part is checked when asked, with
 * a time limit, and named when it fails, so a load balancer stops sending work here and a person
 * sees which part to look at. Liveness (/healthz) only says the process answers.
 * A hub that is shutting down is not ready, whatever its parts say: that is how the balancer learns
 * to send the screens elsewhere before the listener closes (see the hub's drain()).
 */
export type Check = () => Promise<unknown>;

export interface ReadinessReport {
  ready: boolean;
  /** Set while the hub stops (SIGTERM): not ready whatever the parts say (they are not asked). */
  shuttingDown?: true;
  checks: Record<string, { ok: true; ms: number } | { ok: false; ms: number; error: string }>;
}

export class Readiness {
  private stopping = false;

  constructor(
    private readonly checks: Record<string, Check>,
    /** A part that has not answered within this long is failed (a hung connection is not ready). */
    private readonly timeoutMs = 2000,
  ) {}

  /** From now on not ready: the hub is stopping. */
  drain(): void {
    this.stopping = true;
  }

  get draining(): boolean {
    return this.stopping;
  }

  async report(): Promise<ReadinessReport> {
    // Stopping: answer at once, without asking parts that may be closing or busy finishing work.
    if (this.stopping) return { ready: false, shuttingDown: true, checks: {} };
    const entries = await Promise.all(
      Object.entries(this.checks).map(async ([name, check]) => {
        const started = performance.now();
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs)));
        try {
          await Promise.race([check(), late]);
          return [name, { ok: true as const, ms: Math.round(performance.now() - started) }] as const;
        } catch (err) {
          return [name, { ok: false as const, ms: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) }] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    return { ready: entries.every(([, r]) => r.ok), checks };
  }
}
