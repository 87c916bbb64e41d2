/**
 * Fuzz: thousands of malformed HTTP requests and socket messages (fast-check, a fixed seed, so a
 * failure repeats) against a real hub on real Redis. For every one: no 5xx, an answer in the
 * shape its route declares (tests/helpers/responses.ts), no crash; and a refused request changes
 * nothing — the hall's state (its snapshot and last event id) is compared before and after each.
 * Accepted requests (a fuzzed body that happens to be valid) may change it; the next comparison
 * starts from there.
 */
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubConfig, testHub, type TestHub } from '../helpers/hub.js';

// 3,500 HTTP requests + 1,200 socket messages + 300 handshakes = 5,000 malformed inputs, ~15 s on a quiet
// machine (the budget below is for a loaded one).
const SEED = 1616;
const HTTP_RUNS = 3500;
const SOCKET_RUNS = 1200;
const HANDSHAKE_RUNS = 300;

const allDay = { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } };

let h: TestHub;
let tokens: Record<string, string | undefined>;
let ticketIds: string[];
beforeAll(async () => {
  h = await testHub('fuzz', { config: hubConfig(allDay) });
  const [staff, manager, admin, kiosk, pad, screen] = await Promise.all([h.login('s1'), h.login('m1'), h.login('a1'), h.device('kiosk'), h.device('pad', 't1-1'), h.device('hall-screen')]);
  tokens = { staff, manager, admin, kiosk, pad, screen, none: undefined, garbage: 'not-a-token-at-all' };
  await h.api('POST', '/api/windows/t1-1/sign-in', { post: 'A' }, staff);
  ticketIds = [];
  for (const serviceId of ['social', 'social', 'land']) ticketIds.push((await h.api('POST', '/api/halls/t1/tickets', { serviceId }, kiosk)).body.id);
  await h.api('POST', '/api/windows/t1-1/call-next', {}, staff);
});
afterAll(() => h.cleanup());

/** The hall's whole live state as one string: what a refused request must leave as it was. */
async function hallState(): Promise<string> {
  const hall = h.hub.ctx.halls.get('t1')!;
  const [last, snapshot] = await Promise.all([
    h.hub.ctx.store.lastEventId('t1'),
    h.hub.ctx.store.snapshot('t1', { windows: hall.windowIds(), services: hall.serviceIds(), classes: hall.classes }),
  ]);
  return JSON.stringify({ last, snapshot });
}

// Text that breaks things: lone surrogates, controls, NUL, very long, Chinese, path tricks.
const nasty = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('\ud800', '\udfff', 'a\ud83db', '😀\udc00', '\u0000', '\u202e', '好差评', '../../etc/passwd', '__proto__', 'constructor', '%', '{"a":', 'null', ''),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => `x${String.fromCharCode(c)}y`),
  fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
);
const plausible = fc.constantFrom('social', 'land', 't1', 't1-1', 't1-2', 'completed', 'consultation', 'A', 'B', 'priority', 'appointment', 'meeting', 'hall-screen', 'kiosk', 'citizen', 's1', 'pw-s1', 'abcdefgh-1234');
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: plausible },
  { weight: 3, arbitrary: nasty },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(-1), fc.constant(1e308)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(plausible, nasty), { maxLength: 25 }) },
);
const fieldNames = ['serviceId', 'priority', 'requestId', 'outcome', 'toWindowId', 'toServiceId', 'reason', 'post', 'token', 'level', 'reasons', 'comment', 'rateToken', 'username', 'password', 'takeover', 'device', 'hallId', 'windowId', 'kioskId', 'lastEventId', '__proto__', 'constructor', 'junk'];
const body = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...fieldNames), anyValue, { maxKeys: 5 }).map((o) => JSON.stringify(o)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) }, // not JSON at all, or broken JSON
  { weight: 1, arbitrary: fc.nat({ max: 3000 }).map((n) => '['.repeat(n) + ']'.repeat(n)) }, // deep
  { weight: 1, arbitrary: fc.constant('') },
);
const segment = fc.oneof(fc.constantFrom('t1', 't1-1', 't1-2', 't1-kiosk-1', 'nowhere', '%', '%ED%A0%80', '%E4%B8', 'a%00b', '..', '%2F', 'x'.repeat(300)), fc.webSegment());

/** encodeURIComponent, except that a lone surrogate (which it refuses) goes as the bytes a careless client would send. */
const uriPart = (v: string): string => v.replace(/[^\p{Cs}]+|\p{Cs}/gu, (run) => (/\p{Cs}/u.test(run) ? '%ED%A0%80' : encodeURIComponent(run)));

