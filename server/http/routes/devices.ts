/** Pairing screens, kiosks and rating pads (admins). */
import { z } from 'zod';
import type { RouteKit } from '../kit.js';
import { canPairDevices } from '../../auth/policies.js';
import { HttpError } from '../route.js';
import { bodies } from '../schemas.js';

export function deviceRoutes(kit: RouteKit): void {
  const { tokens, route, hallOr404, forbid } = kit;
  route({
    method: 'post', path: '/devices', tag: 'devices', auth: 'token', summary: 'Pair a screen, kiosk or rating pad: returns its token (admins)',
    body: bodies.device,
    responses: { 201: { description: 'the device token', schema: z.object({ token: z.string() }) } },
    handler: async ({ body, principal }) => {
      if (!canPairDevices(principal!)) throw forbid('only an admin pairs devices');
      const hall = hallOr404(body.hallId);
      const needsWindow = body.device === 'window-screen' || body.device === 'pad';
      if (needsWindow && !(body.windowId && hall.windows.has(body.windowId))) throw new HttpError(400, 'bad_request', 'body.windowId: a window of this hall is required for this device', { field: 'body.windowId' });
      return { status: 201, body: { token: await tokens.createDevice(body) } };
    },
  });

}
