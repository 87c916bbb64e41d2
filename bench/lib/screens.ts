/**
 * The screen clients: many socket.io clients in this process, each following one hall (a hall
 * screen) or one window (a window screen), as the real screens do. Each counts what it receives
 * and its bytes, and takes the latency of every ticket.called: its receipt time minus the
 * event's `at` (the sender's clock on the same machine). They reconnect as the pages do
 * (display/lib/hallFeed.ts), so a hub killed and restarted sees them all come back at once.
 */
import { io, type Socket } from 'socket.io-client';
import type { ViewEvent } from '../../server/protocol.js';
import { RECONNECT } from '../../display/lib/hallFeed.js';
import { screenParser, type EventGist } from './screenParser.js';

/** socket.io's framing around an event's JSON on the wire: engine.io's "4", then 2["event", … ]. */
const FRAMING_BYTES = '4'.length + '2["event",'.length + ']'.length;

export interface ScreenSpec {
  hallId: string;
  /** A window screen's window; absent for a hall screen. */
  windowId?: string;
  /** The socket.io handshake `auth`. */
  auth: Record<string, unknown>;
}

interface Screen {
  spec: ScreenSpec;
  socket: Socket;
  lastId: number;
  called: number;
  messages: number;
  repeats: number;
  /** Events of another hall, or (a window screen) of another window. */
  foreign: number;
  disconnects: number;
  /** Bytes of the measured events, framing included. */
  bytes: number;
  /** When it last became ready (its snapshot, or connected on the floor). */
  readyAt: number;
}

export interface FleetResult {
  /** Latency of every measured ticket.called at every screen (ms), ascending. */
  latencies: number[];
  /** Every event received by every screen, measured period only. */
  messages: number;
  /** Screens that did not receive exactly the measured calls made for them. */
  missed: { screen: string; expected: number; received: number }[];
  /** Events received twice (same id) by a screen. */
  repeats: number;
  /** Events a screen received that it does not follow (another hall, another window). */
  foreign: number;
  disconnects: number;
  /** Why screens were disconnected (socket.io's reason), and how many each. */
  disconnectReasons: Record<string, number>;
  /** Bytes the hall screens and the window screens received in the measured period, and the calls made for them. */
  bytes: { hall: number; hallCalls: number; window: number; windowCalls: number };
}

/** After a server was killed at `since`: when each screen was ready again (ms after it), and how many never were. */
export interface StormResult {
  backMs: number[];
  notBack: number;
}

export class ScreenFleet {
  private readonly screens: Screen[] = [];
  private measureFrom = Number.POSITIVE_INFINITY;
  private readonly latencies: number[] = [];
  private readonly disconnectReasons: Record<string, number> = {};

  /**
   * @param ready the first message that says a screen is in its rooms: the hub's `snapshot`, or
   *   `connect` for the floor (which joins rooms in its connection handler, before any emit).
   * @param tap sees every event the first screen receives (to capture payloads and timings).
   * @param stockParser decode every event whole with socket.io's own parser (see screenParser.ts).
   */
  constructor(
    private readonly url: string,
    private readonly specs: ScreenSpec[],
    private readonly ready: 'snapshot' | 'connect',
    private readonly tap?: (event: ViewEvent, screen: 'hall' | 'window') => void,
    private readonly stockParser = false,
  ) {}

