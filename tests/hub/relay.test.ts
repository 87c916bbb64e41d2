import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueTicket } from '../../server/commands/issueTicket.js';
import type { HallEvent } from '../../server/protocol.js';
import { EventRelay } from '../../server/realtime/eventRelay.js';
import { duplicateClient, type RedisClient } from '../../server/store/redisClient.js';
import { testConfig, testHall, type TestHall } from '../helpers/hall.js';
import { until } from '../helpers/hub.js';

const allDay = testConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } });

let h: TestHall;
let relay: EventRelay;
const delivered: number[] = [];
const resets: string[] = [];
let subscriber: RedisClient;

beforeEach(async () => {
  h = await testHall('relay', allDay);
  delivered.length = 0;
  resets.length = 0;
  subscriber = duplicateClient(h.ctx.store.redis, { enableReadyCheck: false }); // as the hub makes it
  subscriber.on('error', () => {}); // the tests drop the connection on purpose
  relay = new EventRelay(h.ctx.store, subscriber, ['t1'], { deliver: (e: HallEvent) => delivered.push(e.id), onReset: (hall) => resets.push(hall) });
  await relay.start();
});
afterEach(async () => {
  await relay.stop();
  subscriber.disconnect();
  await h.cleanup();
});

const issue = () => issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });

describe('event relay', () => {
  it('hands events on in id order', async () => {
    await issue();
    await issue();
    await until(() => delivered.length === 2, 10_000, 'two events');
    expect(delivered).toEqual([1, 2]);
  });

  it('reads from the stream what pub/sub dropped, before the next event', async () => {
    await issue();
    await until(() => delivered.length === 1, 10_000, 'first');
    const channel = h.ctx.store.channel('t1');
    await subscriber.sunsubscribe(channel);
    await issue(); // published while nobody listens: lost to pub/sub
    await issue();
    await subscriber.ssubscribe(channel);
    await issue(); // id 4 arrives: the relay notices 2 and 3 are missing
    await until(() => delivered.length === 4, 10_000, 'gap filled');
    expect(delivered).toEqual([1, 2, 3, 4]);
  });

  it('ignores garbage on the channel and repeats of events already handed on', async () => {
    await issue();
    await until(() => delivered.length === 1, 10_000, 'first');
    const redis = h.ctx.store.redis;
    await redis.spublish(h.ctx.store.channel('t1'), 'not json');
    const [first] = await redis.xrange(`${h.ctx.store.prefix('t1')}events`, '-', '+');
    await redis.spublish(h.ctx.store.channel('t1'), first![1][1]!);
    await issue();
    await until(() => delivered.length === 2, 10_000, 'second');
    expect(delivered).toEqual([1, 2]);
  });

  it('after a reconnect, catches up what passed meanwhile', async () => {
    await issue();
    await until(() => delivered.length === 1, 10_000, 'first');
    subscriber.disconnect(true); // drop the connection; ioredis reconnects and resubscribes
    await issue();
    await issue();
    await until(() => delivered.length === 3, 10_000, 'caught up after reconnect');
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('says so when Redis lost the hall’s log, so clients start from a snapshot', async () => {
    await issue();
    await issue();
    await until(() => delivered.length === 2, 10_000, 'two');
    const p = h.ctx.store.prefix('t1');
    await h.ctx.store.redis.del(`${p}seq`, `${p}events`); // as a Redis restart without persistence would
    subscriber.disconnect(true);
    await until(() => resets.length === 1, 10_000, 'reset noticed');
    expect(resets).toEqual(['t1']);
    await issue(); // numbering of events begins again at 1, and is handed on
    await until(() => delivered.length === 3, 10_000, 'new event');
    expect(delivered).toEqual([1, 2, 1]);
  });
});
