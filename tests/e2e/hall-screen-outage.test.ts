/**
 * The hall screen in real Chromium comes back by itself after a Redis outage (issue 16): its
 * connection drops while Redis is away, the hub refuses every handshake meanwhile (it cannot check
 * the screen's token), and once Redis returns the screen is live again and shows the next call —
 * no F5. Before the fix it stayed 离线 for good.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../server/hub.js';
import { hubConfig, until } from '../helpers/hub.js';
import { privateRedis, type PrivateRedis } from '../helpers/privateRedis.js';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const config = hubConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }, voice: { muted: true } });

let redis: PrivateRedis;
let hub: Hub;
let browser: Browser;
let page: Page;

async function api(method: string, path: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(`${hub.url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

beforeAll(async () => {
  redis = await privateRedis();
  await redis.start();
  hub = await startHub({ config, redisUrl: redis.url, keyPrefix: 'yc:', port: 0, jobs: false, staticDir: 'dist' });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await redis?.dispose();
});

describe('the hall screen after a Redis outage', () => {
  it('is live again by itself once Redis returns, and shows the next call', async () => {
    const admin = (await api('POST', '/api/login', { username: 'a1', password: 'pw-a1' })).body.token;
    const screen = (await api('POST', '/api/devices', { device: 'hall-screen', hallId: 't1' }, admin)).body.token;
    const kiosk = (await api('POST', '/api/devices', { device: 'kiosk', hallId: 't1' }, admin)).body.token;
    const staff = (await api('POST', '/api/login', { username: 's1', password: 'pw-s1' })).body.token;
    await api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, staff);
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('pageerror', (err) => console.error('page error:', err));
    await page.goto(`${hub.url}/display/hall.html?token=${screen}`);
    await page.waitForSelector('[data-testid=hall-screen][data-status=live]');

    await redis.stop();
    // The screen's connection drops (a network blip, a hub's socket closing) while Redis is away.
    for (const socket of hub.io.sockets.sockets.values()) socket.conn.close();
    await page.waitForSelector('[data-testid=hall-screen][data-status=offline]', { timeout: 10_000 });
    await page.getByText('离线').first().waitFor({ timeout: 5000 });
    // A long outage: several refused handshakes pass.
    await new Promise((r) => setTimeout(r, 4000));
    expect(await page.getAttribute('[data-testid=hall-screen]', 'data-status')).toBe('offline');

    await redis.start();
    await page.waitForSelector('[data-testid=hall-screen][data-status=live]', { timeout: 20_000 });
    const issued = await until(async () => {
      const r = await api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk);
      return r.status === 201 ? r.body : null;
    }, 10_000, 'issue after the outage');
    expect((await api('POST', '/api/windows/t1-1/call-next', {}, staff)).status).toBe(200);
    await page.getByText(issued.number).first().waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(process.env.YC_SCREENSHOT_DIR ?? tmpdir(), 'hall-after-redis-outage.png') });
  }, 90_000);
});
