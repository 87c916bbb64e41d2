import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rollOverDay } from '../../server/commands/rollOverDay.js';
import { callNext } from '../../server/commands/callNext.js';
import { closeWindow } from '../../server/commands/closeWindow.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { markNoShow } from '../../server/commands/markNoShow.js';
import { markAway } from '../../server/commands/markAway.js';
import { rateTicket } from '../../server/commands/rateTicket.js';
import { recallTicket } from '../../server/commands/recallTicket.js';
import { markBack } from '../../server/commands/markBack.js';
import { signIn } from '../../server/commands/signIn.js';
import { signOut } from '../../server/commands/signOut.js';
import { startService } from '../../server/commands/startService.js';
import { transferTicket } from '../../server/commands/transferTicket.js';
import { eventVersion } from '../../server/events.js';
import { Archiver } from '../../server/jobs/archiver.js';
import { ArchiveStore } from '../../server/store/archive/archiveStore.js';
import { archiveKinds, testArchive, type TestArchive } from '../helpers/archive.js';
import { MONDAY_9AM, testHall, type TestHall } from '../helpers/hall.js';

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  expect(r).toMatchObject({ ok: true });
  return r as Extract<T, { ok: true }>;
};

describe.each(archiveKinds)('the archiver on %s', (kind) => {
  let h: TestHall;
  let a: TestArchive;
  let store: ArchiveStore;
  const archiver = (options: { batchSize?: number; versionOf?: (type: string) => number } = {}) =>
    new Archiver({
      redis: h.ctx.store.redis,
      keyPrefix: h.ctx.store.keyPrefix,
      store: h.ctx.store,
      archive: store,
      halls: h.ctx.halls,
      clock: h.now,
      versionOf: options.versionOf ?? eventVersion,
      batchSize: options.batchSize,
    });

  beforeEach(async () => {
    h = await testHall(`archiver-${kind}`);
    a = await testArchive(kind, `archiver`);
    store = new ArchiveStore(a.db);
  });
  afterEach(async () => {
    await a.cleanup();
    await h.cleanup();
  });

  const t0 = MONDAY_9AM;
  const w1 = { windowId: 't1-1' };
  /** Seventeen events at one window, A post and B post, with hand-written times. */
  async function morning(): Promise<{ a001: string; a002: string; rateToken: string }> {
    h.at(t0);
    ok(await signIn(h.ctx, { ...w1, staffId: 's1', post: 'A' })); // 1
    h.at(t0 + 1_000);
    const a001 = ok(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).ticket.id; // 2
    h.at(t0 + 2_000);
    const a002 = ok(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).ticket.id; // 3
    h.at(t0 + 60_000);
    ok(await callNext(h.ctx, { ...w1, staffId: 's1' })); // 4: A001, waited 59 s
    h.at(t0 + 90_000);
    ok(await recallTicket(h.ctx, { ...w1, staffId: 's1' })); // 5
    h.at(t0 + 120_000);
    ok(await startService(h.ctx, { ...w1, staffId: 's1' })); // 6
    h.at(t0 + 420_000);
    ok(await completeTicket(h.ctx, { ...w1, staffId: 's1', outcome: 'completed' })); // 7: 300 s of handling
    const found = await h.ctx.store.position('t1', a001, { classes: h.ctx.halls.get('t1')!.classes, classRank: h.ctx.halls.get('t1')!.classRank, ageingMs: 1 }, h.now());
    const rateToken = found!.rateToken!;
    h.at(t0 + 450_000);
    ok(await rateTicket(h.ctx, { ticketId: a001, rateToken, level: 2, reasons: ['等候时间长'], comment: '排队太久', channel: 'pad', windowId: 't1-1' })); // 8
    h.at(t0 + 480_000);
    ok(await markAway(h.ctx, { ...w1, staffId: 's1', reason: 'meal' })); // 9
    h.at(t0 + 500_000);
    ok(await signIn(h.ctx, { ...w1, staffId: 's2', post: 'B' })); // 10: B covers
    h.at(t0 + 560_000);
    ok(await callNext(h.ctx, { ...w1, staffId: 's2' })); // 11: A002, waited 558 s
    h.at(t0 + 620_000); // a minute after the call: the earliest a no-show counts
    ok(await markNoShow(h.ctx, { ...w1, staffId: 's2' })); // 12: re-queued
    h.at(t0 + 630_000);
    ok(await callNext(h.ctx, { ...w1, staffId: 's2' })); // 13: A002 again
    h.at(t0 + 640_000);
    ok(await transferTicket(h.ctx, { ...w1, staffId: 's2', toServiceId: 'land' })); // 14
    h.at(t0 + 700_000);
    ok(await markBack(h.ctx, { ...w1, staffId: 's1' })); // 15: A back, cover ends
    h.at(t0 + 710_000);
    ok(await signOut(h.ctx, { ...w1, staffId: 's2' })); // 16
    h.at(t0 + 720_000);
    ok(await closeWindow(h.ctx, { windowId: 't1-1', by: 'm1' })); // 17
    return { a001, a002, rateToken };
  }

  it('copies every event once, with the ticket facts and duty intervals the rules give', async () => {
    const { a001, a002, rateToken } = await morning();
    const arch = archiver();
    expect(await arch.lag('t1')).toMatchObject({ eventsBehind: 17, secondsBehind: 720, archivedId: 0, lastEventId: 17 });
    await arch.archiveAll();
    expect(await arch.lag('t1')).toMatchObject({ eventsBehind: 0, secondsBehind: 0, archivedId: 17, lost: 0, redisBehind: false });

    const events = await a.db.selectFrom('archive_events').selectAll().where('hall_id', '=', 't1').orderBy('id').execute();
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    const stream = await h.ctx.store.streamAfter('t1', 0, 100);
    expect(events.map((e) => e.payload)).toEqual(stream.map((s) => s.json));
    expect(events.map((e) => e.day)).toEqual(Array(17).fill('20261123'));

    const facts = new Map((await a.db.selectFrom('ticket_facts').selectAll().execute()).map((f) => [f.ticket_id, f]));
    expect(facts.size).toBe(2);
    expect(facts.get(a001)).toMatchObject({
      number: 'A001', day: '20261123', status: 'done', outcome: 'completed', service_at_issue: 'social', service: 'social', priority: 'normal',
      issued_at: t0 + 1_000, first_called_at: t0 + 60_000, last_called_at: t0 + 60_000, started_at: t0 + 120_000, finished_at: t0 + 420_000,
      wait_seconds: 59, handling_seconds: 300, window_id: 't1-1', window_number: 1, staff_id: 's1', first_responder: 's1',
      recalls: 1, no_shows: 0, transfers: 0, transfer_path: '[]',
      rating_level: 2, rating_reasons: '["等候时间长"]', rating_comment: '排队太久', rating_channel: 'pad', rated_at: t0 + 450_000,
      rate_token: rateToken, queued_at: null, last_event_id: 8,
    });
    expect(facts.get(a001)!.track_token).toMatch(/.{8,}/);
    expect(facts.get(a002)).toMatchObject({
      number: 'A002', status: 'waiting', service_at_issue: 'social', service: 'land',
      issued_at: t0 + 2_000, first_called_at: t0 + 560_000, last_called_at: t0 + 630_000, wait_seconds: 558,
      started_at: null, finished_at: null, handling_seconds: null, first_responder: 's2', staff_id: 's2', window_id: 't1-1',
      recalls: 0, no_shows: 1, transfers: 1, queued_at: t0 + 640_000, rating_level: null, last_event_id: 14,
    });
    expect(JSON.parse(facts.get(a002)!.transfer_path)).toEqual([{ at: t0 + 640_000, fromWindowId: 't1-1', staffId: 's2', toServiceId: 'land' }]);

    const intervals = await a.db.selectFrom('duty_intervals').selectAll().orderBy('start_event').orderBy('kind').execute();
    expect(intervals.map((i) => [i.kind, i.staff_id, i.post, i.reason, i.covering_for, i.start_event, i.start_at - t0, i.end_event, i.end_at! - t0, i.end_cause])).toEqual([
      ['duty', 's1', 'A', null, null, 1, 0, 17, 720_000, 'window.closed'],
      ['away', 's1', 'A', 'meal', null, 9, 480_000, 15, 700_000, 'staff.back'],
      ['cover', 's2', 'B', null, 's1', 10, 500_000, 15, 700_000, 'staff.back'],
      ['duty', 's2', 'B', null, null, 10, 500_000, 16, 710_000, 'staff.signedOut'],
    ]);
    const windows = await a.db.selectFrom('window_states').selectAll().execute();
    expect(windows.map((w) => [w.window_id, w.event_id, JSON.parse(w.view).state])).toEqual([['t1-1', 17, 'closed']]);
  });

  it('changes nothing on a replay: a second run, and a batch written again from an old checkpoint', async () => {
    await morning();
    const arch = archiver();
    await arch.archiveAll();
    const before = await a.db.selectFrom('ticket_facts').selectAll().orderBy('ticket_id').execute();
    await arch.archiveAll();
    const raw = await h.ctx.store.streamAfter('t1', 0, 100);
    const again = await store.write({
      hallId: 't1', afterId: 0, through: 17, missing: 0, now: h.now(), versionOf: () => 1, dayOf: () => '20261123',
      entries: raw.map((r) => ({ event: JSON.parse(r.json), json: r.json })),
    });
    expect(again).toEqual({ written: false, reason: 'checkpoint_moved' });
    expect(await a.db.selectFrom('ticket_facts').selectAll().orderBy('ticket_id').execute()).toEqual(before);
    expect((await a.db.selectFrom('archive_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n).toEqual(17);
    expect(await a.db.selectFrom('duty_intervals').select('interval_id').execute()).toHaveLength(4);
  });

  it('writes a failing batch not at all: the batches before it stay, the run after it completes the rest once', async () => {
    await morning();
    // The third batch of five (events 11–15) holds the first transfer: make it fail inside the
    // database's write — a version no database takes (SQLite refuses to bind it after the
    // checkpoint moved and the batch's first events went in; PostgreSQL refuses the batch's one
    // statement).
    const failing = archiver({ batchSize: 5, versionOf: (type) => (type === 'ticket.transferred' ? ({ disk: 'full' } as unknown as number) : 1) });
    await expect(failing.archiveAll()).rejects.toThrow(kind === 'sqlite' ? /can only bind/ : /invalid input syntax for type integer/);
    expect((await store.checkpoint('t1')).lastId).toBe(10);
    expect((await a.db.selectFrom('archive_events').select('id').orderBy('id').execute()).map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The A002 fact stops at its call by s2 (event 11 not written).
    expect(await a.db.selectFrom('ticket_facts').select(['number', 'last_event_id', 'no_shows']).orderBy('number').execute()).toEqual([
      { number: 'A001', last_event_id: 8, no_shows: 0 },
      { number: 'A002', last_event_id: 3, no_shows: 0 },
    ]);
    await archiver({ batchSize: 5 }).archiveAll();
    expect((await a.db.selectFrom('archive_events').select('id').orderBy('id').execute()).map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(await a.db.selectFrom('ticket_facts').select(['number', 'last_event_id', 'no_shows', 'transfers']).orderBy('number').execute()).toEqual([
      { number: 'A001', last_event_id: 8, no_shows: 0, transfers: 0 },
      { number: 'A002', last_event_id: 14, no_shows: 1, transfers: 1 },
    ]);
    expect(await a.db.selectFrom('duty_intervals').select('interval_id').execute()).toHaveLength(4);
  });

  it('trims the stream to the day that began and forgets tickets older than yesterday, once archived', async () => {
    const day = 86_400_000;
    const issueAt = async (at: number) => {
      h.at(at);
      return ok(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).ticket.id;
    };
    const rollAt = async (at: number) => {
      h.at(at);
      return ok(await rollOverDay(h.ctx, { hallId: 't1' }));
    };
    const monday = await issueAt(t0); // 1
    await rollAt(t0 + day - 8 * 3_600_000); // Tue 01:00: sweep cancels Monday's ticket (2), day.swept (3), rolled over (4)
    const tuesday = await issueAt(t0 + day); // 5
    const arch = archiver();
    await arch.archiveAll();
    // Tuesday's catch-up starts at its rollover: everything before it is archived and gone.
    expect((await h.ctx.store.streamAfter('t1', 0, 100)).map((e) => JSON.parse(e.json).id)).toEqual([4, 5]);
    expect(await h.ctx.store.redis.exists(`${h.ctx.store.prefix('t1')}t:${monday}`)).toBe(1); // yesterday's: kept
    await rollAt(t0 + 2 * day - 8 * 3_600_000); // Wed: sweep cancels Tuesday's (6), swept (7), rolled (8)
    await arch.archiveAll();
    expect((await h.ctx.store.streamAfter('t1', 0, 100)).map((e) => JSON.parse(e.json).id)).toEqual([8]);
    expect(await h.ctx.store.redis.exists(`${h.ctx.store.prefix('t1')}t:${monday}`)).toBe(0);
    expect(await h.ctx.store.redis.exists(`${h.ctx.store.prefix('t1')}t:${tuesday}`)).toBe(1);
    expect((await store.checkpoint('t1')).purgedDay).toBe('20261123');
    // Nothing archived was lost to the trim.
    expect((await a.db.selectFrom('archive_events').select('id').orderBy('id').execute()).map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await h.ctx.store.eventsAfter('t1', 0, 10)).toBeNull(); // a screen that far behind takes a snapshot
  });

  it('counts events the stream no longer holds instead of stopping on them', async () => {
    await morning();
    await h.ctx.store.redis.xdel(`${h.ctx.store.prefix('t1')}events`, '3-0', '4-0');
    const arch = archiver({ batchSize: 5 });
    await arch.archiveAll();
    expect(await arch.lag('t1')).toMatchObject({ archivedId: 17, eventsBehind: 0, lost: 2 });
    expect((await a.db.selectFrom('archive_events').select('id').orderBy('id').execute())).toHaveLength(15);
  });

  it('reports Redis behind the archive instead of archiving ids again', async () => {
    await morning();
    const arch = archiver();
    await arch.archiveAll();
    await h.ctx.store.redis.set(`${h.ctx.store.prefix('t1')}seq`, '5');
    expect(await arch.lag('t1')).toMatchObject({ archivedId: 17, lastEventId: 5, redisBehind: true });
    await arch.archiveAll();
    expect((await store.checkpoint('t1')).lastId).toBe(17);
  });
});
