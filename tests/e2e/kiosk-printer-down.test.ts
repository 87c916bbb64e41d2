/**
 * The kiosk in Chromium when its printer is down (issue 16): the citizen is told first to note the
 * number, and that the paper comes later, in order, marked 补打, while the ticket still waits
 * (the rule: server/domain/ticketPrinting.ts).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const allDay = { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' };

let h: TestHub;
let browser: Browser;
/** A port nothing listens on: the printer is off. */
const deadPort = () => new Promise<number>((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => ok(port));
  });
});

beforeAll(async () => {
  const config = hubConfig({
    schedule: allDay,
    kiosks: [
      { id: 't1-kiosk-1', name: '大厅取号机', printer: { kind: 'tcp', host: '127.0.0.1', port: await deadPort() } },
      { id: 't1-kiosk-2', name: '二楼取号机', printer: { kind: 'tcp', host: '127.0.0.1', port: await deadPort() } },
    ],
  });
  h = await testHub('e2e-kiosk-printer-down', { config, printing: { backoff: { initialMs: 50, maxMs: 200 } } });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
});
afterAll(async () => {
  await browser?.close();
  await h?.cleanup();
});

describe('the kiosk with its printer down', () => {
  it('tells the citizen to note the number, and that the paper comes later marked 补打 while the ticket waits', async () => {
    const kiosk = await h.device('kiosk');
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${h.url}/display/kiosk.html?token=${kiosk}`);
    // The first ticket finds the printer off; the kiosk hears it and says so for the next.
    await page.locator('[data-service=social]').click();
    await page.locator('[data-testid=issued]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid=printer-down]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=printer-down]').textContent()).toBe('打印机暂时无法出票，请记下您的号码。恢复后，仍在等候的号票会按顺序补打');
    await page.screenshot({ path: join(process.env.YC_SCREENSHOT_DIR ?? tmpdir(), 'kiosk-printer-down.png') });
  }, 60_000);

  it('learns that its printer went down while it was not connected, once it is back', async () => {
    const admin = await h.login('a1');
    const paired = await h.api('POST', '/api/devices', { device: 'kiosk', hallId: 't1', kioskId: 't1-kiosk-2' }, admin);
    expect(paired.status).toBe(201);
    const kiosk = paired.body.token as string;
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    // The kiosk works over HTTP, but its live connection is held off: what the hub broadcasts meanwhile reaches it not.
    const socketIo = /\/socket\.io\//;
    await page.route(socketIo, (route) => route.abort());
    await page.goto(`${h.url}/display/kiosk.html?token=${kiosk}`);
    await page.locator('[data-service=social]').waitFor({ timeout: 10_000 });
    // Its printer fails on a ticket issued meanwhile (the kiosk's own token, as the kiosk would).
    const issued = await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social', requestId: 'kiosk-2-away-1' }, kiosk);
    expect(issued.status).toBe(201);
    for (let i = 0; ; i++) {
      const printer = await h.api('GET', '/api/kiosks/t1-kiosk-2/printer', undefined, kiosk);
      if (printer.body.state === 'offline') break;
      if (i > 100) throw new Error(`the printer never went offline: ${JSON.stringify(printer.body)}`);
      await new Promise((ok) => setTimeout(ok, 50));
    }
    expect(await page.locator('[data-testid=printer-banner]').count()).toBe(0);
    // The connection comes back: the kiosk asks, and says so.
    await page.unroute(socketIo);
    await page.locator('[data-testid=printer-banner]').waitFor({ timeout: 10_000 });
    await page.close();
  }, 60_000);
});
