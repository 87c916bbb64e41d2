/**
 * The operator's endpoints on a Redis Cluster (the "cluster" project): /readyz loads the scripts on
 * every master (each runs its own halls' scripts), and /metrics reads the queues of a hall on its
 * node (one slot per hall: the pipeline stays on it).
 */
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCluster } from '../../server/store/redisClient.js';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';
import { ON_CLUSTER, testRedis } from '../helpers/redis.js';
import { sample } from '../ops/prometheus.js';
import { scriptShas } from '../ops/scripts.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };
let h: TestHub;
const admin = testRedis('ops-cluster-admin');

beforeAll(async () => {
  expect(ON_CLUSTER).toBe(true); // tests/cluster runs only in the cluster project
  h = await testHub('ops-cluster', { config: hubConfig(allDay) });
});
afterAll(async () => {
  await h?.cleanup();
  await admin.cleanup();
});

describe('ops on a Redis Cluster', () => {
  it('is ready, and after every master lost its scripts loads them on each again', async () => {
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
    expect(isCluster(admin.redis)).toBe(true);
    const masters = (admin.redis as Cluster).nodes('master');
    expect(masters).toHaveLength(3);
    for (const m of masters) await m.script('FLUSH');
    const r = await fetch(`${h.url}/readyz`);
    expect(r.status).toBe(200);
    // Every master holds every script again (their SHAs computed here from the files).
    const shas = scriptShas();
    for (const m of masters) expect(new Set((await m.script('EXISTS', ...shas)) as number[])).toEqual(new Set([1]));
    const kiosk = await h.device('kiosk');
    // A hall's operation runs on its master: it works, so its scripts are there.
    expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: 'ops-cluster-1' }, kiosk)).status).toBe(201);
  });

  it('reads the hall’s queues for /metrics on its node', async () => {
    const kiosk = await h.device('kiosk');
    expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'land', requestId: 'ops-cluster-2' }, kiosk)).status).toBe(201);
    const text = await (await fetch(`${h.url}/metrics`)).text();
    expect(sample(text, 'yc_queue_waiting', { hall: 't1', service: 'social' })).toBe(1);
    expect(sample(text, 'yc_queue_waiting', { hall: 't1', service: 'land' })).toBe(1);
    expect(sample(text, 'yc_queue_longest_wait_seconds', { hall: 't1' })).toBeGreaterThanOrEqual(0);
  });
});
