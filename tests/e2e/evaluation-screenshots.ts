/**
 * Pictures of the published 月通报, through the hub's own routes, of a month computed by the real
 * evaluation (evaluateMonth over the archive's facts, the attendance period and casework records):
 *
 *   npx tsx tests/e2e/evaluation-screenshots.ts
 *     → docs/screenshots/evaluation-xlsx-<n>.png   the workbook opened by LibreOffice (one page per sheet)
 *     → docs/screenshots/evaluation-print-<n>.png  the A4 page printed to PDF by Chromium
 *
 * The hall is the demo county hall (莒南, 13 windows, 13 staff) on weekday hours, with October and
 * November 2026 of seeded traffic and duty written into a SQLite archive, and a few inspection
 * findings, 差评 cases, a complaint and commendations in November. A manager asks for October and
 * then November through POST …/recompute, then downloads GET …/2026-11.xlsx and opens
 * GET …/2026-11/print. Needs Redis, Debian's chromium, libreoffice-calc, poppler-utils and
 * fonts-noto-cjk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { MonthEvaluator } from '../../server/commands/evaluation/evaluationContext.js';
import { loadConfig, parseConfig, type HallConfig } from '../../server/config.js';
import { datesOfMonth, HallCalendar } from '../../server/domain/calendar/calendar.js';
import type { EvaluationRecords, EvaluationRecordsSource } from '../../server/domain/evaluation/records.js';
import type { DutyInterval } from '../../server/domain/facts.js';
import { epochOfLocal } from '../../server/domain/time.js';
import { monthEvaluator } from '../../server/evaluationData.js';
import { LeaveStore } from '../../server/store/archive/leaveStore.js';
import { intervalToRow, type FactRow } from '../../server/store/archive/rows.js';
import { testArchive } from '../helpers/archive.js';
import { testHub } from '../helpers/hub.js';

const out = resolve(import.meta.dirname, '../../docs/screenshots');
const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const HALL = 'junan';

// The demo county hall on a county hall's weekday hours (the demo itself runs round the clock).
const demo = loadConfig(resolve(import.meta.dirname, '../../config/demo-hall.yaml'));
const hall: HallConfig = parseConfig({
  halls: [{ ...demo.halls[0]!, kiosks: [], schedule: { open: '08:30', close: '17:30', lunch: ['12:00', '13:30'] } }],
}).halls[0]!;
const calendar = new HallCalendar(hall.schedule);

let seed = 20261130;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const compact = (d: string) => d.replaceAll('-', '');
const at = (date: string, hhmm: string) => epochOfLocal(date, hhmm, TZ);

/** Each staffer's character: how busy, how well rated, how punctual. 周婷 (1009) struggles both months. */
const character = (id: string) => ({
  share: id === '1013' ? 0.5 : id === '1012' ? 0.7 : 1,
  slow: id === '1009' ? 1.6 : id === '1006' || id === '1007' ? 1.3 : 1,
  badRating: id === '1009' ? 0.1 : id === '1004' ? 0.05 : 0.02,
  late: id === '1009' ? 0.2 : id === '1004' ? 0.08 : 0.02,
});

