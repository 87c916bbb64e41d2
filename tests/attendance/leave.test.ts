/**
 * Leave (请假/销假) and 补签 on SQLite and PostgreSQL: the approval chain by length, the audit of
 * every change, and refusals — wrong role, wrong hall, bad input — that say why and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Halls } from '../../server/commands/context.js';
import { cancelRequest } from '../../server/commands/leave/cancelRequest.js';
import { decideRequest } from '../../server/commands/leave/decideRequest.js';
import type { Actor, LeaveContext } from '../../server/commands/leave/leaveContext.js';
import { requestCorrection } from '../../server/commands/leave/requestCorrection.js';
import { requestLeave } from '../../server/commands/leave/requestLeave.js';
import { returnFromLeave } from '../../server/commands/leave/returnFromLeave.js';
import { parseConfig } from '../../server/config.js';
import { epochOfLocal } from '../../server/domain/time.js';
import { LeaveStore } from '../../server/store/archive/leaveStore.js';
import { archiveKinds, testArchive, type TestArchive } from '../helpers/archive.js';

const hall = (id: string, staff: object[], approval: object = {}) => ({
  id, name: id, level: 'town', schedule: { open: '08:30', close: '17:30', lunch: ['12:00', '13:30'] },
  attendance: { approval },
  services: [{ id: 's', name: 's', prefix: 'A', standardMinutes: 5 }], windows: [{ number: 1, name: 'w', tiers: [['s']] }], staff,
});
const leaveConfig = parseConfig({
  halls: [
    hall('h1', [
      { id: 's1', name: '张伟', posts: [{ window: 1, post: 'A' }] },
      { id: 's2', name: '李娜', posts: [{ window: 1, post: 'B' }] },
      { id: 'head', name: '窗口负责人', role: 'manager' },
      { id: 'sup', name: '督查科', role: 'manager' },
      { id: 'lead', name: '中心领导', role: 'manager' },
      { id: 'insp', name: '督查员', role: 'inspector' },
    ], { windowHead: ['head'], supervision: ['sup'], leader: ['lead'] }),
    hall('h2', [{ id: 'mgr2', name: '乡镇主任', role: 'manager' }]),
  ],
});
const actor = (staffId: string, role: Actor['role'], hallId = 'h1'): Actor => ({ kind: 'staff', staffId, name: staffId, role, hallId });
const s1 = actor('s1', 'staff');
const s2 = actor('s2', 'staff');
const head = actor('head', 'manager');
const sup = actor('sup', 'manager');
const lead = actor('lead', 'manager');
const insp = actor('insp', 'inspector');
const mgr2 = actor('mgr2', 'manager', 'h2');
const at = (date: string, hhmm: string) => epochOfLocal(date, hhmm, 'Asia/Shanghai');

describe.each(archiveKinds)('leave and 补签 (%s)', (kind) => {
  let archive: TestArchive;
  let ctx: LeaveContext;
  let now = at('2026-11-20', '10:00'); // a Friday
  beforeAll(async () => {
    archive = await testArchive(kind, 'leave');
    ctx = { leave: new LeaveStore(archive.db), halls: new Halls(leaveConfig), clock: () => now };
  });
  afterAll(() => archive?.cleanup());

  /** A refusal must name its reason and leave the store exactly as it was. */
  async function refusedUnchanged(p: () => Promise<{ ok: boolean }>, reason: string): Promise<void> {
    const before = { audit: await ctx.leave.auditCount('h1'), rows: await ctx.leave.list('h1') };
    const r = await p();
    expect(r).toMatchObject({ ok: false, reason, message: expect.any(String) });
    expect(await ctx.leave.auditCount('h1')).toBe(before.audit);
    expect(await ctx.leave.list('h1')).toEqual(before.rows);
  }

  it('sends each request to the approver its length needs: ≤ half a day the window head, ≤ 2 days supervision, longer the leader', async () => {
    const short = await requestLeave(ctx, { hallId: 'h1', actor: s1, type: 'personal', hours: { date: '2026-11-23', from: '09:00', to: '11:00' }, reason: '办证' });
    const two = await requestLeave(ctx, { hallId: 'h1', actor: s1, type: 'sick', days: { from: '2026-11-24', to: '2026-11-25' }, reason: '发烧' });
    const week = await requestLeave(ctx, { hallId: 'h1', actor: s1, type: 'annual', days: { from: '2026-11-26', to: '2026-12-01' }, reason: '年休' });
    expect(short).toMatchObject({ ok: true, request: { level: 'window_head', status: 'pending', startAt: at('2026-11-23', '09:00'), endAt: at('2026-11-23', '11:00') } });
    expect(two).toMatchObject({ ok: true, request: { level: 'supervision', startAt: at('2026-11-24', '08:30'), endAt: at('2026-11-25', '17:30') } });
    // 26, 27 and (after the weekend) 30 Nov, 1 Dec: 8 half-days.
    expect(week).toMatchObject({ ok: true, request: { level: 'leader' } });
    if (!short.ok || !two.ok || !week.ok) throw new Error('unreachable');

    await refusedUnchanged(() => decideRequest(ctx, { hallId: 'h1', actor: head, requestId: two.request.id, approve: true }), 'needs_higher_approver');
    await refusedUnchanged(() => decideRequest(ctx, { hallId: 'h1', actor: sup, requestId: week.request.id, approve: true }), 'needs_higher_approver');
    expect(await decideRequest(ctx, { hallId: 'h1', actor: head, requestId: short.request.id, approve: true })).toMatchObject({ ok: true, request: { status: 'approved', decidedBy: 'head' } });
    expect(await decideRequest(ctx, { hallId: 'h1', actor: sup, requestId: two.request.id, approve: false, note: '材料不全' })).toMatchObject({ ok: true, request: { status: 'refused' } });
    // A higher level may decide a lower one's request.
    expect(await decideRequest(ctx, { hallId: 'h1', actor: lead, requestId: week.request.id, approve: true })).toMatchObject({ ok: true });
    await refusedUnchanged(() => decideRequest(ctx, { hallId: 'h1', actor: lead, requestId: week.request.id, approve: false }), 'bad_state');

    expect(await ctx.leave.audit(two.request.id)).toEqual([
      { requestId: two.request.id, seq: 1, at: now, actorId: 's1', action: 'requested', toStatus: 'pending' },
      { requestId: two.request.id, seq: 2, at: now, actorId: 'sup', action: 'refused', fromStatus: 'pending', toStatus: 'refused', note: '材料不全' },
    ]);
  });

  it('refuses the wrong role and the wrong hall, saying so, and changes nothing', async () => {
    const pending = await requestLeave(ctx, { hallId: 'h1', actor: s2, type: 'meeting', hours: { date: '2026-12-02', from: '14:00', to: '16:00' }, reason: '县局会议' });
    if (!pending.ok) throw new Error(pending.reason);
    // A staffer files only their own leave; staff and inspectors approve nothing; a manager of another hall neither.
    await refusedUnchanged(() => requestLeave(ctx, { hallId: 'h1', actor: s2, staffId: 's1', type: 'personal', days: { from: '2026-12-03', to: '2026-12-03' }, reason: 'x' }), 'not_allowed');
    await refusedUnchanged(() => decideRequest(ctx, { hallId: 'h1', actor: s1, requestId: pending.request.id, approve: true }), 'not_allowed');
    await refusedUnchanged(() => decideRequest(ctx, { hallId: 'h1', actor: insp, requestId: pending.request.id, approve: true }), 'not_allowed');
    await refusedUnchanged(() => decideRequest(ctx, { hallId: 'h1', actor: mgr2, requestId: pending.request.id, approve: true }), 'not_allowed');
    await refusedUnchanged(() => requestLeave(ctx, { hallId: 'h1', actor: mgr2, staffId: 's1', type: 'sick', days: { from: '2026-12-03', to: '2026-12-03' }, reason: 'x' }), 'not_allowed');
    await refusedUnchanged(() => cancelRequest(ctx, { hallId: 'h1', actor: s1, requestId: pending.request.id }), 'not_allowed');
    // The request addressed through the wrong hall is not found there.
    await refusedUnchanged(() => decideRequest(ctx, { hallId: 'h2', actor: mgr2, requestId: pending.request.id, approve: true }), 'unknown_request');
    // Nobody approves their own.
    const own = await requestLeave(ctx, { hallId: 'h1', actor: head, type: 'personal', hours: { date: '2026-12-04', from: '09:00', to: '10:00' }, reason: 'x' });
    if (!own.ok) throw new Error(own.reason);
    await refusedUnchanged(() => decideRequest(ctx, { hallId: 'h1', actor: head, requestId: own.request.id, approve: true }), 'own_request');
  });

  it('refuses bad input with a clear reason and changes nothing', async () => {
    await refusedUnchanged(() => requestLeave(ctx, { hallId: 'h1', actor: s1, type: 'personal', hours: { date: '2026-12-07', from: '11:00', to: '09:00' }, reason: 'x' }), 'bad_dates');
    await refusedUnchanged(() => requestLeave(ctx, { hallId: 'h1', actor: s1, type: 'personal', days: { from: '2026-12-09', to: '2026-12-08' }, reason: 'x' }), 'bad_dates');
    await refusedUnchanged(() => requestLeave(ctx, { hallId: 'h1', actor: s1, type: 'personal', reason: 'x' }), 'bad_dates');
    // A weekend and a national holiday are not working time.
    await refusedUnchanged(() => requestLeave(ctx, { hallId: 'h1', actor: s1, type: 'personal', days: { from: '2026-12-05', to: '2026-12-06' }, reason: 'x' }), 'not_working_time');
    await refusedUnchanged(() => requestLeave(ctx, { hallId: 'h1', actor: s1, type: 'personal', days: { from: '2026-10-01', to: '2026-10-02' }, reason: 'x' }), 'not_working_time');
    // Over the approved 2 hours on 11/23.
    await refusedUnchanged(() => requestLeave(ctx, { hallId: 'h1', actor: s1, type: 'sick', days: { from: '2026-11-23', to: '2026-11-23' }, reason: 'x' }), 'overlaps');
    await refusedUnchanged(() => requestLeave(ctx, { hallId: 'nope', actor: s1, type: 'sick', days: { from: '2026-12-07', to: '2026-12-07' }, reason: 'x' }), 'unknown_hall');
    await refusedUnchanged(() => requestLeave(ctx, { hallId: 'h1', actor: head, staffId: 'ghost', type: 'sick', days: { from: '2026-12-07', to: '2026-12-07' }, reason: 'x' }), 'unknown_staff');
    await refusedUnchanged(() => requestCorrection(ctx, { hallId: 'h1', actor: s1, date: '2026-11-19', punch: 'day_out', time: '17:30', reason: 'x' }), 'not_a_punch');
    await refusedUnchanged(() => requestCorrection(ctx, { hallId: 'h1', actor: s1, date: '2026-11-20', punch: 'pm_out', time: '17:30', reason: 'x' }), 'in_the_future');
    await refusedUnchanged(() => requestCorrection(ctx, { hallId: 'h1', actor: s1, date: '2026-11-22', punch: 'pm_out', time: '17:30', reason: 'x' }), 'not_working_time');
    await refusedUnchanged(() => decideRequest(ctx, { hallId: 'h1', actor: head, requestId: 'no-such-id', approve: true }), 'unknown_request');
  });

  it('audits a 补签 from request to approval', async () => {
    const c = await requestCorrection(ctx, { hallId: 'h1', actor: s1, date: '2026-11-19', punch: 'pm_out', time: '17:30', reason: '忘记签退' });
    expect(c).toMatchObject({ ok: true, request: { kind: 'correction', punch: 'pm_out', level: 'window_head', startAt: at('2026-11-19', '17:30') } });
    if (!c.ok) throw new Error(c.reason);
    await decideRequest(ctx, { hallId: 'h1', actor: head, requestId: c.request.id, approve: true, note: '监控核实' });
    expect((await ctx.leave.audit(c.request.id)).map((a) => [a.action, a.actorId, a.toStatus, a.note])).toEqual([
      ['requested', 's1', 'pending', undefined],
      ['approved', 'head', 'approved', '监控核实'],
    ]);
  });

  it('cancels a request before it starts, and ends begun leave early by 销假', async () => {
    const later = await requestLeave(ctx, { hallId: 'h1', actor: s2, type: 'personal', days: { from: '2026-12-10', to: '2026-12-10' }, reason: 'x' });
    if (!later.ok) throw new Error(later.reason);
    await decideRequest(ctx, { hallId: 'h1', actor: sup, requestId: later.request.id, approve: true });
    expect(await cancelRequest(ctx, { hallId: 'h1', actor: s2, requestId: later.request.id })).toMatchObject({ ok: true, request: { status: 'cancelled' } });

    const sick = await requestLeave(ctx, { hallId: 'h1', actor: s2, type: 'sick', days: { from: '2026-12-14', to: '2026-12-15' }, reason: '感冒' });
    if (!sick.ok) throw new Error(sick.reason);
    await refusedUnchanged(() => returnFromLeave(ctx, { hallId: 'h1', actor: s2, requestId: sick.request.id }), 'bad_state'); // still pending
    await decideRequest(ctx, { hallId: 'h1', actor: sup, requestId: sick.request.id, approve: true });
    await refusedUnchanged(() => returnFromLeave(ctx, { hallId: 'h1', actor: s2, requestId: sick.request.id }), 'not_started');
    now = at('2026-12-14', '15:00');
    await refusedUnchanged(() => cancelRequest(ctx, { hallId: 'h1', actor: s2, requestId: sick.request.id }), 'bad_state');
    expect(await returnFromLeave(ctx, { hallId: 'h1', actor: s2, requestId: sick.request.id, note: '提前返岗' })).toMatchObject({ ok: true, request: { returnedAt: now } });
    await refusedUnchanged(() => returnFromLeave(ctx, { hallId: 'h1', actor: s2, requestId: sick.request.id }), 'bad_state');
    expect((await ctx.leave.get(sick.request.id))!.returnedAt).toBe(now);
  });
});
