/**
 * Live attendance alerts on BullMQ — no polling loop. Each possible alert is a delayed job whose
 * id is the alert's own id, added the moment its cause appears (an away, a sign-in, a session
 * start): BullMQ keeps it in Redis, so it fires on whichever hub is alive when it is due, even if
 * the hub that scheduled it was killed. When it fires, alert.lua raises the alert only if the
 * cause still holds, and at most once per alert id. Resolution is event-driven: after every change
 * of who is present, alert.lua re-checks the open alerts and resolves those whose cause ended.
 *
 * Every hub sees every event (the relay) and adds the same job ids: BullMQ keeps one. A hub starting
 * catches up from the live state (aways already running, open alerts whose cause ended meanwhile).
 */
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { watchWorker, withJobLog } from './jobLog.js';
import type { CommandContext } from '../commands/context.js';
import { epochOfLocal, localTime, calendarOf, clockMinutes, compactDate } from '../domain/time.js';
import { sessionsOf } from '../domain/attendance/sessions.js';
import { rosterOf } from '../domain/attendance/period.js';
import { onRoster } from '../domain/attendance/staffDay.js';
import type { Hall } from '../domain/hall.js';
import type { AlertKind, HallEvent } from '../events.js';
import type { LeaveStore } from '../store/archive/leaveStore.js';
import { waitTargetCrossedAt } from '../domain/waitTarget.js';

export const ALERTS_QUEUE = 'attendance-alerts';

type RaiseJob = { hallId: string; alertId: string; kind: AlertKind; windowId?: string; staffId?: string; serviceId?: string; since?: number };
type SessionJob = { hallId: string; check: 'session' };
type AlertJob = RaiseJob | SessionJob;

export interface AlertsOptions {
  ctx: CommandContext;
  connection: ConnectionOptions;
  prefix: string;
  /** Approved leave excuses "not signed in" (without an archive nobody is excused). */
  leave?: LeaveStore;
  log?: (message: string) => void;
}

export class AttendanceAlerts {
  private readonly queue: Queue<AlertJob>;
  private worker?: Worker<AlertJob>;

  constructor(private readonly o: AlertsOptions) {
    this.queue = new Queue<AlertJob>(ALERTS_QUEUE, { connection: o.connection, prefix: o.prefix });
  }

  async start(): Promise<void> {
    const { ctx } = this.o;
    for (const hall of ctx.halls.all()) {
      const { schedule, timeZone: tz, attendance } = hall.config;
      const starts = [schedule.open, ...(schedule.lunch ? [schedule.lunch[1]] : [])];
      for (const [i, start] of starts.entries()) {
        // One check per session at its start + the shorter of the two lines; each alert re-checks its own in Lua.
        const m = clockMinutes(start) + Math.min(attendance.windowUnstaffedAlertMinutes, attendance.notSignedInAlertMinutes);
        await this.queue.upsertJobScheduler(`session:${hall.id}:${i}`, { pattern: `${m % 60} ${Math.floor(m / 60) % 24} * * *`, tz }, {
          name: 'session', data: { hallId: hall.id, check: 'session' }, opts: { removeOnComplete: 100, removeOnFail: 100 },
        });
      }
    }
    this.worker = new Worker<AlertJob>(ALERTS_QUEUE, withJobLog(ALERTS_QUEUE, (job: Job<AlertJob>) => this.run(job.data)), { connection: this.o.connection, prefix: this.o.prefix, concurrency: 4 });
    watchWorker(this.worker, ALERTS_QUEUE);
    // Catch up: causes that began while no hub was watching, alerts whose cause ended meanwhile.
    for (const hall of ctx.halls.all()) {
      // A wait alert may be open from before this hub: re-check on the first ticket leaving a queue.
      this.openWaitAlerts.set(hall.id, new Set(['?']));
      await this.reconcile(hall.id);
      const snap = await ctx.store.snapshot(hall.id, { windows: hall.windowIds(), services: hall.serviceIds(), classes: hall.classes });
      for (const w of snap.windows) if (w.awayA && w.postA) await this.awayChanged(hall, w.id, w.postA);
    }
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }

  /** Called with every event the relay delivers (on every hub). */
  async observe(event: HallEvent): Promise<void> {
    const hall = this.o.ctx.halls.get(event.hallId);
    if (!hall) return;
    await this.observeWait(hall, event);
    if (!('window' in event) || (!event.type.startsWith('staff.') && event.type !== 'window.closed')) return;
    const w = event.window;
    if (!w) return;
    if (event.type === 'staff.signedIn' && !onRoster(rosterOf(hall.config), w.id, event.staffId)) {
      await this.add({ hallId: hall.id, alertId: `off_roster:${w.id}:${event.staffId}:${event.id}`, kind: 'off_roster', windowId: w.id, staffId: event.staffId }, 0);
    }
    if (event.type === 'staff.away') {
      if (w.postA && w.awayA) await this.awayChanged(hall, w.id, w.postA);
      if (w.awayA && w.awayB && hall.config.attendance.abNotAwayTogether) {
        await this.add({ hallId: hall.id, alertId: `both_away:${w.id}:${event.id}`, kind: 'both_away', windowId: w.id }, 0);
      }
    }
    await this.reconcile(hall.id);
  }

  /**
   * 等候超时 (server/domain/waitTarget.ts): each ticket that starts waiting schedules a check for the
   * moment it would cross the target; the check raises the service's alert if its longest wait is
   * past the target then. A ticket leaving a queue may end the wait: re-check while one is open.
   */
  private readonly openWaitAlerts = new Map<string, Set<string>>();
  /** Wait checks this hub has scheduled (id → due), so a burst adds each once; other hubs add the same ids, BullMQ keeps one. */
  private readonly waitChecks = new Map<string, number>();

