/**
 * A ticket issued at a kiosk prints once at the printer beside it, on a real hub, real Redis and
 * a fake network printer; an offline printer is retried until it is back, and meanwhile the kiosk
 * and the managers see that it is offline.
 */
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KioskPrinterView } from '../../server/protocol.js';
import { PRINT_QUEUE, printJobId } from '../../server/jobs/printJob.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';
import { REDIS_URL } from '../helpers/redis.js';
import { bullPrefix } from '../../server/store/keys.js';
import { printedLines, readEscPos } from '../printer/escposReader.js';
import { FakePrinter, PAPER_OUT_STATUS, READY_STATUS } from '../printer/fakePrinter.js';

const allDay = { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' };

const printer = new FakePrinter();
let h: TestHub;
let kiosk: string;
let manager: string;
let jobs: Queue;
let n = 0;
const tap = () => `tap-${Date.now()}-${n++}`;

const numberOn = (bytes: Buffer) => printedLines(readEscPos(bytes)).find((l) => /^[A-Z]\d{3}$/.test(l.text))?.text;
const qrOn = (bytes: Buffer) => readEscPos(bytes).find((e) => e.kind === 'qr') as { data: string } | undefined;
/**
 * Until every print job of these tickets is completed: a completed job never runs again, so what
 * the printer holds then is all it will ever get for them (no fixed wait for "nothing more").
 */
const printed = (...ticketIds: string[]) =>
  until(async () => (await Promise.all(ticketIds.map((id) => jobs.getJobState(printJobId(id))))).every((s) => s === 'completed'), 8000, 'print jobs completed');
/** No print job exists for the ticket once its issue has answered: nothing can print it later. */
const noJob = async (ticketId: string) => expect(await jobs.getJob(printJobId(ticketId))).toBeUndefined();
const printerState = async () => (await h.api('GET', '/api/kiosks/t1-kiosk-1/printer', undefined, kiosk)).body as KioskPrinterView;

beforeAll(async () => {
  await printer.switchOn();
  const config = hubConfig({
    schedule: allDay,
    kiosks: [{ id: 't1-kiosk-1', name: '大厅取号机', printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port }, footer: '过号请重新取号' }],
  });
  h = await testHub('kiosk-print', { config, printing: { backoff: { initialMs: 50, maxMs: 200 } } });
  [kiosk, manager] = await Promise.all([h.device('kiosk'), h.login('m1')]);
  jobs = new Queue(PRINT_QUEUE, { connection: { url: REDIS_URL }, prefix: bullPrefix(h.prefix) });
});
afterAll(async () => {
  await jobs.close();
  await h.cleanup();
  await printer.switchOff();
});
beforeEach(() => {
  printer.tickets.length = 0;
  printer.status = READY_STATUS;
});
afterEach(async () => {
  await printer.switchOn().catch(() => {}); // a test that switched it off leaves it on for the next
});

