/**
 * Two hubs share a Redis and both run print workers. A printer's change of state (offline, back)
 * reaches each screen once, whichever hub's worker noticed it and however many did: before the
 * fix each hub remembered the last state it had announced for itself, so with two hubs a screen
 * heard "offline" and "ready" once per hub.
 */
import { Queue } from 'bullmq';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../server/hub.js';
import { PRINT_QUEUE, printJobId } from '../../server/jobs/printJob.js';
import type { KioskPrinterView } from '../../server/protocol.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';
import { REDIS_URL } from '../helpers/redis.js';
import { bullPrefix } from '../../server/store/keys.js';
import { FakePrinter } from '../printer/fakePrinter.js';

const allDay = { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' };
const printer = new FakePrinter();
let h: TestHub;
let other: Hub;
let jobs: Queue;
const sockets: Socket[] = [];

beforeAll(async () => {
  await printer.switchOn();
  const config = hubConfig({ schedule: allDay, kiosks: [{ id: 't1-kiosk-1', name: '大厅取号机', printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port } }] });
  h = await testHub('print-two-hubs', { config, printing: { backoff: { initialMs: 40, maxMs: 120 } } });
  other = await h.another();
  jobs = new Queue(PRINT_QUEUE, { connection: { url: REDIS_URL }, prefix: bullPrefix(h.prefix) });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await jobs.close();
  await h.cleanup();
  await printer.switchOff();
});

function screenOn(url: string, token: string): { heard: KioskPrinterView[]; ready: Promise<void> } {
  const s = io(url, { auth: { token }, transports: ['websocket'] });
  sockets.push(s);
  const heard: KioskPrinterView[] = [];
  s.on('printer', (p) => heard.push(p));
  return { heard, ready: new Promise((ok) => s.once('snapshot', () => ok())) };
}

describe('printer status with two hubs', () => {
  it('reaches each screen once per change, not once per hub', async () => {
    const [kiosk, screen] = await Promise.all([h.device('kiosk'), h.device('hall-screen')]);
    const onA = screenOn(h.url, screen);
    const onB = screenOn(other.url, screen);
    await Promise.all([onA.ready, onB.ready]);

    await printer.switchOff();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: `two-hubs-${i}-tap` }, kiosk)).body.id);
    // Every job has failed several times: both hubs' workers have met the dead printer.
    await until(async () => (await Promise.all(ids.map((id) => jobs.getJob(printJobId(id))))).every((j) => (j?.attemptsMade ?? 0) >= 3), 8000, 'failed attempts');
    await printer.switchOn();
    await until(async () => (await Promise.all(ids.map((id) => jobs.getJobState(printJobId(id))))).every((s) => s === 'completed'), 8000, 'printed');
    await new Promise((r) => setTimeout(r, 300)); // anything still on its way arrives

    for (const [where, screenHeard] of [['hub A', onA.heard], ['hub B', onB.heard]] as const) {
      expect(screenHeard.map((p) => p.state), where).toEqual(['offline', 'ready']);
    }
  });
});
