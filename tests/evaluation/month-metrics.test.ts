/**
 * The month's metrics as the archive computes them (server/store/archive/monthMetrics.ts: on
 * PostgreSQL the per-ticket definitions run in SQL) equal metricsOf — the one definition — over
 * the same facts read back, for generated months: waits across lunch, re-calls after no-shows,
 * transfers with and without a path, waits and handlings on their lines, ratings, missed and
 * cancelled tickets. A differential test, as the Lua scripts have against the domain.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.js';
import type { MetricSummary } from '../../server/domain/evaluation/result.js';
import { metricRulesOf, metricsOf, type Metrics } from '../../server/domain/metrics/index.js';
import { epochOfLocal } from '../../server/domain/time.js';
import { bulkWrite } from '../../server/store/archive/bulk.js';
import { sqliteHandle } from '../../server/store/archive/database.js';
import { monthMetrics } from '../../server/store/archive/monthMetrics.js';
import { monthTicketFacts } from '../../server/store/archive/monthFacts.js';
import type { FactRow } from '../../server/store/archive/rows.js';
import { archiveKinds, testArchive, type TestArchive } from '../helpers/archive.js';

const hallWith = (schedule: Record<string, unknown>) => parseConfig({
  halls: [{
    id: 'dm', name: '差分', level: 'town', schedule, rules: { waitTargetMinutes: 15 },
    services: [{ id: 'social', name: '社保', prefix: 'A', standardMinutes: 10 }, { id: 'tax', name: '税务', prefix: 'B', standardMinutes: 20 }],
    windows: [1, 2, 3].map((n) => ({ number: n, name: `窗口${n}`, tiers: [['social', 'tax']] })),
    staff: ['a', 'b', 'c', 'd'].map((id, i) => ({ id, name: id, posts: [{ window: (i % 3) + 1, post: i < 3 ? 'A' : 'B' }] })),
  }],
}).halls[0]!;
const hall = hallWith({ lunch: ['12:00', '13:30'] });
// A hall without a lunch break: nothing is taken off a wait.
const noLunch = hallWith({ open: '08:30', close: '17:30' });
const MIN = 60_000;
const days = ['2026-11-02', '2026-11-03', '2026-11-30'];

const arbitraryTicket = fc.record({
  day: fc.constantFrom(...days),
  issuedMin: fc.integer({ min: 8 * 60 + 30, max: 17 * 60 }),
  service: fc.constantFrom('social', 'tax'),
  fate: fc.constantFrom('done', 'done', 'done', 'missed', 'cancelled', 'serving'),
  wait: fc.integer({ min: 0, max: 200 * 60 }), // seconds, some across lunch
  recallAfter: fc.option(fc.integer({ min: 1, max: 40 * 60 }), { nil: undefined }),
  handling: fc.constantFrom(600, 1200, 599, 601, 1199, 1201, 300, 2400),
  staff: fc.constantFrom('a', 'b', 'c', 'd'),
  window: fc.constantFrom(1, 2, 3),
  transfer: fc.constantFrom('none', 'none', 'none', 'path', 'nopath'),
  rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
});
type Generated = fc.Arbitrary<typeof arbitraryTicket extends fc.Arbitrary<infer T> ? T : never>;

function rowsOf(tickets: (Generated extends fc.Arbitrary<infer T> ? T : never)[]): FactRow[] {
  return tickets.map((g, i) => {
    const issuedAt = epochOfLocal(g.day, '00:00', hall.timeZone) + g.issuedMin * MIN + (i % 7) * 1000;
    const called = g.fate !== 'cancelled';
    const first = issuedAt + g.wait * 1000;
    const last = g.recallAfter !== undefined ? first + g.recallAfter * 1000 : first;
    const transfers = g.transfer === 'none' ? 0 : 1;
    const path = g.transfer === 'path' ? [{ at: first + 60_000, fromWindowId: `dm-${(g.window % 3) + 1}`, staffId: g.staff === 'a' ? 'b' : 'a', toServiceId: g.service }] : [];
    const done = g.fate === 'done';
    return {
      hall_id: 'dm', ticket_id: `dm-${g.day.replaceAll('-', '')}-${g.service === 'social' ? 'A' : 'B'}${String(i + 1).padStart(3, '0')}`, day: g.day.replaceAll('-', ''),
      number: `A${i}`, service_at_issue: g.service, service: g.service, priority: 'normal', channel: null, status: g.fate, outcome: done ? 'completed' : null,
      issued_at: issuedAt, first_called_at: called ? first : null, last_called_at: called ? last : null, started_at: done ? last : null,
      finished_at: done ? last + g.handling * 1000 : g.fate === 'serving' ? null : issuedAt + 3_600_000, cancelled_at: g.fate === 'cancelled' ? issuedAt + 1000 : null,
      cancel_reason: null, wait_seconds: called ? g.wait : null, handling_seconds: done ? g.handling : null,
      window_id: called ? `dm-${g.window}` : null, window_number: called ? g.window : null, staff_id: called ? g.staff : null, first_responder: called ? g.staff : null,
      recalls: 0, no_shows: g.recallAfter !== undefined ? 1 : g.fate === 'missed' ? 1 : 0, transfers, transfer_path: JSON.stringify(path),
      rating_level: done && g.rating !== undefined ? g.rating : null, rating_reasons: null, rating_comment: null, rating_channel: done && g.rating !== undefined ? 'pad' : null,
      rated_at: null, queued_at: null, track_token: null, rate_token: null, last_event_id: i + 1,
    } satisfies FactRow;
  });
}

const close = (a: MetricSummary | undefined, b: MetricSummary | undefined): void => {
  expect(a === undefined).toBe(b === undefined);
  if (!a || !b) return;
  for (const k of Object.keys(b) as (keyof MetricSummary)[]) {
    const x = a[k];
    const y = b[k];
    if (typeof y === 'number' && typeof x === 'number') expect(x, k).toBeCloseTo(y, 6);
    else expect(x, k).toEqual(y);
  }
};

function same(sqlSide: Metrics, jsSide: Metrics): void {
  close(sqlSide.hall, jsSide.hall);
  expect([...sqlSide.byStaff.keys()].sort()).toEqual([...jsSide.byStaff.keys()].sort());
  expect([...sqlSide.byWindow.keys()].sort()).toEqual([...jsSide.byWindow.keys()].sort());
  for (const [k, v] of jsSide.byStaff) close(sqlSide.byStaff.get(k), v);
  for (const [k, v] of jsSide.byWindow) close(sqlSide.byWindow.get(k), v);
  const sorted = (m: Map<string, string[]>) => Object.fromEntries([...m].filter(([, v]) => v.length > 0).map(([k, v]) => [k, [...v].sort()]).sort());
  expect(sorted(sqlSide.overTarget.byStaff)).toEqual(sorted(jsSide.overTarget.byStaff));
  expect(sorted(sqlSide.overTarget.byWindow)).toEqual(sorted(jsSide.overTarget.byWindow));
  expect(sorted(sqlSide.overStandard.byStaff)).toEqual(sorted(jsSide.overStandard.byStaff));
  expect(sorted(sqlSide.overStandard.byWindow)).toEqual(sorted(jsSide.overStandard.byWindow));
  const sets = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]).sort());
  expect(sets(sqlSide.staffWindows)).toEqual(sets(jsSide.staffWindows));
}

describe.each(archiveKinds)('monthMetrics on %s equals metricsOf over the same facts', (kind) => {
  let archive: TestArchive;
  beforeAll(async () => {
    archive = await testArchive(kind, 'month_metrics');
  });
  afterAll(async () => {
    await archive?.cleanup();
  });

  it('fails when the intervals read beside the facts fails, with its error, and leaves no rejection unhandled', async () => {
    const now = epochOfLocal('2026-12-01', '00:00', hall.timeZone);
    // Rejected before the facts' query has answered: held until monthMetrics awaits it.
    const intervals = Promise.reject(new Error('duty_intervals unreadable'));
    await expect(monthMetrics(archive.db, { hall, fromDay: '20261101', toDay: '20261130', intervals, now })).rejects.toThrow('duty_intervals unreadable');
  });

  it('for generated months', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryTicket, { minLength: 0, maxLength: 60 }), fc.constantFrom(hall, noLunch), async (tickets, hall) => {
        await archive.db.deleteFrom('ticket_facts').execute();
        const rows = rowsOf(tickets);
        await archive.db.transaction().execute((trx) => bulkWrite(trx, { table: 'ticket_facts', rows, key: ['hall_id', 'ticket_id'], onConflict: 'nothing' }, sqliteHandle(archive.db)));
        const now = epochOfLocal('2026-12-01', '00:00', hall.timeZone);
        const facts = await monthTicketFacts(archive.db, 'dm', '20261101', '20261130');
        expect(facts).toHaveLength(rows.length);
        const jsSide = metricsOf({ tickets: facts, rules: metricRulesOf(hall), now });
        const sqlSide = await monthMetrics(archive.db, { hall, fromDay: '20261101', toDay: '20261130', now });
        same(sqlSide, jsSide);
      }),
      { numRuns: kind === 'postgres' ? 40 : 10 },
    );
  }, 120_000);
});
