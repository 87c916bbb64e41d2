/**
 * The HTTP API under /api. Each route: validate → authorise → one command → present; routes live
 * in ./routes by subject. The OpenAPI document is generated from the same declarations.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import express, { Router } from 'express';
import { loginLimits } from '../auth/loginLimit.js';
import type { TokenStore } from '../auth/tokens.js';
import type { WiredContext } from '../commands/context.js';
import { routeKit, type RouteKit } from './kit.js';
import { bearer, HttpError, sendError, type DeclaredRoute } from './route.js';
import { authRoutes, type SessionEnded } from './routes/auth.js';
import { deviceRoutes } from './routes/devices.js';
import { hallRoutes } from './routes/halls.js';
import { ratingRoutes } from './routes/ratings.js';
import { ticketRoutes, type TicketHooks } from './routes/tickets.js';
import { windowRoutes } from './routes/windows.js';
import { LONE_SURROGATE, loneSurrogateAt } from '../wellFormed.js';

export interface ApiDeps {
  ctx: WiredContext;
  tokens: TokenStore;
  /** Login attempts allowed per username and address in 15 minutes (20 times that per address). */
  loginLimit?: number;
  /** Login attempts allowed per address in 15 minutes, whatever the usernames. */
  loginLimitPerAddress?: number;
  /** Route modules added by other parts of the hub (ratings, printing …). */
  extraRoutes?: ((kit: RouteKit) => void)[];
  /** What printing and the wait estimate add to tickets (see TicketHooks). */
  ticketHooks?: TicketHooks;
  /** Tell a session's terminals that the hub ended it (a takeover): the realtime side. */
  sessionEnded?: SessionEnded;
}

const modules = [authRoutes, hallRoutes, ticketRoutes, windowRoutes, deviceRoutes, ratingRoutes];

export function createApi(deps: ApiDeps): { router: Router; routes: DeclaredRoute[] } {
  const router = Router();
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  // Small bodies, but for an admin's edit of a whole hall's configuration.
  const smallJson = express.json({ limit: '16kb' });
  const configJson = express.json({ limit: '512kb' });
  router.use((req, res, next) => (req.method === 'POST' && /^\/halls\/[^/]+\/config$/.test(req.path) ? configJson : smallJson)(req, res, next));
  // Before any route: a string the Lua scripts cannot decode never reaches one (server/wellFormed.ts).
  router.use((req, res, next) => {
    const at = loneSurrogateAt(req.body);
    if (!at) return next();
    const field = `body${at === '(the value)' ? '' : at}`;
    res.status(400).json({ error: 'bad_request', message: `${field}: ${LONE_SURROGATE}`, field });
  });
  router.use('/login', ...loginLimits(deps.ctx.store.redis, deps.ctx.store.keyPrefix, deps.loginLimit ?? 10, deps.loginLimitPerAddress));

  // A session the hub ended on purpose says why, so its terminal can tell the staffer.
  const authenticate = async (req: express.Request) => {
    const token = bearer(req);
    const principal = await deps.tokens.resolve(token);
    if (!principal && (await deps.tokens.endedWhy(token)) === 'taken_over') throw new HttpError(401, 'taken_over', 'this session was ended: the staffer logged in on another terminal');
    return principal;
  };
  const routes: DeclaredRoute[] = [];
  const kit = { ...routeKit(deps.ctx, deps.tokens, router, registry, authenticate, routes), ticketHooks: deps.ticketHooks, sessionEnded: deps.sessionEnded };
  for (const register of [...modules, ...(deps.extraRoutes ?? [])]) register(kit);

  let doc: object | undefined;
  router.get('/openapi.json', (_req, res) => {
    doc ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: { title: '一窗 YiChuang hub API', version: '1.0.0', description: 'Queue, windows and events of government service halls.' },
      servers: [{ url: '/' }],
    });
    res.json(doc);
  });
  router.use((_req, res) => res.status(404).json({ error: 'not_found', message: 'no such endpoint' }));
  // Body-parser failures (malformed JSON, too large) arrive here.
  router.use((err: { status?: number; type?: string; message?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (err.status === undefined) return sendError(res, err); // e.g. the login limit's store while Redis is away
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const error = status === 413 ? 'too_large' : status === 500 ? 'internal' : 'bad_request';
    const message = err.type === 'entity.parse.failed' ? 'body: malformed JSON' : status === 413 ? 'body: larger than 16 kB' : (err.message ?? 'bad request');
    res.status(status).json({ error, message });
  });
  return { router, routes };
}
