/**
 * Ticket numbers: the service's prefix letter and three digits (A012), restarting at 001 each
 * business day per service. The ticket id adds the hall and the day so it is unique for years.
 */
import { compactDate } from './time.js';

export const formatNumber = (prefix: string, seq: number): string => `${prefix}${String(seq).padStart(3, '0')}`;

export const ticketId = (hallId: string, date: string, number: string): string =>
  `${hallId}-${compactDate(date)}-${number}`;

/** Global ids: windows and tickets are addressed across halls, so they carry the hall id. */
export const windowId = (hallId: string, number: number): string => `${hallId}-${number}`;

/** The hall a ticket or window id belongs to: the part before the first '-'. */
export const hallOf = (id: string): string => id.slice(0, Math.max(0, id.indexOf('-')));
