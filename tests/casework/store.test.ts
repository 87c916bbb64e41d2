/**
 * The casework in SQL, on SQLite and on PostgreSQL: a case opens once per rated ticket however
 * often it is asked, steps are compare-and-set with their log rows, photos attach once, and the
 * evaluation reads plain records (expected values written out by hand).
 */
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Halls } from '../../server/commands/context.js';
import type { CaseworkContext } from '../../server/commands/casework/caseworkContext.js';
import { openCase, type RatedTicket } from '../../server/commands/casework/openCase.js';
import { stepCase } from '../../server/commands/casework/stepCase.js';
import { recordInspection } from '../../server/commands/casework/recordInspection.js';
import { contestFinding, decideContest } from '../../server/commands/casework/contestFinding.js';
import { recordCommendation, recordComplaint } from '../../server/commands/casework/recordStaffRecord.js';
import { uploadEvidence } from '../../server/commands/casework/uploadEvidence.js';
import { CaseStore } from '../../server/store/archive/casework/caseStore.js';
import { CaseworkRecords } from '../../server/store/archive/casework/evaluationRecords.js';
import { EvidenceStore } from '../../server/store/archive/casework/evidenceStore.js';
import { InspectionStore } from '../../server/store/archive/casework/inspectionStore.js';
import { logCount } from '../../server/store/archive/casework/log.js';
import { RecordStore } from '../../server/store/archive/casework/recordStore.js';
import { archiveKinds, testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig } from '../helpers/hub.js';

const at = (iso: string) => Date.parse(`${iso}+08:00`);
/** The smallest JPEG header the magic-number check accepts, then filler. */
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

const rated = (ticket: string, level: 1 | 2 | 3 | 4 | 5, ratedAt: number, staffId = 's1'): RatedTicket => ({
  hallId: 't1', ratedAt,
  rating: { ticketId: `t1-20261123-${ticket}`, ticketNumber: ticket, serviceId: 'social', windowId: 't1-1', staffId, level, reasons: level <= 2 ? ['服务态度差'] : undefined },
});

