/**
 * Paper tickets after a fault (issue 16; the rule: server/domain/ticketPrinting.ts). Before the
 * fix a print job run again printed its ticket again, unmarked, and a printer back after an outage
 * printed the queued tickets in whatever order their retries came, each with the "前面还有 N 人"
 * of the time of issue, including tickets already called.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRINT_JOB_NAME, PRINT_QUEUE, printJobId } from '../../server/jobs/printJob.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';
import { REDIS_URL } from '../helpers/redis.js';
import { bullPrefix } from '../../server/store/keys.js';
import { printedLines, readEscPos } from '../printer/escposReader.js';
import { FakePrinter, READY_STATUS } from '../printer/fakePrinter.js';

const allDay = { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' };
const printer = new FakePrinter();
let h: TestHub;
let kiosk: string;
let staff: string;
let jobs: Queue;
/** The hub's clock runs this far ahead of the machine's: a test moves the hall's time on. */
let skew = 0;
let n = 0;
const tap = () => `reprint-${Date.now()}-${n++}`;

interface Paper {
  number: string;
  ahead: number;
  reprint: boolean;
}
function paper(bytes: Buffer): Paper {
  const lines = printedLines(readEscPos(bytes)).map((l) => l.text.replace(/\s+/g, ''));
  return {
    number: lines.find((l) => /^[A-Z]\d{3}$/.test(l))!,
    ahead: Number(/前面还有(\d+)人等候/.exec(lines.find((l) => l.startsWith('前面还有'))!)![1]),
    reprint: lines.includes('补打') && lines.some((l) => l.startsWith('补打时间')),
  };
}
const jobsDone = (ids: string[]) => until(async () => (await Promise.all(ids.map((id) => jobs.getJobState(printJobId(id))))).every((s) => s === 'completed'), 10_000, 'print jobs completed');

beforeAll(async () => {
  await printer.switchOn();
  const config = hubConfig({ schedule: allDay, kiosks: [{ id: 't1-kiosk-1', name: '大厅取号机', printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port } }] });
  h = await testHub('reprint', { config, clock: () => Date.now() + skew, printing: { backoff: { initialMs: 50, maxMs: 200 } } });
  [kiosk, staff] = await Promise.all([h.device('kiosk'), h.login('s1')]);
  await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, staff);
  jobs = new Queue(PRINT_QUEUE, { connection: { url: REDIS_URL }, prefix: bullPrefix(h.prefix) });
});
afterAll(async () => {
  await jobs.close();
  await h.cleanup();
  await printer.switchOff();
});
beforeEach(async () => {
  printer.tickets.length = 0;
  printer.status = READY_STATUS;
  // Each test starts with an empty queue: call every waiting ticket through.
  for (;;) {
    const r = await h.api('POST', '/api/windows/t1-1/call-next', {}, staff);
    if (r.status !== 200) break;
    await h.api('POST', '/api/windows/t1-1/start', {}, staff);
    await h.api('POST', '/api/windows/t1-1/complete', { outcome: 'completed' }, staff);
  }
});
const issue = async () => (await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: tap() }, kiosk)).body as { id: string; number: string; ahead: number };

describe('paper tickets after a fault', () => {
  it('never prints a ticket known printed again, when its job runs a second time', async () => {
    const t = await issue();
    await jobsDone([t.id]);
    expect(printer.tickets.map(paper)).toEqual([{ number: t.number, ahead: 0, reprint: false }]);
    // What BullMQ does with the job of a hub killed after printing, before it recorded the job done.
    const job = await jobs.getJob(printJobId(t.id));
    await job!.remove();
    await jobs.add(PRINT_JOB_NAME, job!.data, { jobId: printJobId(t.id), attempts: 5, backoff: { type: 'printer-capped' } });
    await jobsDone([t.id]);
    expect(printer.tickets).toHaveLength(1);
  });

  it('marks 补打 a second paper of a ticket whose first printing may or may not have come out', async () => {
    printer.resetAfterTaking = 1; // takes the paper, then drops the line: the hub cannot know
    const t = await issue();
    await jobsDone([t.id]);
    expect(printer.tickets.map(paper)).toEqual([
      { number: t.number, ahead: 0, reprint: false },
      { number: t.number, ahead: 0, reprint: true },
    ]);
  });

  it('prints, when the printer is back, only the tickets still waiting, in order of issue, 补打 with the position now', async () => {
    await printer.switchOff();
    const issued = [await issue(), await issue(), await issue(), await issue()];
    expect(issued.map((t) => t.ahead)).toEqual([0, 1, 2, 3]);
    await until(async () => (await Promise.all(issued.map((t) => jobs.getJob(printJobId(t.id))))).every((j) => (j?.attemptsMade ?? 0) >= 2), 8000, 'failed attempts');
    // Meanwhile the window calls the first (the citizen noted the number on the kiosk's screen),
    // and the hall's time moves on: the papers that come now are late.
    expect((await h.api('POST', '/api/windows/t1-1/call-next', {}, staff)).body.ticket.number).toBe(issued[0]!.number);
    skew += 5 * 60_000;
    await printer.switchOn();
    await jobsDone(issued.map((t) => t.id));
    expect(printer.tickets.map(paper)).toEqual([
      { number: issued[1]!.number, ahead: 0, reprint: true },
      { number: issued[2]!.number, ahead: 1, reprint: true },
      { number: issued[3]!.number, ahead: 2, reprint: true },
    ]);
    skew = 0;
  });
});