describe('kiosk printing', () => {
  it('issuing at a kiosk enqueues exactly one print job, which reaches the printer once', async () => {
    const r = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: tap() }, kiosk);
    expect(r.status).toBe(201);
    expect(r.body.print).toMatchObject({ queued: true, printer: { kioskId: 't1-kiosk-1', hallId: 't1', name: '大厅取号机' } });
    const [bytes] = await printer.waitForTickets(1);
    expect(numberOn(bytes!)).toBe(r.body.number);
    // The QR code opens the tracker through the short address, which redirects to the page.
    const qr = qrOn(bytes!)!.data;
    expect(qr).toBe(`${h.url}/t/${r.body.id}?k=${r.body.trackToken}`);
    const hop = await fetch(qr, { redirect: 'manual' });
    expect(hop.status).toBe(302);
    expect(hop.headers.get('location')).toBe(`/display/track.html?ticket=${r.body.id}&token=${r.body.trackToken}`);

    await printed(r.body.id);
    expect(printer.tickets).toHaveLength(1);
    const counts = await jobs.getJobCounts('completed', 'waiting', 'delayed', 'active', 'failed');
    expect(counts).toMatchObject({ completed: 1, waiting: 0, delayed: 0, active: 0, failed: 0 });
  });

  it('prints a double tap (the same requestId) once', async () => {
    const requestId = tap();
    const [a, b] = await Promise.all([
      h.api('POST', '/api/halls/t1/tickets', { serviceId: 'land', priority: 'priority', requestId }, kiosk),
      h.api('POST', '/api/halls/t1/tickets', { serviceId: 'land', priority: 'priority', requestId }, kiosk),
    ]);
    expect(a.body.id).toBe(b.body.id);
    const again = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'land', priority: 'priority', requestId }, kiosk);
    expect(again.body.id).toBe(a.body.id);
    const [bytes] = await printer.waitForTickets(1);
    expect(numberOn(bytes!)).toBe(a.body.number);
    // 绿色通道 is printed above the number, for the staffer to confirm.
    expect(printedLines(readEscPos(bytes!)).some((l) => l.text === '绿色通道')).toBe(true);
    await printed(a.body.id);
    expect(printer.tickets).toHaveLength(1);
  });

  it('with the printer off, says offline to the kiosk and the managers, and prints each ticket once when it is back', async () => {
    const heard: KioskPrinterView[] = [];
    const live = h.socket({ token: kiosk });
    live.on('printer', (p) => heard.push(p));
    await new Promise<void>((ok) => live.once('snapshot', () => ok()));
    await printer.switchOff();

    const first = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: tap() }, kiosk);
    expect(first.body.print.queued).toBe(true);
    const offline = await until(async () => ((await printerState()).state === 'offline' ? printerState() : null), 5000, 'offline status');
    expect(offline.detail).toMatch(/refused|ECONNREFUSED/);
    await until(() => heard.some((p) => p.state === 'offline'), 3000, 'printer event');
    const board = await h.api('GET', '/api/halls/t1/printers', undefined, manager);
    expect(board.body).toEqual([expect.objectContaining({ kioskId: 't1-kiosk-1', state: 'offline' })]);

    // The next citizen's kiosk learns it at once, from the issue reply: note the number on screen.
    const second = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'land', requestId: tap() }, kiosk);
    expect(second.body.print).toMatchObject({ queued: true, printer: { state: 'offline' } });
    // Both jobs have tried against the switched-off printer and failed: nothing printed.
    await until(async () => (await Promise.all([first, second].map((r) => jobs.getJob(printJobId(r.body.id))))).every((j) => (j?.attemptsMade ?? 0) >= 1), 5000, 'failed attempts');
    expect(printer.tickets).toHaveLength(0);

    await printer.switchOn();
    const tickets = await printer.waitForTickets(2, 8000);
    expect(tickets.map(numberOn).sort()).toEqual([first.body.number, second.body.number].sort());
    await until(async () => (await printerState()).state === 'ready', 3000, 'ready status');
    await until(() => heard.at(-1)?.state === 'ready', 3000, 'ready event');
    await printed(first.body.id, second.body.id);
    expect(printer.tickets).toHaveLength(2);
    live.close();
  });

  it('waits for paper: out of paper is reported as such, and the ticket prints once after the roll is changed', async () => {
    printer.status = PAPER_OUT_STATUS;
    const r = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: tap() }, kiosk);
    await until(async () => (await printerState()).state === 'paperOut', 5000, 'paper-out status');
    expect(printer.tickets).toHaveLength(0);
    printer.status = READY_STATUS;
    const [bytes] = await printer.waitForTickets(1, 8000);
    expect(numberOn(bytes!)).toBe(r.body.number);
    await printed(r.body.id);
    expect(printer.tickets).toHaveLength(1);
  });

  it('prints nothing for a kiosk without a printer, and tells it so', async () => {
    const admin = await h.login('a1');
    const bare = (await h.api('POST', '/api/devices', { device: 'kiosk', hallId: 't1', kioskId: 't1-kiosk-9' }, admin)).body.token as string;
    const r = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: tap() }, bare);
    expect(r.status).toBe(201);
    expect(r.body.print).toMatchObject({ queued: false, printer: { kioskId: 't1-kiosk-9', state: 'none' } });
    expect((await h.api('GET', '/api/kiosks/t1-kiosk-9/printer', undefined, bare)).body.state).toBe('none');
    await noJob(r.body.id);
    expect(printer.tickets).toHaveLength(0);
  });

  it('prints nothing for a manager issuing at the help desk', async () => {
    const r = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: tap() }, manager);
    expect(r.status).toBe(201);
    expect(r.body.print).toBeUndefined();
    await noJob(r.body.id);
    expect(printer.tickets).toHaveLength(0);
  });

  it('shows printers to the hall’s managers only, and a kiosk only its own', async () => {
    const staff = await h.login('s1');
    expect((await h.api('GET', '/api/halls/t1/printers', undefined, staff)).status).toBe(403);
    expect((await h.api('GET', '/api/halls/t1/printers', undefined, kiosk)).status).toBe(403);
    expect((await h.api('GET', '/api/halls/t1/printers')).status).toBe(401);
    expect((await h.api('GET', '/api/kiosks/t1-kiosk-1/printer', undefined, manager)).status).toBe(200);
    const screen = await h.device('hall-screen');
    expect((await h.api('GET', '/api/kiosks/t1-kiosk-1/printer', undefined, screen)).status).toBe(403);
    expect((await h.api('GET', '/api/kiosks/nowhere-1/printer', undefined, manager)).status).toBe(404);
  });
});
