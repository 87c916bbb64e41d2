/**
 * 月度考核 over HTTP: a month's frozen result (latest or a version), its versions and what changed
 * between two, a correction (recompute: managers), the drill-down of one staffer's or window's
 * items with the records behind them, and the published report (xlsx, printable A4 page).
 * Managers and inspectors read the hall's whole evaluation; a staffer reads only their own row
 * and drill-down. Validate → authorise → one command → present; the rules are the evaluation's.
 */
import { z } from 'zod';
import { canCorrectEvaluation, canReadEvaluation, isOwnEvaluation } from '../../auth/policies.js';
import type { Principal } from '../../auth/principals.js';
import { recomputeMonth } from '../../commands/evaluation/recomputeMonth.js';
import { evaluationRefusals, type EvaluationContext, type EvaluationRefusalReason } from '../../commands/evaluation/evaluationContext.js';
import { diffEvaluations } from '../../domain/evaluation/diff.js';
import { MONTH } from '../../domain/evaluation/month.js';
import type { ScoreItem } from '../../domain/evaluation/result.js';
import type { Hall } from '../../domain/hall.js';
import { evaluationPrintHtml } from '../../reports/evaluationPrint.js';
// The workbook writer (exceljs) is loaded when a report is first asked for, not at every hub's start.
import type { EvaluationReportInfo } from '../../reports/evaluationXlsx.js';
import type { EvaluationStore, FrozenEvaluation } from '../../store/archive/evaluationStore.js';
import { refKey, type RecordFinder } from '../../store/archive/recordFinder.js';
import {
  diffSchema, drillItemSchema, monthEvaluationSchema, staffRowSchema, versionInfoSchema, windowRowSchema,
} from '../evaluationSchemas.js';
import type { RouteKit } from '../kit.js';
import { HttpError } from '../route.js';

export interface EvaluationDeps {
  store: EvaluationStore;
  records: RecordFinder;
  /** What a correction needs; without it (no evaluator wired) POST recompute answers 503. */
  commands?: Omit<EvaluationContext, 'halls' | 'clock' | 'store'>;
}

