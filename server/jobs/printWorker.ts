/**
 * The consumer side of printing: lays the ticket out, hands it to the kiosk's printer, and keeps
 * retrying an unreachable or unready printer until it prints. Every failure and the recovery after
 * it go to `onStatus`, so the manager's dashboard can show which kiosk is out of paper.
 *
 * With a `backlog` (the hub always gives one), a job prints its kiosk's whole backlog, oldest
 * first, under a lease on the printer shared by every hub: after an outage, whichever job finds
 * the printer back prints what is owed in the order of issue, each ticket as
 * server/domain/ticketPrinting.ts decides (补打 with the position now, or not at all), and the other
 * jobs find their ticket done. Each ticket is claimed ('sending') before its bytes go out and
 * settled after: a job run again after a hub died mid-print never prints a ticket twice unmarked.
 */
import { randomBytes } from 'node:crypto';
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { PrintClaim } from '../domain/ticketPrinting.js';
import { asError, log } from '../log.js';
import type { PrintLedger } from '../store/printLedger.js';
import { watchWorker, withJobLog } from './jobLog.js';
import type { TicketPrint } from '../../printer/ticket.js';
import { PrinterNotReadyError, type PrinterTransport } from '../../printer/transport.js';
import type { PrinterStatus } from '../../printer/status.js';
import { DEFAULT_PRINT_BACKOFF, PRINT_BACKOFF_TYPE, PRINT_QUEUE, printBackoffDelay, type PrintBackoff, type PrintJobData } from './printJob.js';

export interface PrintWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  transportFor(kioskId: string): PrinterTransport | Promise<PrinterTransport>;
  onStatus?(kioskId: string, status: PrinterStatus): void | Promise<void>;
  backoff?: PrintBackoff;
  /** Tickets printed at once, across kiosks; one kiosk's printer gets one ticket at a time. */
  concurrency?: number;
  backlog?: PrintBacklog;
}

export interface PrintBacklog {
  ledger: PrintLedger;
  /** The hall of a kiosk (its ledger keys live under it); undefined for a kiosk no longer configured. */
  hallOf(kioskId: string): string | undefined;
  /** The ticket as it prints now, or null when it is not to be printed (no longer waiting, done). */
  prepare(hallId: string, ticketId: string, ticket: TicketPrint, claim: PrintClaim): Promise<TicketPrint | null>;
  /** How long a worker holds a kiosk's printer without renewing (default 30 s). */
  leaseMs?: number;
}

/** Another hub's worker is printing this kiosk's backlog now: this job tries again shortly. */
export class PrinterBusyError extends Error {}

/** The send failed before any byte could reach the printer (it said not ready, or refused the connection). */
const nothingSent = (err: unknown): boolean =>
  err instanceof PrinterNotReadyError || /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOENT|refused/.test(err instanceof Error ? err.message : String(err));

const READY: PrinterStatus = { online: true, paperOut: false, coverOpen: false };

// The ticket layout (receiptline) is loaded with the first ticket to print: a hub
// whose halls have no printer never loads it.
let layoutModule: Promise<typeof import('../../printer/ticket.js')> | undefined;
const ticketLayout = () => (layoutModule ??= import('../../printer/ticket.js'));

