/**
 * The casework over HTTP on a real hub (Redis, BullMQ, SQL on SQLite and PostgreSQL): a bad rating
 * opens its case once and raises an alert; each role takes only its steps; every write is refused
 * for the wrong role and for bad input with a clear error, and nothing changes (no log row, the
 * case as it was); a case past its deadline raises case_overdue and the step resolves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../server/protocol.js';
import { logCount } from '../../server/store/archive/casework/log.js';
import { archiveKinds, testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';

const at = (iso: string) => Date.parse(`${iso}+08:00`);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

describe.each(archiveKinds)('the casework API on %s', (kind) => {
  let a: TestArchive;
  let h: TestHub;
  let now = at('2026-11-23T09:00:00'); // Monday
  let s1: string, s2: string, m1: string, i1: string, a1: string, pad: string, kiosk: string;
  let caseId = '';
  let ticketId = '';
  let n = 0;
  const rid = () => `casework-${kind}-${++n}-${Date.now()}`;
  const log = () => logCount(h.hub.archive!.db, 't1');
  const events = async () => (await h.api('GET', '/api/halls/t1/events?after=0&limit=1000', undefined, m1)).body as HallEvent[];
  /** The write is refused with this status and code, and the casework log did not grow. */
  const refused = async (status: number, error: string | undefined, write: () => Promise<{ status: number; body: any }>) => {
    const before = await log();
    const r = await write();
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    if (error) expect(r.body.error).toBe(error);
    expect(r.body.message).toEqual(expect.any(String));
    expect(await log()).toBe(before);
    return r;
  };
  const upload = (token: string, body: Buffer | string, type = 'image/jpeg') =>
    fetch(`${h.url}/api/halls/t1/evidence`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: typeof body === 'string' ? body : new Uint8Array(body) });

  beforeAll(async () => {
    a = await testArchive(kind, 'casework-api');
    h = await testHub(`casework-api-${kind}`, { config: hubConfig(), archive: a.location, archiver: false, jobs: true, clock: () => now });
    [s1, s2, m1, i1, a1, pad, kiosk] = await Promise.all([h.login('s1'), h.login('s2'), h.login('m1'), h.login('i1'), h.login('a1'), h.device('pad', 't1-1'), h.device('kiosk')]);
    expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, s1)).status).toBe(200);
    now = at('2026-11-23T10:00:00');
    const issued = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk);
    ticketId = issued.body.id;
    for (const step of ['call-next', 'start']) expect((await h.api('POST', `/api/windows/t1-1/${step}`, { requestId: rid() }, s1)).status).toBe(200);
    expect((await h.api('POST', '/api/windows/t1-1/complete', { outcome: 'completed', requestId: rid() }, s1)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await h?.cleanup();
    await a?.cleanup();
  });

  it('opens one case for a 非常不满意 and raises a bad_review alert at once', async () => {
    const asked = await h.api('GET', '/api/windows/t1-1/rating-request', undefined, pad);
    const rated = await h.api('POST', `/api/tickets/${ticketId}/rating`, { rateToken: asked.body.rateToken, level: 1, reasons: ['服务态度差'], comment: '不耐烦' }, pad);
    expect(rated.status).toBe(201);
    const list = await until(async () => {
      const r = await h.api('GET', '/api/halls/t1/cases', undefined, m1);
      return r.body.items.length ? r.body.items : undefined;
    }, 10_000, 'the case');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ ticketId, level: 1, reasons: ['服务态度差'], comment: '不耐烦', staffId: 's1', windowId: 't1-1', state: 'received', atFault: null, overdue: false });
    caseId = list[0].caseId;
    // Contact due by the end of Tuesday 11-24.
    expect(list[0].deadlines).toEqual([{ kind: 'contact', startedAt: at('2026-11-23T10:00:00'), due: at('2026-11-25T00:00:00'), overdue: false }]);
    const raised = await until(async () => (await events()).find((e) => e.type === 'alert.raised' && e.kind === 'bad_review'), 10_000, 'the alert');
    expect(raised).toMatchObject({ alertId: `bad_review:${caseId}`, windowId: 't1-1', staffId: 's1' });
    // Delivered again (another hub, a replay): still one case.
    h.hub.casework!.observe((await events()).find((e) => e.type === 'ticket.rated')!);
    await new Promise((r) => setTimeout(r, 200));
    expect((await h.api('GET', '/api/halls/t1/cases', undefined, m1)).body.items).toHaveLength(1);
  });

  it('refuses every case step to the wrong role and every bad body, changing nothing', async () => {
    const step = (body: unknown, token?: string) => h.api('POST', `/api/halls/t1/cases/${caseId}/steps`, body, token);
    await refused(401, 'unauthorized', () => step({ action: 'assign', assignee: 'i1' }));
    await refused(403, 'forbidden', () => step({ action: 'assign', assignee: 'i1' }, s1));
    await refused(403, 'forbidden', () => step({ action: 'assign', assignee: 'i1' }, i1));
    await refused(403, 'forbidden', () => step({ action: 'note', note: 'x' }, pad));
    await refused(403, 'forbidden', () => step({ action: 'note', note: '与我无关' }, s2));
    await refused(400, 'bad_request', () => step({ action: 'assign' }, m1));
    await refused(400, 'bad_request', () => step({ action: 'edit_rating', level: 5 }, m1));
    await refused(400, 'not_an_assignee', () => step({ action: 'assign', assignee: 's2' }, m1));
    await refused(409, 'bad_state', () => step({ action: 'verify', outcome: 'rectify', complexity: 'simple', note: 'x' }, m1));
    await refused(404, 'unknown_case', () => h.api('POST', '/api/halls/t1/cases/case-nope/steps', { action: 'note', note: 'x' }, m1));
    const c = (await h.api('GET', `/api/halls/t1/cases/${caseId}`, undefined, m1)).body.case;
    expect(c.steps.map((s: { action: string }) => s.action)).toEqual(['open']);
  });

  it('lets the manager assign, the assigned inspector verify, and the staffer only add a note — never a verdict', async () => {
    const step = (body: unknown, token: string) => h.api('POST', `/api/halls/t1/cases/${caseId}/steps`, body, token);
    now = at('2026-11-23T11:00:00');
    expect(await step({ action: 'assign', assignee: 'i1', note: '请核实' }, m1)).toMatchObject({ status: 200, body: { case: { state: 'verifying', assignee: 'i1' } } });
    await until(async () => (await events()).find((e) => e.type === 'alert.resolved' && e.alertId === `bad_review:${caseId}`), 10_000, 'bad_review resolved');
    expect(await step({ action: 'note', note: '当时系统故障，群众等候较久' }, s1)).toMatchObject({ status: 200 });
    for (const verdict of [
      { action: 'verify', outcome: 'appeal', note: '误评' },
      { action: 'decide_appeal', upheld: true, note: 'x' },
      { action: 'close' },
      { action: 'rectify', note: 'x' },
      { action: 'revisit', response: 'satisfied' },
      { action: 'assign', assignee: 'm1' },
    ]) await refused(403, 'forbidden', () => step(verdict, s1));
    expect(await step({ action: 'contact', note: '电话联系群众，了解情况' }, i1)).toMatchObject({ status: 200 });
    await refused(400, 'complexity_required', () => step({ action: 'verify', outcome: 'rectify', note: '属实' }, i1));
    expect(await step({ action: 'verify', outcome: 'rectify', complexity: 'simple', note: '属实' }, i1)).toMatchObject({ status: 200, body: { case: { state: 'rectifying', atFault: true } } });
    // A staffer reads their own cases only.
    expect((await h.api('GET', '/api/halls/t1/cases', undefined, s1)).body.items).toHaveLength(1);
    expect((await h.api('GET', '/api/halls/t1/cases', undefined, s2)).body.items).toHaveLength(0);
    expect((await h.api('GET', '/api/halls/t1/cases?staffId=s1', undefined, s2)).status).toBe(403);
    expect((await h.api('GET', `/api/halls/t1/cases/${caseId}`, undefined, s2)).status).toBe(403);
  });

  it('raises case_overdue when the rectification passes its deadline and resolves it when the step comes', async () => {
    // Verified Monday 11:00, simple: 5 working days — 24, 25, 26, 27, 28 (the test hall works Saturday 11-28) → due at its end.
    const c = (await h.api('GET', `/api/halls/t1/cases/${caseId}`, undefined, m1)).body.case;
    const rectify = c.deadlines.find((d: { kind: string }) => d.kind === 'rectify');
    expect(rectify).toMatchObject({ due: at('2026-11-29T00:00:00'), overdue: false });
    now = at('2026-11-30T09:00:00');
    await h.hub.casework!.alerts!.sync((await h.hub.casework!.ctx.cases.get(caseId))!);
    const alertId = `case_overdue:${caseId}:rectify:${rectify.startedAt}`;
    expect(await until(async () => (await events()).find((e) => e.type === 'alert.raised' && e.alertId === alertId), 10_000, 'overdue alert')).toMatchObject({ kind: 'case_overdue', since: at('2026-11-29T00:00:00') });
    expect((await h.api('GET', '/api/halls/t1/cases?overdue=true', undefined, m1)).body.items.map((x: { caseId: string }) => x.caseId)).toEqual([caseId]);
    expect(await h.api('POST', `/api/halls/t1/cases/${caseId}/steps`, { action: 'rectify', note: '已批评教育' }, m1)).toMatchObject({ status: 200, body: { case: { state: 'rectified', overdue: true } } });
    await until(async () => (await events()).find((e) => e.type === 'alert.resolved' && e.alertId === alertId), 10_000, 'overdue resolved');
  });

  it('keeps the citizen’s rating as given: no route edits it, staff cannot rate', async () => {
    const rated = (await events()).filter((e) => e.type === 'ticket.rated');
    expect(rated).toHaveLength(1);
    expect(rated[0]).toMatchObject({ rating: { level: 1, reasons: ['服务态度差'], comment: '不耐烦' } });
    expect((await h.api('POST', `/api/tickets/${ticketId}/rating`, { rateToken: 'x'.repeat(20), level: 5 }, s1)).status).toBe(403);
    const doc = (await h.api('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(doc.paths).filter(([path, ops]) => /rating/.test(path) && ('put' in ops || 'patch' in ops || 'delete' in ops));
    expect(writes).toEqual([]);
  });

  let photo = '';
  it('takes an inspector’s photo (type judged by its bytes, size limited) and refuses it to others', async () => {
    const r = await upload(i1, JPEG);
    expect(r.status).toBe(201);
    photo = ((await r.json()) as { evidence: { evidenceId: string } }).evidence.evidenceId;
    for (const [token, status] of [[s1, 403], [pad, 403]] as const) expect((await upload(token, JPEG)).status).toBe(status);
    const svg = await upload(i1, '<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/jpeg');
    expect([svg.status, ((await svg.json()) as { error: string }).error]).toEqual([400, 'unsupported_type']);
    const big = await upload(i1, Buffer.concat([JPEG, Buffer.alloc(11 * 1024 * 1024)]));
    expect([big.status, ((await big.json()) as { error: string }).error]).toEqual([413, 'too_large']);
    const json = await upload(i1, '{"a":1}', 'application/json');
    expect(json.status).toBe(400);
  });

  let findingId = '';
  it('records an inspection of window 1 with the photo; the staffer on duty is named; bad input and wrong roles change nothing', async () => {
    now = at('2026-11-30T10:00:00');
    const post = (body: unknown, token?: string) => h.api('POST', '/api/halls/t1/inspections', body, token);
    const good = { windowId: 't1-1', kind: 'daily_patrol', found: [{ itemId: 'phone_games_video', note: '低头玩手机' }, { itemId: 'dress_code' }], evidence: [photo] };
    await refused(403, 'forbidden', () => post(good, s1));
    await refused(403, 'forbidden', () => post(good, pad));
    await refused(400, 'bad_request', () => post({ ...good, kind: 'monthly' }, i1));
    await refused(400, 'unknown_item', () => post({ ...good, found: [{ itemId: 'smiling' }] }, i1));
    await refused(400, 'duplicate_item', () => post({ ...good, found: [{ itemId: 'dress_code' }, { itemId: 'dress_code' }] }, i1));
    await refused(404, 'unknown_window', () => post({ ...good, windowId: 't1-9' }, i1));
    await refused(400, 'in_the_future', () => post({ ...good, at: now + 3600_000 }, i1));
    await refused(400, 'bad_evidence', () => post({ ...good, evidence: ['ev-00000000000000000000'] }, i1));
    const r = await post(good, i1);
    expect(r).toMatchObject({ status: 201, body: { inspection: { windowId: 't1-1', staffId: 's1', inspectorId: 'i1', evidence: [photo] } } });
    expect(r.body.inspection.findings.map((f: { itemId: string; points: number }) => [f.itemId, f.points])).toEqual([['phone_games_video', 5], ['dress_code', 1]]);
    findingId = r.body.inspection.findings[0].findingId;
    // The photo belongs to that inspection now: a second record cannot take it.
    await refused(400, 'bad_evidence', () => post({ ...good, windowId: 't1-2' }, i1));
  });

  it('shows the staffer their own findings and photo, lets them contest once; a manager decides; nobody else may', async () => {
    expect((await h.api('GET', '/api/halls/t1/findings?month=2026-11', undefined, s1)).body.items.map((f: { staffId: string }) => f.staffId)).toEqual(['s1', 's1']);
    expect((await h.api('GET', '/api/halls/t1/findings?month=2026-11', undefined, s2)).body.items).toEqual([]);
    expect((await h.api('GET', '/api/halls/t1/findings?month=2026-11&staffId=s1', undefined, s2)).status).toBe(403);
    expect((await h.api('GET', '/api/halls/t1/inspections?month=2026-11', undefined, s1)).status).toBe(403);
    const img = (token: string) => fetch(`${h.url}/api/halls/t1/evidence/${photo}`, { headers: { authorization: `Bearer ${token}` } });
    const mine = await img(s1);
    expect([mine.status, mine.headers.get('content-type'), Buffer.from(await mine.arrayBuffer()).equals(JPEG)]).toEqual([200, 'image/jpeg', true]);
    expect((await img(s2)).status).toBe(403);
    expect((await img(m1)).status).toBe(200);
    const contest = (body: unknown, token: string) => h.api('POST', `/api/halls/t1/findings/${findingId}/contest`, body, token);
    const decide = (body: unknown, token: string) => h.api('POST', `/api/halls/t1/findings/${findingId}/decision`, body, token);
    await refused(403, 'not_your_finding', () => contest({ note: '不是我' }, s2));
    await refused(403, 'forbidden', () => contest({ note: 'x' }, m1));
    await refused(400, 'bad_request', () => contest({ note: '' }, s1));
    await refused(409, 'not_contested', () => decide({ upheld: true, note: 'x' }, m1));
    expect(await contest({ note: '在用手机核对群众的电子证照' }, s1)).toMatchObject({ status: 200, body: { finding: { contest: 'pending' } } });
    await refused(409, 'already_contested', () => contest({ note: 'again' }, s1));
    for (const token of [s1, i1]) await refused(403, 'forbidden', () => decide({ upheld: true, note: 'x' }, token));
    await refused(400, 'bad_request', () => decide({ upheld: 'yes', note: 'x' }, m1));
    expect(await decide({ upheld: true, note: '核实为工作需要，撤销' }, m1)).toMatchObject({ status: 200, body: { finding: { contest: 'upheld', decidedBy: 'm1' } } });
  });

  it('lets managers record complaints and commendations; staff and inspectors cannot', async () => {
    const complaint = { staffId: 's1', kind: 'general', note: '群众投诉办事拖延，经核实属实' };
    for (const token of [s1, i1, pad]) await refused(403, 'forbidden', () => h.api('POST', '/api/halls/t1/complaints', complaint, token));
    await refused(400, 'bad_request', () => h.api('POST', '/api/halls/t1/complaints', { ...complaint, kind: 'rude' }, m1));
    await refused(400, 'unknown_staff', () => h.api('POST', '/api/halls/t1/complaints', { ...complaint, staffId: 'nobody' }, m1));
    await refused(400, 'bad_request', () => h.api('POST', '/api/halls/t1/commendations', { staffId: 's2', kind: 'praise_letter' }, m1));
    expect(await h.api('POST', '/api/halls/t1/complaints', complaint, m1)).toMatchObject({ status: 201, body: { complaint: { staffId: 's1', windowId: 't1-1', recordedBy: 'm1' } } });
    expect(await h.api('POST', '/api/halls/t1/commendations', { staffId: 's2', kind: 'praise_letter', note: '群众送锦旗' }, a1)).toMatchObject({ status: 201, body: { commendation: { windowId: 't1-2' } } });
    expect((await h.api('GET', '/api/halls/t1/complaints?month=2026-11', undefined, s1)).body.items).toHaveLength(1);
    expect((await h.api('GET', '/api/halls/t1/complaints?month=2026-11', undefined, s2)).body.items).toHaveLength(0);
    expect((await h.api('GET', '/api/halls/t1/commendations?month=2026-11', undefined, i1)).body.items).toHaveLength(1);
  });

  it('gives the evaluation the month as plain records', async () => {
    const r = await h.hub.casework!.records.recordsFor('t1', at('2026-11-01T00:00:00'), at('2026-12-01T00:00:00'), at('2026-12-01T00:00:00'));
    expect(r.cases).toEqual([{ caseId, hallId: 't1', ticketId, level: 1, ratedAt: at('2026-11-23T10:00:00'), staffId: 's1', windowId: 't1-1', atFault: true, voided: false, overdue: true }]);
    expect(r.findings.map((f) => [f.itemId, f.points, f.contest])).toEqual([['phone_games_video', 5, 'upheld'], ['dress_code', 1, 'none']]);
    expect(r.complaints.map((c) => [c.staffId, c.kind])).toEqual([['s1', 'general']]);
    expect(r.commendations.map((c) => [c.staffId, c.kind])).toEqual([['s2', 'praise_letter']]);
  });
});
