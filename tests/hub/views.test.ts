/**
 * Each client is sent what it shows (server/views.ts): checked on the wire of a real hub, byte
 * by byte for a hall screen, and against the strict schema of each view.
 */
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HallFeed } from '../../display/lib/hallFeed.js';
import type { ClientToServerEvents, ServerToClientEvents, SocketAuth, ViewEvent, ViewSnapshot } from '../../server/protocol.js';
import { viewSchemas } from '../../server/views.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };
/** The issue's budget for a hall screen: one call cycle (call, start, complete) in at most this many bytes. */
const BOARD_BYTES_PER_CYCLE = 600;

let h: TestHub;
let kiosk: string;
let staff: string;
let hallScreen: string;
beforeEach(async () => {
  h = await testHub('views', { config: hubConfig(allDay) });
  [kiosk, staff, hallScreen] = await Promise.all([h.device('kiosk'), h.login('s1'), h.device('hall-screen')]);
  await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, staff);
});
afterEach(() => h.cleanup());

const issue = (serviceId = 'social') => h.api('POST', '/api/halls/t1/tickets', { serviceId }, kiosk);
const at = (path: string, body: object = {}) => h.api('POST', `/api/windows/t1-1/${path}`, body, staff);

/** A client that records its snapshot, its events and the bytes of every message it receives (engine.io frames' text). */
async function client(auth: SocketAuth) {
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = h.socket(auth);
  const seen = { snapshot: undefined as ViewSnapshot | undefined, events: [] as ViewEvent[], frames: [] as string[] };
  s.io.on('open', () => s.io.engine.on('packet', (p: { type: string; data?: unknown }) => p.type === 'message' && typeof p.data === 'string' && seen.frames.push(p.data)));
  s.on('snapshot', (snap) => (seen.snapshot = snap));
  s.on('event', (e) => seen.events.push(e));
  await until(() => seen.snapshot, 5000, 'snapshot');
  return { s, seen };
}

/** Everything a client received, as text: what must never appear in it. */
const wire = (seen: { frames: string[] }) => seen.frames.join('\n');

async function callCycle(): Promise<string> {
  const called = await at('call-next');
  await at('start');
  await at('complete', { outcome: 'completed' });
  return called.body.ticket.number as string;
}

