/**
 * socket.io transport: authenticate the connection, put it in the rooms of its scope, send it
 * what it missed (or a snapshot), then forward live events. Nothing else: no rule lives here.
 */
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { canReadHall, canUseDesk } from '../auth/policies.js';
import type { Principal } from '../auth/principals.js';
import { sessionId, type SessionEnd, type TokenStore } from '../auth/tokens.js';
import type { CommandContext } from '../commands/context.js';
import { MAX_CATCH_UP, type ClientToServerEvents, type DeskSnapshot, type HallEvent, type RosterRow, type ServerToClientEvents, type ViewEvent, type ViewSnapshot } from '../protocol.js';
import { LONE_SURROGATE, loneSurrogateAt } from '../wellFormed.js';
import { cutFor, deliveries, deskRoom, hallRoom, hallViewOf, roomsOf, serviceRoom, ticketRoom, type Scope } from './audience.js';
import { SnapshotCache } from './snapshots.js';

interface SocketData {
  scope: Scope;
  principal?: Principal;
}

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const authSchema = z.object({
  token: z.string().max(200).optional(),
  ticketId: z.string().max(80).optional(),
  trackToken: z.string().max(100).optional(),
  hallId: z.string().max(80).optional(),
  lastEventId: z.number().int().min(0).optional(),
  desk: z.boolean().optional(),
});
const resyncSchema = z.object({ lastEventId: z.number().int().min(0) });

class AuthError extends Error {
  readonly data: { error: string };
  constructor(error: string, message: string) {
    super(message);
    this.data = { error };
  }
}

const sessionRoom = (id: string) => `session:${id}`;

export interface RealtimeDeps {
  ctx: CommandContext;
  tokens: TokenStore;
  /** The last event id this hub delivered for a hall (the relay's position): a snapshot handed out includes it. */
  delivered: (hallId: string) => number;
  /** The desk's snapshot of a hall (server/deskDays.ts); without it the hub refuses desk connections. */
  deskSnapshot?: (hallId: string) => Promise<DeskSnapshot>;
}

