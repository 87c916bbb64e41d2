/**
 * The hub's desk extension: keeps each hall's day so far (server/domain/desk/today.ts) current
 * from the event relay, so a manager's desk that connects gets it from memory, and recomputes
 * today's roster (server/domain/attendance/rosterNow.ts) when who is present changes, a leave
 * request is decided, or the hall's not-signed-in line passes.
 *
 * Like WaitEstimates, each hub keeps its own copy from the same events: any hub answers alike.
 * At start (and when a hall's log begins again) it folds the events the hall's stream still holds.
 */
import type { CommandContext } from './commands/context.js';
import type { Hall } from './domain/hall.js';
import { emptyToday, foldToday, type DeskToday } from './domain/desk/today.js';
import { rosterNow, type RosterRow } from './domain/attendance/rosterNow.js';
import { attendanceDay } from './domain/attendance/period.js';
import { sessionsOf } from './domain/attendance/sessions.js';
import { dutyIntervals } from './domain/facts.js';
import { calendarOf, compactDate, localTime } from './domain/time.js';
import { metricRulesOf } from './domain/metrics/rules.js';
import { hallSnapshot } from './http/presenters.js';
import type { DeskSnapshot, HallEvent, KioskPrinterView } from './protocol.js';
import type { LeaveStore } from './store/archive/leaveStore.js';
import { asError, component } from './log.js';

const PAGE = 2000;

interface HallDay {
  today: DeskToday;
  /** Today's events that change who is present: the duty intervals' source. */
  presence: HallEvent[];
  roster: RosterRow[];
}

export interface DeskDaysDeps {
  ctx: CommandContext;
  /** Approved leave; without an archive nobody is on leave. */
  leave?: LeaveStore;
  printers: (hallId: string) => Promise<KioskPrinterView[]>;
  /** Hand a changed roster to the hall's desks on this hub. */
  rosterChanged: (hallId: string, rows: RosterRow[]) => void;
}

const presenceChange = (e: HallEvent) => e.type.startsWith('staff.') || e.type === 'window.closed' || e.type === 'day.rolledOver';

