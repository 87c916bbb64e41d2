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
  const config = hubConfig({ schedule: allDay, kiosks: [{ id: 't1-kiosk-1', name: '大厅取号机', printer: { kind: 'tcp', host: '127.0.0.1', port: await deadPort() } }] });
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
});
