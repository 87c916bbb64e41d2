/**
 * A configured hall with its lookups and its issuing rules. Pure: given the configuration and a
 * time, it answers; it never reads Redis or the clock itself.
 */
import type { HallConfig, ServiceConfig, StaffConfig, WindowConfig } from '../config.js';
import { windowId } from './numbering.js';
import { priorityClasses, type PriorityClass } from './ticket.js';
import type { RefusalReason } from '../protocol.js';
import { classRanks } from './routing.js';
import { compactDate, isWorkingDay, localTime, withinSpans } from './time.js';

export class Hall {
  readonly services = new Map<string, ServiceConfig>();
  readonly windows = new Map<string, WindowConfig>();
  readonly staff = new Map<string, StaffConfig>();
  readonly classes: readonly PriorityClass[] = priorityClasses;
  readonly classRank: Record<PriorityClass, number>;

  constructor(readonly config: HallConfig) {
    for (const s of config.services) this.services.set(s.id, s);
    for (const w of config.windows) {
      this.windows.set(windowId(config.id, w.number), w);
    }
    for (const s of config.staff) this.staff.set(s.id, s);
    this.classRank = classRanks(config.rules.classOrder);
  }

  /** A ticket waiting this long is called as if of the most urgent class (routing.ts). */
  get ageingMs(): number {
    return this.config.rules.ageingMinutes * 60_000;
  }

  get id(): string {
    return this.config.id;
  }

  windowIds(): string[] {
    return [...this.windows.keys()];
  }

  serviceIds(): string[] {
    return [...this.services.keys()];
  }

  /** The business day (YYYYMMDD) at a moment, in the hall's zone. */
  businessDay(now: number): string {
    return compactDate(localTime(now, this.config.timeZone).date);
  }

  /** Why a service may not issue a ticket now, or null when it may. */
  issuingRefusal(service: ServiceConfig, now: number): RefusalReason | null {
    const local = localTime(now, this.config.timeZone);
    const { schedule } = this.config;
    if (!isWorkingDay(schedule, local)) return 'not_working_day';
    const hours = service.issuingHours ?? [[schedule.open, schedule.close] as [string, string]];
    return withinSpans(local.minutes, hours) ? null : 'outside_hours';
  }

  /** Does this staffer hold this post at this window? */
  holdsPost(staffId: string, windowIdValue: string, post: 'A' | 'B'): boolean {
    const w = this.windows.get(windowIdValue);
    const s = this.staff.get(staffId);
    return !!w && !!s && s.posts.some((p) => p.window === w.number && p.post === post);
  }
}