export function attachRealtime(io: HubServer, deps: RealtimeDeps) {
  const { ctx, tokens } = deps;
  const snapshots = new SnapshotCache(ctx, deps.delivered);

  async function scopeOf(raw: unknown): Promise<{ scope: Scope; principal?: Principal }> {
    const bad = loneSurrogateAt(raw);
    if (bad) throw new AuthError('bad_request', `auth${bad}: ${LONE_SURROGATE}`);
    const parsed = authSchema.safeParse(raw ?? {});
    if (!parsed.success) throw new AuthError('bad_request', `auth.${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
    const auth = parsed.data;
    if (auth.ticketId) {
      const hall = ctx.halls.of(auth.ticketId);
      const found = hall && (await ctx.store.position(hall.id, auth.ticketId, hall, ctx.clock()));
      if (!hall || !found || !auth.trackToken || found.trackToken !== auth.trackToken) throw new AuthError('unauthorized', 'unknown ticket');
      return { scope: { kind: 'ticket', hallId: hall.id, ticketId: auth.ticketId, serviceId: found.ticket.serviceId } };
    }
    const principal = await tokens.resolve(auth.token);
    if (!principal && (await tokens.endedWhy(auth.token)) === 'taken_over') throw new AuthError('taken_over', 'this session was ended: the staffer logged in on another terminal');
    if (!principal) throw new AuthError('unauthorized', 'a valid token is required');
    if (principal.kind === 'device' && principal.windowId && (principal.device === 'window-screen' || principal.device === 'pad')) {
      return { scope: { kind: 'window', hallId: principal.hallId, windowId: principal.windowId }, principal };
    }
    const hallId = auth.hallId ?? principal.hallId;
    if (!ctx.halls.get(hallId)) throw new AuthError('not_found', 'no such hall');
    if (auth.desk) {
      if (!deps.deskSnapshot) throw new AuthError('not_found', 'this hub serves no desk');
      if (!canUseDesk(principal, hallId, ctx.halls.parentOf)) throw new AuthError('forbidden', 'only the hall’s managers open its desk');
      return { scope: { kind: 'hall', hallId, view: 'full', desk: true }, principal };
    }
    if (!canReadHall(principal, hallId, ctx.halls.parentOf)) throw new AuthError('forbidden', 'this token may not follow this hall');
    return { scope: { kind: 'hall', hallId, view: hallViewOf(principal) }, principal };
  }

  /** Send a client what came after its last event, or a snapshot when that is too far back. */
  async function sync(socket: HubSocket, lastEventId: number | undefined): Promise<void> {
    const { scope } = socket.data;
    const hall = ctx.halls.get(scope.hallId)!;
    // A desk always starts again from its snapshot: it folds more than the hall's state, and managers are few.
    if (scope.kind === 'hall' && scope.desk) {
      socket.emit('desk', await deps.deskSnapshot!(hall.id));
      return;
    }
    if (lastEventId !== undefined && lastEventId <= (await ctx.store.lastEventId(hall.id))) {
      const missed = await ctx.store.eventsAfter(hall.id, lastEventId, MAX_CATCH_UP);
      if (missed && missed.length < MAX_CATCH_UP) {
        socket.emit('catchUp', missed.flatMap((e) => cutFor(scope, e) ?? []));
        return;
      }
    }
    sendSnapshot(socket, await snapshots.of(scope));
  }

  // Clients that take the same snapshot object in one turn of the event loop get it in one emit:
  // socket.io encodes a broadcast once, whatever the number of sockets (a reconnect storm).
  const batches = new Map<ViewSnapshot, string[]>();
  function sendSnapshot(socket: HubSocket, snapshot: ViewSnapshot): void {
    const batch = batches.get(snapshot);
    if (batch) return void batch.push(socket.id);
    batches.set(snapshot, [socket.id]);
    setImmediate(() => {
      const ids = batches.get(snapshot)!;
      batches.delete(snapshot);
      io.local.to(ids).emit('snapshot', snapshot);
    });
  }

  io.use((socket, next) => {
    scopeOf(socket.handshake.auth)
      .then(({ scope, principal }) => {
        socket.data.scope = scope;
        socket.data.principal = principal;
        next();
      })
      // Not a refusal: the store is away (Redis restarting). Pages retry this one (display/lib/reconnect.ts).
      .catch((err: Error) => next(err instanceof AuthError ? err : new AuthError('unavailable', 'could not check the token now: retry')));
  });

  /**
   * A staff session lives 12 hours (auth/tokens.ts); its socket was let in once, at the handshake,
   * and must not follow the hall past the session's end. Checked again when the session's time
   * is up (a session's expiry can only come nearer, but the check reads it again anyway).
   */
  function closeAtExpiry(socket: HubSocket, token: string): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const left = await tokens.sessionMsLeft(token);
      if (!socket.connected) return;
      if (left > 0) {
        // setTimeout takes at most 2^31−1 ms (24.8 days); a session is far shorter.
        timer = setTimeout(() => void check().catch(() => arm(5000)), Math.min(left + 50, 2 ** 31 - 1));
        return;
      }
      socket.emit('sessionEnded', { reason: 'expired' });
      socket.disconnect(true);
    };
    // Redis away: look again soon rather than closing a session that may be alive.
    const arm = (ms: number) => (timer = setTimeout(() => void check().catch(() => arm(5000)), ms));
    void check().catch(() => arm(5000));
    socket.on('disconnect', () => clearTimeout(timer));
  }

  io.on('connection', (socket: HubSocket) => {
    // Join first, then read: an event either lands in what sync reads or arrives live (or both;
    // clients drop ids they already hold).
    void socket.join(roomsOf(socket.data.scope));
    // A staff session's own room: the hub tells it when it ends the session (a takeover).
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (socket.data.principal?.kind === 'staff' && typeof token === 'string') {
      void socket.join(sessionRoom(sessionId(token)));
      closeAtExpiry(socket, token);
    }
    const last = (socket.handshake.auth as { lastEventId?: number }).lastEventId;
    sync(socket, typeof last === 'number' ? last : undefined).catch((err: Error) => socket.emit('problem', { error: 'internal', message: err.message }));

    socket.on('resync', (...args: unknown[]) => {
      // The acknowledgement is the last argument, whatever came before it (none, one, several).
      const ack = args.at(-1);
      const reply = typeof ack === 'function' ? (ack as (r: { ok: boolean; error?: string }) => void) : () => {};
      const request = typeof args[0] === 'function' ? undefined : args[0];
      const parsed = resyncSchema.safeParse(request);
      if (!parsed.success) {
        reply({ ok: false, error: 'resync needs { lastEventId: a whole number ≥ 0 }' });
        return;
      }
      sync(socket, parsed.data.lastEventId).then(
        () => reply({ ok: true }),
        (err: Error) => reply({ ok: false, error: err.message }),
      );
    });

    socket.onAny((name: string) => {
      if (name !== 'resync') socket.emit('problem', { error: 'unknown_event', message: `unknown event "${String(name).slice(0, 40)}"` });
    });
  });

  return {
    /** How many times this hub read a hall for snapshots (shared by every client that connected meanwhile). */
    snapshotReads: () => snapshots.readsMade,
    /** Tell a session's terminals, on every hub (through the adapter), that it ended, then close them. */
    endSession(id: string, reason: SessionEnd): void {
      io.to(sessionRoom(id)).emit('sessionEnded', { reason });
      io.in(sessionRoom(id)).disconnectSockets();
    },
    /** Hand a live event to every client that follows it, on this hub: each view its cut, encoded once. */
    deliver(event: HallEvent): void {
      // A phone follows its ticket's service queue: after a transfer to a service, follow that one.
      if (event.type === 'ticket.transferred' && event.ticket.transferTo === event.ticket.serviceId) {
        io.local.in(ticketRoom(event.ticket.id)).socketsJoin(serviceRoom(event.hallId, event.ticket.serviceId));
      }
      // A broadcast encodes its packet even for an empty room: the views nobody here follows are not even cut.
      const occupied = io.sockets.adapter.rooms;
      for (const { rooms, payload } of deliveries(event, (room) => occupied.has(room))) io.local.to(rooms).emit('event', payload satisfies ViewEvent);
    },
    /** Today's roster changed: every desk of the hall, on every hub (through the adapter) when `everywhere`. */
    roster(hallId: string, rows: RosterRow[], everywhere = false): void {
      (everywhere ? io : io.local).to(deskRoom(hallId)).emit('roster', rows);
    },
    /** A leave request was made or decided: every desk of the hall, on every hub. */
    leaveChanged(hallId: string, change: { requestId: string; status: string }): void {
      io.to(deskRoom(hallId)).emit('leaveChanged', change);
    },
    /** A device's pairing was revoked: its open connections end now. */
    dropDevice(deviceId: string): void {
      void io.fetchSockets().then((sockets) => {
        for (const s of sockets) if (s.data.principal?.kind === 'device' && s.data.principal.deviceId === deviceId) s.disconnect(true);
      });
    },
    /** The hall's log began again (Redis lost it): every client of the hall takes its view's snapshot. */
    async reset(hallId: string): Promise<void> {
      if (!ctx.halls.get(hallId)) return;
      snapshots.forget(hallId);
      const mine = [...io.sockets.sockets.values()].filter((socket) => socket.data.scope?.hallId === hallId);
      await Promise.all(mine.map((socket) => sync(socket, undefined).catch((err: Error) => socket.emit('problem', { error: 'internal', message: err.message }))));
    },
  };
}

export { hallRoom };