  private async observeWait(hall: Hall, event: HallEvent): Promise<void> {
    const open = this.openWaitAlerts.get(hall.id) ?? new Set<string>();
    this.openWaitAlerts.set(hall.id, open);
    if (event.type === 'alert.raised' && event.kind === 'wait_over_target') open.add(event.alertId);
    if (event.type === 'alert.resolved' && event.kind === 'wait_over_target') open.delete(event.alertId);
    const t = 'ticket' in event ? (event.ticket as { id: string; serviceId: string; status: string; issuedAt: number; queuedAt?: number }) : undefined;
    if (t?.status === 'waiting') {
      const queuedAt = t.queuedAt ?? (event.type === 'ticket.transferred' ? event.at : t.issuedAt);
      // One check per service and second in which tickets cross the target: a burst of arrivals
      // schedules one job, not one per ticket (the check looks at the service's oldest ticket anyway).
      const second = Math.ceil(waitTargetCrossedAt(queuedAt, hall.config.rules.waitTargetMinutes) / 1000);
      const alertId = `wait_over_target:${t.serviceId}:${second}`;
      if (!this.waitChecks.has(alertId)) {
        this.waitChecks.set(alertId, second * 1000);
        if (this.waitChecks.size > 10_000) for (const [id, due] of this.waitChecks) if (due < this.o.ctx.clock()) this.waitChecks.delete(id);
        await this.add({ hallId: hall.id, alertId, kind: 'wait_over_target', serviceId: t.serviceId, since: queuedAt }, second * 1000 - this.o.ctx.clock());
      }
    }
    const leavesQueue = event.type === 'ticket.called' || event.type === 'ticket.cancelled' || event.type === 'ticket.transferred' || event.type === 'day.swept' || event.type === 'day.rolledOver';
    if (open.size > 0 && leavesQueue) {
      await this.reconcile(hall.id);
      open.delete('?');
    }
  }

  /** A is away at a window: an alert when the away outlasts the 空岗 line with nobody on duty. */
  private async awayChanged(hall: Hall, windowId: string, staffId: string): Promise<void> {
    const since = await this.o.ctx.store.awaySince(hall.id, staffId);
    if (!since) return;
    const due = since + hall.config.rules.awayAlertMinutes * 60_000;
    await this.add({ hallId: hall.id, alertId: `away_uncovered:${windowId}:${staffId}:${since}`, kind: 'away_uncovered', windowId, staffId, since }, due - this.o.ctx.clock());
  }

  private async add(job: RaiseJob, delay: number): Promise<void> {
    // The job id is the alert id: however many hubs add it, BullMQ keeps one.
    await this.queue.add('raise', job, { jobId: job.alertId.replaceAll(':', '_'), delay: Math.max(0, delay), removeOnComplete: 1000, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 500 } });
  }

  private async reconcile(hallId: string): Promise<void> {
    const r = await this.o.ctx.store.exec('alert', hallId, this.o.ctx.clock(), undefined, { op: 'reconcile', ...this.waitRule(hallId) });
    if (!r.ok) throw new Error(`alert reconcile ${hallId}: ${r.reason}`);
  }

  private async run(job: AlertJob): Promise<void> {
    const { ctx } = this.o;
    if ('check' in job) return this.sessionCheck(job.hallId);
    const r = await ctx.store.exec('alert', job.hallId, ctx.clock(), `raise:${job.alertId}`, { op: 'raise', ...job, ...this.waitRule(job.hallId) });
    if (!r.ok) throw new Error(`alert ${job.alertId}: ${r.reason}`);
  }

  private waitRule(hallId: string): { targetMs: number; classes: readonly string[] } {
    const hall = this.o.ctx.halls.get(hallId);
    return { targetMs: (hall?.config.rules.waitTargetMinutes ?? 20) * 60_000, classes: hall?.classes ?? [] };
  }

  /** Minutes into a session: windows nobody staffs, rostered staff neither signed in nor on leave. */
  private async sessionCheck(hallId: string): Promise<void> {
    const { ctx } = this.o;
    const hall = ctx.halls.get(hallId);
    if (!hall) return;
    const now = ctx.clock();
    const { timeZone: tz, schedule, attendance } = hall.config;
    const date = localTime(now, tz).date;
    if (!calendarOf(schedule).isWorkingDay(date)) return;
    const session = sessionsOf(schedule, tz, date).find((s) => now >= s.start && now < s.end);
    if (!session) return;
    const day = compactDate(date);
    const into = (now - session.start) / 60_000;
    if (into >= attendance.windowUnstaffedAlertMinutes) {
      for (const windowId of hall.windowIds()) {
        await this.add({ hallId, alertId: `window_unstaffed:${windowId}:${day}:${session.name}`, kind: 'window_unstaffed', windowId, since: session.start }, 0);
      }
    }
    if (into >= attendance.notSignedInAlertMinutes) {
      const onLeave = new Set((await this.o.leave?.list(hallId, { from: now, to: now + 1, status: ['approved'] }))?.filter((r) => r.kind === 'leave' && (r.returnedAt ?? r.endAt) > now && r.startAt <= now).map((r) => r.staffId));
      for (const s of hall.config.staff) {
        if (s.posts.length === 0 || onLeave.has(s.id)) continue;
        await this.add({ hallId, alertId: `not_signed_in:${s.id}:${day}:${session.name}`, kind: 'not_signed_in', staffId: s.id, since: session.start }, 0);
      }
    }
  }
}

/** Epoch of a session's alert minute (tests). */
export const sessionAlertAt = (hall: Hall, date: string, hhmm: string): number => epochOfLocal(date, hhmm, hall.config.timeZone);
