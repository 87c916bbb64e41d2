/**
 * The floor: a bare socket.io server, alone in its process (started by bench/fanout.ts). No
 * Redis, no authentication, no logic: a client names its rooms in its handshake, and the server
 * emits captured hub events to those rooms on the bench's schedule, with `at` set at emit: to
 * hall screens what the hub sent a hall screen, to window screens what it sent a window screen
 * (the same bytes). What the hub costs beyond this is the price of its logic.
 *
 * With `path` (FloorStart) the same server takes its events the way the architecture makes every
 * hub take them (README "Architecture", docs/scaling.md), and nothing more: the driver posts each
 * of a call's events over HTTP (POST /event, as a counter posts call-next, start, complete); the
 * server stamps `at`, runs a Redis script that numbers the event, appends it to the hall's stream
 * and publishes it on the hall's sharded channel (SPUBLISH), answers the request, and broadcasts
 * the event when it comes back on its subscription (SSUBSCRIBE). No validation, no authorisation,
 * no idempotency, no hall state: what any hub that keeps its halls in Redis and serves several
 * hubs' screens pays before its own logic.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { ViewEvent } from '../server/protocol.js';
import { hallRoom, windowRoom } from '../server/realtime/audience.js';
import { hallPrefix } from '../server/store/keys.js';
import type { RedisClient } from '../server/store/redisClient.js';
import { serveParent } from './lib/process.js';
import { runSchedule, type CallSchedule, type ScheduleResult, type ScheduledWindow } from './lib/schedule.js';

/** One real event of each kind of a call, as a screen received it from the hub. */
export interface Templates {
  called: ViewEvent;
  started: ViewEvent;
  completed: ViewEvent;
}

export interface FloorStart {
  /** Listen here (a restart after a kill: the clients reconnect to the same address); default any. */
  port?: number;
  /** Take events through the architecture's path (HTTP in, a Redis script, sharded pub/sub back) instead of a schedule of its own. */
  path?: PathOptions;
}

export interface PathOptions {
  redisUrl: string;
  /** Every key and channel under it (the hub's layout and hash tag per hall, server/store/keys.ts); deleted by the bench. */
  keyPrefix: string;
  hallIds: string[];
  /** As in FloorPlan: what each kind of screen is sent. */
  templates: { hall: Templates; window: Templates };
}

/** What the driver posts for each of a call's events (POST /event); the answer is `{ id, at }`. */
export interface PathEvent {
  kind: keyof Templates;
  window: ScheduledWindow;
  ticketId: string;
}

export interface FloorPlan {
  schedule: CallSchedule;
  /** Captured from the hub run: as a hall screen and as a window screen received them. */
  templates: { hall: Templates; window: Templates };
  /** Median delay in the hub run from a call to its start, and from start to completion (ms). */
  gaps: { startMs: number; completeMs: number };
}

export interface FloorRan {
  /** ticket.called events emitted per window, with at ≥ measureFrom. */
  calledPerWindow: Record<string, number>;
  schedule: ScheduleResult;
}

let io: Server | undefined;
let redis: { client: RedisClient; subscriber: RedisClient } | undefined;

// The template with this call's ids: whatever of window and ticket the screen's cut carries.
function cast(template: ViewEvent, w: ScheduledWindow, ticketId: string, id: number, at: number) {
  const t = template as Record<string, any>;
  return {
    ...t,
    id,
    at,
    ...(t.hallId ? { hallId: w.hallId } : {}),
    ...(t.window ? { window: { ...t.window, id: w.id, number: w.number } } : {}),
    ...(t.ticket ? { ticket: { ...t.ticket, id: ticketId, ...(t.ticket.windowId ? { windowId: w.id, windowNumber: w.number } : {}) } } : {}),
  };
}

/** To the hall's screens what a hall screen is sent, to the window's screen what a window screen is. */
function broadcast(templates: FloorPlan['templates'], kind: keyof Templates, w: ScheduledWindow, ticketId: string, id: number, at: number): void {
  io!.to(hallRoom(w.hallId)).emit('event', cast(templates.hall[kind], w, ticketId, id, at));
  io!.to(windowRoom(w.id)).emit('event', cast(templates.window[kind], w, ticketId, id, at));
}

