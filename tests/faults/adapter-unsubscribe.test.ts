/**
 * The socket.io sharded adapter sends SUNSUBSCRIBE at close without keeping the promise; the hub
 * closes its Redis connections right after socket.io's close, and a reply cut off that way was an
 * unhandled rejection (seen in tests/faults now and then). adapterSubscriber keeps each such
 * promise and reports its failure. Two peers: a Redis whose replies never come (a TCP peer that
 * accepts and stays silent: the cut-off made certain), and the real Redis, where the command
 * simply succeeds.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { adapterSubscriber } from '../../server/realtime/adapterClient.js';
import { until } from '../helpers/hub.js';
import { REDIS_URL } from '../helpers/redis.js';

const sockets = new Set<Socket>();
let silent: Server | undefined;
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((ok) => (silent ? silent.close(() => ok()) : ok()));
});

describe("the adapter's subscription commands", () => {
  it('a SUNSUBSCRIBE cut off by closing the connection is reported, not left unhandled', async () => {
    silent = createServer((s) => void sockets.add(s)).listen(0, '127.0.0.1');
    await new Promise((ok) => silent!.once('listening', ok));
    const { port } = silent.address() as { port: number };
    const client = new Redis({ host: '127.0.0.1', port, enableReadyCheck: false, maxRetriesPerRequest: null });
    client.on('error', () => {});
    await new Promise((ok) => client.once('connect', ok));
    const failures: [string, string][] = [];
    adapterSubscriber(client, (command, err) => failures.push([command, (err as Error).message]));
    // As the adapter does at close: send, drop the promise; then the hub closes the connection.
    void client.sunsubscribe('yc:socket.io#/#');
    client.disconnect();
    await until(() => failures.length > 0, 5000, 'the failure reported');
    expect(failures).toEqual([['sunsubscribe', 'Connection is closed.']]);
  });

  it('on the real Redis the commands go through and report nothing', async () => {
    const client = new Redis(REDIS_URL);
    const failures: string[] = [];
    adapterSubscriber(client, (command) => failures.push(command));
    const channel = `yc:adapter-test:${process.pid}`;
    expect(await client.ssubscribe(channel)).toBe(1);
    expect(await client.sunsubscribe(channel)).toBe(0);
    await client.quit();
    expect(failures).toEqual([]);
  });
});
