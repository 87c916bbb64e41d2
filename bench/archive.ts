/**
 * `npm run bench:archive`: how fast the archiver copies a hall's events into SQL, and what it
 * costs the engine while it runs.
 *
 *   (a) archive   — a stream of real events (issue, call, start, complete, rate at 10 windows) is
 *                   archived from scratch by Archiver.archiveAll into a fresh SQLite file and a
 *                   fresh PostgreSQL schema: events, ticket facts, duty intervals, checkpoint,
 *                   batches of 500 in one transaction each. Events per second.
 *                   Best of three runs each, archive and floor interleaved.
 *   (b) floor     — the same event rows, read beforehand, written by a bare batched INSERT into a
 *                   fresh archive of the same kind, in the same batches: the way the archive
 *                   writes (PostgreSQL: one JSON parameter per statement; SQLite: one prepared
 *                   statement run per row) in a transaction per batch; ordinary multi-row INSERTs
 *                   of 200 rows in a transaction per batch; on PostgreSQL also the batch as one
 *                   statement and no transaction around it (one round trip, as the archive's
 *                   batches are); on SQLite also kept statements of 32 rows each. The fastest is
 *                   the floor, the least any archive must do.
 *                   Goal: (a) ≥ 50 % of (b) on both. Beside it the ceiling: reading the stream in
 *                   the archiver's batches and parsing each event, plus the floor's inserts — what
 *                   any archive that reads Redis pays before it derives or writes a single fact.
 *   (b') writes alone — what the archive must write, without reading or folding anything: every
 *                   batch prepared beforehand (ArchiveStore.prepare), then only the commits
 *                   (ArchiveStore.commit: checkpoint, events, facts, intervals, window states, one
 *                   transaction a batch), into a fresh archive. Its time against the floor's bounds
 *                   any archive: one that reads the stream and writes in one thread can reach at
 *                   most floor ÷ (reading + writes alone); none can pass floor ÷ writes alone.
 *   (c) call-next — 20 windows issue, call, start and complete as fast as they can for a few seconds,
 *                   without an archiver and with one running in the same process (as in a hub,
 *                   at its default share of time), alternating; call-next per second in each,
 *                   how far the archive fell behind and how long it took to catch up after.
 *                   Goal: the archiver costs ≤ 10 %.
 *
 *   npm run bench:archive [-- --events 50000 --seconds 4 --rounds 2 --only sqlite|postgres]
 *
 * REDIS_URL as for the hub; TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test)
 * for PostgreSQL. Keys, files and schemas are its own and removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connectRedis, targetFromEnv, type RedisClient } from '../server/store/redisClient.js';
import { callNext } from '../server/commands/callNext.js';
import { completeTicket } from '../server/commands/completeTicket.js';
import { Halls, initHalls, type CommandContext, type WiredContext } from '../server/commands/context.js';
import { issueTicket } from '../server/commands/issueTicket.js';
import { rateTicket } from '../server/commands/rateTicket.js';
import { signIn } from '../server/commands/signIn.js';
import { startService } from '../server/commands/startService.js';
import { parseConfig, type Config } from '../server/config.js';
import { eventVersion } from '../server/events.js';
import { Archiver, businessDays, DEFAULT_SHARE } from '../server/jobs/archiver.js';
import { ArchiveStore, streamEntries, type Prepared } from '../server/store/archive/archiveStore.js';
import { sql, type Transaction } from 'kysely';
import { bulkWrite } from '../server/store/archive/bulk.js';
import { sqliteHandle, type OpenArchive } from '../server/store/archive/database.js';
import type { ArchiveTables } from '../server/store/archive/tables.js';
import { HallStore } from '../server/store/hallStore.js';
import { deleteByPrefix } from './lib/redisKeys.js';
import { table } from './lib/report.js';
import { archiveWithWritingThread } from './lib/writingThread.js';
import { testArchive } from '../tests/helpers/archive.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '50000' },
    seconds: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '2' },
    only: { type: 'string' },
  },
});
const EVENTS = Number(args.events);
const SECONDS = Number(args.seconds);
const ROUNDS = Number(args.rounds);
const REDIS_URL = targetFromEnv(process.env);
const kinds = (['sqlite', 'postgres'] as const).filter((k) => !args.only || args.only === k);
const HALL = 'bench';
const BATCH = 500;

function benchConfig(windows: number, services: number): Config {
  const svc = (i: number) => `s${i % services}`;
  return parseConfig({
    halls: [
      {
        id: HALL,
        name: '压测中心',
        level: 'county',
        schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' },
        services: Array.from({ length: services }, (_, i) => ({ id: svc(i), name: `事项${i}`, prefix: String.fromCharCode(65 + i), standardMinutes: 10, dailyCap: 999 })),
        windows: Array.from({ length: windows }, (_, i) => ({ number: i + 1, name: `窗口${i + 1}`, tiers: [[svc(i), svc(i + 1)], [svc(i + 2)]] })),
        staff: Array.from({ length: windows }, (_, i) => ({ id: `w${i + 1}`, name: `员工${i + 1}`, posts: [{ window: i + 1, post: 'A' }] })),
      },
    ],
  });
}

/** A place of its own for each archive (a SQLite temp file or a PostgreSQL schema), as the tests make them. */
async function freshArchive(kind: 'sqlite' | 'postgres'): Promise<{ archive: Awaited<ReturnType<typeof testArchive>>; drop: () => Promise<void> }> {
  const archive = await testArchive(kind, 'bench');
  return { archive, drop: () => archive.cleanup() };
}