interface Req {
  method: string;
  path: string;
  body: string | undefined;
  token: string;
  contentType: string;
}
const request = (routes: { method: string; path: string }[]): fc.Arbitrary<Req> =>
  fc
    .record({
      route: fc.constantFrom(...routes),
      method: fc.oneof({ weight: 9, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH') }),
      params: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: segment }), { minLength: 3, maxLength: 3 }),
      ticket: fc.nat({ max: 2 }),
      query: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom('after', 'limit', 'token', 'month', 'from', 'to', 'x'), nasty).map(([k, v]) => `?${k}=${uriPart(v).slice(0, 200)}`) }),
      body,
      token: fc.constantFrom('staff', 'manager', 'admin', 'kiosk', 'pad', 'screen', 'none', 'garbage'),
      contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1') }),
    })
    .map(({ route, method, params, ticket, query, body, token, contentType }) => {
      let i = 0;
      const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const fuzzed = params[i++ % 3];
        if (fuzzed) return fuzzed;
        return { hallId: 't1', windowId: 't1-1', ticketId: ticketIds[ticket]!, kioskId: 't1-kiosk-1', staffId: 's1', number: '1', requestId: 'x' }[name] ?? 'x';
      });
      const m = method || route.method.toUpperCase();
      return { method: m, path: path + query, body: m === 'GET' ? undefined : body, token, contentType };
    });

