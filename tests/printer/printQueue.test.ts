import { Redis } from 'ioredis';
import type { Worker } from 'bullmq';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrinterStatus } from '../../printer/status.js';
import type { TicketPrint } from '../../printer/ticket.js';
import { tcpPrinter } from '../../printer/transports/tcp.js';
import { printJobId, type PrintJobData } from '../../server/jobs/printJob.js';
import { createPrintQueue, type PrintQueue } from '../../server/jobs/printQueue.js';
import { startPrintWorker } from '../../server/jobs/printWorker.js';
import { REDIS_URL, testRedis } from '../helpers/redis.js';
import { FakePrinter, PAPER_OUT_STATUS, READY_STATUS } from './fakePrinter.js';
import { printedLines, readEscPos } from './escposReader.js';

const redisForFile = testRedis('print');
afterAll(() => redisForFile.cleanup());

const ticket = (number: string): TicketPrint => ({
  hallName: '兰考县政务服务中心',
  number,
  serviceName: '社保医保卫健',
  ahead: 5,
  issuedAt: Date.UTC(2025, 2, 4, 1, 15),
  timeZone: 'Asia/Shanghai',
  trackUrl: `https://yc.example.cn/t/${number}`,
  footer: '过号请重新取号',
  paperWidth: 58,
});
const job = (number: string, kioskId = 'kiosk-1'): PrintJobData => ({ ticketId: `lankao:2025-03-04:${number}`, kioskId, ticket: ticket(number) });

const numberOn = (bytes: Buffer) => printedLines(readEscPos(bytes)).find((l) => /^[A-Z]\d{3}$/.test(l.text))?.text;
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms`);
    await settle(20);
  }
}

describe('printing a ticket as a job', () => {
  let printer: FakePrinter;
  let connection: Redis;
  let queue: PrintQueue;
  let worker: Worker<PrintJobData> | undefined;
  let statuses: Array<[string, PrinterStatus]>;
  let n = 0;

  beforeEach(async () => {
    printer = new FakePrinter();
    await printer.switchOn();
    // BullMQ's blocking reads need a connection that never gives up on a command.
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    // One queue per test under the file's prefix, so a retry left by one test never reaches the next.
    const prefix = `${redisForFile.prefix}t${n++}`;
    queue = createPrintQueue({ connection, prefix });
    statuses = [];
    worker = startPrintWorker({
      connection,
      prefix,
      transportFor: () => tcpPrinter({ host: '127.0.0.1', port: printer.port, connectTimeoutMs: 500 }),
      onStatus: (kioskId, status) => {
        statuses.push([kioskId, status]);
      },
      backoff: { initialMs: 50, maxMs: 200 },
    });
  });

  afterEach(async () => {
    await worker?.close();
    await queue.close();
    await printer.switchOff();
    connection.disconnect();
  });

  it('reaches the printer exactly once', async () => {
    const jobId = await queue.enqueue(job('A012'));
    await printer.waitForTickets(1);
    // A completed job is never run again: what the printer has now is all it will get.
    await eventually(async () => (await queue.queue.getJobState(jobId)) === 'completed');
    expect(printer.tickets.map(numberOn)).toEqual(['A012']);
    expect(statuses).toEqual([]);
  });

  it('prints a ticket enqueued twice only once', async () => {
    const [first, second] = await Promise.all([queue.enqueue(job('A013')), queue.enqueue(job('A013'))]);
    expect(first).toBe(second);
    await printer.waitForTickets(1);
    await eventually(async () => (await queue.queue.getJobState(first)) === 'completed');
    // A resend after it printed is a no-op too: the job stays completed, nothing new is queued.
    expect(await queue.enqueue(job('A013'))).toBe(first);
    expect(await queue.queue.getJobState(first)).toBe('completed');
    expect(await queue.queue.getJobCounts('waiting', 'delayed', 'active')).toEqual({ waiting: 0, delayed: 0, active: 0 });
    expect(printer.tickets.map(numberOn)).toEqual(['A013']);
  });

  it('retries an offline printer and prints once when it comes back, reporting the fault and the recovery', async () => {
    await printer.switchOff();
    const jobId = await queue.enqueue(job('A014'));
    await eventually(() => statuses.length >= 3);
    expect(statuses[0]?.[0]).toBe('kiosk-1');
    expect(statuses[0]?.[1]).toMatchObject({ online: false, error: expect.stringMatching(/refused the connection/) });
    expect((await queue.queue.getJob(jobId))?.attemptsMade).toBeGreaterThanOrEqual(2);

    await printer.switchOn();
    await printer.waitForTickets(1);
    await eventually(async () => (await queue.queue.getJobState(jobId)) === 'completed');
    expect(printer.tickets.map(numberOn)).toEqual(['A014']);
    expect(statuses.at(-1)).toEqual(['kiosk-1', { online: true, paperOut: false, coverOpen: false }]);
    expect(statuses.slice(0, -1).every(([, s]) => !s.online)).toBe(true);
  });

  it('holds tickets while the printer is out of paper and prints each once after the roll is changed', async () => {
    printer.status = PAPER_OUT_STATUS;
    const jobs = [await queue.enqueue(job('A015')), await queue.enqueue(job('A016'))];
    // Each job has tried and found no paper (each attempt reports its status): nothing printed.
    await eventually(async () => (await Promise.all(jobs.map((id) => queue.queue.getJob(id)))).every((j) => (j?.attemptsMade ?? 0) >= 1));
    expect(statuses.some(([, s]) => s.paperOut)).toBe(true);
    expect(printer.tickets).toHaveLength(0);

    printer.status = READY_STATUS;
    await eventually(async () => (await Promise.all(jobs.map((id) => queue.queue.getJobState(id)))).every((s) => s === 'completed'));
    expect(printer.tickets.map(numberOn).sort()).toEqual(['A015', 'A016']);
    expect(statuses.at(-1)?.[1]).toEqual({ online: true, paperOut: false, coverOpen: false });
  });

  it('gives up at once on a ticket that cannot be laid out', async () => {
    const jobId = await queue.enqueue({ ...job('A017'), ticket: { ...ticket('A017'), timeZone: 'Mars/Olympus_Mons' } });
    await eventually(async () => (await queue.queue.getJobState(jobId)) === 'failed');
    const failed = await queue.queue.getJob(jobId);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/cannot be laid out/);
    expect(printer.tickets).toHaveLength(0);
  });
});

describe('print job ids', () => {
  it('are derived from the ticket id, without the colon BullMQ reserves', () => {
    expect(printJobId('lankao:2025-03-04:A012')).toBe('ticket-lankao%3A2025-03-04%3AA012');
    expect(printJobId('42')).toBe('ticket-42');
    expect(printJobId('a%3Ab')).not.toBe(printJobId('a:b'));
  });
});
