/**
 * The signed-in staffer's own month (考勤, issue 12 §6): the record the hub computes
 * (GET /api/halls/{hall}/attendance/staff/{me}?month=) and their leave and 补签 requests
 * (GET /api/halls/{hall}/leave, which gives a staffer only their own). Read-only; the rules are
 * the hub's (server/domain/attendance).
 */
import type { StaffTotals } from '../../server/domain/attendance/period.js';
import type { StaffDay } from '../../server/domain/attendance/staffDay.js';
import type { CalendarDay } from '../../server/domain/calendar/calendar.js';
import type { LeaveRecord } from '../../server/domain/attendance/leave.js';
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

/** The month `delta` months from `month` (YYYY-MM). */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
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
  /** Answers to an earlier month's load arriving late are dropped. */
  private asked = 0;

  constructor(
    private readonly who: { token: string; hallId: string; staffId: string },
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

  shift(delta: number): Promise<void> {
    this.month = shiftMonth(this.month, delta);
    return this.load();
  }
}
