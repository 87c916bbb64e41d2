/**
 * The rhythm of a county centre's day, as the simulator plays it: when citizens come, what they
 * come for, how long each step takes. Pure numbers and functions, no I/O.
 *
 * Virtual time is counted in minutes of hall time since 08:30 of the first simulated day, and
 * the day cycles through 08:30–17:30: minute 0 is 08:30 of day 0, minute 540 is 08:30 of day 1.
 */
import type { Hall } from '../domain/hall.js';
import { clockMinutes } from '../domain/time.js';
import type { Outcome, AwayReason } from '../domain/ticket.js';
import type { PriorityClass } from '../config.js';
import type { Rng } from './random.js';

export const DAY_OPEN = clockMinutes('08:30');
export const DAY_CLOSE = clockMinutes('17:30');
export const DAY_LENGTH = DAY_CLOSE - DAY_OPEN;

/** Virtual minute of a wall-clock time on day 0: "08:30" → 0, "10:00" → 90. */
export function virtualMinuteOf(hhmm: string): number {
  const m = clockMinutes(hhmm);
  if (!/^\d{2}:\d{2}$/.test(hhmm) || m < DAY_OPEN || m >= DAY_CLOSE) throw new RangeError(`startAt must be a time in 08:30–17:29, not "${hhmm}"`);
  return m - DAY_OPEN;
}

export const virtualDay = (v: number): number => Math.floor(v / DAY_LENGTH);
/** Minutes since midnight of the virtual time-of-day. */
export const timeOfDay = (v: number): number => DAY_OPEN + (v - virtualDay(v) * DAY_LENGTH);

