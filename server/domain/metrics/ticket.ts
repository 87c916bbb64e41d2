/**
 * One ticket's figures as the metrics count them. Definitions (evaluation-defaults.md §5, §7):
 * - wait (等候时长) = the call − issue (S80), where a ticket re-queued after a no-show counts its
 *   last call, the one the citizen answered; a transferred ticket counts its first call (what came
 *   after is service and a second queue, not the citizen's first wait); the clock stops over the
 *   hall's lunch break (S87);
 * - handling (办理时长) = time in service, summed over the windows that served it (facts.ts);
 * - 等候超时: wait > the hall's target; 办理超时: handling > its service's standard minutes.
 * Pure; reads only the fields in MetricTicket, so the live day's facts and the archive's rows
 * (server/store/archive/monthFacts.ts reads only these columns) are measured by the same code.
 */
import type { RatingLevel } from '../../protocol.js';
import type { TicketFact, TransferStep } from '../facts.js';
import type { HallDays, MetricRules } from './rules.js';

/** The fields of a ticket fact the metrics read (a TicketFact is one). */
export type MetricTicket = Pick<
  TicketFact,
  'ticketId' | 'day' | 'service' | 'status' | 'issuedAt' | 'firstCalledAt' | 'lastCalledAt' | 'finishedAt' | 'handlingSeconds' | 'staffId' | 'windowId' | 'noShows' | 'transfers'
> & {
  rating?: { level: RatingLevel };
  /** Who transferred it, from where (facts.ts transferPath); without it a transfer counts where the ticket ended. */
  transferPath?: readonly Pick<TransferStep, 'staffId' | 'fromWindowId'>[];
};

export interface MeasuredTicket {
  ticket: MetricTicket;
  /** Seconds, lunch excluded; undefined when never called. */
  wait: number | undefined;
  handling: number | undefined;
  waitOverTarget: boolean;
  handlingOverStandard: boolean;
  served: boolean;
  /** Hour of the day it was issued (hall time, 0–23). */
  issuedHour: number;
  /** Hour of the day it ended served, if it was. */
  servedHour: number | undefined;
}

const overlap = (a0: number, a1: number, b0: number, b1: number): number => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/** The moment the wait ends: the answered call (last call unless transferred). */
export const waitEnd = (t: MetricTicket): number | undefined => (t.transfers > 0 ? t.firstCalledAt : (t.lastCalledAt ?? t.firstCalledAt));

/** Seconds waited, the lunch break not counted. */
export function waitSeconds(t: MetricTicket, days: HallDays): number | undefined {
  const end = waitEnd(t);
  if (end === undefined) return undefined;
  const lunch = days.of(t.day).lunch;
  const ms = Math.max(0, end - t.issuedAt) - (lunch ? overlap(t.issuedAt, end, lunch[0], lunch[1]) : 0);
  return ms / 1000;
}

const HOUR = 3_600_000;

export function measure(t: MetricTicket, rules: MetricRules, days: HallDays): MeasuredTicket {
  return measureInto({} as MeasuredTicket, t, rules, days);
}

/** measure() into an object the caller reuses (a month is a million tickets: no garbage per ticket). */
export function measureInto(m: MeasuredTicket, t: MetricTicket, rules: MetricRules, days: HallDays): MeasuredTicket {
  const wait = waitSeconds(t, days);
  const handling = t.handlingSeconds;
  const standard = rules.standardSeconds.get(t.service);
  const served = t.status === 'done';
  const midnight = days.of(t.day).midnight;
  m.ticket = t;
  m.wait = wait;
  m.handling = handling;
  m.waitOverTarget = wait !== undefined && wait > rules.waitTargetSeconds;
  m.handlingOverStandard = handling !== undefined && standard !== undefined && handling > standard;
  m.served = served;
  m.issuedHour = Math.min(23, Math.max(0, Math.floor((t.issuedAt - midnight) / HOUR)));
  m.servedHour = served && t.finishedAt !== undefined ? Math.min(23, Math.max(0, Math.floor((t.finishedAt - midnight) / HOUR))) : undefined;
  return m;
}
