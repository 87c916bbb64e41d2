import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callNext } from '../../server/commands/callNext.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { markNoShow } from '../../server/commands/markNoShow.js';
import { markAway } from '../../server/commands/markAway.js';
import { rebuildDay } from '../../server/commands/rebuildDay.js';
import { recallTicket } from '../../server/commands/recallTicket.js';
import { signIn } from '../../server/commands/signIn.js';
import { startService } from '../../server/commands/startService.js';
import { transferTicket } from '../../server/commands/transferTicket.js';
import { eventVersion } from '../../server/events.js';
import { Archiver } from '../../server/jobs/archiver.js';
import { ArchiveStore } from '../../server/store/archive/archiveStore.js';
import { archiveKinds, testArchive, type TestArchive } from '../helpers/archive.js';
import { MONDAY_9AM, testHall, type TestHall } from '../helpers/hall.js';
import { deleteByPrefix } from '../helpers/redis.js';

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  expect(r).toMatchObject({ ok: true });
  return r as Extract<T, { ok: true }>;
};

describe.each(archiveKinds)('rebuilding the live day from the archive on %s', (kind) => {
  let h: TestHall;
  let a: TestArchive;
  beforeEach(async () => {
    h = await testHall(`rebuild-${kind}`);
    a = await testArchive(kind, 'rebuild');
  });
  afterEach(async () => {
    await a.cleanup();
    await h.cleanup();
  });

  const hall = () => h.ctx.halls.get('t1')!;
  const layout = () => ({ windows: hall().windowIds(), services: hall().serviceIds(), classes: hall().classes });
  const archiveAll = () =>
    new Archiver({ redis: h.ctx.store.redis, keyPrefix: h.ctx.store.keyPrefix, store: h.ctx.store, archive: new ArchiveStore(a.db), halls: h.ctx.halls, clock: h.now, versionOf: eventVersion }).archiveAll();
  const step = async <T>(ms: number, run: () => Promise<T>): Promise<T> => {
    h.advance(ms);
    return run();
  };
  const issue = (serviceId: string, priority?: 'priority') => step(1_000, async () => ok(await issueTicket(h.ctx, { hallId: 't1', serviceId, priority })));

  /** A busy morning: every kind of queue and window state the snapshot shows. */
  async function busyMorning(): Promise<Map<string, string>> {
    const tokens = new Map<string, string>();
    for (const s of ['social', 'social', 'land', 'social', 'land', 'social']) {
      const r = await issue(s);
      tokens.set(r.ticket.id, r.trackToken);
    }
    const pri = await issue('social', 'priority');
    tokens.set(pri.ticket.id, pri.trackToken);
    ok(await signIn(h.ctx, { windowId: 't1-1', staffId: 's1', post: 'A' }));
    ok(await signIn(h.ctx, { windowId: 't1-2', staffId: 's2', post: 'A' }));
    ok(await signIn(h.ctx, { windowId: 't1-3', staffId: 's3', post: 'A' }));
    ok(await signIn(h.ctx, { windowId: 't1-3', staffId: 's4', post: 'B' }));
    await step(60_000, async () => ok(await callNext(h.ctx, { windowId: 't1-1', staffId: 's1' }))); // the priority ticket
    await step(60_000, async () => ok(await markNoShow(h.ctx, { windowId: 't1-1', staffId: 's1' }))); // a minute after the call: re-queued 2 places back
    await step(5_000, async () => ok(await callNext(h.ctx, { windowId: 't1-1', staffId: 's1' })));
    await step(5_000, async () => ok(await startService(h.ctx, { windowId: 't1-1', staffId: 's1' })));
    await step(5_000, async () => ok(await transferTicket(h.ctx, { windowId: 't1-1', staffId: 's1', toWindowId: 't1-3' })));
    await step(5_000, async () => ok(await callNext(h.ctx, { windowId: 't1-2', staffId: 's2' })));
    await step(5_000, async () => ok(await transferTicket(h.ctx, { windowId: 't1-2', staffId: 's2', toServiceId: 'social' })));
    await step(5_000, async () => ok(await callNext(h.ctx, { windowId: 't1-2', staffId: 's2' })));
    await step(5_000, async () => ok(await recallTicket(h.ctx, { windowId: 't1-2', staffId: 's2' })));
    await step(5_000, async () => ok(await callNext(h.ctx, { windowId: 't1-1', staffId: 's1' })));
    await step(5_000, async () => ok(await startService(h.ctx, { windowId: 't1-1', staffId: 's1' })));
    await step(5_000, async () => ok(await completeTicket(h.ctx, { windowId: 't1-1', staffId: 's1', outcome: 'notice' })));
    await step(5_000, async () => ok(await markAway(h.ctx, { windowId: 't1-3', staffId: 's3', reason: 'meeting' }))); // s4 covers
    return tokens;
  }

  it('gives the same snapshot, positions, tokens, numbering and duty after Redis lost the hall', async () => {
    const tokens = await busyMorning();
    await archiveAll();
    const before = await h.ctx.store.snapshot('t1', layout());
    expect(before.waiting.length).toBeGreaterThanOrEqual(4);
    expect(before.windows.find((w) => w.id === 't1-3')).toMatchObject({ covering: true, onDuty: 's4', awayA: 'meeting' });
    const rank = { classes: hall().classes, classRank: hall().classRank, ageingMs: hall().ageingMs };
    const positions = async () => Promise.all([...tokens.keys()].map(async (id) => [id, await h.ctx.store.position('t1', id, rank, h.now())] as const));
    const posBefore = await positions();

    await deleteByPrefix(h.ctx.store.redis, h.ctx.store.keyPrefix);
    expect(await h.ctx.store.lastEventId('t1')).toBe(0);
    const r = await rebuildDay(h.ctx, a.db, { hallId: 't1' });
    expect(r).toMatchObject({ ok: true, rebuilt: true, lastEventId: before.lastEventId, previousLastEventId: 0 });

    expect(await h.ctx.store.snapshot('t1', layout())).toEqual(before);
    expect(await positions()).toEqual(posBefore);
    for (const [id, token] of tokens) expect((await h.ctx.store.position('t1', id, rank, h.now()))?.trackToken).toBe(token);

    // The day goes on where it stood: numbering continues, staff are still signed in and away.
    expect((await issue('social')).ticket.number).toBe('A006');
    expect(await callNext(h.ctx, { windowId: 't1-3', staffId: 's3' })).toMatchObject({ ok: false, reason: 'staff_away' });
    const next = ok(await callNext(h.ctx, { windowId: 't1-3', staffId: 's4' }));
    expect(next.ticket?.transferTo ?? next.ticket?.windowId).toBe('t1-3');
    expect(await h.ctx.store.eventsAfter('t1', 0, 100)).toHaveLength(before.lastEventId + 2);
  });

  it('rebuilds once however many hubs notice, and never over a Redis that is ahead', async () => {
    await busyMorning();
    await archiveAll();
    const r1 = await rebuildDay(h.ctx, a.db, { hallId: 't1' });
    expect(r1).toMatchObject({ ok: true, rebuilt: false });
    await deleteByPrefix(h.ctx.store.redis, h.ctx.store.keyPrefix);
    const both = await Promise.all([rebuildDay(h.ctx, a.db, { hallId: 't1' }), rebuildDay(h.ctx, a.db, { hallId: 't1' })]);
    expect(both.map((r) => r.ok && r.rebuilt).sort()).toEqual([false, true]);
    expect(await rebuildDay(h.ctx, a.db, { hallId: 'nowhere' })).toMatchObject({ ok: false, reason: 'unknown_hall' });
  });

  it('brings back an empty hall (nothing archived yet) with every window closed', async () => {
    await deleteByPrefix(h.ctx.store.redis, h.ctx.store.keyPrefix);
    const r = await rebuildDay(h.ctx, a.db, { hallId: 't1', force: true });
    expect(r).toMatchObject({ ok: true, rebuilt: true, lastEventId: 0 });
    const snap = await h.ctx.store.snapshot('t1', layout());
    expect(snap.windows.map((w) => w.state)).toEqual(['closed', 'closed', 'closed']);
    expect(snap.waiting).toEqual([]);
  });
});
