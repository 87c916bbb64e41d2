import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { callNext } from '../../server/commands/callNext.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { Halls, initHalls, type CommandContext } from '../../server/commands/context.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { signIn } from '../../server/commands/signIn.js';
import { startService } from '../../server/commands/startService.js';
import { ticketFacts } from '../../server/domain/facts.js';
import type { HallEvent } from '../../server/protocol.js';
import { ArchiveStore } from '../../server/store/archive/archiveStore.js';
import { factFromJoined, selectFacts } from '../../server/store/archive/factReads.js';
import { HallStore } from '../../server/store/hallStore.js';
import { archiveKinds, testArchive, type TestArchive } from '../helpers/archive.js';
import { testConfig } from '../helpers/hall.js';
import { until } from '../helpers/hub.js';
import { testRedis } from '../helpers/redis.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };
const fixture = new URL('./fixtures/archiver-process.ts', import.meta.url).pathname;

/** The archiver in its own process; resolves once it prints `line` (or rejects if it dies first). */
function archiverProcess(env: Record<string, string>, line: string): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], { env: { ...process.env, NODE_NO_WARNINGS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.split('\n').includes(line)) resolve();
    });
    child.on('exit', (code, signal) => reject(new Error(`archiver exited (${code ?? signal}) before "${line}": ${err}`)));
  });
  return { child, ready };
}

const killed = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe.each(archiveKinds)('an archiver killed with SIGKILL mid-batch on %s', (kind) => {
  const children: ChildProcess[] = [];
  let a: TestArchive | undefined;
  let cleanupRedis: (() => Promise<void>) | undefined;
  afterEach(async () => {
    for (const c of children) c.kill('SIGKILL');
    await Promise.all(children.map(killed));
    await a?.cleanup();
    await cleanupRedis?.();
  });

  it('loses nothing and writes nothing twice while 50 calls/s go on', async () => {
    const config = testConfig(allDay);
    const r = testRedis(`crash-${kind}`);
    cleanupRedis = r.cleanup;
    a = await testArchive(kind, 'crash');
    const ctx: CommandContext = { store: new HallStore(r.redis, r.prefix), halls: new Halls(config), clock: Date.now };
    await initHalls(ctx);
    const windows = [['t1-1', 's1'], ['t1-2', 's2'], ['t1-3', 's3']] as const;
    for (const [windowId, staffId] of windows) expect((await signIn(ctx, { windowId, staffId, post: 'A' })).ok).toBe(true);

    // Traffic: one operation every 20 ms — issue, then call, start and complete at a window in turn.
    let n = 0;
    const step = async (): Promise<void> => {
      const i = n++;
      if (i % 4 === 0) {
        await issueTicket(ctx, { hallId: 't1', serviceId: i % 8 === 0 ? 'social' : 'land' });
        return;
      }
      const [windowId, staffId] = windows[Math.floor(i / 4) % 3]!;
      const op = [callNext, startService, completeTicket][(i % 4) - 1]!;
      await op(ctx, { windowId, staffId, outcome: 'completed' });
    };
    // A backlog first, so the first batch (300 events) is the one the kill lands in.
    while ((await ctx.store.lastEventId('t1')) < 400) await step();

    const env = { CONFIG_JSON: JSON.stringify(config), ARCHIVE: JSON.stringify(a.location), PREFIX: r.prefix, BATCH_SIZE: '300', LEASE_MS: '1000' };
    const first = archiverProcess({ ...env, STALL_AT_EVENT: '250' }, 'in-batch');
    children.push(first.child);
    let running = true;
    let calls = 0;
    const traffic = (async () => {
      while (running) {
        const next = Date.now() + 20;
        await step();
        calls++;
        await new Promise((ok) => setTimeout(ok, Math.max(0, next - Date.now())));
      }
    })();
    await first.ready;
    first.child.kill('SIGKILL');
    await killed(first.child);

    const store = new ArchiveStore(a.db);
    // The killed batch left nothing: the archive holds no event, the checkpoint did not move.
    expect((await store.checkpoint('t1')).lastId).toBe(0);
    expect(await a.db.selectFrom('archive_events').select('id').execute()).toEqual([]);

    const second = archiverProcess(env, 'started');
    children.push(second.child);
    await second.ready;
    await new Promise((ok) => setTimeout(ok, 1500)); // traffic goes on while the successor takes the lease
    running = false;
    await traffic;
    const last = await ctx.store.lastEventId('t1');
    await until(async () => (await store.checkpoint('t1')).lastId === last, 15_000, 'the second archiver to catch up');

    const stream = await ctx.store.streamAfter('t1', 0, 100_000);
    const archived = await a.db.selectFrom('archive_events').select(['id', 'payload']).where('hall_id', '=', 't1').orderBy('id').execute();
    const ids = archived.map((e) => e.id);
    expect(ids).toEqual(Array.from({ length: last }, (_, i) => i + 1)); // no gap, none twice
    expect(archived.map((e) => e.payload)).toEqual(stream.map((s) => s.json));
    expect(calls).toBeGreaterThan(50);

    // The facts are those of one pass over the whole stream: no event folded twice or skipped.
    const events = stream.map((s) => JSON.parse(s.json) as HallEvent);
    const expected = ticketFacts(events);
    const rows = await selectFacts(a.db, 't1').execute();
    const facts = new Map(rows.map((f) => [f.ticket_id, factFromJoined(f)]));
    expect(facts.size).toBe(expected.size);
    for (const [id, f] of expected) {
      const got = facts.get(id)!;
      expect({ ...got, trackToken: undefined, rateToken: undefined }).toEqual({ ...f, trackToken: undefined, rateToken: undefined });
    }
    console.log(`[crash ${kind}] ${calls} calls during the test, ${last} events; archive = stream: ${ids.length} ids, 0 gaps, 0 twice`);
  }, 40_000);
});