async function send(r: Req): Promise<{ status: number; body: unknown }> {
  const token = tokens[r.token];
  // h.api checks the answer against the route's declared responses (and throws when it is not).
  if (r.contentType === 'application/json') return h.api(r.method, r.path, r.body, token);
  const res = await fetch(`${h.url}${r.path}`, { method: r.method, headers: { 'content-type': r.contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: r.body });
  return { status: res.status, body: await res.text() };
}

describe('fuzzing the hub', () => {
  it(`answers ${HTTP_RUNS} malformed HTTP requests without a 5xx, and a refused one changes nothing`, async () => {
    const routes = h.hub.routes.filter((r) => r.path !== '/api/logout').map((r) => ({ method: r.method, path: r.path.replace(/^\/api/, '/api') }));
    let state = await hallState();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request(routes), async (r) => {
        const res = await send(r);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) expect.fail(`${r.method} ${r.path} ${r.body?.slice(0, 200)} → ${res.status} ${String(JSON.stringify(res.body)).slice(0, 300)}`);
        const after = await hallState();
        if (res.status >= 400) expect(after, `${r.method} ${r.path} (${res.status}) changed the hall`).toBe(state);
        state = after;
      }),
      { seed: SEED, numRuns: HTTP_RUNS, endOnFailure: true },
    );
    const refused = [...statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
    console.log(`[fuzz] HTTP: ${HTTP_RUNS} requests, ${refused} refused; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    // The generator reaches both sides: most are refused, some are valid by chance.
    expect(refused).toBeGreaterThan(HTTP_RUNS / 2);
    expect(HTTP_RUNS - refused).toBeGreaterThan(0);
    expect((await h.api('GET', '/healthz')).body).toEqual({ ok: true });
  }, 90_000);

  it(`answers ${SOCKET_RUNS} malformed socket messages without an internal error, and they change nothing`, async () => {
    const connect = async () => {
      const s: Socket = io(h.url, { auth: { token: tokens.screen }, transports: ['websocket'], reconnection: false });
      await new Promise<void>((ok, fail) => {
        s.once('snapshot', () => ok());
        s.once('connect_error', fail);
      });
      return s;
    };
    let socket = await connect();
    const problems: string[] = [];
    const watch = (s: Socket) => s.on('problem', (p: { error: string }) => problems.push(p.error));
    watch(socket);
    const before = await hallState();
    const eventName = fc.oneof(fc.constantFrom('resync', 'resync', 'event', 'snapshot', 'catchUp', 'sessionEnded', 'connect', 'disconnecting', 'newListener', '__proto__', 'constructor', 'hasOwnProperty'), nasty.map((s) => s.slice(0, 100)));
    const payload = fc.oneof(anyValue, fc.record({ lastEventId: anyValue }), fc.constant(undefined));
    let acks = 0;
    // A resync with an acknowledgement: the hub answers after it has read every message before it.
    // (Or the connection closed: a message over 16 kB.)
    const barrier = () =>
      new Promise<unknown>((ok) => {
        const timer = setTimeout(ok, 2000);
        socket.once('disconnect', ok);
        socket.emit('resync', { lastEventId: 0 }, () => {
          clearTimeout(timer);
          socket.off('disconnect', ok);
          ok(undefined);
        });
      });
    await fc.assert(
      fc.asyncProperty(eventName, fc.array(payload, { maxLength: 3 }), fc.boolean(), async (name, args, withAck) => {
        if (!socket.connected) {
          socket.close();
          socket = await connect(); // a message over 16 kB closes the connection: by design
          watch(socket);
        }
        const emit = socket.emit.bind(socket) as (e: string, ...a: unknown[]) => void;
        try {
          // Only resync is acknowledged; any other name gets a 'problem' instead, and no answer.
          // Over 16 kB the hub drops the connection without an answer (by design; the next run reconnects).
          const tooLarge = (JSON.stringify(args) ?? '').length > 15 * 1024;
          if (withAck && name === 'resync' && !tooLarge) {
            const reply = await new Promise<unknown>((ok) => {
              setTimeout(() => ok({ error: 'no answer within 2 s' }), 2000);
              emit(name, ...args, ok);
            });
            acks++;
            expect(reply).toSatisfy((r: { ok?: boolean; error?: string }) => r.ok === true || /^resync needs/.test(r.error ?? ''));
          } else emit(name, ...args);
        } catch (err) {
          // socket.io-client refuses its reserved names itself (connect, disconnecting, newListener).
          if (!(err instanceof Error && /is a reserved event name/.test(err.message))) throw err;
        }
        if (socket.connected) await barrier();
      }),
      { seed: SEED, numRuns: SOCKET_RUNS, endOnFailure: true },
    );
    await new Promise((r) => setTimeout(r, 200));
    console.log(`[fuzz] socket: ${SOCKET_RUNS} messages (${acks} with an acknowledgement), problems ${JSON.stringify(problems.reduce<Record<string, number>>((m, p) => ({ ...m, [p]: (m[p] ?? 0) + 1 }), {}))}`);
    expect(problems.filter((p) => p !== 'unknown_event')).toEqual([]);
    expect(await hallState()).toBe(before);
    socket.close();
  }, 90_000);

  it(`refuses ${HANDSHAKE_RUNS} malformed handshakes with a clear code, never an internal one`, async () => {
    const codes = new Map<string, number>();
    const auth = fc.oneof(
      fc.dictionary(fc.constantFrom('token', 'ticketId', 'trackToken', 'hallId', 'lastEventId', 'junk'), anyValue, { maxKeys: 4 }),
      fc.record({ ticketId: fc.constantFrom(...ticketIds, 't1-x', 'nowhere-1'), trackToken: nasty }),
      fc.record({ token: fc.constantFrom(tokens.screen!, tokens.staff!), hallId: nasty, lastEventId: anyValue }),
    );
    await fc.assert(
      fc.asyncProperty(auth, async (a) => {
        const s = io(h.url, { auth: a as Record<string, unknown>, transports: ['websocket'], reconnection: false });
        const code = await new Promise<string>((ok) => {
          setTimeout(() => ok(`no answer to ${JSON.stringify(a)}`), 3000);
          s.once('problem', (p: { error: string }) => ok(`problem ${p.error}`));
          // A handshake over the 16 kB message limit: the hub drops the connection, as for any message.
          // (The client's own 'forced close' follows a refusal: the refusal's code is the answer.)
          s.io.on('close', (reason: string) => reason !== 'forced close' && ok(JSON.stringify(a).length > 16 * 1024 ? 'dropped: too large' : `dropped: ${reason}`));
          s.once('snapshot', () => ok('accepted'));
          s.once('catchUp', () => ok('accepted'));
          s.once('connect_error', (err: Error & { data?: { error?: string } }) => ok(err.data?.error ?? `transport: ${err.message}`));
        });
        s.close();
        codes.set(code, (codes.get(code) ?? 0) + 1);
        expect(['accepted', 'unauthorized', 'forbidden', 'bad_request', 'not_found', 'dropped: too large']).toContain(code);
      }),
      { seed: SEED, numRuns: HANDSHAKE_RUNS, endOnFailure: true },
    );
    console.log(`[fuzz] handshakes: ${HANDSHAKE_RUNS}: ${JSON.stringify(Object.fromEntries(codes))}`);
  }, 90_000);
});
