/**
 * A live feed of one hall for a screen, counter or phone: connects to the hub, takes a snapshot
 * or the events it missed, applies live events in order, and says when it is offline.
 *
 * Guarantees (tests/hub/socket*.test.ts): across a reconnect or a hub restart no event is lost
 * or applied twice — the client sends its last event id and the hub answers with what came after.
 * A hall-scoped feed also checks ids are contiguous and asks for a resync on a gap.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HallEvent, HallSnapshot, ServerToClientEvents, SocketAuth } from '../../server/protocol.js';
import { applyEvent } from './hallState.js';

export interface FeedOptions {
  /** Hub address; default: the page's own origin. */
  url?: string;
  auth: Omit<SocketAuth, 'lastEventId'>;
  /** 'hall' feeds receive every event and check ids are contiguous; others receive a subset. */
  scope: 'hall' | 'window' | 'ticket';
  /** Shown offline after this long without the hub (default 3 s). */
  offlineAfterMs?: number;
  /** Called for each event applied (after the state changed): announcers, alerts. */
  onEvent?: (event: HallEvent, state: HallSnapshot) => void;
  /** Called when the hub refuses the connection (bad token): a screen shows it, it does not retry. */
  onRefused?: (error: string, message: string) => void;
  /** Called when the hub ends this staff session (another terminal took the desk over): no retry. */
  onSessionEnded?: (reason: string) => void;
  /** Called when an admin changed the hall's configuration (applied live): refetch what was read of it. */
  onConfig?: (revision: number) => void;
  /** socket.io-client options for tests (e.g. transports). */
  socketOptions?: Record<string, unknown>;
}

export type FeedStatus = 'connecting' | 'live' | 'offline' | 'refused';

export class HallFeed {
  state: HallSnapshot | null = null;
  status: FeedStatus = 'connecting';
  /** When the hub was last heard from (ms); a screen shows data age when offline. */
  lastHeard = 0;
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly listeners = new Set<(feed: HallFeed) => void>();
  private buffered: HallEvent[] = [];
  private synced = false;
  private offlineTimer: ReturnType<typeof setTimeout> | undefined;
  private resyncing = false;

  constructor(private readonly options: FeedOptions) {
    this.socket = io(options.url ?? '', {
      // The auth callback runs on every (re)connect, so the hub always hears our latest id.
      auth: (cb) => cb({ ...options.auth, ...(this.state ? { lastEventId: this.state.lastEventId } : {}) }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
      ...options.socketOptions,
    });
    this.socket.on('connect', () => {
      this.synced = false;
      this.buffered = [];
    });
    this.socket.on('snapshot', (s) => this.onSnapshot(s));
    this.socket.on('catchUp', (events) => this.onCatchUp(events));
    this.socket.on('event', (e) => this.onLive(e));
    this.socket.on('disconnect', () => this.goingOffline());
    this.socket.on('config', ({ revision }) => options.onConfig?.(revision));
    this.socket.on('sessionEnded', ({ reason }) => {
      this.socket.disconnect();
      this.setStatus('refused');
      options.onSessionEnded?.(reason);
    });
    this.socket.on('connect_error', (err: Error & { data?: { error?: string } }) => {
      const code = err.data?.error;
      if (code === 'unauthorized' || code === 'taken_over' || code === 'forbidden' || code === 'bad_request' || code === 'not_found') {
        this.socket.disconnect();
        this.setStatus('refused');
        options.onRefused?.(code, err.message);
      } else this.goingOffline();
    });
    this.goingOffline();
  }

  subscribe(listener: (feed: HallFeed) => void): () => void {
    this.listeners.add(listener);
    listener(this);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    clearTimeout(this.offlineTimer);
    this.socket.close();
    this.listeners.clear();
  }

  /** For tests and diagnostics: the underlying socket. */
  get connection(): Socket<ServerToClientEvents, ClientToServerEvents> {
    return this.socket;
  }

  private onSnapshot(snapshot: HallSnapshot): void {
    this.state = snapshot;
    this.synced = true;
    this.resyncing = false;
    this.heard();
    const pending = this.buffered;
    this.buffered = [];
    for (const e of pending) this.apply(e);
    this.notify();
  }

  private onCatchUp(events: HallEvent[]): void {
    this.synced = true;
    this.resyncing = false;
    this.heard();
    const pending = this.buffered;
    this.buffered = [];
    for (const e of [...events, ...pending]) this.apply(e);
    this.notify();
  }

  private onLive(event: HallEvent): void {
    this.heard();
    if (!this.synced || !this.state) {
      this.buffered.push(event);
      return;
    }
    this.apply(event);
    this.notify();
  }

  private apply(event: HallEvent): void {
    const state = this.state;
    if (!state || event.id <= state.lastEventId) return;
    if (this.options.scope === 'hall' && event.id > state.lastEventId + 1) {
      // A gap: ask for what lies between, keep this event for after.
      this.buffered.push(event);
      if (!this.resyncing) {
        this.resyncing = true;
        this.synced = false;
        this.socket.emit('resync', { lastEventId: state.lastEventId }, () => {});
      }
      return;
    }
    this.state = applyEvent(state, event);
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