const hallId = z.string().min(1).max(80);
const month = z.string().regex(MONTH, 'a month, YYYY-MM');
const version = z.coerce.number().int().min(1).max(100_000);
const hallMonth = z.object({ hallId, month });
const versionQuery = z.object({ version: version.optional().meta({ description: 'a version number; the latest when absent' }) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const statusOf: Record<EvaluationRefusalReason, number> = { unknown_hall: 404, bad_month: 400, month_not_closed: 409, archive_behind: 409 };

export function evaluationRoutes(deps: EvaluationDeps) {
  return (kit: RouteKit): void => {
    const { ctx, route, hallOr404, forbid } = kit;
    const reader = (p: Principal | null, hall: Hall) => !!p && canReadEvaluation(p, hall.id, ctx.halls.parentOf);
    const mustRead = (p: Principal | null, hall: Hall) => {
      if (!reader(p, hall)) throw forbid('only the hall’s managers and inspectors read its whole evaluation');
    };
    const frozen = async (hall: Hall, m: string, v?: number): Promise<FrozenEvaluation> => {
      const f = await deps.store.get(hall.id, m, v);
      if (f) return f;
      throw v === undefined
        ? new HttpError(404, 'not_evaluated', 'this month has not been evaluated (yet)')
        : new HttpError(404, 'unknown_version', `no version ${v} of this month`);
    };
    const reportInfo = (hall: Hall, f: FrozenEvaluation): EvaluationReportInfo => ({ hallName: hall.config.name, timeZone: hall.config.timeZone, version: f.version, computedAt: f.computedAt });
    const drill = async (hall: Hall, items: ScoreItem[]) => {
      const found = await deps.records.find(hall.id, items.flatMap((i) => i.refs));
      return items.map((i) => ({ ...i, refs: i.refs.map((r) => ({ ...r, found: found.has(refKey(r)), ...(found.has(refKey(r)) ? { record: found.get(refKey(r))! } : {}) })) }));
    };

    // Declared before GET …/{month}, which would take "trend" for a (bad) month.
    route({
      method: 'get', path: '/halls/{hallId}/evaluation/trend', tag: 'evaluation', auth: 'token',
      summary: 'A staffer’s or a window’s total, grade and rank month by month (the latest version of each): managers, inspectors, and a staffer for themself',
      params: z.object({ hallId }),
      query: z
        .object({ staffId: z.string().min(1).max(80).optional(), windowId: z.string().min(1).max(80).optional() })
        .refine((q) => (q.staffId === undefined) !== (q.windowId === undefined), { message: 'give either staffId or windowId', path: ['staffId'] }),
      responses: { 200: { description: 'months, oldest first', schema: z.object({ items: z.array(z.object({ month: z.string(), version: z.number(), total: z.number(), grade: z.string().nullable(), rank: z.number() })) }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        if (!reader(principal, hall) && !(query.staffId && isOwnEvaluation(principal, hall.id, query.staffId))) throw forbid('a staffer reads only their own trend');
        const items = query.staffId ? await deps.store.trend(hall.id, 'staff', query.staffId) : await deps.store.trend(hall.id, 'window', query.windowId!);
        return { status: 200, body: { items } };
      },
    });

    // Declared before GET …/{month}: its path would take "2026-11.xlsx" as a month.
    route({
      method: 'get', path: '/halls/{hallId}/evaluation/{month}.xlsx', tag: 'evaluation', auth: 'token',
      summary: 'The month’s 月通报 as an Excel workbook (managers, inspectors): sheets 人员排名, 窗口排名 (红旗窗口), 人员分项, 扣分明细 (every item with its records)',
      params: hallMonth, query: versionQuery,
      responses: { 200: { description: 'the workbook', mediaType: XLSX } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        mustRead(principal, hall);
        const f = await frozen(hall, p.month, query.version);
        return { status: 200, contentType: XLSX, filename: `evaluation-${hall.id}-${p.month}-v${f.version}.xlsx`, body: await (await import('../../reports/evaluationXlsx.js')).evaluationXlsx(f.evaluation, reportInfo(hall, f)) };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/evaluation/{month}', tag: 'evaluation', auth: 'token',
      summary: 'A month’s evaluation, the latest version or the one asked for: every staffer and window (managers, inspectors) or your own row (staff)',
      params: hallMonth, query: versionQuery,
      responses: { 200: { description: 'the frozen result', schema: z.object({ version: versionInfoSchema, evaluation: monthEvaluationSchema }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        const whole = reader(principal, hall);
        if (!whole && !(principal?.kind === 'staff' && principal.hallId === hall.id)) throw forbid('only the hall’s managers, inspectors and staff read its evaluation');
        const { rules: _r, evaluation, ...version } = await frozen(hall, p.month, query.version);
        if (whole) return { status: 200, body: { version, evaluation } };
        const own = evaluation.staff.filter((s) => isOwnEvaluation(principal, hall.id, s.staffId));
        return { status: 200, body: { version, evaluation: { hallId: evaluation.hallId, month: evaluation.month, staff: own, windows: [], hall: null } } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/evaluation/{month}/versions', tag: 'evaluation', auth: 'token',
      summary: 'Every frozen version of the month, oldest first: when, why and by whom (managers, inspectors)',
      params: hallMonth,
      responses: { 200: { description: 'versions', schema: z.object({ items: z.array(versionInfoSchema) }) } },
      handler: async ({ params: p, principal }) => {
        const hall = hallOr404(p.hallId);
        mustRead(principal, hall);
        return { status: 200, body: { items: await deps.store.versions(hall.id, p.month) } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/evaluation/{month}/diff', tag: 'evaluation', auth: 'token',
      summary: 'What changed between two versions (default: the latest and the one before): per staffer and window, total, grade, rank, awards, items added and removed (managers, inspectors)',
      params: hallMonth,
      query: z.object({ from: version.optional(), to: version.optional() }).refine((q) => q.from === undefined || q.to === undefined || q.from !== q.to, { message: 'from and to must differ', path: ['to'] }),
      responses: { 200: { description: 'the changes', schema: z.object({ from: z.number(), to: z.number(), diff: diffSchema }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        mustRead(principal, hall);
        const to = await frozen(hall, p.month, query.to);
        const fromVersion = query.from ?? to.version - 1;
        if (fromVersion < 1 || fromVersion === to.version) throw new HttpError(409, 'single_version', 'this month has one version only: nothing to compare');
        const from = await frozen(hall, p.month, fromVersion);
        return { status: 200, body: { from: from.version, to: to.version, diff: diffEvaluations(from.evaluation, to.evaluation) } };
      },
    });

    route({
      method: 'post', path: '/halls/{hallId}/evaluation/{month}/recompute', tag: 'evaluation', auth: 'token',
      summary: 'A correction: compute the month again from the records as they are now and freeze it as the next version, with what changed (managers). Earlier versions are kept.',
      params: hallMonth, body: z.object({ reason: z.string().trim().min(1).max(200).meta({ description: 'why (e.g. 申诉成立, 巡查复核撤销)' }) }).strict(),
      responses: { 201: { description: 'the new version and what changed from the one before (null for a first version)', schema: z.object({ version: versionInfoSchema, diff: diffSchema.nullable() }) } },
      handler: async ({ params: p, body, principal }) => {
        const hall = hallOr404(p.hallId);
        if (!principal || !canCorrectEvaluation(principal, hall.id, ctx.halls.parentOf) || principal.kind !== 'staff') throw forbid('only the hall’s managers correct its evaluation');
        if (!deps.commands) throw new HttpError(503, 'unavailable', 'this hub computes no evaluations (no evaluator configured)');
        const r = await recomputeMonth({ ...deps.commands, halls: ctx.halls, clock: ctx.clock, store: deps.store }, { hallId: hall.id, month: p.month, by: principal.staffId, reason: body.reason });
        if (!r.ok) throw new HttpError(statusOf[r.reason], r.reason, evaluationRefusals[r.reason]);
        return { status: 201, body: { version: r.version, diff: r.diff } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/evaluation/{month}/staff/{staffId}', tag: 'evaluation', auth: 'token',
      summary: 'Drill-down of a staffer’s month: categories, and every deduction, bonus and veto with the records behind it (the staffer themself, managers, inspectors)',
      params: hallMonth.extend({ staffId: z.string().min(1).max(80) }), query: versionQuery,
      responses: { 200: { description: 'the staffer’s row and items', schema: z.object({ version: z.number(), staff: staffRowSchema, items: z.array(drillItemSchema) }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        if (!reader(principal, hall) && !isOwnEvaluation(principal, hall.id, p.staffId)) throw forbid('a staffer reads only their own evaluation');
        const f = await frozen(hall, p.month, query.version);
        const row = f.evaluation.staff.find((s) => s.staffId === p.staffId);
        if (!row) throw new HttpError(404, 'unknown_staff', 'no such staff member in this month’s evaluation');
        const { items, ...staff } = row;
        return { status: 200, body: { version: f.version, staff, items: await drill(hall, items) } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/evaluation/{month}/windows/{number}', tag: 'evaluation', auth: 'token',
      summary: 'Drill-down of a window’s month: its parts, and every item with the records behind it (managers, inspectors)',
      params: hallMonth.extend({ number: z.coerce.number().int().positive() }), query: versionQuery,
      responses: { 200: { description: 'the window’s row and items', schema: z.object({ version: z.number(), window: windowRowSchema, items: z.array(drillItemSchema) }) } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        mustRead(principal, hall);
        const f = await frozen(hall, p.month, query.version);
        const row = f.evaluation.windows.find((w) => w.number === p.number);
        if (!row) throw new HttpError(404, 'unknown_window', 'no such window in this month’s evaluation');
        const { items, ...window } = row;
        return { status: 200, body: { version: f.version, window, items: await drill(hall, items) } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/evaluation/{month}/print', tag: 'evaluation', auth: 'token',
      summary: 'The month’s 月通报 as a printable A4 page in Chinese (print it, or save it as PDF, from the browser) (managers, inspectors)',
      params: hallMonth, query: versionQuery,
      responses: { 200: { description: 'an HTML page', mediaType: 'text/html' } },
      handler: async ({ params: p, query, principal }) => {
        const hall = hallOr404(p.hallId);
        mustRead(principal, hall);
        const f = await frozen(hall, p.month, query.version);
        return { status: 200, contentType: 'text/html; charset=utf-8', body: evaluationPrintHtml(f.evaluation, reportInfo(hall, f)) };
      },
    });
  };
}
