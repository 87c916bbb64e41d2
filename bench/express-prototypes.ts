/**
 * `npm run bench:express`: what express's prototype swap per request costs, and what the hub's
 * server (server/http/expressServer.ts) saves. Three servers answer the same JSON POST — node's
 * http alone (the floor), express on node's server (express sets each request's and response's
 * prototype as it enters the app), express on expressServer (the prototypes already in place) —
 * each in a child process of its own, 20 requests at a time from a keep-alive client in the same
 * child; per server: the time for the requests, the full (mark-compact) collections V8 made, and
 * the scavenges.
 *
 *   npm run bench:express [-- --requests 20000 --concurrency 20]
 */
import { fork } from 'node:child_process';
import { createServer, Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import express from 'express';
import { expressServer } from '../server/http/expressServer.js';
import { table } from './lib/report.js';

const { values: args } = parseArgs({ options: { requests: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '20' }, variant: { type: 'string' } } });
const REQUESTS = Number(args.requests);
const CONCURRENCY = Number(args.concurrency);
const variants = ['node http alone', 'express (prototype swap)', 'express on expressServer'] as const;
type Variant = (typeof variants)[number];

interface Ran {
  variant: Variant;
  ms: number;
  majorGcs: number;
  minorGcs: number;
}

function server(variant: Variant): Server {
  const answer = (id: string) => JSON.stringify({ ok: true, id });
  if (variant === 'node http alone') {
    return createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        JSON.parse(body);
        const text = answer(req.url!.split('/').at(-1)!);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
    });
  }
  const app = express();
  app.use(express.json());
  const router = express.Router();
  router.post('/x/:id', (req, res) => {
    res.status(200).json({ ok: true, id: req.params.id });
  });
  app.use('/api', router);
  return variant === 'express on expressServer' ? expressServer(app) : createServer(app);
}

async function run(variant: Variant): Promise<Ran> {
  const s = server(variant);
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const call = () =>
    new Promise<void>((ok, fail) => {
      const r = request({ port, host: '127.0.0.1', method: 'POST', path: '/api/x/7', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c));
        res.on('end', () => ((JSON.parse(text) as { id: string }).id === '7' ? ok() : fail(new Error(text))));
      });
      r.on('error', fail);
      r.end('{"staffId":"s1"}');
    });
  for (let i = 0; i < 200; i++) await call(); // warm up
  let majorGcs = 0;
  let minorGcs = 0;
  const gcs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs++;
      else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) minorGcs++;
    }
  });
  gcs.observe({ entryTypes: ['gc'] });
  const started = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < REQUESTS) {
        sent++;
        await call();
      }
    }),
  );
  const ms = performance.now() - started;
  await new Promise((ok) => setImmediate(ok)); // the last collections' entries
  gcs.disconnect();
  agent.destroy();
  await new Promise((ok) => s.close(ok));
  return { variant, ms, majorGcs, minorGcs };
}

async function main(): Promise<void> {
  if (args.variant) {
    process.send!(await run(args.variant as Variant));
    return;
  }
  console.log(`bench:express — ${REQUESTS} JSON POSTs, ${CONCURRENCY} at a time, each server in a child process of its own (node ${process.version})`);
  const results: Ran[] = [];
  for (const variant of variants) {
    const child = fork(new URL(import.meta.url).pathname, ['--variant', variant, '--requests', String(REQUESTS), '--concurrency', String(CONCURRENCY)], { execArgv: process.execArgv });
    results.push(await new Promise<Ran>((ok, fail) => (child.once('message', (m) => ok(m as Ran)), child.once('error', fail), child.once('exit', (code) => code && fail(new Error(`${variant}: exit ${code}`))))));
  }
  const floor = results[0]!;
  console.log(
    '\n' +
      table(
        ['server', 'requests/s', 'time ÷ node http alone', 'full collections', 'scavenges'],
        results.map((r) => [r.variant, Math.round(REQUESTS / (r.ms / 1000)), `${(r.ms / floor.ms).toFixed(2)}×`, r.majorGcs, r.minorGcs]),
      ),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
