/**
 * The floor: a bare socket.io server, alone in its process (started by bench/fanout.ts). No
 * Redis, no authentication, no logic: a client names its rooms in its handshake, and the server
 * emits captured hub events to those rooms on the bench's schedule, with `at` set at emit: to
 * hall screens what the hub sent a hall screen, to window screens what it sent a window screen
 * (the same bytes). What the hub costs beyond this is the price of its logic.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { ViewEvent } from '../server/protocol.js';
import { hallRoom, windowRoom } from '../server/realtime/audience.js';
import { serveParent } from './lib/process.js';
import { runSchedule, type CallSchedule, type ScheduleResult } from './lib/schedule.js';

/** One real event of each kind of a call, as a screen received it from the hub. */
export interface Templates {
  called: ViewEvent;
  started: ViewEvent;
  completed: ViewEvent;
}

export interface FloorStart {
  /** Listen here (a restart after a kill: the clients reconnect to the same address); default any. */
  port?: number;
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

serveParent<FloorStart, FloorPlan, FloorRan>({
  async start(options) {
    const http = createServer();
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
    const server = io!;
    const seq = new Map<string, number>();
    const calledPerWindow: Record<string, number> = {};
    // The template with this call's ids: whatever of window and ticket the screen's cut carries.
    const cast = (template: ViewEvent, w: CallSchedule['windows'][number], ticketId: string, id: number, at: number) => {
      const t = template as Record<string, any>;
      return {
        ...t,
        id,
        at,
        ...(t.hallId ? { hallId: w.hallId } : {}),
        ...(t.window ? { window: { ...t.window, id: w.id, number: w.number } } : {}),
        ...(t.ticket ? { ticket: { ...t.ticket, id: ticketId, ...(t.ticket.windowId ? { windowId: w.id, windowNumber: w.number } : {}) } } : {}),
      };
    };
    const emit = (kind: keyof Templates, w: CallSchedule['windows'][number], ticketId: string): number => {
      const id = (seq.get(w.hallId) ?? 0) + 1;
      seq.set(w.hallId, id);
      const at = Date.now();
      server.to(hallRoom(w.hallId)).emit('event', cast(templates.hall[kind], w, ticketId, id, at));
      server.to(windowRoom(w.id)).emit('event', cast(templates.window[kind], w, ticketId, id, at));
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
  },
});

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));
