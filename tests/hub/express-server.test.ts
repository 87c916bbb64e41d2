/**
 * server/http/expressServer.ts: node's server makes each request and response with the app's
 * prototypes, so express's per-request Object.setPrototypeOf changes nothing — and every express
 * feature the hub uses works as with express's own server.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { expressServer } from '../../server/http/expressServer.js';
import { testHub, type TestHub } from '../helpers/hub.js';

const servers: Server[] = [];
const staticDir = mkdtempSync(join(tmpdir(), 'yc-express-server-'));
writeFileSync(join(staticDir, 'page.html'), '<p>窗口</p>');

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  rmSync(staticDir, { recursive: true, force: true });
});

interface Seen {
  /** The request's prototype as node's server made it, and as the route found it. */
  made?: object;
  routed?: object;
  responseMade?: object;
  responseRouted?: object;
}

/** An app using what the hub uses: JSON bodies, a router, params, query, headers, trust proxy, static files, errors. */
function hallApp(seen: Seen): Express {
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(express.json());
  const router = express.Router();
  router.post('/windows/:windowId/call-next', (req, res) => {
    seen.routed = Object.getPrototypeOf(req) as object;
    seen.responseRouted = Object.getPrototypeOf(res) as object;
    res.status(201).json({ windowId: req.params.windowId, hall: req.query.hall, staff: req.body?.staffId, type: req.get('content-type'), ip: req.ip, sameApp: req.app === app && res.app === app });
  });
  router.get('/fails', () => {
    throw new Error('boom');
  });
  app.use('/api', router);
  app.get('/old', (_req, res) => res.redirect(302, '/page.html'));
  app.use(express.static(staticDir, { extensions: ['html'] }));
  return app;
}

async function listen(server: Server, seen: Seen): Promise<string> {
  server.prependListener('request', (req: IncomingMessage, res) => {
    seen.made = Object.getPrototypeOf(req) as object;
    seen.responseMade = Object.getPrototypeOf(res) as object;
  });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const callNext = (base: string) =>
  fetch(`${base}/api/windows/w7/call-next?hall=h1`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: JSON.stringify({ staffId: 's3' }) });

describe('the hub’s HTTP server for express', () => {
  it('makes each request and response with the app’s prototypes: express’s per-request swap changes nothing', async () => {
    const seen: Seen = {};
    const app = hallApp(seen);
    const base = await listen(expressServer(app), seen);
    expect((await callNext(base)).status).toBe(201);
    expect(seen.made).toBe(app.request);
    expect(seen.routed).toBe(seen.made);
    expect(seen.responseMade).toBe(app.response);
    expect(seen.responseRouted).toBe(seen.responseMade);
  });

  it('is what express’s own server is not: there each request’s prototype is swapped as it enters the app', async () => {
    const seen: Seen = {};
    const base = await listen(createServer(hallApp(seen)), seen);
    expect((await callNext(base)).status).toBe(201);
    expect(seen.routed).not.toBe(seen.made);
    expect(seen.responseRouted).not.toBe(seen.responseMade);
  });

  it('answers as express’s own server does: params, query, JSON body, headers, the caller behind a trusted proxy, its app', async () => {
    const answers = [];
    for (const server of [expressServer(hallApp({})), createServer(hallApp({}))]) {
      const res = await callNext(await listen(server, {}));
      answers.push({ status: res.status, type: res.headers.get('content-type'), body: await res.json() });
    }
    expect(answers[0]).toEqual({
      status: 201,
      type: 'application/json; charset=utf-8',
      body: { windowId: 'w7', hall: 'h1', staff: 's3', type: 'application/json', ip: '203.0.113.9', sameApp: true },
    });
    expect(answers[1]).toEqual(answers[0]);
  });

  it('serves static files, redirects, 404s and a thrown error as express does', async () => {
    const base = await listen(expressServer(hallApp({})), {});
    const page = await fetch(`${base}/page`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<p>窗口</p>');
    const moved = await fetch(`${base}/old`, { redirect: 'manual' });
    expect(moved.status).toBe(302);
    expect(moved.headers.get('location')).toBe('/page.html');
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${base}/api/fails`)).status).toBe(500);
  });

  it('keeps two apps in one process apart: each request knows its own app', async () => {
    const a = hallApp({});
    const b = hallApp({});
    const seenA: Seen = {};
    const seenB: Seen = {};
    const [baseA, baseB] = [await listen(expressServer(a), seenA), await listen(expressServer(b), seenB)];
    for (const base of [baseA, baseB]) expect(((await (await callNext(base)).json()) as { sameApp: boolean }).sameApp).toBe(true);
    expect(seenA.made).toBe(a.request);
    expect(seenB.made).toBe(b.request);
  });
});

describe('the hub on that server', () => {
  let h: TestHub | undefined;
  afterAll(async () => h?.cleanup());

  it('takes a screen over socket.io’s long-polling (the pages’ first transport) and answers its API', async () => {
    h = await testHub('express-server');
    const token = await h.device('hall-screen');
    const s = io(h.url, { auth: { token }, transports: ['polling'], reconnection: false });
    try {
      const snapshot = await new Promise<{ view: string }>((ok, fail) => {
        s.once('snapshot', ok);
        s.once('connect_error', fail);
      });
      expect(snapshot.view).toBe('board');
      expect(s.io.engine.transport.name).toBe('polling');
    } finally {
      s.close();
    }
    const login = await h.api('POST', '/api/login', { username: 'm1', password: 'pw-m1' });
    expect(login.status).toBe(200);
    expect(typeof login.body.token).toBe('string');
    expect((await h.api('POST', '/api/login', { username: 'm1', password: 'wrong' })).status).toBe(401);
  });
});
