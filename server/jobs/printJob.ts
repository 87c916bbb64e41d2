/**
 * The print job's contract, shared by the queue (producer) and the worker: its data, its id, and
 * how long it waits between attempts.
 */
import type { TicketPrint } from '../../printer/ticket.js';

export const PRINT_QUEUE = 'print';
export const PRINT_JOB_NAME = 'ticket';
/** The job's backoff type; the worker maps it to `printBackoffDelay`. */
export const PRINT_BACKOFF_TYPE = 'printer-capped';

export interface PrintJobData {
  ticketId: string;
  /** Which kiosk's printer; the worker resolves it with `transportFor`. */
  kioskId: string;
  ticket: TicketPrint;
}

/**
 * One ticket, one job id: adding a job whose id BullMQ already holds is a no-op, so a kiosk that
 * resends its request (a retry after a timeout, a double tap) cannot print a second ticket.
 * BullMQ reserves `:` (its key separator) and refuses ids that look like integers; `%` is escaped
 * too so that two different ticket ids never map to one job id.
 */
export function printJobId(ticketId: string): string {
  return `ticket-${ticketId.replace(/%/g, '%25').replace(/:/g, '%3A')}`;
}

export interface PrintBackoff {
  initialMs: number;
  maxMs: number;
}

/** 1 s, 2 s, 4 s … up to 30 s between attempts: a printer back from a paper change prints within half a minute. */
export const DEFAULT_PRINT_BACKOFF: PrintBackoff = { initialMs: 1000, maxMs: 30_000 };

/** About twelve hours of attempts at the 30 s cap: the printer is retried through the business day. */
export const DEFAULT_PRINT_ATTEMPTS = 1500;

/** `attemptsMade` counts failed attempts so far: 1 after the first failure. */
export function printBackoffDelay(attemptsMade: number, backoff: PrintBackoff): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, attemptsMade - 1));
}
