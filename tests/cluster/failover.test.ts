/**
 * A Redis Cluster master killed with -9 while its replica lagged behind: the replica is promoted
 * without the master's last writes (replication is asynchronous). The hub notices the node leave,
 * holds the hall's writes, finds Redis behind the archive and rebuilds the live day from it; the
 * hall carries on where the archive left it. The test makes the replica lag on purpose (SIGSTOP
 * and a write large enough to fill the sockets between them), so the loss is certain and counted.
 * Its own cluster: it kills a master, which the shared one must keep.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../server/protocol.js';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';
import { startRedisCluster, type RedisClusterHandle } from '../helpers/redisCluster.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

let cluster: RedisClusterHandle;
let a: TestArchive;
let h: TestHub;
beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3, replicas: 1 });
  a = await testArchive('sqlite', 'failover');
  h = await testHub('failover', { redisUrl: cluster.target, config: hubConfig(allDay), archive: a.location, archiver: true, archiverOptions: { intervalMs: 50, share: 1 } });
}, 60_000);
afterAll(async () => {
  await h?.cleanup();
  await a?.cleanup();
  await cluster?.stop();
});

describe('a cluster master killed, its lagging replica promoted', () => {
  it('carries the hall on, and rebuilds from the archive exactly the events the promotion lost', async () => {
    const redis = h.hub.ctx.store.redis;
    const slot = Number(await redis.call('CLUSTER', 'KEYSLOT', `${h.hub.ctx.store.prefix('t1')}seq`));
    const master = cluster.masterOf(slot);
    const replica = cluster.ports.find((p) => cluster.role(p).masterPort === master)!;
    expect(replica).toBeDefined();

    const kiosk = await h.device('kiosk');
    const acked: string[] = []; // ticket ids, as their callers were told
    let n = 0;
    const issue = async () => {
      const requestId = `failover-${++n}`;
      // A caller retries with the same request id until answered (a failover answers 5xx meanwhile).
      for (;;) {
        const r = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId }, kiosk).catch(() => ({ status: 0, body: undefined }));
        if (r.status === 201) return void acked.push(r.body.id as string);
        await new Promise((ok) => setTimeout(ok, 100));
      }
    };
    const lastEvent = async () => (await h.hub.ctx.store.eventsNewestFirst('t1', undefined, 1))[0]!;

    for (let i = 0; i < 10; i++) await issue();
    const replicated = (await lastEvent()).id;
    await until(() => cluster.role(replica).role === 'slave' && replicaOffsetCaughtUp(master, replica), 15_000, 'the replica to catch up');

    // The replica stops reading; 32 MB in the hall's slot fill the sockets between them, so what
    // follows stays in the master's buffer and never reaches the replica.
    cluster.pause(replica);
    await redis.set(`${h.hub.ctx.store.prefix('t1')}filler`, 'x'.repeat(32 * 1024 * 1024));
    await redis.del(`${h.hub.ctx.store.prefix('t1')}filler`);
    for (let i = 0; i < 10; i++) await issue();
    const acknowledged = (await lastEvent()).id;
    // The archiver has them (it follows the stream within its interval).
    await until(async () => (await h.hub.archiver!.lag('t1')).archivedId === acknowledged, 15_000, 'the archive to hold every event');

    cluster.kill(master);
    cluster.resume(replica);
    await until(() => cluster.role(replica).role === 'master', 20_000, 'the replica to be promoted');
    await cluster.waitHealthy();
    const recovery = await until(() => h.hub.recovery!.recoveries.find((r) => r.hallId === 't1'), 20_000, 'the hub to rebuild the hall');

    const lostByReplication = acknowledged - recovery.redisLastId;
    const recovered = recovery.archivedLastId - recovery.redisLastId;
    console.log(`[failover] events acknowledged ${acknowledged}; the promoted replica held ${recovery.redisLastId}: lost by replication ${lostByReplication}, rebuilt from the archive ${recovered}, lost for good ${lostByReplication - recovered}`);
    expect(recovery).toMatchObject({ redisLastId: replicated, archivedLastId: acknowledged, rebuilt: true });
    expect(lostByReplication).toBe(10);
    expect(recovered).toBe(lostByReplication);

    // Every acknowledged ticket is waiting again, in the order issued, and the log is whole.
    const events = (await h.hub.ctx.store.eventsAfter('t1', 0, 1000))!;
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: acknowledged }, (_, i) => i + 1));
    const issued = events.filter((e): e is Extract<HallEvent, { type: 'ticket.issued' }> => e.type === 'ticket.issued').map((e) => e.ticket.id);
    expect(issued).toEqual(acked);

    // The hall carries on: the next ticket takes the next id and number, the first window calls A001.
    await issue();
    expect((await lastEvent()).id).toBe(acknowledged + 1);
    const s1 = await h.login('s1');
    expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, s1)).status).toBe(200);
    const called = await h.api('POST', '/api/windows/t1-1/call-next', {}, s1);
    expect(called.body.ticket).toMatchObject({ number: 'A001' });
  }, 90_000);
});

/** The replica's replication offset has reached the master's (INFO replication on both). */
function replicaOffsetCaughtUp(master: number, replica: number): boolean {
  const offset = (port: number, field: string) => Number(new RegExp(`${field}:(\\d+)`).exec(spawnInfo(port))?.[1] ?? -1);
  return offset(replica, 'slave_repl_offset') >= offset(master, 'master_repl_offset');
}

function spawnInfo(port: number): string {
  return spawnSync('redis-cli', ['-p', String(port), 'info', 'replication'], { encoding: 'utf8' }).stdout;
}
