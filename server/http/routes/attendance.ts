/**
 * 考勤 · 请销假 · AB岗 over HTTP: a staffer's or a window's record for a day or a month, the hall's
 * month as CSV or xlsx, and leave / 补签 requests with their decisions and audit. Validate → authorise →
 * one command → present; the rules are in domain/attendance and commands/leave.
 */
import { z } from 'zod';
import { canReadHistory } from '../../auth/policies.js';
import type { Principal } from '../../auth/principals.js';
import { leaveTypes } from '../../attendanceConfig.js';
import { hallAttendance, type AttendanceSources, type Period } from '../../attendanceData.js';
import { cancelRequest } from '../../commands/leave/cancelRequest.js';
import { decideRequest } from '../../commands/leave/decideRequest.js';
import { leaveRefusals, type Actor, type LeaveContext, type LeaveRefusalReason, type LeaveResult } from '../../commands/leave/leaveContext.js';
import { requestCorrection } from '../../commands/leave/requestCorrection.js';
import { requestLeave } from '../../commands/leave/requestLeave.js';
import { returnFromLeave } from '../../commands/leave/returnFromLeave.js';
import { windowId } from '../../config.js';
import { attendanceCsv } from '../../reports/attendanceCsv.js';
import { requestStatuses, type LeaveRecord } from '../../domain/attendance/leave.js';
import { punches } from '../../domain/attendance/sessions.js';
import { epochOfLocal } from '../../domain/time.js';
import type { RouteKit } from '../kit.js';
import { HttpError } from '../route.js';
import { params } from '../schemas.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM');
const periodQuery = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM').optional(),
    date: date.optional(),
  })
  .refine((q) => (q.month === undefined) !== (q.date === undefined), { message: 'give either month or date', path: ['month'] });
const toPeriod = (q: { month?: string; date?: string }): Period => (q.date ? { date: q.date } : { month: q.month! });
const hallStaff = z.object({ hallId: z.string().min(1).max(80), staffId: z.string().min(1).max(80) });
const hallWindow = z.object({ hallId: z.string().min(1).max(80), number: z.coerce.number().int().positive() });
const hallRequest = z.object({ hallId: z.string().min(1).max(80), requestId: z.string().min(1).max(80) });
const reason = z.string().trim().min(1).max(200);
const note = z.string().trim().max(200).optional();

const countMinutes = z.object({ count: z.number(), minutes: z.number() });
const record = z.record(z.string(), z.unknown());
const periodShape = { from: z.string(), to: z.string(), unknownYears: z.array(z.number()).meta({ description: 'years without national holiday data: their holidays were not applied' }) };
const leaveRecord = z
  .object({
    id: z.string(), hallId: z.string(), staffId: z.string(), kind: z.enum(['leave', 'correction']),
    leaveType: z.enum(leaveTypes).optional(), punch: z.enum(punches).optional(), startAt: z.number(), endAt: z.number(), reason: z.string(),
    status: z.enum(requestStatuses), level: z.string(), returnedAt: z.number().optional(), requestedBy: z.string(),
    decidedBy: z.string().optional(), decidedAt: z.number().optional(), createdAt: z.number(),
  })
  .meta({ id: 'LeaveRequest', description: 'leave or a 补签 correction; times epoch ms' });
const leaveBody = z
  .object({
    staffId: z.string().min(1).max(80).optional().meta({ description: 'whose leave (managers); your own when absent' }),
    type: z.enum(leaveTypes),
    days: z.object({ from: date, to: date, fromHalf: z.enum(['am', 'pm']).optional(), toHalf: z.enum(['am', 'pm']).optional() }).optional(),
    hours: z.object({ date, from: clock, to: clock }).optional(),
    reason,
  })
  .refine((b) => (b.days === undefined) !== (b.hours === undefined), { message: 'give either days or hours', path: ['days'] });