/**
 * CPU seconds the PostgreSQL server has spent on this archive's connections so far (their
 * backends' user + system time from /proc: the server runs on this machine), NaN for SQLite (its
 * work is this process's) or where /proc cannot tell.
 */
async function databaseCpu(archive: OpenArchive): Promise<number> {
  if (archive.kind !== 'postgres') return NaN;
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = current_setting('application_name')`.execute(archive.db);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      return NaN;
    }
  }
  return ticks / 100; // USER_HZ
}

/** Fill a hall's stream with at least `events` real events: 10 windows serving, half the tickets rated. */
async function traffic(ctx: CommandContext, events: number): Promise<void> {
  const windows = ctx.halls.get(HALL)!.windowIds();
  for (const [i, windowId] of windows.entries()) await signIn(ctx, { windowId, staffId: `w${i + 1}`, post: 'A' });
  let n = 0;
  await Promise.all(
    windows.map(async (windowId, i) => {
      const staffId = `w${i + 1}`;
      while ((await ctx.store.lastEventId(HALL)) < events) {
        const issued = await issueTicket(ctx, { hallId: HALL, serviceId: `s${(n++ + i) % 20}` });
        if (!issued.ok) throw new Error(`issue: ${issued.reason}`);
        const called = await callNext(ctx, { windowId, staffId });
        if (!called.ok || !called.ticket) continue;
        await startService(ctx, { windowId, staffId });
        await completeTicket(ctx, { windowId, staffId, outcome: 'completed' });
        if (n % 2 === 0) {
          const found = await ctx.store.position(HALL, called.ticket.id, { classes: ['normal'], classRank: { normal: 1 }, ageingMs: 1 }, Date.now());
          await rateTicket(ctx, { ticketId: called.ticket.id, rateToken: found!.rateToken!, level: n % 10 === 0 ? 2 : 5, reasons: n % 10 === 0 ? ['等候时间长'] : [], channel: 'qr' });
        }
      }
    }),
  );
}

const MULTI_ROWS = 32;
const multiRowStatements = new WeakMap<BetterSqlite3.Database, { many: BetterSqlite3.Statement; one: BetterSqlite3.Statement; columns: string[] }>();

/** SQLite: event rows by kept statements of MULTI_ROWS rows (the rest one at a time), in one transaction. */
function keptMultiRow(rows: ArchiveTables['archive_events'][], handle: BetterSqlite3.Database): void {
  let kept = multiRowStatements.get(handle);
  if (!kept) {
    const columns = Object.keys(rows[0]!);
    const values = (n: number) => Array.from({ length: n }, () => `(${columns.map(() => '?').join(', ')})`).join(', ');
    const text = (n: number) => `insert into archive_events (${columns.join(', ')}) values ${values(n)} on conflict (hall_id, id) do nothing`;
    kept = { many: handle.prepare(text(MULTI_ROWS)), one: handle.prepare(text(1)), columns };
    multiRowStatements.set(handle, kept);
  }
  const { many, one, columns } = kept;
  const n = columns.length;
  handle.transaction(() => {
    let k = 0;
    const values: unknown[] = new Array(n * MULTI_ROWS);
    for (; k + MULTI_ROWS <= rows.length; k += MULTI_ROWS) {
      for (let j = 0; j < MULTI_ROWS; j++) {
        const r = rows[k + j] as Record<string, unknown>;
        for (let i = 0; i < n; i++) values[j * n + i] = r[columns[i]!];
      }
      many.run(values);
    }
    for (; k < rows.length; k++) one.run(columns.map((c) => (rows[k] as Record<string, unknown>)[c]));
  })();
}

/** Best of `tries` runs each, archive and floor interleaved: a busy machine slows some runs, not the best. */
async function archiveFigures(ctx: WiredContext, kind: 'sqlite' | 'postgres', tries = 3): Promise<{ archiveRate: number; floorRate: number; events: number; archiveCpu: number; floorCpu: number; archiveDbCpu: number; floorDbCpu: number; readSeconds: number; floorSeconds: number; writesSeconds: number; thread?: { seconds: number; writerSeconds: number; readerSeconds: number } }> {
  const last = await ctx.store.lastEventId(HALL);
  const hall = ctx.halls.get(HALL)!;
  // The floor's rows, read beforehand: exactly the archive_events rows the archiver writes.
  const rows: ArchiveTables['archive_events'][] = [];
  for (let after = 0; after < last; ) {
    const part = await ctx.store.streamAfter(HALL, after, 5000);
    for (const { json } of part) {
      const e = JSON.parse(json) as { id: number; type: string; at: number };
      rows.push({ hall_id: HALL, id: e.id, type: e.type, version: eventVersion(e.type), at: e.at, day: hall.businessDay(e.at), payload: json });
    }
    after = rows.at(-1)!.id;
  }
  type Batch = typeof rows;
  const events = (batch: Batch) => ({ table: 'archive_events' as const, rows: batch, key: ['hall_id' as const, 'id' as const], onConflict: 'nothing' as const });
  const floors: ((batch: Batch, archive: OpenArchive) => Promise<unknown>)[] = [
    // the archive's way of writing rows, in a transaction per batch
    (batch, archive) => archive.db.transaction().execute((trx) => bulkWrite(trx, events(batch), sqliteHandle(archive.db))),
    // ordinary multi-row INSERTs of 200 rows, in a transaction per batch
    (batch, archive) =>
      archive.db.transaction().execute(async (trx: Transaction<ArchiveTables>) => {
        for (let j = 0; j < batch.length; j += 200) await trx.insertInto('archive_events').values(batch.slice(j, j + 200)).execute();
      }),
  ];
  // PostgreSQL: the batch as one statement, no transaction around it (one round trip, as the archive's batches are)
  if (kind === 'postgres') floors.push((batch, archive) => bulkWrite(archive.db, events(batch)));
  // SQLite: statements of 32 rows each, prepared once and kept, in a transaction per batch (faster
  // here than the archive's statement per row for these rows; the archive's facts gain nothing from it)
  if (kind === 'sqlite') floors.push(async (batch, archive) => keptMultiRow(batch, sqliteHandle(archive.db)!));
  let archiveSeconds = Infinity;
  let floorSeconds = Infinity;
  let readSeconds = Infinity;
  let writesSeconds = Infinity;
  let thread: { seconds: number; writerSeconds: number; readerSeconds: number } | undefined;
  let archiveCpu = Infinity;
  let floorCpu = Infinity;
  let archiveDbCpu = Infinity;
  let floorDbCpu = NaN;
  const cpu = (since: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1e6;
  };
  for (let t = 0; t < tries; t++) {
    // What any archive that reads the stream pays before writing anything: read it in the
    // archiver's batches and parse each event (the archiver does both).
    const t2 = performance.now();
    for (let after = 0; after < last; ) {
      const part = await ctx.store.streamAfter(HALL, after, BATCH);
      for (const { json } of part) JSON.parse(json);
      after += part.length;
    }
    readSeconds = Math.min(readSeconds, (performance.now() - t2) / 1000);
    // (a) the archiver from scratch
    const a = await freshArchive(kind);
    const archiver = new Archiver({ redis: ctx.store.redis, keyPrefix: `${ctx.store.keyPrefix}${kind}:`, store: ctx.store, archive: new ArchiveStore(a.archive.db), halls: ctx.halls, clock: Date.now, versionOf: eventVersion, batchSize: BATCH });
    const d0 = await databaseCpu(a.archive);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await archiver.archiveAll();
    archiveSeconds = Math.min(archiveSeconds, (performance.now() - t0) / 1000);
    archiveCpu = Math.min(archiveCpu, cpu(c0));
    archiveDbCpu = Math.min(archiveDbCpu, (await databaseCpu(a.archive)) - d0);
    const archived = (await new ArchiveStore(a.archive.db).checkpoint(HALL)).lastId;
    if (archived !== last) throw new Error(`archived ${archived} of ${last}`);
    await a.drop();
    // (b') the archive's own writes alone: every batch folded first, then only its commits (folded
    // ahead, a batch finds its tickets' facts carried from the one before — 5,000 of them, enough
    // for this traffic, whose tickets live a few dozen events — not in the archive still empty)
    const w = await freshArchive(kind);
    const store = new ArchiveStore(w.archive.db);
    const dayOf = businessDays(hall);
    const batches: Prepared[] = [];
    for (let after = 0, previous: Prepared | undefined; after < last; ) {
      const entries = streamEntries(await ctx.store.streamAfter(HALL, after, BATCH));
      const through = entries.at(-1)!.event.id;
      previous = await store.prepare({ hallId: HALL, afterId: after, through, entries, missing: 0, versionOf: eventVersion, dayOf, now: Date.now() }, previous);
      batches.push(previous);
      after = through;
    }
    const t3 = performance.now();
    for (const p of batches) if (!(await store.commit(p)).written) throw new Error('writes alone: the checkpoint moved');
    writesSeconds = Math.min(writesSeconds, (performance.now() - t3) / 1000);
    if ((await store.checkpoint(HALL)).lastId !== last) throw new Error('writes alone: not every batch was written');
    await w.drop();
    // (a') SQLite: the archive split in two threads, reading and folding here, writing in another
    if (kind === 'sqlite') {
      const x = await freshArchive(kind);
      const { location } = x.archive;
      if (location.kind !== 'sqlite') throw new Error('a SQLite archive without its file');
      const run = await archiveWithWritingThread({ store: ctx.store, halls: ctx.halls, hallId: HALL, db: x.archive.db, file: location.file, batchSize: BATCH, versionOf: eventVersion });
      if (!thread || run.seconds < thread.seconds) thread = run;
      await x.drop();
    }
    // (b) the floor, both ways; the faster is the floor
    for (const write of floors) {
      const f = await freshArchive(kind);
      const d1 = await databaseCpu(f.archive);
      const t1 = performance.now();
      const c1 = process.cpuUsage();
      for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH), f.archive);
      const seconds = (performance.now() - t1) / 1000;
      if (seconds < floorSeconds) floorDbCpu = (await databaseCpu(f.archive)) - d1; // the fastest way's
      floorSeconds = Math.min(floorSeconds, seconds);
      floorCpu = Math.min(floorCpu, cpu(c1));
      await f.drop();
    }
  }
  return { archiveRate: last / archiveSeconds, floorRate: rows.length / floorSeconds, events: last, archiveCpu, floorCpu, archiveDbCpu, floorDbCpu, readSeconds, floorSeconds, writesSeconds, thread };
}

/**
 * call-next per second at 20 windows for `seconds`: each window issues a ticket to its own first
 * service, calls it, starts and completes it — a hall's whole cycle, four events. When a service
 * reaches its daily cap the hall's clock moves on a day (numbering starts again).
 */
async function callNextRate(ctx: CommandContext, seconds: number, nextDay: () => void): Promise<number> {
  const windows = ctx.halls.get(HALL)!.windowIds();
  let calls = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    windows.map(async (windowId, i) => {
      const staffId = `w${i + 1}`;
      while (performance.now() < end) {
        const issued = await issueTicket(ctx, { hallId: HALL, serviceId: `s${i % 20}` });
        if (!issued.ok) {
          if (issued.reason !== 'cap_reached') throw new Error(`issue: ${issued.reason}`);
          nextDay();
          continue;
        }
        const called = await callNext(ctx, { windowId, staffId });
        if (!called.ok) throw new Error(`call-next: ${called.reason}`);
        calls++;
        if (!called.ticket) continue; // a neighbour serving the same service took it first
        await startService(ctx, { windowId, staffId });
        await completeTicket(ctx, { windowId, staffId, outcome: 'completed' });
      }
    }),
  );
  return calls / seconds;
}

async function engineCost(redis: RedisClient, kind: 'sqlite' | 'postgres'): Promise<{ without: number[]; withArchiver: number[]; unpaced: number[]; behind: number[]; catchUp: number[] }> {
  const prefix = `yc-bench:archive-cost:${randomBytes(4).toString('hex')}:`;
  const config = benchConfig(20, 20);
  let days = 0;
  const nextDay = () => void days++;
  const ctx: WiredContext = { store: new HallStore(redis, prefix), halls: new Halls(config), clock: () => Date.now() + days * 86_400_000 };
  await initHalls(ctx);
  const windows = ctx.halls.get(HALL)!.windowIds();
  for (const [i, windowId] of windows.entries()) await signIn(ctx, { windowId, staffId: `w${i + 1}`, post: 'A' });
  const a = await freshArchive(kind);
  const archiver = new Archiver({ redis, keyPrefix: prefix, store: ctx.store, archive: new ArchiveStore(a.archive.db), halls: ctx.halls, clock: ctx.clock, versionOf: eventVersion });
  const without: number[] = [];
  const withArchiver: number[] = [];
  const unpaced: number[] = [];
  const behind: number[] = [];
  const catchUp: number[] = [];
  // The archiver at its default share of time, and the same without resting (share 1), for contrast.
  const flatOut = new Archiver({ redis, keyPrefix: prefix, store: ctx.store, archive: new ArchiveStore(a.archive.db), halls: ctx.halls, clock: ctx.clock, versionOf: eventVersion, share: 1 });
  const drain = async () => {
    const t = performance.now();
    await flatOut.archiveAll();
    return (performance.now() - t) / 1000;
  };
  for (let r = 0; r < ROUNDS; r++) {
    without.push(await callNextRate(ctx, SECONDS, nextDay));
    await drain(); // what the unarchived phase left is not the next phase's work
    console.log(`  ${kind} round ${r + 1}: without the archiver ${Math.round(without.at(-1)!)} call-next/s`);
    archiver.start();
    withArchiver.push(await callNextRate(ctx, SECONDS, nextDay));
    await archiver.stop();
    behind.push((await archiver.lag(HALL)).eventsBehind);
    catchUp.push(await drain());
    console.log(`  ${kind} round ${r + 1}: with it ${Math.round(withArchiver.at(-1)!)} call-next/s, ${behind.at(-1)} events behind, archived flat out in ${catchUp.at(-1)!.toFixed(1)} s`);
    flatOut.start();
    unpaced.push(await callNextRate(ctx, SECONDS, nextDay));
    await flatOut.stop();
    await drain();
    console.log(`  ${kind} round ${r + 1}: with an archiver that never rests ${Math.round(unpaced.at(-1)!)} call-next/s`);
  }
  await a.drop();
  await deleteByPrefix(redis, prefix);
  return { without, withArchiver, unpaced, behind, catchUp };
}

async function main(): Promise<void> {
  const redis = connectRedis(REDIS_URL, { maxRetriesPerRequest: 3 });
  const prefix = `yc-bench:archive:${randomBytes(4).toString('hex')}:`;
  try {
    const ctx: WiredContext = { store: new HallStore(redis, prefix), halls: new Halls(benchConfig(10, 20)), clock: Date.now };
    await initHalls(ctx);
    console.log(`bench:archive — ${EVENTS} events of real traffic, batches of ${BATCH}; call-next ${ROUNDS} × ${SECONDS} s each way at 20 windows`);
    await traffic(ctx, EVENTS);
    const rows: (string | number)[][] = [];
    const verdicts: string[] = [];
    const bounds: string[] = [];
    for (const kind of kinds) {
      const f = await archiveFigures(ctx, kind);
      const share = f.archiveRate / f.floorRate;
      // The ceiling: reading and parsing the stream, then the floor's inserts — no facts, no checkpoint.
      const ceiling = f.floorSeconds / (f.readSeconds + f.floorSeconds);
      const ms = (s: number) => (Number.isFinite(s) ? (s * 1000).toFixed(0) : '–');
      rows.push([kind, f.events, Math.round(f.archiveRate), Math.round(f.floorRate), `${(share * 100).toFixed(0)} %`, `${(ceiling * 100).toFixed(0)} %`, `${ms(f.archiveCpu)} / ${ms(f.floorCpu)}`, `${ms(f.archiveDbCpu)} / ${ms(f.floorDbCpu)}`]);
      verdicts.push(`archive on ${kind}: ${(share * 100).toFixed(0)} % of its floor (goal ≥ 50 %): ${share >= 0.5 ? 'met' : 'MISSED'}; reading the stream and inserting its rows alone reach ${(ceiling * 100).toFixed(0)} %`);
      // The bounds: the archive's own writes (rows prepared beforehand) and reading the stream, each against the floor.
      const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
      // SQLite works in this process: reading the stream and writing share its one thread. PostgreSQL
      // writes in its own processes while this one reads and folds: only the writes bound it.
      const oneThread = kind === 'sqlite' ? `; reading and parsing the stream ${(f.readSeconds / f.floorSeconds).toFixed(2)}×: an archive reading and writing in this one thread reaches at most ${pct(f.floorSeconds / (f.readSeconds + f.writesSeconds))}` : '';
      const t = f.thread;
      const split = t
        ? `\n${kind}: split in two threads (bench/lib/writingThread.ts: reading and folding here, the same writes in a thread of their own, two batches in flight): ${pct(f.floorSeconds / t.seconds)} of the floor; ` +
          `the writing thread busy ${(t.writerSeconds / f.floorSeconds).toFixed(2)}× the floor's time (receiving its rows and writing them), this one ${(t.readerSeconds / f.floorSeconds).toFixed(2)}× (parsing, folding, handing over)`
        : '';
      bounds.push(
        `${kind}: the archive's writes alone (checkpoint, events, facts, intervals, window states; every row prepared beforehand) take ${(f.writesSeconds / f.floorSeconds).toFixed(2)}× the floor's time${oneThread}; ` +
          `none writing these rows this way, however it reads and folds, passes ${pct(f.floorSeconds / f.writesSeconds)}${split}`,
      );
    }
    console.log('\n' + table(['archive', 'events', 'archived/s', 'floor/s (bare INSERT)', 'share', 'ceiling (read + INSERT)', 'this process CPU ms, archive / floor', 'PostgreSQL server CPU ms, archive / floor'], rows));
    console.log('\n' + bounds.join('\n'));
    const costRows: (string | number)[][] = [];
    for (const kind of kinds) {
      const c = await engineCost(redis, kind);
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      const cost = 1 - mean(c.withArchiver) / mean(c.without);
      const costUnpaced = 1 - mean(c.unpaced) / mean(c.without);
      costRows.push([kind, c.without.map(Math.round).join(', '), c.withArchiver.map(Math.round).join(', '), `${(cost * 100).toFixed(1)} %`, c.behind.join(', '), c.catchUp.map((x) => x.toFixed(1)).join(', '), c.unpaced.map(Math.round).join(', '), `${(costUnpaced * 100).toFixed(1)} %`]);
      verdicts.push(`call-next with the ${kind} archiver running: ${(cost * 100).toFixed(1)} % slower (goal ≤ 10 %): ${cost <= 0.1 ? 'met' : 'MISSED'}`);
    }
    console.log('\n' + table(['archiver', 'call-next/s without', `with archiver (at its default share, ${DEFAULT_SHARE * 100} %)`, 'cost', 'events behind at the end', 'then archived in (s)', 'with one that never rests', 'cost'], costRows));
    console.log('\n' + verdicts.join('\n'));
  } finally {
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
