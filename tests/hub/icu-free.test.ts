/**
 * A hub whose halls keep a fixed offset (Asia/Shanghai, the default) serves without ICU: the first
 * Intl date formatter or collator a process makes maps ICU's data for good (~8 MB for a formatter,
 * 2–3 MB for a collator: server/domain/zones.ts, server/domain/order.ts). Spies record every such
 * call made from the server's code while a hub starts (the desk's day and roster primed), staff and
 * an admin sign in, a screen pairs, the devices are listed, a desk connects, and a ticket is issued,
 * called and completed.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isKnownTimeZone } from '../../server/domain/zones.js';
import { hubConfig, testHub, until, type TestHub } from '../helpers/hub.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

/** Stacks of the calls below made from server/ (not from vitest, the test or its helpers). */
const fromServer: string[] = [];
const record = () => {
  const stack = new Error().stack ?? '';
  if (stack.split('\n').slice(2).some((line) => line.includes('/server/'))) fromServer.push(stack);
};
const localeCompare = String.prototype.localeCompare;
vi.spyOn(String.prototype, 'localeCompare').mockImplementation(function (this: string, ...args: Parameters<string['localeCompare']>) {
  record();
  return localeCompare.apply(this, args);
});
// Constructors: the implementation must be constructible (vitest calls it with `new` when the code does).
const Collator = Intl.Collator;
const DateTimeFormat = Intl.DateTimeFormat;
vi.spyOn(Intl, 'Collator').mockImplementation(function (...args: ConstructorParameters<typeof Intl.Collator>) {
  record();
  return new Collator(...args);
} as unknown as typeof Intl.Collator);
vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
  record();
  return new DateTimeFormat(...args);
} as unknown as typeof Intl.DateTimeFormat);
const toLocale = Date.prototype.toLocaleString;
vi.spyOn(Date.prototype, 'toLocaleString').mockImplementation(function (this: Date, ...args: Parameters<Date['toLocaleString']>) {
  record();
  return toLocale.apply(this, args);
});

let h: TestHub | undefined;
afterAll(async () => {
  await h?.cleanup();
  vi.restoreAllMocks();
});

describe('a hub in Asia/Shanghai and ICU', () => {
  it('starts, signs in, pairs, lists devices, opens a desk and serves a ticket without a collator or a date formatter', async () => {
    h = await testHub('icu-free', { config: hubConfig(allDay) });
    const [admin, manager, staff, kiosk] = await Promise.all([h.login('a1'), h.login('m1'), h.login('s1'), h.device('kiosk')]);
    await h.device('hall-screen');
    expect((await h.api('GET', '/api/halls/t1/devices', undefined, admin)).status).toBe(200);
    const desk = h.socket({ token: manager, desk: true });
    let deskSnapshot = false;
    desk.on('desk', () => (deskSnapshot = true));
    await until(() => deskSnapshot, 5000, 'the desk snapshot');
    const at = (action: string, body: object = {}) => h!.api('POST', `/api/windows/t1-1/${action}`, body, staff);
    expect((await at('sign-in', { post: 'A' })).status).toBe(200);
    expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, kiosk)).status).toBe(201);
    expect((await at('call-next')).status).toBe(200);
    expect((await at('start')).status).toBe(200);
    expect((await at('complete', { outcome: 'completed' })).status).toBe(200);
    expect(fromServer, fromServer.join('\n\n')).toEqual([]);
    // The controls: a call from here is not counted; one from server/ is (a zone outside the
    // fixed-offset table asks Intl, with \`new\`), and what it builds still works.
    expect('a'.localeCompare('b')).toBe(-1);
    expect(fromServer).toEqual([]);
    expect(isKnownTimeZone('America/New_York')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(fromServer).toHaveLength(2);
  }, 30_000);
});