describe.each(archiveKinds)('the casework store on %s', (kind) => {
  let a: TestArchive;
  let dir: string;
  let now = at('2026-11-23T10:00:00');
  let ctx: CaseworkContext;
  beforeAll(async () => {
    a = await testArchive(kind, 'casework-store');
    dir = mkdtempSync(join(tmpdir(), 'yc-evidence-'));
    ctx = {
      halls: new Halls(hubConfig()), clock: () => now,
      cases: new CaseStore(a.db), inspections: new InspectionStore(a.db), records: new RecordStore(a.db), evidence: new EvidenceStore(a.db, dir),
    };
  });
  afterAll(async () => {
    await a?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens one case per bad rating, however many times it is asked at once, and none for 3–5', async () => {
    const tries = await Promise.all([1, 2, 3, 4].map(() => openCase(ctx, rated('A001', 2, at('2026-11-23T09:50:00')))));
    expect(tries.filter(Boolean)).toHaveLength(1);
    expect(await openCase(ctx, rated('A001', 2, at('2026-11-23T09:50:00')))).toBeUndefined();
    expect(await openCase(ctx, rated('A002', 3, at('2026-11-23T09:55:00')))).toBeUndefined();
    const all = await ctx.cases.list('t1');
    expect(all.map((c) => [c.ticketId, c.state, c.steps.length])).toEqual([['t1-20261123-A001', 'received', 1]]);
    // The contact clock: Monday's rating, one working day → the end of Tuesday.
    expect(all[0]!.deadlines).toEqual([{ kind: 'contact', startedAt: at('2026-11-23T09:50:00'), due: at('2026-11-25T00:00:00') }]);
  });

  it('steps a case with compare-and-set: of two steps taken from the same state one is written', async () => {
    const c = (await ctx.cases.byTicket('t1', 't1-20261123-A001'))!;
    const before = await logCount(a.db, 't1');
    const both = await Promise.all([
      stepCase(ctx, { hallId: 't1', caseId: c.caseId, actorId: 'm1', action: { action: 'assign', assignee: 'i1' } }),
      stepCase(ctx, { hallId: 't1', caseId: c.caseId, actorId: 'm1', action: { action: 'assign', assignee: 'm1' } }),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, reason: 'changed_meanwhile' });
    expect(await logCount(a.db, 't1')).toBe(before + 1);
    expect(await stepCase(ctx, { hallId: 't1', caseId: c.caseId, actorId: 'm1', action: { action: 'assign', assignee: 's2' } })).toMatchObject({ ok: false, reason: 'not_an_assignee' });
    now = at('2026-11-23T11:00:00');
    expect(await stepCase(ctx, { hallId: 't1', caseId: c.caseId, actorId: 'm1', action: { action: 'verify', outcome: 'rectify', complexity: 'simple', note: '属实' } })).toMatchObject({ ok: true, case: { state: 'rectifying', atFault: true } });
    const back = (await ctx.cases.get(c.caseId))!;
    expect(back.steps.map((s) => s.action)).toEqual(['open', 'assign', 'verify']);
    expect(back.steps[2]).toMatchObject({ actorId: 'm1', note: '属实', outcome: 'rectify', complexity: 'simple', clock: { kind: 'rectify', due: at('2026-11-29T00:00:00') } });
  });

  it('keeps a photo as a file with its hash and attaches it to one inspection only', async () => {
    const up = await uploadEvidence(ctx, { hallId: 't1', uploadedBy: 'i1', bytes: JPEG });
    expect(up).toMatchObject({ ok: true, evidence: { mediaType: 'image/jpeg', bytes: JPEG.length } });
    if (!up.ok) return;
    const id = up.evidence.evidenceId;
    expect((await ctx.evidence.read(id))!.bytes.equals(Buffer.from(JPEG))).toBe(true);
    expect(readdirSync(join(dir, 't1'))).toEqual(['2026-11']);
    expect(await uploadEvidence(ctx, { hallId: 't1', uploadedBy: 'i1', bytes: new TextEncoder().encode('<svg/>') })).toMatchObject({ ok: false, reason: 'unsupported_type' });
    const rec = await recordInspection(ctx, {
      hallId: 't1', inspectorId: 'i1', windowId: 't1-1', staffId: 's1', kind: 'daily_patrol', at: at('2026-11-23T10:40:00'),
      found: [{ itemId: 'phone_games_video', note: '玩手机' }, { itemId: 'no_badge_or_name_plate' }], evidence: [id],
    });
    expect(rec).toMatchObject({ ok: true, inspection: { findings: [{ itemId: 'phone_games_video', points: 5, veto: false }, { itemId: 'no_badge_or_name_plate', points: 1 }] } });
    // The same photo on a second record: refused, and nothing of that record is written.
    const before = await logCount(a.db, 't1');
    expect(await recordInspection(ctx, { hallId: 't1', inspectorId: 'i1', windowId: 't1-2', kind: 'weekly_covert', found: [], evidence: [id] })).toMatchObject({ ok: false, reason: 'bad_evidence' });
    expect(await logCount(a.db, 't1')).toBe(before);
    expect(await ctx.inspections.list('t1')).toHaveLength(1);
    expect(await recordInspection(ctx, { hallId: 't1', inspectorId: 'i1', windowId: 't1-1', kind: 'daily_patrol', found: [{ itemId: 'no_such_item' }], evidence: [] })).toMatchObject({ ok: false, reason: 'unknown_item', detail: 'no_such_item' });
  });

  it('lets the staffer contest a finding once and a manager decide it once', async () => {
    const [f] = await ctx.inspections.findings('t1', { staffId: 's1' });
    const phone = (await ctx.inspections.findings('t1')).find((x) => x.itemId === 'phone_games_video')!;
    expect(f).toBeDefined();
    expect(await contestFinding(ctx, { hallId: 't1', findingId: phone.findingId, actorId: 's2', note: '不是我' })).toMatchObject({ ok: false, reason: 'not_your_finding' });
    expect(await contestFinding(ctx, { hallId: 't1', findingId: phone.findingId, actorId: 's1', note: '在查询群众材料' })).toMatchObject({ ok: true, finding: { contest: 'pending' } });
    expect(await contestFinding(ctx, { hallId: 't1', findingId: phone.findingId, actorId: 's1', note: 'again' })).toMatchObject({ ok: false, reason: 'already_contested' });
    expect(await decideContest(ctx, { hallId: 't1', findingId: phone.findingId, actorId: 'm1', upheld: true, note: '核实为工作需要' })).toMatchObject({ ok: true, finding: { contest: 'upheld' } });
    expect(await decideContest(ctx, { hallId: 't1', findingId: phone.findingId, actorId: 'm1', upheld: false, note: 'x' })).toMatchObject({ ok: false, reason: 'not_contested' });
  });

  it('gives the evaluation plain records of a span, cases judged as of asOf', async () => {
    now = at('2026-11-24T09:00:00');
    expect(await recordComplaint(ctx, { hallId: 't1', managerId: 'm1', staffId: 's2', kind: 'general', note: '群众来电投诉，经核实属实', evidence: [] })).toMatchObject({ ok: true, complaint: { windowId: 't1-2' } });
    expect(await recordCommendation(ctx, { hallId: 't1', managerId: 'm1', staffId: 's1', kind: 'praise_letter', at: at('2026-11-23T16:00:00'), note: '群众送来锦旗', evidence: [] })).toMatchObject({ ok: true });
    expect(await recordComplaint(ctx, { hallId: 't1', managerId: 'm1', staffId: 'm1', kind: 'general', note: 'x', evidence: [] })).toMatchObject({ ok: false, reason: 'unknown_staff' });
    // Outside the span: a case rated on 12-01.
    await openCase(ctx, rated('A009', 1, at('2026-12-01T10:00:00'), 's2'));
    const src = new CaseworkRecords(a.db);
    const r = await src.recordsFor('t1', at('2026-11-01T00:00:00'), at('2026-12-01T00:00:00'), at('2026-12-01T00:00:00'));
    // Rectify due at the end of Saturday 11-28 (the test hall works it) and not rectified by 12-01: overdue.
    expect(r.cases).toEqual([{ caseId: 'case-t1-20261123-A001', hallId: 't1', ticketId: 't1-20261123-A001', level: 2, ratedAt: at('2026-11-23T09:50:00'), staffId: 's1', windowId: 't1-1', atFault: true, voided: false, overdue: true }]);
    expect(r.findings.map((f) => [f.itemId, f.staffId, f.points, f.veto, f.contest, f.category, f.kind])).toEqual([
      ['phone_games_video', 's1', 5, false, 'upheld', 'conduct_etiquette', 'daily_patrol'],
      ['no_badge_or_name_plate', 's1', 1, false, 'none', 'conduct_etiquette', 'daily_patrol'],
    ]);
    expect(r.complaints).toEqual([{ complaintId: expect.stringMatching(/^cpl-/), hallId: 't1', staffId: 's2', windowId: 't1-2', at: at('2026-11-24T09:00:00'), kind: 'general' }]);
    expect(r.commendations).toEqual([{ commendationId: expect.stringMatching(/^cmd-/), hallId: 't1', staffId: 's1', windowId: 't1-1', at: at('2026-11-23T16:00:00'), kind: 'praise_letter' }]);
    // As of Tuesday noon nothing was overdue yet.
    const earlier = await src.recordsFor('t1', at('2026-11-01T00:00:00'), at('2026-12-01T00:00:00'), at('2026-11-24T12:00:00'));
    expect(earlier.cases[0]).toMatchObject({ atFault: true, overdue: false });
  });
});