function month(m: string): { facts: FactRow[]; intervals: ReturnType<typeof intervalToRow>[] } {
  const facts: FactRow[] = [];
  const intervals: ReturnType<typeof intervalToRow>[] = [];
  let ev = m === '2026-10' ? 1 : 500_000;
  for (const date of datesOfMonth(m).filter((d) => calendar.day(d).working)) {
    const seqs = new Map<string, number>();
    for (const s of hall.staff.filter((x) => x.posts.length)) {
      const c = character(s.id);
      const w = s.posts[0]!.window;
      const windowId = `${HALL}-${w}`;
      const services = hall.windows.find((x) => x.number === w)!.tiers[0]!;
      // Duty: signed in around 08:30 (late now and then), out after 17:30.
      const late = random() < c.late ? 3 + Math.floor(random() * 20) : -Math.floor(random() * 8);
      const duty: DutyInterval = { id: `${windowId}:duty:${s.id}:${ev}`, kind: 'duty', staffId: s.id, windowId, post: 'A', startAt: at(date, '08:30') + late * MIN, startEvent: ev++, endAt: at(date, '17:34'), endEvent: ev++, endCause: 'staff.signedOut', day: compact(date) };
      intervals.push(intervalToRow(HALL, duty));
      if (random() < 0.08) {
        const from = at(date, pick(['10:00', '15:10']));
        intervals.push(intervalToRow(HALL, { id: `${windowId}:away:${s.id}:${ev}`, kind: 'away', staffId: s.id, windowId, post: 'A', reason: pick(['meeting', 'meal', 'other'] as const), startAt: from, startEvent: ev++, endAt: from + (10 + Math.floor(random() * 30)) * MIN, endEvent: ev++, endCause: 'staff.back', day: compact(date) }));
      }
      const count = Math.round((18 + random() * 14) * c.share);
      for (let n = 0; n < count; n++) {
        const service = pick(services);
        const seq = (seqs.get(service) ?? 0) + 1;
        seqs.set(service, seq);
        const prefix = hall.services.find((x) => x.id === service)!.prefix;
        const number = `${prefix}${String(seq).padStart(3, '0')}`;
        const standard = hall.services.find((x) => x.id === service)!.standardMinutes;
        const issuedAt = at(date, pick(['08:40', '09:10', '09:45', '10:20', '11:05', '13:40', '14:15', '15:00', '15:50', '16:30'])) + Math.floor(random() * 25 * MIN);
        const missed = random() < 0.03;
        const wait = Math.floor(-Math.log(1 - random()) * 8 * c.slow * MIN);
        const calledAt = issuedAt + wait;
        const handling = missed ? 0 : Math.floor(standard * (0.4 + random() * 0.9) * c.slow * MIN);
        const rating = !missed && random() < 0.8 ? (random() < c.badRating ? pick([1, 2]) : pick([5, 5, 5, 5, 5, 4, 4, 3])) : null;
        const ticketId = `${HALL}-${compact(date)}-${number}`;
        facts.push({
          hall_id: HALL, ticket_id: ticketId, day: compact(date), number, service_at_issue: service, service, priority: 'normal', channel: 'kiosk',
          status: missed ? 'missed' : 'done', outcome: missed ? null : 'completed', issued_at: issuedAt, first_called_at: calledAt, last_called_at: calledAt,
          started_at: missed ? null : calledAt + MIN / 2, finished_at: calledAt + handling + MIN / 2, cancelled_at: null, cancel_reason: null,
          wait_seconds: wait / 1000, handling_seconds: missed ? null : handling / 1000, window_id: windowId, window_number: w, staff_id: s.id, first_responder: s.id,
          recalls: 0, no_shows: missed ? 1 : 0, transfers: 0, transfer_path: '[]',
          rating_level: rating, rating_reasons: rating !== null && rating <= 2 ? JSON.stringify([pick(['等候时间长', '服务态度差', '业务不熟练'])]) : null, rating_comment: null,
          rating_channel: rating === null ? null : 'pad', rated_at: rating === null ? null : calledAt + handling + MIN, queued_at: null, track_token: null, rate_token: null, last_event_id: ev++,
        });
      }
    }
  }
  return { facts, intervals };
}

/** November's casework, as the casework store would hand it to the evaluation. */
const november: EvaluationRecords = {
  cases: [
    { caseId: 'case-1107', hallId: HALL, ticketId: `${HALL}-20261105-G004`, level: 1, ratedAt: at('2026-11-05', '10:12'), staffId: '1009', windowId: `${HALL}-9`, atFault: true, voided: false, overdue: true },
    { caseId: 'case-1118', hallId: HALL, ticketId: `${HALL}-20261118-A011`, level: 2, ratedAt: at('2026-11-18', '15:40'), staffId: '1002', windowId: `${HALL}-2`, atFault: false, voided: false, overdue: false },
  ],
  findings: [
    { findingId: 'f-31', inspectionId: 'insp-1110', hallId: HALL, windowId: `${HALL}-9`, staffId: '1009', at: at('2026-11-10', '15:20'), kind: 'daily_patrol', itemId: 'phone_games_video', category: 'conduct_etiquette', points: 5, veto: false, contest: 'rejected' },
    { findingId: 'f-32', inspectionId: 'insp-1117', hallId: HALL, windowId: `${HALL}-4`, staffId: '1004', at: at('2026-11-17', '09:40'), kind: 'weekly_covert', itemId: 'no_badge_or_name_plate', category: 'conduct_etiquette', points: 1, veto: false, contest: 'none' },
    { findingId: 'f-33', inspectionId: 'insp-1124', hallId: HALL, windowId: `${HALL}-7`, staffId: '1007', at: at('2026-11-24', '14:05'), kind: 'leader_patrol', itemId: 'eating_at_window', category: 'conduct_etiquette', points: 3, veto: false, contest: 'none' },
  ],
  complaints: [{ complaintId: 'cp-1103', hallId: HALL, staffId: '1006', windowId: `${HALL}-6`, at: at('2026-11-19', '11:00'), kind: 'general' }],
  commendations: [
    { commendationId: 'cm-1101', hallId: HALL, staffId: '1001', windowId: `${HALL}-1`, at: at('2026-11-12', '10:00'), kind: 'praise_letter' },
    { commendationId: 'cm-1102', hallId: HALL, staffId: '1011', windowId: `${HALL}-11`, at: at('2026-11-26', '17:50'), kind: 'extended_service' },
  ],
};
const records: EvaluationRecordsSource = {
  async recordsFor(_hallId, from, to) {
    const inSpan = (t: number) => t >= from && t < to;
    return {
      cases: november.cases.filter((c) => inSpan(c.ratedAt)),
      findings: november.findings.filter((f) => inSpan(f.at)),
      complaints: november.complaints.filter((c) => inSpan(c.at)),
      commendations: november.commendations.filter((c) => inSpan(c.at)),
    };
  },
};

