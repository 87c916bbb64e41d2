import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

let h: TestHub;

/** A login attempt at a hub, optionally through a proxy that names the client's address. */
async function loginAt(hub: { url: string }, username: unknown, password: string, forwardedFor?: string) {
  const r = await fetch(`${hub.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ username, password }),
  });
  return { status: r.status, body: (await r.json()) as { message?: string } };
}

beforeAll(async () => {
  h = await testHub('auth', { config: hubConfig(allDay), loginLimit: 5 });
});
afterAll(() => h.cleanup());

describe('who may do what', () => {
  it('refuses a missing or bad token with 401', async () => {
    expect((await h.api('POST', '/api/windows/t1-1/call-next', {})).status).toBe(401);
    expect((await h.api('POST', '/api/windows/t1-1/call-next', {}, 'forged-token')).body).toEqual({ error: 'unauthorized', message: 'a valid token is required' });
    expect((await h.api('GET', '/api/halls/t1/state', undefined, 'x'.repeat(500))).status).toBe(401);
  });

  it('lets a staffer act only at the window where they are signed in', async () => {
    const s1 = await h.login('s1');
    const s2 = await h.login('s2');
    await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, s1);
    const other = await h.api('POST', '/api/windows/t1-1/call-next', {}, s2);
    expect(other).toMatchObject({ status: 403, body: { error: 'not_signed_in' } });
    // s2 may sign in there only as the B post the configuration gives them.
    expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, s2)).body).toMatchObject({ error: 'not_your_post' });
    expect((await h.api('POST', '/api/windows/t1-3/sign-in', { post: 'A' }, s2)).status).toBe(403);
    expect((await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'B' }, s2)).body.window).toMatchObject({ postA: 's1', postB: 's2', onDuty: 's1' });
  });

  it('never lets a screen, a kiosk or a pad act at a window', async () => {
    for (const token of [await h.device('hall-screen'), await h.device('window-screen', 't1-1'), await h.device('kiosk'), await h.device('pad', 't1-1')]) {
      expect((await h.api('POST', '/api/windows/t1-1/call-next', {}, token)).status).toBe(403);
    }
  });

  it('lets only kiosks and managers issue, and only admins pair devices', async () => {
    expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, await h.device('hall-screen'))).status).toBe(403);
    expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, await h.login('s3'))).status).toBe(403);
    expect((await h.api('POST', '/api/halls/t1/tickets', { serviceId: 'social' }, await h.login('i1'))).status).toBe(403);
    expect((await h.api('POST', '/api/devices', { device: 'kiosk', hallId: 't1' }, await h.login('m1'))).status).toBe(403);
    expect((await h.api('POST', '/api/devices', { device: 'pad', hallId: 't1' }, await h.login('a1'))).body.field).toBe('body.windowId');
  });

  it('lets a screen read its hall but no other', async () => {
    const screen = await h.device('hall-screen');
    expect((await h.api('GET', '/api/halls/t1/state', undefined, screen)).status).toBe(200);
    expect((await h.api('GET', '/api/me', undefined, screen)).body).toMatchObject({ kind: 'device', device: 'hall-screen', hallId: 't1' });
  });

  it('ends a session at logout, and only that one', async () => {
    const first = await h.login('s3');
    const second = await h.login('s3');
    expect((await h.api('POST', '/api/logout', undefined, first)).status).toBe(204);
    expect((await h.api('GET', '/api/me', undefined, first)).status).toBe(401);
    expect((await h.api('GET', '/api/me', undefined, second)).status).toBe(200);
    expect((await h.api('POST', '/api/logout', undefined, first)).status).toBe(401);
  });

  it('limits login attempts', async () => {
    const tries = [];
    for (let i = 0; i < 7; i++) tries.push((await h.api('POST', '/api/login', { username: 's4', password: `wrong-${i}` })).status);
    expect(tries.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(tries.slice(5)).toEqual([429, 429]);
    // The limit is per 工号: another person at the same desk can still log in.
    expect((await h.api('POST', '/api/login', { username: 's3', password: 'pw-s3' })).status).toBe(200);
  });

  it('tells a wrong login how many attempts are left, and a refused one when to try again', async () => {
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push(await h.api('POST', '/api/login', { username: 'x5', password: `wrong-${i}` }));
    // loginLimit 5 in this hub: 4, 3, 2, 1 left, then none and the wait, then 429 with the wait.
    expect(tries.slice(0, 4).map((r) => [r.status, r.body.attemptsLeft, r.body.retryAfterSeconds])).toEqual([
      [401, 4, undefined],
      [401, 3, undefined],
      [401, 2, undefined],
      [401, 1, undefined],
    ]);
    expect(tries[4]).toMatchObject({ status: 401, body: { error: 'unauthorized', attemptsLeft: 0 } });
    expect(tries[5]).toMatchObject({ status: 429, body: { error: 'too_many_attempts' } });
    for (const r of tries.slice(4)) {
      expect(r.body.retryAfterSeconds).toBeGreaterThan(14 * 60);
      expect(r.body.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    }
  });

  it('documents the login limit and the takeover answers in OpenAPI', async () => {
    const doc = (await h.api('GET', '/api/openapi.json')).body;
    const login = doc.paths['/api/login'].post;
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '401', '409', '429']));
    expect(login.responses['409'].description).toContain('live_elsewhere');
    expect(doc.components.schemas.Error.properties).toHaveProperty('attemptsLeft');
    expect(doc.components.schemas.Error.properties).toHaveProperty('retryAfterSeconds');
  });

  it('shares the login limit between hubs behind one load balancer', async () => {
    const other = await h.another();
    const at = async (hub: { url: string }, i: number) => (await loginAt(hub, 'nobody', `wrong-${i}`)).status;
    const tries = [];
    // Alternate between the two hubs: five attempts in all, not five per hub.
    for (let i = 0; i < 6; i++) tries.push(await at(i % 2 ? other : h.hub, i));
    expect(tries).toEqual([401, 401, 401, 401, 401, 429]);
    expect(await at(other, 7)).toBe(429);
    expect(await at(h.hub, 8)).toBe(429);
  });

  it('counts attempts per client address behind a trusted proxy', async () => {
    const from = async (address: string, i: number) => (await loginAt(h.hub, 'proxied', `wrong-${i}`, address)).status;
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push(await from('10.20.0.7', i));
    expect(tries).toEqual([401, 401, 401, 401, 401, 429]);
    // Another counter terminal behind the same balancer is not locked out by the first one.
    expect(await from('10.20.0.8', 0)).toBe(401);
  });

  it('stops a flood of made-up usernames from one address, and counts overlong ones as one', async () => {
    // A hub with a small per-address limit, so the flood is short (the default is 20 × per 工号).
    const small = await h.another({ loginLimitPerAddress: 12 });
    const attempt = (username: unknown) => loginAt(small, username, 'guess', '10.30.0.9');
    // An overlong 工号 is refused by the schema; its attempts count under one key, not one each.
    const long = [];
    for (let i = 0; i < 6; i++) long.push((await attempt(`${'x'.repeat(500)}${i}`)).status);
    expect(long).toEqual([400, 400, 400, 400, 400, 429]);
    // 12 attempts from one address in all (this hub's per-address limit): the 12th is the last let through.
    const statuses = [];
    for (let i = 6; i < 12; i++) statuses.push((await attempt(`made-up-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    const stopped = await attempt('made-up-12');
    expect(stopped).toMatchObject({ status: 429, body: { message: expect.stringContaining('this address') } });
    const userKeys = (await h.hub.ctx.store.redis.keys(`${h.prefix}login-limit:user:*`)).filter((k) => k.includes('10.30.0.9'));
    expect(userKeys.filter((k) => k.endsWith('|(other)'))).toHaveLength(1);
    expect(userKeys.some((k) => k.includes('xxxx'))).toBe(false);
  });

  it('believes X-Forwarded-For only from the proxies YC_TRUST_PROXY names', async () => {
    // This hub trusts only private-network proxies: the test's loopback requests are not one.
    const strict = await h.another({ trustProxy: 'uniquelocal' });
    const from = async (address: string, i: number) => (await loginAt(strict, 'spoofer', `wrong-${i}`, address)).status;
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push(await from(`10.40.0.${i}`, i));
    expect(tries).toEqual([401, 401, 401, 401, 401]);
    // A forged header does not buy a fresh counter: all five came from the same real address.
    expect(await from('10.40.0.99', 5)).toBe(429);
  });

  it('takes as long to refuse an unknown 工号 as a wrong password, so timing does not reveal who exists', async () => {
    const { hashPassword } = await import('../../server/auth/passwords.js');
    const { checkLogin } = await import('../../server/auth/login.js');
    const { Halls } = await import('../../server/commands/context.js');
    const config = hubConfig();
    const hall = config.halls[0]!;
    const halls = new Halls({ ...config, halls: [{ ...hall, staff: [...hall.staff, { ...hall.staff[0]!, id: 'h1', password: undefined, passwordHash: await hashPassword('secret') }] }] });
    expect(await checkLogin(halls, 'h1', 'secret')).toMatchObject({ id: 'h1' });
    const median = async (username: string) => {
      const times = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        expect(await checkLogin(halls, username, 'wrong')).toBeNull();
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b)[2]!;
    };
    await median('nobody-here'); // the decoy hash is made on the first unknown login
    const known = await median('h1');
    const unknown = await median('nobody-here');
    // scrypt takes tens of milliseconds; without the decoy an unknown 工号 answered in microseconds.
    expect(unknown).toBeGreaterThan(known / 3);
  });

  it('stores staff passwords as scrypt and checks them in constant time', async () => {
    const { hashPassword, verifyPassword } = await import('../../server/auth/passwords.js');
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('Correct horse', stored)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});

