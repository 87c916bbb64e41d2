/**
 * The operator's endpoints, beside /api: /healthz (the process answers), /readyz (it can serve:
 * Redis, SQL, scripts; 503 naming the part that failed, and while shutting down) and /metrics
 * (Prometheus text). docs/operations.md says how to point a balancer and a scraper at them.
 *
 * /metrics shows the halls' queue lengths and traffic: not for the public. With YC_METRICS_TOKEN
 * set it wants that bearer token; without, it answers only this machine (the client's address as
 * express reads it behind the trusted proxies, so a proxy on the same machine does not open it).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Express, Request } from 'express';
import type { Registry } from 'prom-client';
import type { Readiness } from '../readiness.js';
import { bearer } from './route.js';

export interface OpsDeps {
  readiness: Readiness;
  metrics: Registry;
  /** The bearer token /metrics wants; without one, only loopback addresses may scrape. */
  metricsToken?: string;
}

const loopback = (ip: string | undefined): boolean => ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function mayScrape(req: Request, token: string | undefined): boolean {
  return token ? sameSecret(bearer(req), token) : loopback(req.ip);
}

export function opsRoutes(app: Express, deps: OpsDeps): void {
  app.get('/healthz', (_req, res) => res.json({ ok: true }));
  app.get('/readyz', async (_req, res) => {
    const report = await deps.readiness.report();
    res.status(report.ready ? 200 : 503).set('Cache-Control', 'no-store').json(report);
  });
  app.get('/metrics', async (req, res) => {
    if (!mayScrape(req, deps.metricsToken)) {
      res.status(deps.metricsToken ? 401 : 403).json(
        deps.metricsToken
          ? { error: 'unauthorized', message: 'GET /metrics wants Authorization: Bearer <YC_METRICS_TOKEN>' }
          : { error: 'forbidden', message: 'metrics are served to this machine only; set YC_METRICS_TOKEN to scrape from elsewhere' },
      );
      return;
    }
    res.set('Content-Type', deps.metrics.contentType).send(await deps.metrics.metrics());
  });
}
