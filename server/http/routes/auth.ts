/** Login and who-am-I. */
import { z } from 'zod';
import type { RouteKit } from '../kit.js';
import { bearer, HttpError } from '../route.js';
import { attemptsLeft } from '../../auth/loginLimit.js';
import { sessionId, type SessionEnd } from '../../auth/tokens.js';
import { logIn } from '../../commands/logIn.js';
import { bodies, errorSchema, principalSchema } from '../schemas.js';

/** Tells a session's terminals, on every hub, that the hub ended it (its socket room). */
export type SessionEnded = (sessionId: string, why: SessionEnd) => void;

export function authRoutes(kit: RouteKit & { sessionEnded?: SessionEnded }): void {
  const { ctx, tokens, route } = kit;
  route({
    method: 'post', path: '/login', tag: 'auth', auth: 'none', summary: 'Staff login with 工号 and password',
    body: bodies.login,
    responses: {
      200: { description: 'a session token and who you are', schema: z.object({ token: z.string(), staff: z.object({ id: z.string(), name: z.string(), role: z.string(), hallId: z.string() }) }) },
      401: { description: '`unauthorized`: wrong 工号 or password; `attemptsLeft` before the limit stops this address and 工号 (10 in 15 minutes by default), and `retryAfterSeconds` when none are left', schema: errorSchema },
      409: { description: '`live_elsewhere`: another terminal is live at this staffer’s desk (its session holds their window sign-in); send again with `takeover: true` to log in here and end that session', schema: errorSchema },
      429: { description: '`too_many_attempts`: the login limit is reached; `retryAfterSeconds` says when this address and 工号 may try again (also the RateLimit header)', schema: errorSchema },
    },
    handler: async ({ body, req }) => {
      const r = await logIn(ctx, tokens, body);
      if (!r.ok && r.reason === 'wrong_password') throw new HttpError(401, 'unauthorized', 'wrong 工号 or password', attemptsLeft(req));
      if (!r.ok) throw new HttpError(409, 'live_elsewhere', 'this staffer is live at a desk on another terminal: send takeover: true to log in here and end that session');
      if (r.tookOver) kit.sessionEnded?.(r.tookOver, 'taken_over');
      return { status: 200, body: { token: r.token, staff: r.staff } };
    },
  });

  route({
    method: 'get', path: '/me', tag: 'auth', auth: 'token', summary: 'Who this token stands for',
    responses: { 200: { description: 'the principal', schema: principalSchema } },
    handler: async ({ principal }) => ({ status: 200, body: principal }),
  });

  route({
    method: 'post', path: '/logout', tag: 'auth', auth: 'token', summary: 'End this staff session (a device token is not ended here)',
    responses: { 204: { description: 'the session is over' } },
    handler: async ({ req, principal }) => {
      const token = bearer(req)!;
      await tokens.endSession(token);
      // Its sockets, on every hub, stop following the hall now (a device token is not a session).
      if (principal?.kind === 'staff') kit.sessionEnded?.(sessionId(token), 'logged_out');
      return { status: 204 };
    },
  });

}
