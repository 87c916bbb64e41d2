import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rollOverDay } from '../../server/commands/rollOverDay.js';
import { callNext } from '../../server/commands/callNext.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { signIn } from '../../server/commands/signIn.js';
import { signOut } from '../../server/commands/signOut.js';
import { startService } from '../../server/commands/startService.js';
import { eventVersion } from '../../server/events.js';
import { Archiver } from '../../server/jobs/archiver.js';
import { ArchiveStore } from '../../server/store/archive/archiveStore.js';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { MONDAY_9AM, testConfig, testHall, type TestHall } from '../helpers/hall.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };
const DAY = 86_400_000;
const MIDNIGHT = MONDAY_9AM - 9 * 3_600_000; // Monday 00:00 in Shanghai

interface Footprint {
  /** Bytes the hall's keys take (MEMORY USAGE of each). */
  bytes: number;
  /** Keys without an expiry: these must not grow. */
  lasting: number;
  /** The longest expiry among the others, in seconds (they go by Redis's clock, not the test's). */
  longestTtl: number;
  stream: number;
}

async function footprint(h: TestHall): Promise<Footprint> {
  const redis = h.ctx.store.redis;
  let cursor = '0';
  const f: Footprint = { bytes: 0, lasting: 0, longestTtl: 0, stream: 0 };
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${h.ctx.store.keyPrefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const k of found) {
      f.bytes += (await redis.memory('USAGE', k, 'SAMPLES', '0')) ?? 0;
      const ttl = await redis.ttl(k);
      if (ttl < 0) f.lasting++;
      else f.longestTtl = Math.max(f.longestTtl, ttl);
    }
  } while (cursor !== '0');
  f.stream = await redis.xlen(`${h.ctx.store.prefix('t1')}events`);
  return f;
}

describe('a week of traffic with the archiver running', () => {
  let h: TestHall;
  let a: TestArchive;
  beforeEach(async () => {
    h = await testHall('bounded', testConfig(allDay), MIDNIGHT);
    a = await testArchive('sqlite', 'bounded');
  });
  afterEach(async () => {
    await a.cleanup();
    await h.cleanup();
  });

  it('leaves the hall’s Redis footprint flat from day to day', async () => {
    const archiver = new Archiver({ redis: h.ctx.store.redis, keyPrefix: h.ctx.store.keyPrefix, store: h.ctx.store, archive: new ArchiveStore(a.db), halls: h.ctx.halls, clock: h.now, versionOf: eventVersion });
    const staff = [['t1-1', 's1'], ['t1-2', 's2']] as const;
    const perDay: Footprint[] = [];
    for (let day = 0; day < 7; day++) {
      h.at(MIDNIGHT + day * DAY + 60_000);
      expect((await rollOverDay(h.ctx, { hallId: 't1' })).ok).toBe(true);
      h.at(MIDNIGHT + day * DAY + 9 * 3_600_000);
      for (const [windowId, staffId] of staff) await signIn(h.ctx, { windowId, staffId, post: 'A' });
      for (let i = 0; i < 120; i++) {
        h.advance(60_000);
        await issueTicket(h.ctx, { hallId: 't1', serviceId: i % 2 ? 'social' : 'land' });
        const [windowId, staffId] = staff[i % 2]!;
        await callNext(h.ctx, { windowId, staffId });
        await startService(h.ctx, { windowId, staffId });
        await completeTicket(h.ctx, { windowId, staffId, outcome: 'completed' });
      }
      for (const [windowId, staffId] of staff) await signOut(h.ctx, { windowId, staffId });
      await archiver.archiveAll();
      perDay.push(await footprint(h));
    }
    console.log(`[bounded] per day after archiving: ${perDay.map((d) => `${(d.bytes / 1024).toFixed(0)} KiB/${d.lasting} lasting keys/${d.stream} entries`).join(' · ')}`);
    // Every day's stream holds that day's events only (rolled over, 2 sign-ins, 120 × 4, 2 sign-outs).
    for (const d of perDay) expect(d.stream).toBe(1 + 2 + 480 + 2);
    // From the third day on (today's and yesterday's tickets kept), the footprint stays where it is.
    const settled = perDay.slice(2).map((d) => d.bytes);
    expect(Math.max(...settled) / Math.min(...settled)).toBeLessThan(1.05);
    expect(perDay.slice(2).map((d) => d.lasting)).toEqual(Array(5).fill(perDay[2]!.lasting));
    // What else there is (idempotency records, day counters) expires within three days of Redis's own clock.
    for (const d of perDay) expect(d.longestTtl).toBeLessThanOrEqual(3 * 86_400);
    // And everything is in the archive.
    expect((await new ArchiveStore(a.db).checkpoint('t1')).lastId).toBe(await h.ctx.store.lastEventId('t1'));
  }, 60_000);
});