export class DeskDays {
  private readonly days = new Map<string, HallDay>();
  private readonly pending = new Map<string, HallEvent[]>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly deps: DeskDaysDeps) {}

  async start(): Promise<void> {
    await Promise.all(this.deps.ctx.halls.all().map((h) => this.prime(h)));
    // The not-signed-in line passes with time, not with an event: look once a minute (server side; desks never poll).
    this.timer = setInterval(() => {
      for (const hall of this.deps.ctx.halls.all()) void this.refreshRoster(hall.id).catch(() => {});
    }, 60_000);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The relay's deliver: every event of every hall, in id order. */
  observe(event: HallEvent): void {
    const waiting = this.pending.get(event.hallId);
    if (waiting) {
      waiting.push(event);
      return;
    }
    this.apply(event);
  }

  reset(hallId: string): void {
    const hall = this.deps.ctx.halls.get(hallId);
    if (hall) void this.prime(hall).catch((err: unknown) => component('desk').error({ hallId, err: asError(err) }, 'desk: the day could not be read again'));
  }

  /** What a desk gets when it connects. */
  async snapshot(hallId: string): Promise<DeskSnapshot> {
    const hall = this.deps.ctx.halls.get(hallId)!;
    // The day first, then the hall: events between the two reach the desk live (it joined its rooms
    // before asking), and each part applies only what is above its own last id.
    const day = this.days.get(hallId) ?? { today: emptyToday(this.dateOf(hall, this.deps.ctx.clock())), presence: [], roster: [] };
    const today = structuredClone(day.today);
    const roster = day.roster;
    const [snap, printers] = await Promise.all([hallSnapshot(this.deps.ctx, hall), this.deps.printers(hallId)]);
    const rules = metricRulesOf(hall.config);
    return {
      hall: snap, today, roster, printers, now: this.deps.ctx.clock(),
      names: Object.fromEntries(hall.config.staff.map((s) => [s.id, s.name])),
      metricRules: { timeZone: rules.timeZone, ...(rules.lunch ? { lunch: [rules.lunch[0], rules.lunch[1]] } : {}), waitTargetSeconds: rules.waitTargetSeconds, standardSeconds: [...rules.standardSeconds] },
    };
  }

  /** Recompute the roster (a leave decision, the minute timer); hands it on when it changed. */
  async refreshRoster(hallId: string): Promise<RosterRow[]> {
    const hall = this.deps.ctx.halls.get(hallId);
    const day = this.days.get(hallId);
    if (!hall || !day) return [];
    const rows = await this.roster(hall, day);
    if (JSON.stringify(rows) !== JSON.stringify(day.roster)) {
      day.roster = rows;
      this.deps.rosterChanged(hallId, rows);
    }
    return rows;
  }

  private dateOf(hall: Hall, at: number): string {
    return localTime(at, hall.config.timeZone).date;
  }

  private apply(event: HallEvent): void {
    const hall = this.deps.ctx.halls.get(event.hallId);
    const day = this.days.get(event.hallId);
    if (!hall || !day || event.id <= day.today.lastEventId) return;
    const before = day.today.date;
    foldToday(day.today, event, hall.config.timeZone);
    if (day.today.date !== before) day.presence = day.presence.filter((e) => this.dateOf(hall, e.at) === day.today.date || e.type === 'staff.signedIn');
    if (presenceChange(event)) {
      day.presence.push(event);
      void this.refreshRoster(hall.id).catch((err: unknown) => component('desk').error({ hallId: hall.id, err: asError(err) }, 'desk: the roster could not be recomputed'));
    }
  }

  private async roster(hall: Hall, day: HallDay): Promise<RosterRow[]> {
    const { ctx } = this.deps;
    const now = ctx.clock();
    const cfg = hall.config;
    const date = this.dateOf(hall, now);
    const sessions = sessionsOf(cfg.schedule, cfg.timeZone, date);
    const from = sessions[0]!.start;
    const to = sessions.at(-1)!.end;
    const leave = (await this.deps.leave?.list(hall.id, { from, to, status: ['approved'] })) ?? [];
    const intervals = dutyIntervals(day.presence, (t) => compactDate(localTime(t, cfg.timeZone).date));
    const att = attendanceDay({ hall: cfg, intervals, requests: leave, now }, date);
    // The windows alone (who is posted where): not the waiting tickets, which a busy hall holds by
    // the thousand and the roster never reads; it is recomputed at every presence change and each minute.
    const snap = await ctx.store.snapshot(hall.id, { windows: hall.windowIds(), services: hall.serviceIds(), classes: hall.classes, waiting: false });
    return rosterNow({
      staff: cfg.staff.filter((s) => s.posts.length > 0 || s.role === 'staff'),
      windows: snap.windows,
      days: new Map(att.staff.map((s) => [s.staffId, s])),
      leave, away: day.today.away, sessions,
      notSignedInMinutes: cfg.attendance.notSignedInAlertMinutes,
      working: calendarOf(cfg.schedule).isWorkingDay(date),
      now,
    });
  }

  private async prime(hall: Hall): Promise<void> {
    const { ctx } = this.deps;
    this.pending.set(hall.id, []);
    try {
      const today = emptyToday(this.dateOf(hall, ctx.clock()));
      const presence: HallEvent[] = [];
      const first = await ctx.store.firstEventId(hall.id);
      if (first !== undefined) {
        for (let after = first - 1; ; ) {
          const batch = await ctx.store.eventsAfter(hall.id, after, PAGE);
          if (!batch?.length) break;
          for (const e of batch) {
            foldToday(today, e, hall.config.timeZone);
            if (presenceChange(e)) presence.push(e);
          }
          after = batch.at(-1)!.id;
        }
      }
      const day: HallDay = { today, presence, roster: [] };
      this.days.set(hall.id, day);
      day.roster = await this.roster(hall, day);
    } finally {
      const waiting = this.pending.get(hall.id) ?? [];
      this.pending.delete(hall.id);
      for (const e of waiting) this.apply(e);
    }
  }
}
