/**
 * The counter terminal and the rating pad in real Chromium against a real hub (the pages are built
 * by tests/e2e/global-setup.ts and served from dist/).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallEvent, HallEventOf, HallEventType } from '../../server/protocol.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

let h: TestHub;
let browser: Browser;
let kiosk: string;
let manager: string;
/** The hub's clock runs this far ahead of the real one: a no-show needs a minute after the call. */
let shift = 0;

beforeAll(async () => {
  h = await testHub('counter-e2e', { config: hubConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } }), clock: () => Date.now() + shift });
  [kiosk, manager] = await Promise.all([h.device('kiosk'), h.login('m1')]);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.cleanup();
});

async function events(): Promise<HallEvent[]>;
async function events<T extends HallEventType>(type: T): Promise<HallEventOf<T>[]>;
async function events(type?: HallEventType): Promise<HallEvent[]> {
  const r = await h.api('GET', '/api/halls/t1/events?after=0&limit=1000', undefined, manager);
  return (r.body as HallEvent[]).filter((e) => !type || e.type === type);
}

async function issue(serviceId: string): Promise<{ id: string; number: string; trackToken: string }> {
  const r = await h.api('POST', '/api/halls/t1/tickets', { serviceId }, kiosk);
  expect(r.status).toBe(201);
  return r.body;
}

async function newPage(width = 1366, height = 768): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[page]', err.message));
  page.setDefaultTimeout(8000);
  return page;
}

const number = (page: Page) => page.locator('[data-testid=current-number]').textContent();

/**
 * Press a key as a person does: once the terminal has no press in flight (its buttons show it).
 * Keys pressed while one is in flight are ignored by design (docs/counter.md), and the live
 * screen can show a change a few milliseconds before the hub's answer to the press is back.
 */
async function key(page: Page, k: string): Promise<void> {
  // Polled every 20 ms rather than on animation frames, which a page in the background may not get.
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { polling: 20 });
  await page.keyboard.press(k);
}

let terminal: Page;

/**
 * Follows a page's call-next requests. Once every one sent has its answer and no press is in
 * flight, no press can still call a ticket (the hub appends the event before it answers): a count
 * of calls taken then is final, with no fixed wait for "nothing more happened".
 */
function callNextRequests(page: Page): { settled: () => Promise<void> } {
  let sent = 0;
  let answered = 0;
  const mine = (url: string) => url.includes('/call-next');
  page.on('request', (r) => mine(r.url()) && sent++);
  page.on('requestfinished', (r) => mine(r.url()) && answered++);
  page.on('requestfailed', (r) => mine(r.url()) && answered++);
  return {
    settled: async () => {
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { polling: 20 });
      await expect.poll(() => sent > 0 && sent === answered).toBe(true);
    },
  };
}