describe('what each client is sent', () => {
  it('sends a hall screen the board: windows, calls and counts, no waiting ticket, staffer or token', async () => {
    const mine = (await issue()).body;
    await issue('land');
    const { seen } = await client({ token: hallScreen });
    const snap = viewSchemas.board.snapshot.parse(seen.snapshot);
    expect(snap).toEqual({
      view: 'board',
      hallId: 't1',
      lastEventId: 3,
      date: expect.any(String),
      windows: [
        { id: 't1-1', number: 1, state: 'idle' },
        { id: 't1-2', number: 2, state: 'closed' },
        { id: 't1-3', number: 3, state: 'closed' },
      ],
      queues: [
        { serviceId: 'social', waiting: 1 },
        { serviceId: 'land', waiting: 1 },
        { serviceId: 'tax', waiting: 0 },
      ],
      recentCalls: [],
    });
    await callCycle();
    await until(() => seen.events.length === 3, 5000, 'a call cycle');
    const [called, started, completed] = seen.events.map((e) => viewSchemas.board.event.parse(e));
    expect(called).toEqual({
      id: 4, type: 'ticket.called', at: expect.any(Number),
      ticket: { id: mine.id, number: 'A001' },
      window: { id: 't1-1', number: 1, state: 'called', ticketNumber: 'A001' },
      queues: [{ serviceId: 'social', waiting: 0 }],
    });
    expect(started).toEqual({ id: 5, type: 'ticket.started', at: expect.any(Number), window: { id: 't1-1', number: 1, state: 'serving', ticketNumber: 'A001' } });
    expect(completed).toEqual({ id: 6, type: 'ticket.completed', at: expect.any(Number), window: { id: 't1-1', number: 1, state: 'idle' } });
    for (const secret of [mine.trackToken, '"waiting":[', 's1', 'onDuty', 'postA', 'staffId', 'issuedAt']) expect(wire(seen)).not.toContain(secret);
  });

  it(`sends a hall screen a call cycle in at most ${BOARD_BYTES_PER_CYCLE} bytes, and a counter the whole of it`, async () => {
    for (let i = 0; i < 3; i++) await issue();
    const board = await client({ token: hallScreen });
    const counter = await client({ token: staff });
    const before = { board: board.seen.frames.length, counter: counter.seen.frames.length };
    await callCycle();
    await until(() => board.seen.events.length === 3 && counter.seen.events.length >= 3, 5000, 'a call cycle on both');
    // A frame's text: engine.io's type ("4"), then socket.io's packet: 2["event",{…}].
    const bytes = (frames: string[]) => frames.reduce((n, f) => n + 1 + Buffer.byteLength(f), 0);
    const boardBytes = bytes(board.seen.frames.slice(before.board));
    const counterBytes = bytes(counter.seen.frames.slice(before.counter));
    expect(board.seen.frames.length - before.board).toBe(3);
    expect(boardBytes).toBeLessThanOrEqual(BOARD_BYTES_PER_CYCLE);
    // The counter keeps the whole events (the ticket with its times, the staffer): several times more.
    expect(counterBytes).toBeGreaterThan(2 * boardBytes);
    console.log(`one call cycle on the wire: hall screen ${boardBytes} B, counter ${counterBytes} B`);
  });

  it('sends a kiosk the counts and the day, nothing of windows or tickets', async () => {
    const { seen } = await client({ token: kiosk });
    expect(viewSchemas.counts.snapshot.parse(seen.snapshot)).toEqual({ view: 'counts', hallId: 't1', lastEventId: 1, date: expect.any(String), queues: [{ serviceId: 'social', waiting: 0 }, { serviceId: 'land', waiting: 0 }, { serviceId: 'tax', waiting: 0 }] });
    const mine = (await issue()).body;
    await callCycle();
    await until(() => seen.events.length === 2, 5000, 'issue and call');
    // Start and completion change no count: not sent.
    await issue('land');
    await until(() => seen.events.length === 3, 5000, 'the next issue');
    expect(seen.events.map((e) => viewSchemas.counts.event.parse(e))).toEqual([
      { id: 2, type: 'ticket.issued', at: expect.any(Number), queues: [{ serviceId: 'social', waiting: 1 }] },
      { id: 3, type: 'ticket.called', at: expect.any(Number), queues: [{ serviceId: 'social', waiting: 0 }] },
      { id: 6, type: 'ticket.issued', at: expect.any(Number), queues: [{ serviceId: 'land', waiting: 1 }] },
    ]);
    expect(wire(seen)).not.toContain(mine.trackToken);
    expect(wire(seen)).not.toContain('"window"');
  });

  it('sends a window screen its own window and its own tickets, never another window', async () => {
    const windowScreen = await h.device('window-screen', 't1-1');
    const other = await h.device('window-screen', 't1-2');
    const mineScreen = await client({ token: windowScreen });
    const otherScreen = await client({ token: other });
    expect(viewSchemas.window.snapshot.parse(mineScreen.seen.snapshot)).toMatchObject({ view: 'window', windowId: 't1-1', window: { id: 't1-1', state: 'idle', postA: 's1', onDuty: 's1' } });
    expect(viewSchemas.window.snapshot.parse(otherScreen.seen.snapshot)).toEqual({ view: 'window', hallId: 't1', lastEventId: 1, date: expect.any(String), windowId: 't1-2', window: { id: 't1-2', number: 2, state: 'closed', covering: false } });
    const ticket = (await issue()).body;
    await callCycle();
    await until(() => mineScreen.seen.events.length === 3, 5000, 'a call cycle');
    const events = mineScreen.seen.events.map((e) => viewSchemas.window.event.parse(e));
    expect(events.map((e) => [e.type, e.window?.state, e.ticket])).toEqual([
      ['ticket.called', 'called', { id: ticket.id, number: 'A001', windowId: 't1-1', windowNumber: 1 }],
      ['ticket.started', 'serving', { id: ticket.id, number: 'A001', windowId: 't1-1', windowNumber: 1 }],
      ['ticket.completed', 'idle', { id: ticket.id, number: 'A001', windowId: 't1-1', windowNumber: 1 }],
    ]);
    expect(otherScreen.seen.events).toEqual([]);
    expect(wire(mineScreen.seen)).not.toContain(ticket.trackToken);
  });

  it('sends a phone which ticket moved and never a token', async () => {
    const mine = (await issue()).body;
    const { seen } = await client({ ticketId: mine.id, trackToken: mine.trackToken });
    expect(viewSchemas.ticket.snapshot.parse(seen.snapshot)).toEqual({ view: 'ticket', hallId: 't1', lastEventId: 2, date: expect.any(String), ticketId: mine.id });
    const next = (await issue()).body;
    await callCycle();
    await until(() => seen.events.length === 4, 5000, 'issue and the cycle');
    expect(seen.events.map((e) => viewSchemas.ticket.event.parse(e))).toEqual([
      { id: 3, type: 'ticket.issued', at: expect.any(Number), ticket: { id: next.id } },
      { id: 4, type: 'ticket.called', at: expect.any(Number), ticket: { id: mine.id } },
      { id: 5, type: 'ticket.started', at: expect.any(Number), ticket: { id: mine.id } },
      { id: 6, type: 'ticket.completed', at: expect.any(Number), ticket: { id: mine.id } },
    ]);
    expect(wire(seen)).not.toContain(next.trackToken);
    // Its own token travels only in its handshake, never back.
    expect(wire(seen)).not.toContain(mine.trackToken);
  });

  it('sends a counter the waiting tickets with their places, and every event whole', async () => {
    const mine = (await issue()).body;
    const { seen } = await client({ token: staff });
    expect(seen.snapshot).toMatchObject({ view: 'full', lastEventId: 2, waiting: [{ id: mine.id, number: 'A001', status: 'waiting', queuedAt: mine.issuedAt }] });
    expect(wire(seen)).not.toContain(mine.trackToken);
  });

  it('cuts a catch-up as it cuts live events', async () => {
    const live = await client({ token: hallScreen });
    await issue();
    await callCycle();
    await until(() => live.seen.events.length === 4, 5000, 'live events');
    const late = h.socket({ token: hallScreen, lastEventId: 1 });
    const caught = await new Promise<ViewEvent[]>((ok) => late.once('catchUp', ok));
    expect(caught).toEqual(live.seen.events);
  });
});

