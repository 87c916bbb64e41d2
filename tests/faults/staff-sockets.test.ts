/**
 * A socket opened with a staff session's token follows the hall only while that session lives.
 * Before the fix, a socket kept receiving every event of the hall after its session logged out
 * or expired: the session was checked once, at the handshake. Two hubs share the Redis: the
 * logout reaches the socket on the other hub too.
 */
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../server/hub.js';
import type { HallEvent } from '../../server/protocol.js';
import { authKey } from '../../server/store/keys.js';
import { sessionId } from '../../server/auth/tokens.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

let h: TestHub;
let other: Hub;
let kiosk: string;
const sockets: Socket[] = [];
beforeAll(async () => {
  h = await testHub('staff-sockets', { config: hubConfig(allDay) });
  other = await h.another();
  kiosk = await h.device('kiosk');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await h.cleanup();
});

interface Followed {
  socket: Socket;
  events: HallEvent[];
  ended: string[];
}
async function follow(url: string, token: string): Promise<Followed> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 });
  sockets.push(socket);
  const f: Followed = { socket, events: [], ended: [] };
  socket.on('event', (e) => f.events.push(e));
  socket.on('sessionEnded', ({ reason }) => f.ended.push(reason));
  await new Promise<void>((ok) => socket.once('snapshot', () => ok()));
  return f;
}
const issue = () => h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk);

describe('staff sockets follow the session', () => {
  it('disconnects every socket of a session that logs out, on both hubs, and sends them no more events', async () => {
    const token = await h.login('m1');
    const here = await follow(h.url, token);
    const there = await follow(other.url, token);
    await issue();
    await until(() => here.events.length === 1 && there.events.length === 1, 3000, 'an event before the logout');

    expect((await h.api('POST', '/api/logout', undefined, token)).status).toBe(204);
    await until(() => !here.socket.connected && !there.socket.connected, 3000, 'both sockets closed');
    expect(here.ended).toEqual(['logged_out']);
    expect(there.ended).toEqual(['logged_out']);
    await issue();
    await new Promise((r) => setTimeout(r, 300));
    expect(here.events).toHaveLength(1);
    expect(there.events).toHaveLength(1);
  });

  it('closes a socket when its session expires, and sends it no more events', async () => {
    const token = await h.login('i1');
    // The session lives 12 hours; this one is made to end in under a second.
    await h.hub.ctx.store.redis.pexpire(authKey(h.prefix, 'session', sessionId(token)), 700);
    const f = await follow(other.url, token);
    await until(() => !f.socket.connected, 3000, 'the socket closed at expiry');
    expect(f.ended).toEqual(['expired']);
    const before = f.events.length;
    await issue();
    await new Promise((r) => setTimeout(r, 300));
    expect(f.events).toHaveLength(before);
    // Its token no longer opens a socket either.
    const again = io(h.url, { auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(again);
    const err = await new Promise<Error & { data?: { error: string } }>((ok) => again.once('connect_error', ok));
    expect(err.data?.error).toBe('unauthorized');
  });

  it('keeps a session’s socket that lives on, and a device’s', async () => {
    const token = await h.login('m1');
    const staff = await follow(h.url, token);
    const screen = await follow(other.url, await h.device('hall-screen'));
    const other2 = await h.login('i1');
    expect((await h.api('POST', '/api/logout', undefined, other2)).status).toBe(204);
    await issue();
    await until(() => staff.events.length === 1 && screen.events.length === 1, 3000, 'the event');
    expect(staff.socket.connected && screen.socket.connected).toBe(true);
  });
});