const correctionBody = z.object({ staffId: z.string().min(1).max(80).optional(), date, punch: z.enum(punches), time: clock, reason });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const statusOf: Record<LeaveRefusalReason, number> = {
  unknown_hall: 404, unknown_staff: 404, unknown_request: 404,
  not_allowed: 403, needs_higher_approver: 403, own_request: 403,
  bad_dates: 400, not_working_time: 400, not_a_punch: 400, in_the_future: 400,
  bad_state: 409, overlaps: 409, not_started: 409, already_over: 409, changed_meanwhile: 409,
};

export function attendanceRoutes(deps: Omit<AttendanceSources, 'ctx'> & { leaveChanged?: (hallId: string, change: { requestId: string; status: string }) => void }) {
  return (kit: RouteKit): void => {
    const { ctx, route, hallOr404, forbid } = kit;
    const sources: AttendanceSources = { ctx, db: deps.db, leave: deps.leave };
    const leaveCtx: LeaveContext = { leave: deps.leave, halls: ctx.halls, clock: ctx.clock };
    const staffActor = (p: Principal | null): Actor => {
      if (p?.kind !== 'staff') throw forbid('only staff act on leave');
      return p;
    };
    const overseer = (p: Principal | null, hallId: string) => !!p && canReadHistory(p, hallId, ctx.halls.parentOf);
    const done = <T extends object>(r: LeaveResult<T>, status = 200) => {
      if (!r.ok) throw new HttpError(statusOf[r.reason], r.reason, leaveRefusals[r.reason]);
      const { ok: _ok, ...body } = r;
      const request = (body as { request?: LeaveRecord }).request;
      if (request) deps.leaveChanged?.(request.hallId, { requestId: request.id, status: request.status });
      return { status, body };
    };

    route({
      method: 'get', path: '/halls/{hallId}/attendance', tag: 'attendance', auth: 'token',
      summary: 'The hall’s attendance for a day or a month: totals per staffer and per window (managers, inspectors)',
      params: params.hall, query: periodQuery,
      responses: { 200: { description: 'totals', schema: z.object({ ...periodShape, staff: z.array(record), windows: z.array(record) }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        if (!overseer(principal, hall.id)) throw forbid('only the hall’s managers and inspectors read its attendance');
        const a = await hallAttendance(sources, hall, toPeriod(query));
        return { status: 200, body: { from: a.from, to: a.to, unknownYears: a.unknownYears, staff: a.staff, windows: a.windows } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/attendance/export', tag: 'attendance', auth: 'token',
      summary: 'The hall’s attendance for a day or a month as CSV (UTF-8 with BOM, opens in spreadsheet programs) (managers, inspectors)',
      params: params.hall, query: periodQuery,
      responses: { 200: { description: 'one row per staffer, then one per window', mediaType: 'text/csv' } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        if (!overseer(principal, hall.id)) throw forbid('only the hall’s managers and inspectors export its attendance');
        const a = await hallAttendance(sources, hall, toPeriod(query));
        const names = new Map(hall.config.staff.map((s) => [s.id, s.name]));
        return { status: 200, contentType: 'text/csv; charset=utf-8', filename: `attendance-${hall.id}-${query.month ?? query.date}.csv`, body: attendanceCsv(a, names) };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/attendance/export.xlsx', tag: 'attendance', auth: 'token',
      summary: 'The hall’s attendance for a day or a month as an Excel workbook (managers, inspectors): sheets 人员考勤 and 窗口覆盖 (totals), 人员每日 and 窗口每日 (each day); numbers as numbers, dates as dates',
      params: params.hall, query: periodQuery,
      responses: { 200: { description: 'the workbook', mediaType: XLSX } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        if (!overseer(principal, hall.id)) throw forbid('only the hall’s managers and inspectors export its attendance');
        const a = await hallAttendance(sources, hall, toPeriod(query));
        const names = {
          staff: new Map(hall.config.staff.map((s) => [s.id, s.name])),
          windows: new Map(hall.config.windows.map((w) => [windowId(hall.id, w.number), `${w.number} 号窗口 ${w.name}`])),
        };
        // The workbook writer (exceljs) is loaded when a report is first asked for, not at every hub's start.
        return { status: 200, contentType: XLSX, filename: `attendance-${hall.id}-${query.month ?? query.date}.xlsx`, body: await (await import('../../reports/attendanceXlsx.js')).attendanceXlsx(a, names) };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/attendance/staff/{staffId}', tag: 'attendance', auth: 'token',
      summary: 'A staffer’s attendance for a day or a month: each day’s record and the totals (the staffer themself, the hall’s managers and inspectors)',
      params: hallStaff, query: periodQuery,
      responses: { 200: { description: 'days and totals', schema: z.object({ ...periodShape, staffId: z.string(), totals: record.nullable(), days: z.array(record) }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        const self = principal?.kind === 'staff' && principal.staffId === p.staffId && principal.hallId === hall.id;
        if (!self && !overseer(principal, hall.id)) throw forbid('a staffer reads only their own attendance');
        if (!hall.staff.has(p.staffId)) throw new HttpError(404, 'unknown_staff', 'no such staff member in this hall');
        const a = await hallAttendance(sources, hall, toPeriod(query));
        const days = a.days.map((d) => ({ calendar: d.calendar, ...(d.staff.find((s) => s.staffId === p.staffId) ?? { staffId: p.staffId, date: d.date }) }));
        return { status: 200, body: { from: a.from, to: a.to, unknownYears: a.unknownYears, staffId: p.staffId, totals: a.staff.find((s) => s.staffId === p.staffId) ?? null, days } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/attendance/windows/{number}', tag: 'attendance', auth: 'token',
      summary: 'A window’s cover for a day or a month: coverage rate, 空岗, B-post cover, A and B away together, off-roster staff (managers, inspectors)',
      params: hallWindow, query: periodQuery,
      responses: { 200: { description: 'days and totals', schema: z.object({ ...periodShape, windowId: z.string(), totals: record, days: z.array(record) }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        if (!overseer(principal, hall.id)) throw forbid('only the hall’s managers and inspectors read window attendance');
        const id = windowId(hall.id, p.number);
        if (!hall.windows.has(id)) throw new HttpError(404, 'unknown_window', 'no such window');
        const a = await hallAttendance(sources, hall, toPeriod(query));
        return { status: 200, body: { from: a.from, to: a.to, unknownYears: a.unknownYears, windowId: id, totals: a.windows.find((w) => w.windowId === id)!, days: a.days.map((d) => d.windows.find((w) => w.windowId === id)!) } };
      },
    });

    route({
      method: 'post', path: '/halls/{hallId}/leave', tag: 'attendance', auth: 'token',
      summary: 'Request leave (请假): your own, or a manager for a staffer of the hall; it waits for the approver its length needs',
      params: params.hall, body: leaveBody,
      responses: { 201: { description: 'the pending request', schema: z.object({ request: leaveRecord }) } },
      handler: async ({ params: p, body, principal }) =>
        done(await requestLeave(leaveCtx, { hallId: p.hallId, actor: staffActor(principal), ...body }), 201),
    });

    route({
      method: 'post', path: '/halls/{hallId}/corrections', tag: 'attendance', auth: 'token',
      summary: 'Request a 补签 (a missed punch supplied after the fact); decided like leave by the window head',
      params: params.hall, body: correctionBody,
      responses: { 201: { description: 'the pending correction', schema: z.object({ request: leaveRecord }) } },
      handler: async ({ params: p, body, principal }) =>
        done(await requestCorrection(leaveCtx, { hallId: p.hallId, actor: staffActor(principal), ...body }), 201),
    });

    route({
      method: 'get', path: '/halls/{hallId}/leave', tag: 'attendance', auth: 'token',
      summary: 'Leave and 补签 requests of the hall (managers, inspectors) or your own (staff)',
      params: params.hall,
      query: z.object({ staffId: z.string().min(1).max(80).optional(), status: z.enum(requestStatuses).optional(), from: date.optional(), to: date.optional() }),
      responses: { 200: { description: 'requests by start', schema: z.object({ items: z.array(leaveRecord) }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        const actor = staffActor(principal);
        const all = overseer(principal, hall.id);
        if (!all && actor.hallId !== hall.id) throw forbid('not this hall’s staff');
        const staffId = all ? query.staffId : actor.staffId;
        const tz = hall.config.timeZone;
        const items = await deps.leave.list(hall.id, {
          ...(staffId ? { staffId } : {}), ...(query.status ? { status: [query.status] } : {}),
          ...(query.from ? { from: epochOfLocal(query.from, '00:00', tz) } : {}), ...(query.to ? { to: epochOfLocal(query.to, '24:00', tz) } : {}),
        });
        return { status: 200, body: { items } };
      },
    });

    route({
      method: 'post', path: '/halls/{hallId}/leave/{requestId}/decision', tag: 'attendance', auth: 'token',
      summary: 'Approve or refuse a pending request (the approver of its level or higher; never your own)',
      params: hallRequest, body: z.object({ approve: z.boolean(), note }),
      responses: { 200: { description: 'the decided request', schema: z.object({ request: leaveRecord }) } },
      handler: async ({ params: p, body, principal }) =>
        done(await decideRequest(leaveCtx, { hallId: p.hallId, actor: staffActor(principal), requestId: p.requestId, approve: body.approve, ...(body.note ? { note: body.note } : {}) })),
    });

    route({
      method: 'post', path: '/halls/{hallId}/leave/{requestId}/cancel', tag: 'attendance', auth: 'token',
      summary: 'Withdraw a request: pending, or approved leave that has not started',
      params: hallRequest, body: z.object({ note }),
      responses: { 200: { description: 'the cancelled request', schema: z.object({ request: leaveRecord }) } },
      handler: async ({ params: p, body, principal }) =>
        done(await cancelRequest(leaveCtx, { hallId: p.hallId, actor: staffActor(principal), requestId: p.requestId, ...(body.note ? { note: body.note } : {}) })),
    });

    route({
      method: 'post', path: '/halls/{hallId}/leave/{requestId}/return', tag: 'attendance', auth: 'token',
      summary: '销假: back before approved leave ends; it ends now',
      params: hallRequest, body: z.object({ note }),
      responses: { 200: { description: 'the leave, ended now', schema: z.object({ request: leaveRecord }) } },
      handler: async ({ params: p, body, principal }) =>
        done(await returnFromLeave(leaveCtx, { hallId: p.hallId, actor: staffActor(principal), requestId: p.requestId, ...(body.note ? { note: body.note } : {}) })),
    });

    route({
      method: 'get', path: '/halls/{hallId}/leave/{requestId}/audit', tag: 'attendance', auth: 'token',
      summary: 'Every change of a request, in order (the requester, the hall’s managers and inspectors)',
      params: hallRequest,
      responses: { 200: { description: 'audit entries', schema: z.object({ items: z.array(record) }) } },
      handler: async ({ params: p, principal }) => {
        const hall = hallOr404(p.hallId);
        const request: LeaveRecord | undefined = await deps.leave.get(p.requestId);
        if (!request || request.hallId !== hall.id) throw new HttpError(404, 'unknown_request', leaveRefusals.unknown_request);
        const mine = principal?.kind === 'staff' && principal.staffId === request.staffId;
        if (!mine && !overseer(principal, hall.id)) throw forbid('only the requester and the hall’s managers and inspectors read its audit');
        return { status: 200, body: { items: await deps.leave.audit(request.id) } };
      },
    });
  };
}