describe('the snapshot cache', () => {
  it('gives a screen connecting after an event a snapshot with it', async () => {
    const first = await client({ token: hallScreen });
    expect(first.seen.snapshot).toMatchObject({ lastEventId: 1, queues: [{ serviceId: 'social', waiting: 0 }, {}, {}] });
    await issue();
    // The hub has delivered event 2 before the next screen asks (the first screen has it).
    await until(() => first.seen.events.length === 1, 5000, 'the issue, live');
    const second = await client({ token: hallScreen });
    expect(second.seen.snapshot).toMatchObject({ lastEventId: 2, queues: [{ serviceId: 'social', waiting: 1 }, {}, {}] });
    await callCycle();
    await until(() => first.seen.events.length === 4, 5000, 'the cycle, live');
    const third = await client({ token: hallScreen });
    expect(third.seen.snapshot).toMatchObject({ lastEventId: 5, recentCalls: [{ number: 'A001', windowNumber: 1 }], windows: [{ id: 't1-1', state: 'idle' }, {}, {}] });
  });

  it('reads a hall once for the many screens that connect while no event passes', async () => {
    await issue();
    const before = h.hub.snapshotReads();
    const screens = await Promise.all(Array.from({ length: 20 }, () => client({ token: hallScreen })));
    // One read for the board (and the kiosk, window screens and phones share it); not one per screen.
    expect(h.hub.snapshotReads() - before).toBe(1);
    const snaps = screens.map((c) => c.seen.snapshot);
    for (const s of snaps) expect(s).toEqual(snaps[0]);
    await issue();
    await until(() => screens.every((c) => c.seen.events.length === 1), 5000, 'the issue on every screen');
    await client({ token: hallScreen });
    expect(h.hub.snapshotReads() - before).toBe(2);
  });

  it('gives every client its own view afresh when Redis lost the hall (nothing cached survives)', async () => {
    await issue();
    const board = await client({ token: hallScreen });
    const windowScreen = await client({ token: await h.device('window-screen', 't1-1') });
    expect(board.seen.snapshot).toMatchObject({ view: 'board', lastEventId: 2 });
    const snapshots = (c: { s: Socket }) => {
      const got: ViewSnapshot[] = [];
      c.s.on('snapshot', (snap) => got.push(snap));
      return got;
    };
    const [boardAgain, windowAgain] = [snapshots(board), snapshots(windowScreen)];
    // The hall's keys (not the sessions or pairings) gone at once, as a Redis restarted without its data.
    const redis = h.hub.ctx.store.redis;
    await redis.del(...(await redis.keys(`${h.prefix}{*`)));
    await until(() => boardAgain.length && windowAgain.length, 10_000, 'fresh snapshots');
    expect(boardAgain[0]).toEqual({ view: 'board', hallId: 't1', lastEventId: 0, date: expect.any(String), windows: [], queues: [{ serviceId: 'social', waiting: 0 }, { serviceId: 'land', waiting: 0 }, { serviceId: 'tax', waiting: 0 }], recentCalls: [] });
    expect(windowAgain[0]).toEqual({ view: 'window', hallId: 't1', lastEventId: 0, date: expect.any(String), windowId: 't1-1' });
  });

  it('keeps a hall screen fed live in step with a fresh snapshot', async () => {
    const f = new HallFeed({ url: h.url, auth: { token: hallScreen }, view: 'board', socketOptions: { transports: ['websocket'] } });
    await until(() => f.status === 'live', 5000, 'feed live');
    for (let i = 0; i < 3; i++) await issue(i === 1 ? 'land' : 'social');
    await callCycle();
    await at('call-next');
    await at('recall');
    const last = await h.hub.ctx.store.lastEventId('t1');
    await until(() => f.state?.lastEventId === last, 5000, 'feed caught up');
    const fresh = await client({ token: hallScreen });
    expect(f.state).toEqual(fresh.seen.snapshot);
    f.close();
  });
});