  /** Connect every screen, `concurrency` at a time; resolves when all are ready. */
  async connect(concurrency = 100): Promise<void> {
    let next = 0;
    const one = (spec: ScreenSpec, index: number) =>
      new Promise<void>((ok, fail) => {
        const socket = io(this.url, {
          auth: spec.auth,
          transports: ['websocket'],
          forceNew: true,
          // As the pages (display/lib/hallFeed.ts): back as soon as the server is.
          ...RECONNECT,
          timeout: 30_000,
          ...(this.stockParser ? {} : { parser: screenParser }),
        });
        const screen: Screen = { spec, socket, lastId: 0, called: 0, messages: 0, repeats: 0, foreign: 0, disconnects: 0, bytes: 0, readyAt: 0 };
        this.screens.push(screen);
        const tapAs: 'hall' | 'window' | undefined = this.tap && index === this.specs.findIndex((s) => !s.windowId === !spec.windowId) ? (spec.windowId ? 'window' : 'hall') : undefined;
        socket.once(this.ready, () => ok());
        socket.on(this.ready, () => (screen.readyAt = Date.now()));
        socket.once('connect_error', (err: Error) => fail(new Error(`screen ${label(spec)}: ${err.message}`)));
        socket.on('disconnect', (reason: string) => {
          screen.disconnects++;
          this.disconnectReasons[reason] = (this.disconnectReasons[reason] ?? 0) + 1;
        });
        socket.on('event', (received: ViewEvent | EventGist) => {
          const receivedAt = Date.now();
          const event = received as { id: number; at: number; type: string };
          const windowId = 'text' in received ? received.windowId : 'window' in received ? received.window?.id : undefined;
          if (tapAs) this.tap!('text' in received ? (JSON.parse(received.text) as ViewEvent) : received, tapAs);
          if (event.id <= screen.lastId) {
            screen.repeats++;
            return;
          }
          screen.lastId = event.id;
          if (event.at < this.measureFrom) return;
          screen.messages++;
          screen.bytes += FRAMING_BYTES + Buffer.byteLength('text' in received ? received.text : JSON.stringify(received));
          // Screens hear only their own view: no hall's but their own (window ids start with the hall's), no other window.
          if (windowId && (spec.windowId ? windowId !== spec.windowId : !windowId.startsWith(`${spec.hallId}-`))) screen.foreign++;
          if (event.type === 'ticket.called') {
            screen.called++;
            this.latencies.push(receivedAt - event.at);
          }
        });
      });
    const worker = async () => {
      while (next < this.specs.length) {
        const i = next++;
        await one(this.specs[i]!, i);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, this.specs.length) }, worker));
  }

  /** Count events whose `at` is at or after this epoch ms. */
  measure(from: number): void {
    this.measureFrom = from;
  }

  /** Wait until every screen holds the measured calls made for it, or `ms`. */
  async drain(expected: (spec: ScreenSpec) => number, ms: number): Promise<void> {
    const want = this.screens.reduce((n, s) => n + expected(s.spec), 0);
    const end = Date.now() + ms;
    while (this.latencies.length < want && Date.now() < end) await new Promise((ok) => setTimeout(ok, 20));
  }

  /** Wait until every screen is ready again after `since` (a server killed then), or `ms`. */
  async storm(since: number, ms: number): Promise<StormResult> {
    const end = Date.now() + ms;
    const back = () => this.screens.filter((s) => s.readyAt >= since).length;
    while (back() < this.screens.length && Date.now() < end) await new Promise((ok) => setTimeout(ok, 10));
    const backMs = this.screens.filter((s) => s.readyAt >= since).map((s) => s.readyAt - since);
    return { backMs: backMs.sort((a, b) => a - b), notBack: this.screens.length - backMs.length };
  }

  /** @param expected how many measured calls a screen should have seen. */
  result(expected: (spec: ScreenSpec) => number): FleetResult {
    const missed = this.screens
      .map((s, i) => ({ screen: `${label(s.spec)} (#${i})`, expected: expected(s.spec), received: s.called }))
      .filter((m) => m.received !== m.expected);
    return {
      latencies: [...this.latencies].sort((a, b) => a - b),
      messages: this.screens.reduce((n, s) => n + s.messages, 0),
      missed,
      repeats: this.screens.reduce((n, s) => n + s.repeats, 0),
      foreign: this.screens.reduce((n, s) => n + s.foreign, 0),
      disconnects: this.screens.reduce((n, s) => n + s.disconnects, 0),
      disconnectReasons: this.disconnectReasons,
      bytes: {
        hall: sum(this.screens.filter((s) => !s.spec.windowId).map((s) => s.bytes)),
        hallCalls: sum(this.screens.filter((s) => !s.spec.windowId).map((s) => expected(s.spec))),
        window: sum(this.screens.filter((s) => s.spec.windowId).map((s) => s.bytes)),
        windowCalls: sum(this.screens.filter((s) => s.spec.windowId).map((s) => expected(s.spec))),
      },
    };
  }

  close(): void {
    for (const s of this.screens) s.socket.close();
  }
}

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
const label = (spec: ScreenSpec) => (spec.windowId ? `window screen ${spec.windowId}` : `hall screen of ${spec.hallId}`);
