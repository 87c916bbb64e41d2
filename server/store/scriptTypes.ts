/**
 * The typed boundary to the Lua scripts: each script's payload (ARGV[4], JSON; `hall` is added by
 * HallStore) and what it returns. The script headers (./lua/*.lua) say what each field means and
 * what the script guarantees; these types are what TypeScript holds the callers to.
 */
import type { PriorityClass } from '../domain/ticket.js';
import type { AlertKind } from '../events.js';
import type { Outcome, AwayReason, Rating, RatingChannel, RatingLevel, TicketView, WindowView } from '../protocol.js';

/** What every operation at a window sends: the window, the staffer acting, the hall's classes. */
export interface WindowPayload {
  windowId: string;
  staffId: string;
  classes: readonly PriorityClass[];
}

/** The calling order's rules (server/domain/routing.ts CallingRules, with the class list). */
export interface RankingPayload {
  classes: readonly PriorityClass[];
  classRank: Record<PriorityClass, number>;
  ageingMs: number;
}

export interface IssuePayload extends RankingPayload {
  serviceId: string;
  prefix: string;
  /** The business day, YYYYMMDD. */
  date: string;
  cap: number;
  priority: PriorityClass;
  trackToken: string;
  channel?: 'kiosk' | 'desk';
}

export interface CallNextPayload extends WindowPayload {
  tiers: readonly (readonly string[])[];
  classRank: Record<PriorityClass, number>;
  ageingMs: number;
}

export interface NoShowPayload extends WindowPayload {
  requeueLimit: number;
  requeuePlaces: number;
}

export interface CompletePayload extends WindowPayload {
  outcome: Outcome;
  rateToken: string;
}

export type TransferPayload = WindowPayload & ({ toWindowId: string; toServiceId?: undefined } | { toServiceId: string; toWindowId?: undefined });

export interface SignInPayload extends WindowPayload {
  post: 'A' | 'B';
}

export interface AwayPayload extends WindowPayload {
  reason: AwayReason;
}

export interface CancelPayload {
  ticketId: string;
  trackToken?: string;
  reason: 'citizen' | 'manager';
  classes: readonly PriorityClass[];
}

export interface ClosePayload {
  windowId: string;
  by: string;
}

export interface SweepPayload {
  services: string[];
  windows: string[];
  classes: readonly PriorityClass[];
  date: string;
  beforeDay?: string;
  reason: 'end_of_day' | 'previous_day';
  heldTickets: 'keep' | 'cancel';
  /** Sign out whoever is still signed in (false: only the tickets end; the sign-out window follows). */
  signOut?: boolean;
}

/** alert.lua: raise one alert if its cause still holds, or resolve those whose cause ended (or one the caller says ended). */
export type AlertPayload =
  | ({ op: 'reconcile' } & Partial<WaitRule>)
  | { op: 'resolve'; alertId: string }
  | ({ op: 'raise'; alertId: string; kind: AlertKind; windowId?: string; staffId?: string; serviceId?: string; since?: number; hallId?: string } & Partial<WaitRule>)
  | { op: 'ack'; alertId: string; by: string; note?: string };

/** What alert.lua needs to judge wait_over_target (server/domain/waitTarget.ts): the target and the class queues. */
export interface WaitRule {
  targetMs: number;
  classes: readonly string[];
}

export interface RolloverPayload {
  date: string;
  previousDay: string;
  services: string[];
}

export interface RatePayload {
  ticketId: string;
  rateToken: string;
  level: RatingLevel;
  reasons: string[];
  comment: string;
  channel: RatingChannel;
  windowId?: string;
}

/** What an operation at a window gives back: the ticket and the window as its last event shows them. */
export type TicketAtWindow = { ticket?: TicketView; window?: WindowView };

/** Every mutating script: its payload and, when it succeeds, its reply (beside `ok` and `events`). */
export interface MutatingScripts {
  issue: { payload: IssuePayload; reply: { ticket: TicketView; ahead: number; trackToken: string } };
  call_next: { payload: CallNextPayload; reply: TicketAtWindow };
  recall: { payload: WindowPayload; reply: TicketAtWindow };
  start: { payload: WindowPayload; reply: TicketAtWindow };
  no_show: { payload: NoShowPayload; reply: TicketAtWindow };
  complete: { payload: CompletePayload; reply: TicketAtWindow };
  transfer: { payload: TransferPayload; reply: TicketAtWindow };
  cancel: { payload: CancelPayload; reply: { ticket: TicketView } };
  sign_in: { payload: SignInPayload; reply: { window: WindowView } };
  sign_out: { payload: WindowPayload; reply: { window: WindowView } };
  away: { payload: AwayPayload; reply: { window: WindowView } };
  back: { payload: WindowPayload; reply: { window: WindowView } };
  close: { payload: ClosePayload; reply: { window: WindowView } };
  sweep: { payload: SweepPayload; reply: { count: number } };
  rollover: { payload: RolloverPayload; reply: { date: string } };
  rate: { payload: RatePayload; reply: { ticket: TicketView; rating: Rating } };
  alert: { payload: AlertPayload; reply: { raised?: boolean; why?: 'already' | 'cause_ended' | 'open'; resolved?: number; acknowledged?: boolean } };
}

export type MutatingScript = keyof MutatingScripts;
export type ScriptPayload<N extends MutatingScript> = MutatingScripts[N]['payload'];
export type ScriptReply<N extends MutatingScript> = MutatingScripts[N]['reply'];

/** The scripts an operation at a window runs (commands/windowOperation.ts). */
export type WindowScript = { [N in MutatingScript]: ScriptPayload<N> extends WindowPayload ? N : never }[MutatingScript];

// Read-only and maintenance scripts: payloads (their replies are HallStore's return types).
export interface SnapshotPayload {
  windows: string[];
  services: string[];
  classes: readonly string[];
  /** false: without the waiting tickets (their counts are always there). */
  waiting?: boolean;
}
export interface InitWindowsPayload {
  windows: { id: string; number: number }[];
}
export interface PositionPayload extends Omit<RankingPayload, 'classes' | 'classRank'> {
  ticketIds: readonly string[];
  classes: readonly string[];
  classRank: Record<string, number>;
}
export interface WaitingPayload {
  services: readonly string[];
  classes: readonly string[];
  windows: readonly string[];
}

// Every mutating script (scripts.ts) has its types here, and only those: a compile error otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const everyScriptTyped: Same<(typeof import('./scripts.js').mutatingScripts)[number], MutatingScript> = true;
