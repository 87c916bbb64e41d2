/** The simulator's options, its counters and its per-ticket log. */
import type { PriorityClass } from '../config.js';
import type { Outcome, RefusalReason } from '../protocol.js';

export interface SimulatorOptions {
  /** Virtual minutes per real minute: 1 = real time, 20 = a 9-hour day in 27 minutes. Default 1. */
  speed?: number;
  /** Virtual time of day the run starts at, in 08:30–17:29. Default "08:30". */
  startAt?: string;
  /** Seed of every random draw: the same seed, driven by the same clock, makes the same decisions. Default 1. */
  seed?: number | string;
  /** Halls to bring to life. Default: every hall of the context. */
  hallIds?: string[];
  /** Window ids the simulator never touches (left free for a person at a counter terminal). Default: window 1 of each hall. */
  leaveWindows?: string[];
  /** Tickets per virtual day, by hall id. Default: what the staffed windows can take at ~80 % load. */
  dailyTickets?: Record<string, number>;
  /** Relative weight of each service id (replaces the default mix, which follows window capacity). */
  serviceWeights?: Record<string, number>;
  /**
   * May the A post of a left-free window cover for a colleague as B post (AB岗) while nobody uses
   * that window? Default true: with the demo's posts they are the only staff free to cover.
   */
  borrowLeaveStaff?: boolean;
  /** Real milliseconds between two steps of the timer driver. Default 100. */
  tickMs?: number;
  /** Most tickets kept in the log (oldest dropped first). Default 100,000. */
  logLimit?: number;
  /** Keep a line per decision (for reproducibility checks). Default false. */
  trace?: boolean;
}

export type TicketFate = 'waiting' | 'called' | 'serving' | 'done' | 'missed';

/** One ticket's life as the simulator saw it. Engine times are epoch ms (ctx.clock); `…V` are virtual minutes. */
export interface TicketRecord {
  ticketId: string;
  number: string;
  hallId: string;
  serviceId: string;
  priority: PriorityClass;
  /** Tickets ahead when issued, as issueTicket answered; null for a ticket the simulator did not issue. */
  ahead: number | null;
  issuedAt: number;
  issuedAtV: number | null;
  /** First call (a no-show or a transfer calls it again; `calls` counts them). */
  calledAt?: number;
  calledAtV?: number;
  startedAt?: number;
  startedAtV?: number;
  finishedAt?: number;
  finishedAtV?: number;
  windowId?: string;
  fate: TicketFate;
  outcome?: Outcome;
  calls: number;
  recalls: number;
  noShows: number;
  transfers: number;
}

export interface SimStats {
  /** Virtual minutes since 08:30 of the first day, and the same as "day N HH:MM". */
  virtualMinutes: number;
  virtualTime: string;
  issued: number;
  called: number;
  recalls: number;
  started: number;
  /** Handlings finished with an outcome (any of them); `outcomes` splits them. */
  completed: number;
  outcomes: Record<Outcome, number>;
  /** 过号 marked; `missed` of them were past the re-queue limit. */
  noShows: number;
  missed: number;
  transfers: number;
  pauses: number;
  /** Pauses during which the B post signed in and covered. */
  covers: number;
  /** Tickets the simulator issued that wait now. */
  waiting: number;
  /** Refusals by reason; the simulator carries on after each. */
  refusals: Partial<Record<RefusalReason, number>>;
  /** Exceptions (e.g. Redis unreachable), carried on after too. */
  errors: number;
  lastError?: string;
}