export function formatVirtual(v: number): string {
  const m = Math.floor(timeOfDay(v));
  return `day ${virtualDay(v) + 1} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * Relative arrival rate over the day (1 = the day's average): a quiet opening, the morning peak
 * 9–11, the lunch dip 12–13:30, the afternoon peak 14:30–16, and a tail as issuing stops.
 */
const PROFILE: readonly (readonly [string, string, number])[] = [
  ['08:30', '09:00', 0.8],
  ['09:00', '10:00', 1.4],
  ['10:00', '11:00', 1.45],
  ['11:00', '11:30', 1.15],
  ['11:30', '12:00', 0.8],
  ['12:00', '13:30', 0.4],
  ['13:30', '14:30', 0.95],
  ['14:30', '15:00', 1.3],
  ['15:00', '16:00', 1.4],
  ['16:00', '16:30', 1.0],
  ['16:30', '17:00', 0.6],
  ['17:00', '17:30', 0.2],
];
const SPANS = PROFILE.map(([from, to, w]) => ({ from: clockMinutes(from), to: clockMinutes(to), w }));
const WEIGHTED_MINUTES = SPANS.reduce((sum, s) => sum + (s.to - s.from) * s.w, 0);
const PEAK_WEIGHT = Math.max(...SPANS.map((s) => s.w));

export function profileWeight(v: number): number {
  const m = timeOfDay(v);
  return SPANS.find((s) => m >= s.from && m < s.to)?.w ?? 0;
}

/** Citizens per virtual minute at virtual time v, for a hall that sees `dailyTickets` a day. */
export const arrivalRate = (dailyTickets: number, v: number): number => (dailyTickets * profileWeight(v)) / WEIGHTED_MINUTES;
/** The highest rate of the day (the bound the arrival process is thinned from). */
export const peakArrivalRate = (dailyTickets: number): number => (dailyTickets * PEAK_WEIGHT) / WEIGHTED_MINUTES;

/**
 * Handling time: log-normal with its median at 60 % of the service's standard minutes and σ 0.5,
 * so about one handling in seven runs over the standard (办理超时) — the standard is a ceiling
 * staff usually stay under, not the typical time.
 */
const HANDLING_MEDIAN = 0.5;
const HANDLING_SIGMA = 0.5;
export const handlingMinutes = (rng: Rng, standardMinutes: number): number =>
  Math.min(4 * standardMinutes, Math.max(0.3, rng.logNormal(HANDLING_MEDIAN * standardMinutes, HANDLING_SIGMA)));
const meanHandling = (standardMinutes: number): number => HANDLING_MEDIAN * standardMinutes * Math.exp((HANDLING_SIGMA * HANDLING_SIGMA) / 2);

/** From the call to the counter: a short walk across the hall. */
export const walkMinutes = (rng: Rng): number => Math.min(3, Math.max(0.2, rng.logNormal(0.6, 0.5)));
/** Between finishing one citizen and pressing "next". */
export const turnaroundMinutes = (rng: Rng): number => rng.between(0.1, 0.4);
/** Time-per-ticket a window spends beyond handling (call, walk, turnaround). */
const OVERHEAD_MINUTES = 0.9;

/** Share of citizens who took a number and are gone when called (recall once, then 过号). */
export const ABSENT_SHARE = 0.04;
/** Share of handlings that end in a transfer (转窗/转办) rather than an outcome. */
export const TRANSFER_SHARE = 0.03;
/** A recall comes this long after an unanswered call; the no-show this long after the recall. */
export const RECALL_AFTER = 1;
export const NO_SHOW_AFTER = 1;
/** An idle window with nothing to call looks again this often (tickets the simulator did not issue). */
export const IDLE_POLL = 2;
/** After a refusal, an actor waits this long before trying again. */
export const BACK_OFF = 5;

export function priorityOf(rng: Rng): PriorityClass {
  const r = rng.next();
  // ~8 % 绿色通道 (older people, disabled people, servicemen, pregnant women), ~5 % 预约.
  return r < 0.08 ? 'priority' : r < 0.13 ? 'appointment' : 'normal';
}

const OUTCOMES: readonly (readonly [Outcome, number])[] = [
  ['completed', 0.8],
  ['accepted', 0.09],
  ['notice', 0.05],
  ['consultation', 0.04],
  ['proxy', 0.02],
];

/** 办结 mostly; a help desk's handlings are mostly 咨询, a pickup counter's all 办结. */
export function outcomeOf(rng: Rng, serviceName: string): Outcome {
  if (/出件|取件/.test(serviceName)) return 'completed';
  if (/咨询|导办/.test(serviceName)) return rng.chance(0.85) ? 'consultation' : 'completed';
  return rng.pick(OUTCOMES, ([, w]) => w)[0];
}

export interface PlannedPause {
  at: number;
  minutes: number;
  reason: AwayReason;
}

/** A staffer's pauses on virtual day `day`: a meal in turns over lunch, now and then a meeting or an errand. */
export function planPauses(rng: Rng, day: number): PlannedPause[] {
  const base = day * DAY_LENGTH - DAY_OPEN;
  const at = (from: string, to: string): number => base + rng.between(clockMinutes(from), clockMinutes(to));
  const pauses: PlannedPause[] = [];
  if (rng.chance(0.5)) pauses.push({ at: at('11:40', '13:00'), minutes: rng.between(20, 40), reason: 'meal' });
  if (rng.chance(0.12)) pauses.push({ at: at('09:30', '11:00'), minutes: rng.between(30, 60), reason: 'meeting' });
  if (rng.chance(0.08)) pauses.push({ at: at('14:00', '16:30'), minutes: rng.between(15, 30), reason: 'errand' });
  return pauses.sort((a, b) => a.at - b.at);
}

/**
 * How popular a service is beyond what its windows can take: 社保 draws the longest queues; the
 * rest keep up. Matched on the service's name so any hall's configuration gets a sensible mix.
 */
function popularity(serviceName: string): number {
  if (/社保|医保/.test(serviceName)) return 1.2;
  if (/出件|取件|咨询|导办/.test(serviceName)) return 1.05;
  return 0.95;
}
/** Average load the simulator aims for: lively, with queues at the peaks that drain at lunch. */
const TARGET_UTILISATION = 0.85;

export interface ServiceMix {
  /** Services with their expected tickets per virtual day. */
  services: { id: string; name: string; standardMinutes: number; perDay: number }[];
  dailyTickets: number;
}

/**
 * What citizens come for. Each service's daily count follows the window time the staffed windows
 * give it (a window's first tier shares its day, a lower tier gets a little), times its
 * popularity — so no queue grows without end, whatever the hall's layout and which windows are
 * left to people. `weights` (by service id) overrides the mix; `dailyTickets` the total.
 */
export function serviceMix(hall: Hall, staffedWindows: readonly string[], weights?: Record<string, number>, dailyTickets?: number): ServiceMix {
  const windowMinutes = new Map<string, number>();
  for (const id of staffedWindows) {
    const tiers = hall.windows.get(id)?.tiers ?? [];
    tiers.forEach((tier, i) => {
      const share = (i === 0 ? DAY_LENGTH : 0.1 * DAY_LENGTH) / tier.length;
      for (const svc of tier) windowMinutes.set(svc, (windowMinutes.get(svc) ?? 0) + share);
    });
  }
  const services = hall.config.services.map((s) => {
    const capacity = (windowMinutes.get(s.id) ?? 0) / (meanHandling(s.standardMinutes) + OVERHEAD_MINUTES);
    return { id: s.id, name: s.name, standardMinutes: s.standardMinutes, perDay: TARGET_UTILISATION * popularity(s.name) * capacity };
  });
  const sum = (f: (s: (typeof services)[number]) => number): number => services.reduce((total, s) => total + f(s), 0);
  const wanted = dailyTickets ?? sum((s) => s.perDay);
  if (weights) {
    const weightSum = sum((s) => weights[s.id] ?? 0);
    for (const s of services) s.perDay = weightSum > 0 ? (wanted * (weights[s.id] ?? 0)) / weightSum : 0;
  } else {
    const total = sum((s) => s.perDay);
    for (const s of services) s.perDay = total > 0 ? (s.perDay * wanted) / total : 0;
  }
  const offered = services.filter((s) => s.perDay > 0);
  return { services: offered, dailyTickets: offered.reduce((total, s) => total + s.perDay, 0) };
}