// As _mutate.lua's emit: number the event (INCR), append it to the hall's stream (XADD), publish it
// on the hall's sharded channel (SPUBLISH), all in one script. KEYS: counter, stream, channel (one
// hash tag); ARGV: at, the event's JSON without id and at.
const PATH_SCRIPT = `
local id = redis.call('INCR', KEYS[1])
local json = '{"id":' .. id .. ',"at":' .. ARGV[1] .. ',' .. string.sub(ARGV[2], 2)
redis.call('XADD', KEYS[2], id .. '-0', 'e', json)
redis.call('SPUBLISH', KEYS[3], json)
return id`;
/** The hall's counter, stream and channel, named and hash-tagged as the hub's (server/store/keys.ts). */
const pathKeys = (prefix: string, hallId: string) => {
  const p = hallPrefix(prefix, hallId);
  return { counter: `${p}seq`, stream: `${p}events`, channel: `${p}notify` };
};

async function startPath(options: PathOptions): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  // Loaded only here: the bare floor's memory must not hold a Redis client it does not use.
  const { connectRedis, duplicateClient } = await import('../server/store/redisClient.js');
  const client = connectRedis(options.redisUrl, { maxRetriesPerRequest: 1 });
  const subscriber = duplicateClient(client);
  redis = { client, subscriber };
  client.defineCommand('floorEmit', { numberOfKeys: 3, lua: PATH_SCRIPT });
  const commands = client as unknown as Record<string, (...args: string[]) => Promise<number>>;
  const emit = (...args: string[]) => commands.floorEmit!(...args);
  subscriber.on('smessage', (_channel: string, message: string) => {
    const e = JSON.parse(message) as PathEvent & { id: number; at: number };
    broadcast(options.templates, e.kind, e.window, e.ticketId, e.id, e.at);
  });
  await Promise.all(options.hallIds.map((h) => subscriber.ssubscribe(pathKeys(options.keyPrefix, h).channel)));
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/event') return void res.writeHead(404).end();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let hallId: string;
      try {
        hallId = (JSON.parse(body) as PathEvent).window.hallId;
      } catch {
        return void res.writeHead(400).end('a PathEvent as JSON');
      }
      const keys = pathKeys(options.keyPrefix, hallId);
      const at = Date.now();
      emit(keys.counter, keys.stream, keys.channel, String(at), body).then(
        (id) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, at })),
        (err: Error) => res.writeHead(500).end(err.message),
      );
    });
  };
}

serveParent<FloorStart, FloorPlan, FloorRan>({
  async start(options) {
    const onRequest = options.path ? await startPath(options.path) : undefined;
    // socket.io answers its own requests and hands the rest to this listener.
    const http = onRequest ? createServer(onRequest) : createServer();
    // The hub's socket.io options, without its adapter: the same heartbeat traffic on both sides.
    io = new Server(http, { maxHttpBufferSize: 16 * 1024, pingInterval: 5000, pingTimeout: 5000, cors: { origin: true } });
    io.on('connection', (socket) => {
      const rooms = (socket.handshake.auth as { rooms?: unknown }).rooms;
      if (Array.isArray(rooms)) void socket.join(rooms.map(String));
    });
    await new Promise<void>((ok) => http.listen(options.port ?? 0, '127.0.0.1', ok));
    return (http.address() as AddressInfo).port;
  },
  async run(plan) {
    const { schedule, templates, gaps } = plan;
    const seq = new Map<string, number>();
    const calledPerWindow: Record<string, number> = {};
    const emit = (kind: keyof Templates, w: ScheduledWindow, ticketId: string): number => {
      const id = (seq.get(w.hallId) ?? 0) + 1;
      seq.set(w.hallId, id);
      const at = Date.now();
      broadcast(templates, kind, w, ticketId, id, at);
      return at;
    };
    // A call's start and completion follow it by the hub run's gaps; they do not hold the window,
    // so the floor always emits its three events per call at the full rate, however slow the hub was.
    const later = new Set<Promise<void>>();
    const result = await runSchedule(schedule, async (w, k) => {
      const ticketId = `${w.hallId}-floor-${k}`;
      const at = emit('called', w, ticketId);
      if (at >= schedule.measureFrom) calledPerWindow[w.id] = (calledPerWindow[w.id] ?? 0) + 1;
      const rest = (async () => {
        await sleep(gaps.startMs);
        emit('started', w, ticketId);
        await sleep(gaps.completeMs);
        emit('completed', w, ticketId);
      })();
      later.add(rest);
      void rest.finally(() => later.delete(rest));
      return true;
    });
    await Promise.all(later);
    return { calledPerWindow, schedule: result };
  },
  async stop() {
    await new Promise<void>((ok) => (io ? io.close(() => ok()) : ok()));
    redis?.subscriber.disconnect();
    await redis?.client.quit().catch(() => redis?.client.disconnect());
  },
});

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));
