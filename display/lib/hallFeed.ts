/**
 * A live feed of one hall for a screen, counter or phone: connects to the hub, takes a snapshot
 * or the events it missed, applies live events in order, and says when it is offline.
 *
 * Guarantees (tests/hub/socket*.test.ts): across a reconnect or a hub restart no event is lost
 * or applied twice — the client sends its last event id and the hub answers with what came after.
 * The hub sends each view only what it shows (server/views.ts): a hall screen its board, a kiosk
 * the counts, a window screen or pad its window, a phone its ticket's events, counters the whole
 * hall. A full feed receives every event and checks ids are contiguous, asking for a resync on a gap.
 * It comes back by itself after any outage, however long (./reconnect.ts): socket.io retries a
 * lost connection, but not a handshake the hub refused — and a hub whose Redis is away refuses
 * every handshake (it cannot check the token). Such a refusal, or a first sync that failed, is
 * retried here with a growing wait; only a real refusal (a bad token) stops the feed.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, EventOf, ServerToClientEvents, SnapshotOf, SocketAuth, ViewKind } from '../../server/protocol.js';
import { applierOf } from './hallState.js';
import { DEFAULT_RETRY, isRefusal, retryDelay, type RetryPolicy } from './reconnect.js';

export interface FeedOptions<V extends ViewKind> {
  /** Hub address; default: the page's own origin. */
  url?: string;
  auth: Omit<SocketAuth, 'lastEventId'>;
  /**
   * What this client shows, as the hub decides it from the token (server/realtime/audience.ts):
   * 'full' (staff), 'board' (hall screen), 'counts' (kiosk), 'window' (window screen, pad), 'ticket' (phone).
   */
  view: V;
  /** Shown offline after this long without the hub (default 3 s). */
  offlineAfterMs?: number;
  /** Called for each event applied (after the state changed): announcers, alerts. */
  onEvent?: (event: EventOf<V>, state: SnapshotOf<V>) => void;
  /** Called when the hub refuses the connection (bad token): a screen shows it, it does not retry. */
  onRefused?: (error: string, message: string) => void;
  /** Called when the hub ends this staff session (another terminal took the desk over): no retry. */
  onSessionEnded?: (reason: string) => void;
  /** Called when an admin changed the hall's configuration (applied live): refetch what was read of it. */
  onConfig?: (revision: number) => void;
  /** socket.io-client options for tests (e.g. transports). */
  socketOptions?: Record<string, unknown>;
  /** Waits between attempts after a handshake the hub could not complete (default 0.5 s doubling to 10 s). */
  retry?: RetryPolicy;
}

export type FeedStatus = 'connecting' | 'live' | 'offline' | 'refused';

/**
 * How a page retries a lost hub: every 0.5–1 s (socket.io spreads each wait by ±50 %). A hub that
 * restarts has every screen back within about a second of listening again (bench:fanout's storm
 * goal: ≤ 5 s from the kill); a refused attempt costs the hub nothing, and the spread keeps
 * 2,000 screens from arriving in one instant.
 */
export const RECONNECT = { reconnectionDelay: 500, reconnectionDelayMax: 1000 } as const;

export class HallFeed<V extends ViewKind = ViewKind> {
  state: SnapshotOf<V> | null = null;
  status: FeedStatus = 'connecting';
  /** When the hub was last heard from (ms); a screen shows data age when offline. */
  lastHeard = 0;
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly listeners = new Set<(feed: HallFeed<V>) => void>();
  private buffered: EventOf<V>[] = [];
  private readonly applyEvent: (state: SnapshotOf<V>, event: EventOf<V>) => SnapshotOf<V>;
  private synced = false;
  private offlineTimer: ReturnType<typeof setTimeout> | undefined;
  private resyncing = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;
  private closed = false;

