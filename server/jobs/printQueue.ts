/**
 * The producer side of printing: the kiosk's issue command enqueues, the worker prints.
 */
import { Queue, type ConnectionOptions } from 'bullmq';
import { DEFAULT_PRINT_ATTEMPTS, PRINT_BACKOFF_TYPE, PRINT_JOB_NAME, PRINT_QUEUE, printJobId, type PrintJobData } from './printJob.js';

export interface PrintQueueOptions {
  connection: ConnectionOptions;
  /** BullMQ key prefix; every key of the queue lives under it. */
  prefix: string;
  attempts?: number;
  /**
   * How long a finished job is kept. Its id is the guard against printing a ticket twice, so it
   * must outlive any resend of the ticket: the business day and then some.
   */
  keepSeconds?: number;
}

export interface PrintQueue {
  readonly queue: Queue<PrintJobData>;
  /** Queues the ticket's print job and returns its id; for a ticket already queued or printed, does nothing. */
  enqueue(data: PrintJobData): Promise<string>;
  close(): Promise<void>;
}

export function createPrintQueue(options: PrintQueueOptions): PrintQueue {
  const keep = { age: options.keepSeconds ?? 7 * 24 * 3600 };
  const queue = new Queue<PrintJobData>(PRINT_QUEUE, {
    connection: options.connection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: options.attempts ?? DEFAULT_PRINT_ATTEMPTS,
      backoff: { type: PRINT_BACKOFF_TYPE },
      removeOnComplete: keep,
      // A job that ran out of attempts keeps its id too: a late resend must not print it then.
      removeOnFail: keep,
    },
  });
  return {
    queue,
    async enqueue(data) {
      const jobId = printJobId(data.ticketId);
      await queue.add(PRINT_JOB_NAME, data, { jobId });
      return jobId;
    },
    close: () => queue.close(),
  };
}
