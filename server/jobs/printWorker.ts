/**
 * The consumer side of printing: lays the ticket out, hands it to the kiosk's printer, and keeps
 * retrying an unreachable or unready printer until it prints. Every failure and the recovery after
 * it go to `onStatus`, so the manager's dashboard can show which kiosk is out of paper.
 */
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { asError, log } from '../log.js';
import { watchWorker, withJobLog } from './jobLog.js';
import { ticketEscPos, ticketSvg } from '../../printer/ticket.js';
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
}

const READY: PrinterStatus = { online: true, paperOut: false, coverOpen: false };

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

  const worker = new Worker<PrintJobData>(
    PRINT_QUEUE,
    withJobLog(PRINT_QUEUE, async (job: Job<PrintJobData>) => {
      const { ticketId, kioskId, ticket } = job.data;
      let bytes: Buffer;
      try {
        bytes = ticketEscPos(ticket);
      } catch (err) {
        // Bad ticket data (an unknown time zone) fails the same way on every attempt: stop now.
        throw new UnrecoverableError(`ticket ${ticketId} cannot be laid out: ${(err as Error).message}`);
      }
      try {
        await inLane(kioskId, async () => {
          const transport = await options.transportFor(kioskId);
          await transport.send(bytes, ticketId, () => ticketSvg(ticket));
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
