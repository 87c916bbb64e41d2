/**
 * The staffer's own leave (请假) or 补签 request from the counter (issue 12 §3): the form's draft,
 * the body the hub takes (POST /api/halls/{hall}/leave, …/corrections — see
 * server/http/routes/attendance.ts), and one send. The hub decides; the checks here only spare a
 * round trip for an empty reason or a span that ends before it starts.
 */
import type { LeaveType } from '../../server/attendanceConfig.js';
import type { LeaveRecord } from '../../server/domain/attendance/leave.js';
import type { Punch } from '../../server/domain/attendance/sessions.js';
import { api, Refused } from '../lib/http.js';

export type Half = 'am' | 'pm';
/** Whole days (optionally starting in the afternoon or ending at noon), one half-day, or hours of one date. */
export type SpanMode = 'days' | 'half' | 'hours';
export type RequestKind = 'leave' | 'correction';

export interface LeaveDraft {
  type: LeaveType;
  mode: SpanMode;
  from: string;
  to: string;
  fromHalf: Half;
  toHalf: Half;
  half: Half;
  date: string;
  start: string;
  end: string;
  reason: string;
}

export interface CorrectionDraft {
  date: string;
  punch: Punch;
  time: string;
  reason: string;
}

export interface LeaveBody {
  type: LeaveType;
  days?: { from: string; to: string; fromHalf?: Half; toHalf?: Half };
  hours?: { date: string; from: string; to: string };
  reason: string;
}

/** The API's body for a leave draft. Whole days send a half only where it differs from the whole day. */
export function leaveBody(d: LeaveDraft): LeaveBody {
  const reason = d.reason.trim();
  if (d.mode === 'hours') return { type: d.type, hours: { date: d.date, from: d.start, to: d.end }, reason };
  if (d.mode === 'half') return { type: d.type, days: { from: d.date, to: d.date, fromHalf: d.half, toHalf: d.half }, reason };
  return {
    type: d.type,
    days: { from: d.from, to: d.to, ...(d.fromHalf === 'pm' ? { fromHalf: 'pm' as const } : {}), ...(d.toHalf === 'am' ? { toHalf: 'am' as const } : {}) },
    reason,
  };
}

export const correctionBody = (d: CorrectionDraft) => ({ date: d.date, punch: d.punch, time: d.time, reason: d.reason.trim() });

/** The first thing missing or inverted in a draft, as a key under counter.leave.problem, or null. */
export function problemOf(kind: RequestKind, d: LeaveDraft | CorrectionDraft): string | null {
  if (kind === 'correction') {
    const c = d as CorrectionDraft;
    if (!c.date) return 'date';
    if (!c.time) return 'time';
  } else {
    const l = d as LeaveDraft;
    if (l.mode === 'days') {
      if (!l.from || !l.to) return 'date';
      if (l.to < l.from || (l.to === l.from && l.fromHalf === 'pm' && l.toHalf === 'am')) return 'order';
    } else if (!l.date) return 'date';
    if (l.mode === 'hours') {
      if (!l.start || !l.end) return 'time';
      if (l.end <= l.start) return 'order';
    }
  }
  return d.reason.trim() ? null : 'reason';
}

export class RequestForm {
  leave = $state<LeaveDraft>() as LeaveDraft;
  correction = $state<CorrectionDraft>() as CorrectionDraft;
  sending = $state(false);
  /** A check that failed before sending (counter.leave.problem.<key>). */
  problem = $state<string | null>(null);
  /** The hub's refusal. */
  error = $state<Refused | null>(null);

  constructor(
    readonly kind: RequestKind,
    private readonly who: { token: string; hallId: string },
    today: string,
    punch: Punch = 'am_in',
  ) {
    this.leave = { type: 'personal', mode: 'half', from: today, to: today, fromHalf: 'am', toHalf: 'pm', half: 'am', date: today, start: '09:00', end: '11:00', reason: '' };
    this.correction = { date: today, punch, time: '', reason: '' };
  }

  /** Sends once (a retry could file it twice); resolves to the pending request, or null when refused. */
  async submit(): Promise<LeaveRecord | null> {
    if (this.sending) return null;
    const draft = this.kind === 'leave' ? this.leave : this.correction;
    this.problem = problemOf(this.kind, draft);
    this.error = null;
    if (this.problem) return null;
    const body = this.kind === 'leave' ? leaveBody(this.leave) : correctionBody(this.correction);
    const path = `/api/halls/${encodeURIComponent(this.who.hallId)}/${this.kind === 'leave' ? 'leave' : 'corrections'}`;
    this.sending = true;
    try {
      const r = await api<{ request: LeaveRecord; error?: string; message?: string }>('POST', path, { token: this.who.token, body });
      if (r.status === 201) return r.body.request;
      this.error = new Refused(r.status, r.body?.error ?? `http_${r.status}`, r.body?.message ?? '');
      return null;
    } catch (err) {
      this.error = new Refused(0, 'network', (err as Error).message);
      return null;
    } finally {
      this.sending = false;
    }
  }
}
