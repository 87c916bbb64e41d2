/** Login and who-am-I. */
import { z } from 'zod';
import type { RouteKit } from '../kit.js';
import { bearer, HttpError } from '../route.js';
import { checkLogin } from '../../auth/login.js';
import { bodies, principalSchema } from '../schemas.js';

export function authRoutes(kit: RouteKit): void {
  const { ctx, tokens, route } = kit;
  route({
    method: 'post', path: '/login', tag: 'auth', auth: 'none', summary: 'Staff login with 工号 and password',
    body: bodies.login,
    responses: { 200: { description: 'a session token and who you are', schema: z.object({ token: z.string(), staff: z.object({ id: z.string(), name: z.string(), role: z.string(), hallId: z.string() }) }) } },
    handler: async ({ body }) => {
      const staff = await checkLogin(ctx.halls, body.username, body.password);
      if (!staff) throw new HttpError(401, 'unauthorized', 'wrong 工号 or password');
      const token = await tokens.createSession({ kind: 'staff', staffId: staff.id, name: staff.name, role: staff.role, hallId: staff.hallId });
      return { status: 200, body: { token, staff } };
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
    handler: async ({ req }) => {
      await tokens.endSession(bearer(req)!);
      return { status: 204 };
    },
  });

}
