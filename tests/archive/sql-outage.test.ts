import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { callNext } from '../../server/commands/callNext.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { Halls, initHalls, type CommandContext } from '../../server/commands/context.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { signIn } from '../../server/commands/signIn.js';
import { startService } from '../../server/commands/startService.js';
import { eventVersion } from '../../server/events.js';
import { Archiver } from '../../server/jobs/archiver.js';
import { ArchiveStore } from '../../server/store/archive/archiveStore.js';
import { HallStore } from '../../server/store/hallStore.js';
import { TEST_DATABASE_URL, testArchive, type TestArchive } from '../helpers/archive.js';
import { testConfig } from '../helpers/hall.js';
import { until } from '../helpers/hub.js';
import { testRedis } from '../helpers/redis.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

describe('the archiver when PostgreSQL drops its connections', () => {
  // The pool's own complaints about idle connections it lost go to the hub's log; quiet here.
  const quiet = () => undefined;
  let a: TestArchive | undefined;
  let cleanupRedis: (() => Promise<void>) | undefined;
  let archiver: Archiver | undefined;
  afterEach(async () => {
    await archiver?.stop();
    await a?.cleanup();
    await cleanupRedis?.();
  });

  it('says so once, retries, and ends with the archive equal to the stream', async () => {
    const r = testRedis('sql-outage');
    cleanupRedis = r.cleanup;
    a = await testArchive('postgres', 'outage', quiet);
    const ctx: CommandContext = { store: new HallStore(r.redis, r.prefix), halls: new Halls(testConfig(allDay)), clock: Date.now };
    await initHalls(ctx);
    await signIn(ctx, { windowId: 't1-1', staffId: 's1', post: 'A' });
    const logs: string[] = [];
    archiver = new Archiver({ redis: r.redis, keyPrefix: r.prefix, store: ctx.store, archive: new ArchiveStore(a.db), halls: ctx.halls, clock: Date.now, versionOf: eventVersion, intervalMs: 20, batchSize: 20, share: 1, log: (m) => logs.push(m) });
    archiver.start();
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const schema = a.location.kind === 'postgres' ? a.location.schema : '';
    // While the traffic runs, every connection of this archive is terminated every few
    // milliseconds, as restarts would: idle ones in the pool, and ones mid-query or mid-transaction.
    let terminating = true;
    let terminated = 0;
    const terminator = (async () => {
      while (terminating) {
        const r = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [`yichuang-archive:${schema}`]);
        terminated += r.rowCount ?? 0;
        await new Promise((ok) => setTimeout(ok, 5));
      }
    })();
    for (let i = 0; i < 60; i++) {
      await issueTicket(ctx, { hallId: 't1', serviceId: 'social' });
      await callNext(ctx, { windowId: 't1-1', staffId: 's1' });
      await startService(ctx, { windowId: 't1-1', staffId: 's1' });
      await completeTicket(ctx, { windowId: 't1-1', staffId: 's1', outcome: 'completed' });
      await new Promise((ok) => setTimeout(ok, 5));
    }
    terminating = false;
    await terminator;
    expect(terminated).toBeGreaterThan(3);
    await admin.end();
    const last = await ctx.store.lastEventId('t1');
    const store = new ArchiveStore(a.db);
    await until(async () => (await store.checkpoint('t1')).lastId === last, 15_000, 'the archive to catch up after the outages');
    const ids = (await a.db.selectFrom('archive_events').select('id').where('hall_id', '=', 't1').orderBy('id').execute()).map((e) => e.id);
    expect(ids).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    const facts = await a.db.selectFrom('ticket_facts').select(['status', 'recalls']).execute();
    expect(facts).toHaveLength(60);
    expect(facts.every((f) => f.status === 'done')).toBe(true);
    // A failure is said once, not once a round: no message twice in a row.
    expect(logs.filter((m, i) => i > 0 && m === logs[i - 1])).toEqual([]);
    if (logs.length > 0) await until(() => logs.at(-1) === '[archive] archiving again', 5000, 'the archiver to say it archives again');
    console.log(`[sql-outage] ${terminated} connections terminated; the archiver said: ${logs.join(' | ') || 'nothing (every loss hit an idle connection)'}`);
  }, 40_000);
});
