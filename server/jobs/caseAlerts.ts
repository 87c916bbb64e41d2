/**
 * Live alerts of the 差评 loop on BullMQ, like the attendance alerts (jobs/alerts.ts): a case just
 * opened raises `bad_review` at once (resolved when it is assigned); every deadline a step starts
 * is a delayed job, id = the alert's id, due at the deadline: when it fires and the step still has
 * not come, `case_overdue` is raised (resolved when the step comes or the case ends). The cause
 * lives in SQL, so this side checks it and alert.lua only keeps each alert once and resolves it.
 *
 * Alert ids: bad_review:<caseId> and case_overdue:<caseId>:<deadline kind>:<its start, epoch ms>.
 * Every hub may sync the same case: BullMQ keeps one job per id, alert.lua raises an id once.
 */
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { watchWorker, withJobLog } from './jobLog.js';
import type { CommandContext } from '../commands/context.js';
import { isFinal, type BadReviewCase, type CaseDeadline } from '../domain/cases/badReview.js';
import type { CaseStore } from '../store/archive/casework/caseStore.js';
import type { AlertPayload } from '../store/scriptTypes.js';

export const CASE_ALERTS_QUEUE = 'case-alerts';

type DueJob = { hallId: string; caseId: string; kind: CaseDeadline['kind']; startedAt: number; due: number };

export interface CaseAlertsOptions {
  ctx: CommandContext;
  cases: CaseStore;
  connection: ConnectionOptions;
  prefix: string;
  log?: (message: string) => void;
}

export const badReviewAlertId = (caseId: string): string => `bad_review:${caseId}`;
export const overdueAlertId = (caseId: string, d: Pick<CaseDeadline, 'kind' | 'startedAt'>): string => `case_overdue:${caseId}:${d.kind}:${d.startedAt}`;

export class CaseAlerts {
  private readonly queue: Queue<DueJob>;
  private worker?: Worker<DueJob>;

  constructor(private readonly o: CaseAlertsOptions) {
    this.queue = new Queue<DueJob>(CASE_ALERTS_QUEUE, { connection: o.connection, prefix: o.prefix });
  }

  async start(): Promise<void> {
    this.worker = new Worker<DueJob>(CASE_ALERTS_QUEUE, withJobLog(CASE_ALERTS_QUEUE, (job: Job<DueJob>) => this.fire(job.data)), { connection: this.o.connection, prefix: this.o.prefix, concurrency: 2 });
    watchWorker(this.worker, CASE_ALERTS_QUEUE);
    // Deadlines started while no hub ran jobs: schedule them (a job already there is kept).
    for (const c of await this.o.cases.running()) await this.sync(c);
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }

  /** A case opened or stepped (commands/casework: caseChanged). */
  caseChanged = (c: BadReviewCase): void => {
    this.sync(c).catch((err: unknown) => this.o.log?.(`[case alerts] ${c.caseId}: ${err instanceof Error ? err.message : String(err)}`));
  };

  async sync(c: BadReviewCase): Promise<void> {
    const now = this.o.ctx.clock();
    if (c.state === 'received' && c.steps.length === 1) {
      await this.exec(c.hallId, { op: 'raise', alertId: badReviewAlertId(c.caseId), kind: 'bad_review', windowId: c.windowId, staffId: c.staffId, since: c.ratedAt });
    } else if (c.state !== 'received') {
      await this.exec(c.hallId, { op: 'resolve', alertId: badReviewAlertId(c.caseId) });
    }
    for (const d of c.deadlines) {
      const alertId = overdueAlertId(c.caseId, d);
      if (d.metAt === undefined && !isFinal(c.state)) {
        const jobId = alertId.replaceAll(':', '_');
        if (d.due <= now) {
          // Due already: a job waiting for a later moment (a clock set back), or one that ran too
          // early and found nothing yet, must run now.
          const job = await this.queue.getJob(jobId);
          const state = await job?.getState();
          if (state === 'delayed') await job!.promote();
          else if (state === 'completed' || state === 'failed') await job!.remove();
        }
        await this.queue.add('due', { hallId: c.hallId, caseId: c.caseId, kind: d.kind, startedAt: d.startedAt, due: d.due }, {
          jobId, delay: Math.max(0, d.due - now), removeOnComplete: 1000, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 500 },
        });
      } else {
        await this.exec(c.hallId, { op: 'resolve', alertId });
      }
    }
  }

  private async fire(job: DueJob): Promise<void> {
    const c = await this.o.cases.get(job.caseId);
    if (!c || isFinal(c.state)) return;
    const d = c.deadlines.find((x) => x.kind === job.kind && x.startedAt === job.startedAt);
    // Met meanwhile, or fired early (a clock that moved): nothing to raise yet.
    if (!d || d.metAt !== undefined || this.o.ctx.clock() < d.due) return;
    await this.exec(c.hallId, { op: 'raise', alertId: overdueAlertId(c.caseId, d), kind: 'case_overdue', windowId: c.windowId, staffId: c.staffId, since: d.due });
  }

  private async exec(hallId: string, payload: Exclude<AlertPayload, { op: 'reconcile' }>): Promise<void> {
    const requestId = payload.op === 'raise' ? `raise:${payload.alertId}` : undefined;
    const r = await this.o.ctx.store.exec('alert', hallId, this.o.ctx.clock(), requestId, payload);
    if (!r.ok) throw new Error(`alert ${payload.alertId}: ${r.reason}`);
  }
}
