/**
 * Attendance alerts are delayed BullMQ jobs: scheduled by the hub that saw the away, they fire on
 * whichever hub is alive when due — here after the scheduling hub was killed with SIGKILL — at the
 * right moment, once, and resolve with an event when the cause ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { Halls, type CommandContext } from '../../server/commands/context.js';
import { markAway } from '../../server/commands/markAway.js';
import { markBack } from '../../server/commands/markBack.js';
import { signIn } from '../../server/commands/signIn.js';
import { signOut } from '../../server/commands/signOut.js';
import { systemClock } from '../../server/domain/time.js';
import { ALERTS_QUEUE } from '../../server/jobs/alerts.js';
import { startHub, type Hub } from '../../server/hub.js';
import type { HallEvent } from '../../server/protocol.js';
import { HallStore } from '../../server/store/hallStore.js';
import { hubConfig, until } from '../helpers/hub.js';
import { REDIS_TARGET, testRedis } from '../helpers/redis.js';
import { bullPrefix } from '../../server/store/keys.js';
import { bullConnection } from '../../server/store/redisClient.js';

// Always open, so no session check interferes; the 空岗 line at 3 seconds.
const config = hubConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }, rules: { awayAlertMinutes: 0.05 } });
const LIMIT_MS = 3000;

describe('attendance alerts', () => {
  const { redis, prefix, cleanup } = testRedis('alerts');
  const children: ChildProcess[] = [];
  let hub: Hub | undefined;
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await hub?.close();
    await cleanup();
  });

  it('fires once at the right moment on another hub after the scheduling hub was killed with -9, and resolves when A is back', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/jobs/fixtures/alert-hub.ts'], {
      env: { ...process.env, NODE_NO_WARNINGS: '1', CONFIG_JSON: JSON.stringify(config), PREFIX: prefix, REDIS_TARGET },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((ok, fail) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && ok());
      child.on('exit', (code) => fail(new Error(`hub exited ${code}`)));
    });

    const ctx: CommandContext = { store: new HallStore(redis, prefix), halls: new Halls(config), clock: systemClock };
    const w1 = { windowId: 't1-1', staffId: 's1' };
    expect(await signIn(ctx, { ...w1, post: 'A' })).toMatchObject({ ok: true });
    const away = await markAway(ctx, { ...w1, reason: 'other' });
    if (!away.ok) throw new Error(away.reason);
    const awayAt = away.events[0]!.at;

    // The child saw the away and scheduled the alert; then it dies without a word.
    const bull = bullConnection(REDIS_TARGET);
    const queue = new Queue(ALERTS_QUEUE, { connection: bull.connection, prefix: bullPrefix(prefix) });
    const jobId = `away_uncovered_t1-1_s1_${awayAt}`;
    await until(async () => ((await queue.getJob(jobId))?.id ? true : null), 2000, 'the child to schedule the alert');
    child.kill('SIGKILL');
    await new Promise((ok) => child.once('exit', ok));

    hub = await startHub({ config, redisUrl: REDIS_TARGET, keyPrefix: prefix, port: 0, jobs: true, staticDir: 'none' });
    const alertsOf = async () => ((await ctx.store.eventsAfter('t1', 0, 1000)) ?? []).filter((e): e is Extract<HallEvent, { type: 'alert.raised' | 'alert.resolved' }> => e.type.startsWith('alert.'));
    const raised = await until(async () => (await alertsOf()).find((e) => e.type === 'alert.raised') ?? null, 8000, 'the alert');
    expect(raised).toMatchObject({ kind: 'away_uncovered', windowId: 't1-1', staffId: 's1', since: awayAt });
    // Not before the line; within a second and a half after it (BullMQ's delayed-job timer, a restart in between).
    expect(raised.at - awayAt).toBeGreaterThanOrEqual(LIMIT_MS);
    expect(raised.at - awayAt).toBeLessThan(LIMIT_MS + 1500);

    expect(await markBack(ctx, w1)).toMatchObject({ ok: true });
    const resolved = await until(async () => (await alertsOf()).find((e) => e.type === 'alert.resolved') ?? null, 3000, 'the resolution');
    expect(resolved).toMatchObject({ alertId: raised.alertId, kind: 'away_uncovered' });
    // Once each, however many hubs saw the events and whatever the job retried.
    await new Promise((ok) => setTimeout(ok, 1000));
    expect((await alertsOf()).map((e) => e.type)).toEqual(['alert.raised', 'alert.resolved']);
    await queue.close();
    await bull.close();
    await signOut(ctx, w1);
  });
});