export function startPrintWorker(options: PrintWorkerOptions): Worker<PrintJobData> {
  const backoff = options.backoff ?? DEFAULT_PRINT_BACKOFF;
  const failing = new Set<string>();
  const lanes = new Map<string, Promise<unknown>>();

  const report = async (kioskId: string, status: PrinterStatus) => {
    // A broken status listener must not fail, and so reprint, a ticket that did print.
    try {
      await options.onStatus?.(kioskId, status);
    } catch (err) {
      log().error({ kioskId, err: asError(err) }, 'print: recording the printer status failed');
    }
  };

  // Printers take one connection at a time; a second ticket racing the first would be refused
  // and reported as a fault. Within this process, a kiosk's tickets go out one after another.
  const inLane = <T>(kioskId: string, task: () => Promise<T>): Promise<T> => {
    const run = (lanes.get(kioskId) ?? Promise.resolve()).catch(() => {}).then(task);
    lanes.set(kioskId, run);
    void run.finally(() => lanes.get(kioskId) === run && lanes.delete(kioskId)).catch(() => {});
    return run;
  };

  const owner = randomBytes(9).toString('base64url');

  /** Print the kiosk's backlog, oldest first, holding its printer's lease. */
  const printBacklog = async (backlog: PrintBacklog, job: PrintJobData): Promise<void> => {
    const { kioskId } = job;
    const hallId = backlog.hallOf(kioskId);
    if (!hallId) throw new UnrecoverableError(`kiosk ${kioskId} is not in the configuration`);
    const { ledger } = backlog;
    const leaseMs = backlog.leaseMs ?? 30_000;
    // A job queued before the ledger existed (or whose add was lost) joins the backlog first.
    await ledger.add(hallId, kioskId, job.ticketId, job.ticket);
    if (!(await ledger.lease(hallId, kioskId, owner, leaseMs))) throw new PrinterBusyError(`kiosk ${kioskId}: another hub is printing its tickets`);
    try {
      for (const { ticketId, ticket: laidOut } of await ledger.backlog(hallId, kioskId)) {
        if (!(await ledger.lease(hallId, kioskId, owner, leaseMs))) throw new PrinterBusyError(`kiosk ${kioskId}: the printer's lease was lost`);
        const claim = await ledger.claim(hallId, ticketId);
        const ticket = laidOut && (await backlog.prepare(hallId, ticketId, laidOut, claim));
        if (!ticket) {
          await ledger.settle(hallId, kioskId, ticketId, claim === 'done' ? 'printed' : 'skipped');
          continue;
        }
        const layout = await ticketLayout();
        let bytes: Buffer;
        try {
          bytes = layout.ticketEscPos(ticket);
        } catch (err) {
          // Bad ticket data fails the same way every time: give it up, print the rest.
          log().error({ kioskId, ticketId, err: asError(err) }, 'print: the ticket cannot be laid out; skipped');
          await ledger.settle(hallId, kioskId, ticketId, 'skipped');
          continue;
        }
        try {
          const transport = await options.transportFor(kioskId);
          await transport.send(bytes, ticketId, () => layout.ticketSvg(ticket));
        } catch (err) {
          // Nothing went out: as if never sent. Otherwise 'sending' stays, and a copy says 补打.
          if (nothingSent(err)) await ledger.unsent(hallId, ticketId);
          throw err;
        }
        await ledger.settle(hallId, kioskId, ticketId, 'printed');
      }
    } finally {
      await ledger.release(hallId, kioskId, owner).catch(() => {});
    }
  };

  const worker = new Worker<PrintJobData>(
    PRINT_QUEUE,
    withJobLog(PRINT_QUEUE, async (job: Job<PrintJobData>) => {
      const { ticketId, kioskId, ticket } = job.data;
      const backlog = options.backlog;
      if (backlog) {
        try {
          await inLane(kioskId, () => printBacklog(backlog, job.data));
        } catch (err) {
          if (err instanceof PrinterBusyError || err instanceof UnrecoverableError) throw err;
          failing.add(kioskId);
          await report(kioskId, statusOf(err));
          throw err;
        }
        const recovered = failing.delete(kioskId);
        if (recovered || job.attemptsMade > 0) await report(kioskId, READY);
        return;
      }
      const layout = await ticketLayout();
      let bytes: Buffer;
      try {
        bytes = layout.ticketEscPos(ticket);
      } catch (err) {
        // Bad ticket data (an unknown time zone) fails the same way on every attempt: stop now.
        throw new UnrecoverableError(`ticket ${ticketId} cannot be laid out: ${(err as Error).message}`);
      }
      try {
        await inLane(kioskId, async () => {
          const transport = await options.transportFor(kioskId);
          await transport.send(bytes, ticketId, () => layout.ticketSvg(ticket));
        });
      } catch (err) {
        failing.add(kioskId);
        await report(kioskId, statusOf(err));
        throw err;
      }
      const recovered = failing.delete(kioskId);
      if (recovered || job.attemptsMade > 0) await report(kioskId, READY);
    }),
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 4,
      settings: {
        backoffStrategy: (attemptsMade, type) => (type === PRINT_BACKOFF_TYPE ? printBackoffDelay(attemptsMade, backoff) : 0),
      },
    },
  );
  watchWorker(worker, PRINT_QUEUE);
  return worker;
}

function statusOf(err: unknown): PrinterStatus {
  if (err instanceof PrinterNotReadyError) return err.status;
  return { online: false, paperOut: false, coverOpen: false, error: err instanceof Error ? err.message : String(err) };
}
