/**
 * Every HTTP request gets an id: the caller's X-Request-Id when it is a sane one (a load balancer
 * or a terminal that set it), else a new one; it is sent back in X-Request-Id, and the request runs
 * inside a child logger carrying it (server/log.ts), so whatever logs during the request — the route,
 * the command, the store, an unexpected error — names it. One line per request when it ends.
 * (Not the body's `requestId`: that one makes a command idempotent; this one follows a request
 * through the logs.)
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { instruments } from '../metrics.js';
import { rootLogger, withLogger } from '../log.js';

const saneId = /^[A-Za-z0-9._:\-]{1,128}$/;

/** Paths a scraper or a balancer asks for every few seconds: logged at debug, not info. */
const routine = new Set(['/healthz', '/readyz', '/metrics']);

export function requestLog() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.get('x-request-id');
    const reqId = given && saneId.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', reqId);
    const logger = rootLogger().child({ reqId });
    const started = performance.now();
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      // The declared route (express's pattern), not the URL: ids in paths would explode the labels.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : routine.has(req.path) ? req.path : 'other';
      instruments.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      const line = { method: req.method, url: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(seconds * 10_000) / 10 };
      if (routine.has(req.path) || !req.path.startsWith('/api/')) logger.debug(line, 'request');
      else if (res.statusCode >= 500) logger.warn(line, 'request');
      else logger.info(line, 'request');
    });
    withLogger(logger, next);
  };
}
