/**
 * The signed-in staffer's own month (考勤, issue 12 §6): the record the hub computes
 * (GET /api/halls/{hall}/attendance/staff/{me}?month=) and their leave and 补签 requests
 * (GET /api/halls/{hall}/leave, which gives a staffer only their own), and the two things a
 * staffer does to their own request: withdraw it (撤销) or end leave early (销假). The rules are the
 * hub's (server/domain/attendance, server/commands/leave); mayCancel/mayReturn only decide which
 * button to offer.
 */
import type { StaffTotals } from '../../server/domain/attendance/period.js';
import type { StaffDay } from '../../server/domain/attendance/staffDay.js';
import type { CalendarDay } from '../../server/domain/calendar/calendar.js';
import type { LeaveRecord } from '../../server/domain/attendance/leave.js';
import { t } from '../../display/lib/i18n/index.js';
import { api, Refused } from '../lib/http.js';

/** A day of the month: the full record when the staffer was expected or worked, else only the date. */
export type MonthDay = { calendar: CalendarDay; staffId: string; date: string } & Partial<StaffDay>;

export interface StaffMonth {
  from: string;
  to: string;
  unknownYears: number[];
  staffId: string;
  totals: StaffTotals | null;
  days: MonthDay[];
}

/** YYYY-MM of an instant in a zone. */
export function monthOf(at: number, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date(at));
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/** YYYY-MM-DD of an instant in a zone. */
export function dateOf(at: number, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

/** The month `delta` months from `month` (YYYY-MM). */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Offer 撤销: pending, or approved and not begun (server/commands/leave/cancelRequest.ts). */
export const mayCancel = (r: LeaveRecord, now: number): boolean =>
  r.status === 'pending' || (r.status === 'approved' && (r.kind === 'correction' || r.startAt > now));

/** Offer 销假: approved leave under way and not yet ended (server/commands/leave/returnFromLeave.ts). */
export const mayReturn = (r: LeaveRecord, now: number): boolean =>
  r.kind === 'leave' && r.status === 'approved' && r.returnedAt === undefined && r.startAt <= now && now < r.endAt;

/** A request in words: what (事假, 补签 · 下午签到) and when (11/4 08:30 – 11/4 17:30) in the hall's zone. */
export function describeRequest(r: LeaveRecord, timeZone = 'Asia/Shanghai'): { what: string; when: string } {
  const clock = new Intl.DateTimeFormat('zh-CN', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  return {
    what: r.kind === 'correction' ? t('counter.month.correction', { punch: t(`punch.${r.punch}`) }) : t(`leaveType.${r.leaveType}`),
    when: r.kind === 'correction' ? clock.format(r.startAt) : `${clock.format(r.startAt)} – ${clock.format(r.endAt)}`,
  };
}

const lastDay = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

export class MyMonth {
  month = $state('');
  record = $state<StaffMonth | null>(null);
  requests = $state<LeaveRecord[]>([]);
  loading = $state(false);
  error = $state<Refused | null>(null);
  /** The request a 撤销 or 销假 is in flight for: further presses are ignored until it answers. */
  acting = $state<string | null>(null);
  /** What the last 撤销 / 销假 came to. */
  outcome = $state<{ ok: true; action: 'cancel' | 'return' } | { ok: false; error: Refused } | null>(null);
  /** Answers to an earlier month's load arriving late are dropped. */
  private asked = 0;

  constructor(
    readonly who: { token: string; hallId: string; staffId: string },
    month: string,
  ) {
    this.month = month;
  }

  async load(): Promise<void> {
    const ask = ++this.asked;
    const month = this.month;
    const { token, hallId, staffId } = this.who;
    const hall = encodeURIComponent(hallId);
    this.loading = true;
    this.error = null;
    try {
      const [rec, leave] = await Promise.all([
        api<StaffMonth>('GET', `/api/halls/${hall}/attendance/staff/${encodeURIComponent(staffId)}?month=${month}`, { token }),
        api<{ items: LeaveRecord[] }>('GET', `/api/halls/${hall}/leave?from=${month}-01&to=${lastDay(month)}`, { token }),
      ]);
      if (ask !== this.asked) return;
      const bad = [rec, leave].find((a) => a.status !== 200) as { status: number; body?: { error?: string; message?: string } } | undefined;
      if (bad) throw new Refused(bad.status, bad.body?.error ?? `http_${bad.status}`, bad.body?.message ?? '');
      this.record = rec.body;
      this.requests = leave.body.items;
    } catch (err) {
      if (ask !== this.asked) return;
      this.record = null;
      this.requests = [];
      this.error = err instanceof Refused ? err : new Refused(0, 'network', (err as Error).message);
    } finally {
      if (ask === this.asked) this.loading = false;
    }
  }

  /** 撤销 (POST …/leave/{id}/cancel) or 销假 (…/return), once; then the month again, which the change may alter. */
  async act(request: LeaveRecord, action: 'cancel' | 'return'): Promise<void> {
    if (this.acting) return;
    const { token, hallId } = this.who;
    this.acting = request.id;
    this.outcome = null;
    try {
      const r = await api<{ error?: string; message?: string }>('POST', `/api/halls/${encodeURIComponent(hallId)}/leave/${encodeURIComponent(request.id)}/${action}`, { token, body: {} });
      this.outcome = r.status < 300 ? { ok: true, action } : { ok: false, error: new Refused(r.status, r.body?.error ?? `http_${r.status}`, r.body?.message ?? '') };
    } catch (err) {
      this.outcome = { ok: false, error: new Refused(0, 'network', (err as Error).message) };
    } finally {
      this.acting = null;
    }
    await this.load();
  }

  shift(delta: number): Promise<void> {
    this.month = shiftMonth(this.month, delta);
    return this.load();
  }
}