describe('one desk per staffer: a login where another terminal is live at the desk asks first', () => {
  // A hub of its own: each staffer below starts logged out and at no window.
  let d: TestHub;
  beforeAll(async () => {
    d = await testHub('auth-desk', { config: hubConfig(allDay) });
  });
  afterAll(() => d.cleanup());
  const login = (username: string, takeover?: boolean) => d.api('POST', '/api/login', { username, password: `pw-${username}`, ...(takeover === undefined ? {} : { takeover }) });

  it('logs in without asking while the staffer is at no desk, and leaves the other session alone', async () => {
    const first = (await login('s3')).body.token as string;
    const second = await login('s3');
    expect(second.status).toBe(200);
    expect((await d.api('GET', '/api/me', undefined, first)).status).toBe(200);
  });

  it('refuses with live_elsewhere while another session holds the window sign-in, changing nothing', async () => {
    const desk = (await login('s1')).body.token as string;
    expect((await d.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, desk)).status).toBe(200);
    const again = await login('s1');
    expect(again).toMatchObject({ status: 409, body: { error: 'live_elsewhere' } });
    expect(again.body.token).toBeUndefined();
    expect((await login('s1', false)).status).toBe(409);
    expect((await d.api('GET', '/api/me', undefined, desk)).status).toBe(200);
    expect((await d.api('POST', '/api/windows/t1-1/away', { reason: 'meeting' }, desk)).status).toBe(200);
  });

  it('takes the desk over when asked to: the other terminal is told over its socket and on its next request', async () => {
    const old = (await login('s2')).body.token as string;
    expect((await d.api('POST', '/api/windows/t1-2/sign-in', { post: 'A' }, old)).status).toBe(200);
    const socket = d.socket({ token: old });
    await new Promise<void>((ok) => socket.once('snapshot', () => ok()));
    const told = new Promise<{ reason: string }>((ok) => socket.once('sessionEnded', ok));
    const closed = new Promise<string>((ok) => socket.once('disconnect', ok));

    const taken = await login('s2', true);
    expect(taken.status).toBe(200);
    expect(await told).toEqual({ reason: 'taken_over' });
    expect(await closed).toBe('io server disconnect');
    expect((await d.api('GET', '/api/me', undefined, old)).body).toMatchObject({ error: 'taken_over' });
    expect((await d.api('POST', '/api/windows/t1-2/away', { reason: 'meeting' }, old)).status).toBe(401);
    // The window sign-in stays; the new session works at it and now holds the desk.
    const now = taken.body.token as string;
    expect((await d.api('POST', '/api/windows/t1-2/away', { reason: 'meeting' }, now)).status).toBe(200);
    expect((await login('s2')).body).toMatchObject({ error: 'live_elsewhere' });
    // The old token cannot reconnect either, and says why.
    const again = d.socket({ token: old });
    const refused = await new Promise<{ data?: { error?: string } }>((ok) => again.once('connect_error', ok));
    again.close();
    socket.close();
    expect(refused.data?.error).toBe('taken_over');
  });

  it('lets a desk whose session logged out be taken without asking', async () => {
    const gone = (await login('s4')).body.token as string;
    expect((await d.api('POST', '/api/windows/t1-3/sign-in', { post: 'B' }, gone)).status).toBe(200);
    expect((await d.api('POST', '/api/logout', undefined, gone)).status).toBe(204);
    const next = await login('s4');
    expect(next.status).toBe(200);
    expect((await d.api('POST', '/api/windows/t1-3/away', { reason: 'meeting' }, next.body.token)).status).toBe(200);
    expect((await login('s4')).status).toBe(409);
  });
});
