/**
 * Ticket numbers: the service's prefix letter and three digits (A012), restarting at 001 each
 * business day per service, gapless, never past the service's daily cap. The ticket id adds the
 * hall and the day so it is unique for years. server/store/lua/issue.lua executes these
 * atomically (the day's counter is one INCR); tests/engine/calling-order.property.test.ts checks
 * the numbers it gives against these functions.
 */
import { compactDate } from './time.js';

export const formatNumber = (prefix: string, seq: number): string => `${prefix}${String(seq).padStart(3, '0')}`;

/** The day's `seq`-th number of a service is refused past its daily cap (cap_reached). */
export const capReached = (seq: number, cap: number): boolean => seq > cap;

/** The day's sequence of a number: A012 → 12. */
export const sequenceOf = (number: string): number => Number(/(\d+)$/.exec(number)?.[1] ?? 0);

export const ticketId = (hallId: string, date: string, number: string): string =>
  `${hallId}-${compactDate(date)}-${number}`;

/** Global ids: windows and tickets are addressed across halls, so they carry the hall id. */
export const windowId = (hallId: string, number: number): string => `${hallId}-${number}`;

/** The hall a ticket or window id belongs to: the part before the first '-'. */
export const hallOf = (id: string): string => id.slice(0, Math.max(0, id.indexOf('-')));
