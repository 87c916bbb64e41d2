/**
 * An admin's edit of the hall's configuration reaches a counter that is logged in and signed in,
 * without a restart and without the staffer doing anything (real Chromium, real hub and archive).
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testArchive, type TestArchive } from '../helpers/archive.js';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

let h: TestHub;
let a: TestArchive;
let browser: Browser;

beforeAll(async () => {
  a = await testArchive('sqlite', 'admin-e2e');
  h = await testHub('admin-live-e2e', { config: hubConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } }), archive: a.location, archiver: false });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.cleanup();
  await a?.cleanup();
});

describe('an admin edit', () => {
  it('takes effect on a live counter without a restart', async () => {
    const kiosk = await h.device('kiosk');
    expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk)).status).toBe(201);
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${h.url}/counter/terminal.html`);
    await page.fill('[data-testid=login-username]', 's1');
    await page.fill('[data-testid=login-password]', 'pw-s1');
    await page.click('[data-testid=login-submit]');
    await page.click('[data-testid=signin-t1-1-A]');
    await page.getByText('社保医保卫健').first().waitFor();

    const admin = await h.login('a1');
    const { revision, config } = (await h.api('GET', '/api/halls/t1/config', undefined, admin)).body;
    config.services[0].name = '社会保障卡';
    expect((await h.api('POST', '/api/halls/t1/config', { revision, config }, admin)).status).toBe(200);

    // The same page, not reloaded: the new name shows, the old one is gone.
    await page.getByText('社会保障卡').first().waitFor({ timeout: 3000 });
    expect(await page.getByText('社保医保卫健').count()).toBe(0);
  });
});