  constructor(private readonly options: FeedOptions<V>) {
    this.applyEvent = applierOf(options.view);
    this.socket = io(options.url ?? '', {
      // The auth callback runs on every (re)connect, so the hub always hears our latest id.
      auth: (cb) => cb({ ...options.auth, ...(this.state ? { lastEventId: this.state.lastEventId } : {}) }),
      ...RECONNECT,
      ...options.socketOptions,
    });
    this.socket.on('connect', () => {
      this.synced = false;
      this.buffered = [];
    });
    // The hub cuts what it sends to the token's view; the types follow the view this page asked for.
    this.socket.on('snapshot', (s) => {
      if (s.view === options.view) this.onSnapshot(s as SnapshotOf<V>);
      else console.error(`feed: the hub sent a ${s.view} snapshot to a ${options.view} page`);
    });
    this.socket.on('catchUp', (events) => this.onCatchUp(events as EventOf<V>[]));
    this.socket.on('event', (e) => this.onLive(e as EventOf<V>));
    this.socket.on('disconnect', (reason) => {
      this.goingOffline();
      // A hub that closed this socket itself (shutting down, or a bug) is not a refusal: socket.io
      // does not reconnect after that, so the feed does. A session that ended said so first.
      if (reason === 'io server disconnect') this.retryLater();
    });
    this.socket.on('config', ({ revision }) => options.onConfig?.(revision));
    this.socket.on('sessionEnded', ({ reason }) => {
      this.socket.disconnect();
      this.setStatus('refused');
      options.onSessionEnded?.(reason);
    });
    this.socket.on('connect_error', (err: Error & { data?: { error?: string } }) => {
      const code = err.data?.error;
      if (isRefusal(code)) {
        this.socket.disconnect();
        this.setStatus('refused');
        options.onRefused?.(code!, err.message);
        return;
      }
      this.goingOffline();
      // The hub answered but could not let us in now (its store away: `unavailable`): socket.io
      // leaves that to us. A transport error (no hub) has no data: socket.io retries it itself.
      if (err.data) this.retryLater();
    });
    // The hub let us in but could not send the snapshot (its store went away meanwhile): start again.
    this.socket.on('problem', ({ error }) => {
      if (this.synced || error === 'unknown_event') return;
      this.socket.disconnect();
      this.goingOffline();
      this.retryLater();
    });
    this.goingOffline();
  }

  subscribe(listener: (feed: HallFeed<V>) => void): () => void {
    this.listeners.add(listener);
    listener(this);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.offlineTimer);
    this.socket.close();
    this.listeners.clear();
  }

  /** For tests and diagnostics: the underlying socket. */
  get connection(): Socket<ServerToClientEvents, ClientToServerEvents> {
    return this.socket;
  }

  private retryLater(): void {
    if (this.retryTimer || this.closed) return;
    const wait = retryDelay(this.retries++, this.options.retry ?? DEFAULT_RETRY);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.closed && this.status !== 'refused' && !this.socket.connected) this.socket.connect();
    }, wait);
  }

  private onSnapshot(snapshot: SnapshotOf<V>): void {
    this.state = snapshot;
    this.retries = 0;
    this.synced = true;
    this.resyncing = false;
    this.heard();
    const pending = this.buffered;
    this.buffered = [];
    for (const e of pending) this.apply(e);
    this.notify();
  }

  private onCatchUp(events: EventOf<V>[]): void {
    this.retries = 0;
    this.synced = true;
    this.resyncing = false;
    this.heard();
    const pending = this.buffered;
    this.buffered = [];
    for (const e of [...events, ...pending]) this.apply(e);
    this.notify();
  }

  private onLive(event: EventOf<V>): void {
    this.heard();
    if (!this.synced || !this.state) {
      this.buffered.push(event);
      return;
    }
    this.apply(event);
    this.notify();
  }

  private apply(event: EventOf<V>): void {
    const state = this.state;
    if (!state || event.id <= state.lastEventId) return;
    if (this.options.view === 'full' && event.id > state.lastEventId + 1) {
      // A gap: ask for what lies between, keep this event for after.
      this.buffered.push(event);
      if (!this.resyncing) {
        this.resyncing = true;
        this.synced = false;
        this.socket.emit('resync', { lastEventId: state.lastEventId }, () => {});
      }
      return;
    }
    this.state = this.applyEvent(state, event);
    this.options.onEvent?.(event, this.state);
  }

  private heard(): void {
    this.lastHeard = Date.now();
    clearTimeout(this.offlineTimer);
    this.offlineTimer = undefined;
    if (this.synced) this.setStatus('live');
  }

  private goingOffline(): void {
    if (this.status === 'refused' || this.offlineTimer) return;
    this.offlineTimer = setTimeout(() => {
      this.offlineTimer = undefined;
      if (!this.socket.connected || !this.synced) this.setStatus('offline');
    }, this.options.offlineAfterMs ?? 3000);
  }

  private setStatus(status: FeedStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.notify();
  }

  private notify(): void {
    for (const l of this.listeners) l(this);
  }
}
