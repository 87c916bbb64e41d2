/**
 * The live store as commands and the hub's extensions see it: operations by name with typed
 * payloads (scriptTypes.ts), and the reads they need. HallStore (Redis and its Lua scripts) is the
 * implementation; nothing outside server/store knows a key or a script's wire format.
 */
import type { LiveDayPlan } from '../domain/liveDay.js';
import type { Waiting } from '../domain/routing.js';
import type { PriorityClass } from '../domain/ticket.js';
import type { HallEvent, HallSnapshot } from '../protocol.js';
import type { Position, PrinterStatusKept, Ranking, Result } from './hallStore.js';
import type { MutatingScript, ScriptPayload, ScriptReply } from './scriptTypes.js';

export interface LiveStore {
  /** Run an operation atomically (its script); a repeat of a request id returns the first result. */
  exec<N extends MutatingScript>(name: N, hallId: string, now: number, requestId: string | undefined, payload: ScriptPayload<N>, asked?: unknown): Promise<Result<ScriptReply<N>>>;
  initWindows(hallId: string, windows: { id: string; number: number }[]): Promise<number>;
  snapshot(hallId: string, layout: { windows: string[]; services: string[]; classes: readonly string[]; waiting?: boolean }): Promise<HallSnapshot>;
  lastEventId(hallId: string): Promise<number>;
  eventsAfter(hallId: string, afterId: number, limit: number): Promise<HallEvent[] | null>;
  eventsNewestFirst(hallId: string, beforeId: number | undefined, limit: number): Promise<HallEvent[]>;
  streamAfter(hallId: string, afterId: number, limit: number): Promise<{ json: string; secrets?: string }[]>;
  restore(plan: LiveDayPlan, layout: { services: string[]; classes: readonly string[]; windowIds: string[]; staffIds: string[] }, force?: boolean): Promise<{ restored: boolean; previousLastEventId: number }>;
  trimStream(hallId: string, minId: number): Promise<number>;
  forgetTickets(hallId: string, ticketIds: string[]): Promise<number>;
  position(hallId: string, ticketId: string, ranking: Ranking, now: number): Promise<Position | null>;
  positions(hallId: string, ticketIds: readonly string[], ranking: Ranking, now: number): Promise<(Position | null)[]>;
  waitingPlaces(hallId: string, layout: { services: readonly string[]; classes: readonly PriorityClass[]; windowIds: readonly string[] }): Promise<Waiting[]>;
  /** How many wait for each service (its transfers and class queues). */
  waitingCounts(hallId: string, services: readonly string[], classes: readonly string[]): Promise<Map<string, number>>;
  /** The ticket a window holds now, for a rule a command checks before its script runs. */
  windowTicket(hallId: string, windowId: string): Promise<{ id: string; calledAt?: number; recalls: number } | null>;
  firstEventId(hallId: string): Promise<number | undefined>;
  awaySince(hallId: string, staffId: string): Promise<number | undefined>;
  printerStatus(hallId: string, kioskId: string): Promise<string | null>;
  /** Keep a printer's state when it changed; true when it did (exactly one caller per change is told). */
  savePrinterStatus(hallId: string, kioskId: string, kept: PrinterStatusKept, ttlSeconds: number): Promise<boolean>;
  /** The pub/sub channel every event of the hall is published on. */
  channel(hallId: string): string;
}