function pdfToPngs(pdf: string, prefix: string, dpi: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'yc-png-'));
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), pdf, join(dir, 'p')]);
  for (const f of readdirSync(out).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))) rmSync(join(out, f));
  const pages = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  const names = pages.map((f, i) => {
    const name = `${prefix}-${i + 1}.png`;
    renameSync(join(dir, f), join(out, name));
    return name;
  });
  rmSync(dir, { recursive: true, force: true });
  return names;
}

const archive = await testArchive('sqlite', 'evaluation-screenshots');
const work = mkdtempSync(join(tmpdir(), 'yc-eval-shots-'));
let inner: MonthEvaluator | undefined;
const h = await testHub('evaluation-screenshots', {
  config: parseConfig({ halls: [hall] }),
  archive: archive.location,
  archiver: false,
  clock: () => at('2026-12-01', '09:00'),
  evaluation: { evaluate: (...args) => inner!(...args) },
});
try {
  inner = monthEvaluator({ ctx: h.hub.ctx, db: archive.db, leave: new LeaveStore(archive.db), records });
  for (const m of ['2026-10', '2026-11']) {
    const { facts, intervals } = month(m);
    for (let i = 0; i < facts.length; i += 500) await archive.db.insertInto('ticket_facts').values(facts.slice(i, i + 500)).execute();
    for (let i = 0; i < intervals.length; i += 500) await archive.db.insertInto('duty_intervals').values(intervals.slice(i, i + 500)).execute();
    console.log(`${m}: ${facts.length} tickets, ${intervals.length} duty intervals`);
  }
  const login = await h.api('POST', '/api/login', { username: 'm001', password: 'demo1234' });
  const token = login.body.token as string;
  for (const m of ['2026-10', '2026-11']) {
    const r = await h.api('POST', `/api/halls/${HALL}/evaluation/${m}/recompute`, { reason: '月末计算' }, token);
    if (r.status !== 201) throw new Error(`recompute ${m}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const nov = (await h.api('GET', `/api/halls/${HALL}/evaluation/2026-11`, undefined, token)).body.evaluation;
  console.log('2026-11:', nov.staff.map((s: any) => `${s.rank}.${s.name} ${s.total}${s.serviceStar ? '★' : ''}${s.talk ? ' 约谈' : ''}${s.vetoed ? ' 否决' : ''}`).join(', '));

  const res = await fetch(`${h.url}/api/halls/${HALL}/evaluation/2026-11.xlsx`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`xlsx: ${res.status}`);
  const xlsx = join(work, 'evaluation-2026-11.xlsx');
  writeFileSync(xlsx, Buffer.from(await res.arrayBuffer()));
  execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, xlsx], { stdio: 'ignore', timeout: 180_000 });
  console.log('xlsx pages:', pdfToPngs(join(work, 'evaluation-2026-11.pdf'), 'evaluation-xlsx', 80).join(' '));

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await (await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } })).newPage();
    const r = await page.goto(`${h.url}/api/halls/${HALL}/evaluation/2026-11/print`);
    if (r?.status() !== 200) throw new Error(`print: ${r?.status()}`);
    const pdf = join(work, 'print.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    console.log('print pages:', pdfToPngs(pdf, 'evaluation-print', 90).join(' '));
  } finally {
    await browser.close();
  }
} finally {
  await h.cleanup();
  await archive.cleanup();
  rmSync(work, { recursive: true, force: true });
}