describe('the counter terminal and the rating pad', () => {
  it('serves a ticket from login to completion, and the pad takes the citizen’s bad review only with a reason', async () => {
    const ticket = await issue('social');
    const pad = await newPage(1280, 800);
    await pad.goto(`${h.url}/counter/pad.html?token=${await h.device('pad', 't1-1')}`);
    await pad.waitForSelector('[data-testid=pad-rest]');

    terminal = await newPage();
    await terminal.goto(`${h.url}/counter/terminal.html`);
    await terminal.fill('[data-testid=login-username]', 's1');
    await terminal.fill('[data-testid=login-password]', 'pw-s1');
    await terminal.click('[data-testid=login-submit]');
    await terminal.click('[data-testid=signin-t1-1-A]');
    await terminal.waitForSelector('[data-testid=no-ticket]');
    // The pad at rest shows who serves here.
    await expect.poll(() => pad.locator('[data-testid=pad-staff-name]').textContent()).toBe('张伟');

    await terminal.click('[data-testid=act-call-next]');
    await expect.poll(() => number(terminal)).toBe(ticket.number);
    await terminal.click('[data-testid=act-start]');
    await terminal.waitForSelector('[data-testid=handling-timer]');
    await terminal.click('[data-testid=act-complete]');
    await terminal.click('[data-testid=outcome-completed]');
    await terminal.waitForSelector('[data-testid=no-ticket]');

    // The pad asks; 不满意 without a reason is refused, on the pad, and nothing is recorded.
    await pad.waitForSelector('[data-testid=pad-asking]');
    await pad.click('[data-testid=level-2]');
    await pad.click('[data-testid=submit]');
    await expect.poll(() => pad.locator('[data-testid=pad-problem]').textContent()).toBe('请至少选择一项不满意的原因');
    expect(await events('ticket.rated')).toHaveLength(0);
    await pad.locator('[data-testid=reason]', { hasText: '等候时间长' }).click();
    await pad.fill('[data-testid=comment]', '  排队太久  ');
    await pad.click('[data-testid=submit]');
    await pad.waitForSelector('[data-testid=pad-thanks]');

    const [rated] = await events('ticket.rated');
    expect(rated).toMatchObject({
      type: 'ticket.rated',
      hallId: 't1',
      staffId: 's1',
      ticket: { id: ticket.id, status: 'done', outcome: 'completed' },
      rating: { ticketId: ticket.id, ticketNumber: ticket.number, serviceId: 'social', windowId: 't1-1', windowNumber: 1, staffId: 's1', firstResponder: 's1', level: 2, reasons: ['等候时间长'], comment: '排队太久', channel: 'pad' },
    });
    expect(rated!.at).toBeGreaterThan(Date.now() - 60_000);
    // The broadcast completion never carried the rating token.
    const view = await h.api('GET', `/api/tickets/${ticket.id}?token=${ticket.trackToken}`);
    expect(JSON.stringify(await events('ticket.completed'))).not.toContain(view.body.rateToken);

    // A second rating of the same ticket is refused, from the phone too; a staffer's token cannot rate.
    const again = await h.api('POST', `/api/tickets/${ticket.id}/rating`, { level: 5, rateToken: view.body.rateToken });
    expect([again.status, again.body.error]).toEqual([409, 'already_rated']);
    const staff = await h.api('POST', `/api/tickets/${ticket.id}/rating`, { level: 5, rateToken: view.body.rateToken }, await h.login('s1'));
    expect([staff.status, staff.body.error]).toEqual([403, 'forbidden']);
    expect(await events('ticket.rated')).toHaveLength(1);
    await pad.context().close();
  }, 40_000);

  it('calls exactly one ticket on a double press of "next", by key or by mouse, and keeps it across a reload', async () => {
    const first = await issue('social');
    const second = await issue('social');
    const before = (await events('ticket.called')).length;
    const presses = callNextRequests(terminal);
    // Two presses of F1 faster than the hub answers.
    await terminal.keyboard.down('F1');
    await terminal.keyboard.up('F1');
    await terminal.keyboard.down('F1');
    await terminal.keyboard.up('F1');
    await expect.poll(() => number(terminal)).toBe(first.number);
    await presses.settled();
    expect((await events('ticket.called')).length - before).toBe(1);

    await terminal.reload();
    await expect.poll(() => number(terminal)).toBe(first.number);
    await expect.poll(() => terminal.locator('[data-testid=current-service]').textContent()).toBe('社保医保卫健');

    await key(terminal, 's');
    await terminal.waitForSelector('[data-testid=handling-timer]');
    await key(terminal, 'c');
    await key(terminal, '2');
    await terminal.waitForSelector('[data-testid=no-ticket]');
    await terminal.dblclick('[data-testid=act-call-next]');
    await expect.poll(() => number(terminal)).toBe(second.number);
    await presses.settled();
    expect((await events('ticket.called')).length - before).toBe(2);

    // Right after the call a no-show does not count yet, and the desk says why (60 s by default).
    await key(terminal, 'n');
    await expect.poll(() => terminal.locator('[data-testid=message]').textContent()).toMatch(/^群众可能正在前来，\d+ 秒后才能过号（可先重呼）$/);
    expect(await number(terminal)).toBe(second.number);
    // A minute later it does: the ticket re-enters the queue (过号重排) and, nobody else waiting, is called again.
    shift += 60_000;
    await key(terminal, 'n');
    await terminal.waitForSelector('[data-testid=no-ticket]');
    await key(terminal, 'F1');
    await expect.poll(() => terminal.locator('[data-testid=message]').textContent()).toBe(`已叫号 ${second.number}`);
    await key(terminal, 's');
    await terminal.waitForSelector('[data-testid=handling-timer]');
    await key(terminal, 'c');
    await key(terminal, '1');
    await terminal.waitForSelector('[data-testid=no-ticket]');
    // Nobody waits now: "next" says so.
    await key(terminal, 'F1');
    await expect.poll(() => terminal.locator('[data-testid=message]').textContent()).toBe('无人等候');
  }, 30_000);

  it('runs the whole staff flow from the keyboard alone', async () => {
    const ticket = await issue('land');
    const page = await newPage();
    await page.goto(`${h.url}/counter/terminal.html`);
    await page.waitForSelector('[data-testid=login-username]');
    // The 工号 field has focus: type, Tab, type, Enter.
    await page.keyboard.type('s2');
    await key(page, 'Tab');
    await page.keyboard.type('pw-s2');
    await key(page, 'Enter');
    // 李娜 holds window 2 A and window 1 B: "1" picks the first.
    await page.waitForSelector('[data-testid=signin-t1-2-A]');
    await key(page, '1');
    await page.waitForSelector('[data-testid=no-ticket]');
    expect(await page.locator('[data-testid=desk-window]').textContent()).toContain('2号窗口');

    await key(page, 'Space');
    await expect.poll(() => number(page)).toBe(ticket.number);
    await key(page, 'r');
    await expect.poll(() => page.locator('[data-testid=message]').textContent()).toBe(`已重呼 ${ticket.number}`);
    await key(page, 's');
    await page.waitForSelector('[data-testid=handling-timer]');
    // A picker opens and Esc closes it, changing nothing.
    await key(page, 't');
    await page.waitForSelector('[data-testid=picker]');
    await key(page, 'Escape');
    await page.waitForSelector('[data-testid=picker]', { state: 'detached' });
    await key(page, 'c');
    await page.waitForSelector('[data-testid=picker]');
    await key(page, '3'); // 一次性告知
    await page.waitForSelector('[data-testid=no-ticket]');

    // Focus is visible when tabbing through the desk.
    await key(page, 'Tab');
    const focused = await page.evaluate(() => ({ outline: getComputedStyle(document.activeElement!).outlineWidth, testid: (document.activeElement as HTMLElement).dataset.testid }));
    expect(focused).toEqual({ outline: '4px', testid: 'act-sign-out' });
    // Space calls next even with a button focused (签退 here), and does not press that button.
    const next = await issue('land');
    await key(page, 'Space');
    await expect.poll(() => number(page)).toBe(next.number);
    expect(await page.locator('[data-testid=picker]').count()).toBe(0);
    await key(page, 's');
    await page.waitForSelector('[data-testid=handling-timer]');
    await key(page, 'c');
    await key(page, '1');
    await page.waitForSelector('[data-testid=no-ticket]');

    await key(page, 'p');
    await key(page, '4'); // 就餐
    await page.waitForSelector('[data-testid=paused]');
    await key(page, 'F1');
    await expect.poll(() => page.locator('[data-testid=message]').textContent()).toBe('您处于暂停状态，请先恢复服务');
    await key(page, 'p');
    await page.waitForSelector('[data-testid=no-ticket]');
    await key(page, 'q');
    await key(page, '1');
    await page.waitForSelector('[data-testid=signin-t1-2-A]');

    const mine = (await events()).filter((e) => 'staffId' in e && e.staffId === 's2');
    expect(mine.map((e) => e.type)).toEqual(['staff.signedIn', 'ticket.called', 'ticket.recalled', 'ticket.started', 'ticket.completed', 'ticket.called', 'ticket.started', 'ticket.completed', 'staff.away', 'staff.back', 'staff.signedOut']);
    expect(mine.find((e) => e.type === 'ticket.completed')).toMatchObject({ ticket: { outcome: 'notice' } });
    expect(mine.find((e) => e.type === 'staff.away')).toMatchObject({ reason: 'meal' });
    await page.context().close();
  }, 30_000);

  it('keeps the current ticket through a hub restart, shows 离线 meanwhile, and carries on', async () => {
    const ticket = await issue('social');
    await key(terminal, 'F1');
    await expect.poll(() => number(terminal)).toBe(ticket.number);
    await h.stop();
    await expect.poll(() => terminal.locator('[data-testid=connection]').textContent(), { timeout: 8000 }).toBe('离线');
    expect(await number(terminal)).toBe(ticket.number);
    await h.restart();
    await expect.poll(() => terminal.locator('[data-testid=connection]').textContent(), { timeout: 8000 }).toBe('在线');
    await key(terminal, 's');
    await terminal.waitForSelector('[data-testid=handling-timer]');
    await key(terminal, 'c');
    await key(terminal, '1');
    await terminal.waitForSelector('[data-testid=no-ticket]');
    expect((await events('ticket.completed')).map((e) => e.ticket.id)).toContain(ticket.id);
  }, 30_000);

  it('shows who covers when the A post steps away and the B post takes over', async () => {
    const s2 = await h.login('s2');
    expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'B' }, s2)).status).toBe(200);
    await key(terminal, 'p');
    await key(terminal, '1'); // 会议
    await terminal.waitForSelector('[data-testid=paused]');
    await expect.poll(() => terminal.locator('[data-testid=covering]').textContent()).toBe('B岗 李娜 正在顶岗（A岗 张伟 暂离：会议）');
    await until(async () => (await h.api('POST', '/api/windows/t1-1/sign-out', {}, s2)).status === 200, 3000, 'B signs out');
    await key(terminal, 'p');
    await terminal.waitForSelector('[data-testid=no-ticket]');
  }, 20_000);
});
