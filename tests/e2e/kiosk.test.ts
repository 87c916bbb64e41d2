/**
 * The kiosk and the phone tracker in real Chromium against a real hub: a tap issues one ticket,
 * the virtual printer keeps it, and the QR address opens a tracker whose position follows the
 * queue live until it says which window to go to; then the citizen rates from the phone.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';
import { readEscPos } from '../printer/escposReader.js';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];
const allDay = { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' };

let h: TestHub;
let browser: Browser;
let prints: string;
let kiosk: string;
let manager: string;
let staff: string;

const ok = async (r: Promise<{ status: number; body: any }>, what: string) => {
  const res = await r;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const issue = (serviceId: string, priority?: string) => ok(h.api('POST', '/api/halls/t1/tickets', { serviceId, ...(priority ? { priority } : {}) }, manager), `issue ${serviceId}`);
const act = (action: string, body: unknown = {}) => ok(h.api('POST', `/api/windows/t1-1/${action}`, body, staff), action);
/** Call the next ticket at window 1 and finish it. */
const serveNext = async () => {
  const called = await act('call-next');
  await act('start');
  await act('complete', { outcome: 'completed' });
  return called.ticket.number as string;
};

beforeAll(async () => {
  prints = mkdtempSync(join(tmpdir(), 'yc-e2e-prints-'));
  const config = hubConfig({ schedule: allDay, kiosks: [{ id: 't1-kiosk-1', name: '大厅取号机', printer: { kind: 'virtual', dir: prints } }] });
  h = await testHub('e2e-kiosk', { config, printing: { backoff: { initialMs: 50, maxMs: 200 } } });
  [kiosk, manager, staff] = await Promise.all([h.device('kiosk'), h.login('m1'), h.login('s1')]);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
});
afterAll(async () => {
  await browser?.close();
  await h?.cleanup();
  rmSync(prints, { recursive: true, force: true });
});

const pageErrors = (page: Page, into: string[]) => {
  page.on('pageerror', (e) => into.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && into.push(m.text()));
};

describe('kiosk and phone tracker', () => {
  let trackUrl = '';
  let ticketId = '';
  const errors: string[] = [];

  it('issues one ticket for a (double) tap, shows it with its QR code, and the virtual printer prints it', async () => {
    await issue('social');
    await issue('social');
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    pageErrors(page, errors);
    await page.goto(`${h.url}/display/kiosk.html?token=${kiosk}`);
    const social = page.locator('[data-service=social]');
    await expect.poll(() => social.textContent(), { timeout: 10_000 }).toContain('等候 2 人');

    await social.dblclick();
    const issued = page.locator('[data-testid=issued]');
    await issued.waitFor({ timeout: 10_000 });
    expect(await issued.getAttribute('data-number')).toBe('A003');
    expect(await page.locator('[data-testid=issued-number]').textContent()).toBe('A003');
    expect(await issued.textContent()).toContain('前面还有 2 人等候');
    expect(await page.locator('.qr svg').count()).toBe(1);
    await page.locator('[data-testid=printing]').waitFor();

    trackUrl = (await issued.getAttribute('data-track-url'))!;
    ticketId = decodeURIComponent(new URL(trackUrl).pathname.split('/').pop()!);
    expect(ticketId).toMatch(/^t1-\d{8}-A003$/);
    // The printer got exactly this ticket: its number, and a QR code holding the same address.
    const bin = join(prints, `${ticketId}.bin`);
    await until(() => existsSync(bin) && existsSync(join(prints, `${ticketId}.png`)), 10_000, 'the virtual printer’s files');
    const bytes = readFileSync(bin);
    expect(bytes.includes(Buffer.from('A003'))).toBe(true);
    expect(readEscPos(bytes).find((e) => e.kind === 'qr')).toMatchObject({ data: trackUrl });
    expect(readFileSync(join(prints, `${ticketId}.png`)).subarray(1, 4).toString()).toBe('PNG');

    // The double tap issued one ticket: the next number is A004.
    expect((await issue('social')).number).toBe('A004');
    await page.close();
  });

  it('follows the ticket on a phone: position updates live, then it says which window', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    pageErrors(phone, errors);
    await phone.goto(trackUrl);
    expect(new URL(phone.url()).pathname).toBe('/display/track.html');
    const ahead = phone.locator('[data-testid=ahead]');
    await expect.poll(() => ahead.getAttribute('data-ahead'), { timeout: 10_000 }).toBe('2');
    // No window is open yet: the page says it cannot estimate, rather than inventing a number.
    expect(await phone.locator('[data-testid=estimate]').textContent()).toContain('暂无窗口');
    await phone.locator('[data-testid=sound]').click();

    // A 绿色通道 ticket goes ahead of A003.
    await issue('social', 'priority');
    await expect.poll(() => ahead.getAttribute('data-ahead'), { timeout: 5000 }).toBe('3');

    await act('sign-in', { post: 'A' });
    expect(await serveNext()).toBe('A005'); // the priority ticket first
    await expect.poll(() => ahead.getAttribute('data-ahead'), { timeout: 5000 }).toBe('2');
    // A window serves the queue now: the page gives an estimate instead of "no window".
    expect(await phone.locator('[data-testid=estimate]').textContent()).not.toContain('暂无窗口');
    expect(await serveNext()).toBe('A001');
    await expect.poll(() => ahead.getAttribute('data-ahead'), { timeout: 5000 }).toBe('1');
    expect(await serveNext()).toBe('A002');
    await expect.poll(() => ahead.getAttribute('data-ahead'), { timeout: 5000 }).toBe('0');

    const called = await act('call-next');
    expect(called.ticket.number).toBe('A003');
    await phone.locator('[data-testid=called]').waitFor({ timeout: 5000 });
    expect(await phone.locator('[data-testid=go-window]').textContent()).toBe('请到 1 号窗口');
    const alerts = await phone.evaluate(() => window.__tracker);
    expect(alerts?.alerts).toBe(1);

    // Served and done: the phone offers the rating, and the hub takes it once.
    await act('start');
    await act('complete', { outcome: 'completed' });
    await phone.locator('[data-testid=rating]').waitFor({ timeout: 5000 });
    await phone.locator('[data-level="4"]').click();
    await phone.locator('[data-testid=rate-submit]').click();
    await expect.poll(() => phone.locator('[data-testid=rating]').textContent(), { timeout: 5000 }).toContain('感谢您的评价');
    await phone.close();
    expect(errors).toEqual([]);
  });
});
