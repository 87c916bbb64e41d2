/**
 * What every route module gets: the command context, the token store, `route` to declare a route
 * (validated and documented at once), and the lookups and checks routes share.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { canReadHall } from '../auth/policies.js';
import type { Principal } from '../auth/principals.js';
import type { TokenStore } from '../auth/tokens.js';
import type { CommandContext } from '../commands/context.js';
import type { Hall } from '../domain/hall.js';
import type { Result } from '../store/hallStore.js';
import { addRoute, HttpError, refusalError, type Authenticate, type DeclaredRoute, type RouteSpec } from './route.js';

export interface RouteKit {
  ctx: CommandContext;
  tokens: TokenStore;
  route: <P, Q, B>(spec: RouteSpec<P, Q, B>) => void;
  hallOr404(hallId: string): Hall;
  windowHall(windowId: string): Hall;
  forbid(message: string): HttpError;
  /** Throws 403 unless this principal may read the hall. */
  assertCanRead(p: Principal | null, hallId: string): void;
  /** A command's result, or its refusal thrown as the matching HTTP error. */
  okOrThrow<T extends object>(r: Result<T>): Extract<Result<T>, { ok: true }>;
}

export function routeKit(ctx: CommandContext, tokens: TokenStore, router: Router, registry: OpenAPIRegistry, authenticate: Authenticate, declared: DeclaredRoute[] = []): RouteKit {
  const forbid = (message: string) => new HttpError(403, 'forbidden', message);
  return {
    ctx,
    tokens,
    route: (spec) => {
      declared.push({ method: spec.method, path: `/api${spec.path}`, responses: spec.responses });
      addRoute(router, registry, authenticate, spec);
    },
    hallOr404(hallId) {
      const hall = ctx.halls.get(hallId);
      if (!hall) throw new HttpError(404, 'unknown_hall', 'no such hall');
      return hall;
    },
    windowHall(windowId) {
      const hall = ctx.halls.of(windowId);
      if (!hall?.windows.has(windowId)) throw new HttpError(404, 'unknown_window', 'no such window');
      return hall;
    },
    forbid,
    assertCanRead(p, hallId) {
      if (!p || !canReadHall(p, hallId, ctx.halls.parentOf)) throw forbid('this token may not read this hall');
    },
    okOrThrow(r) {
      if (!r.ok) throw refusalError(r);
      return r as never;
    },
  };
}
