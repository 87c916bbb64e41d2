/** Kiosks: their ticket printers' state (the kiosk itself, the hall's managers) and the QR code's short address. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { canManage, canReadHall } from '../../auth/policies.js';
import type { Printing } from '../../printing.js';
import type { RouteKit } from '../kit.js';
import { HttpError } from '../route.js';
import { params, printerViewSchema as printerView } from '../schemas.js';

const kioskParams = z.object({ kioskId: z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _') });

export function kioskRoutes(printing: Printing) {
  return (kit: RouteKit): void => {
    const { ctx, route, hallOr404, forbid } = kit;
    route({
      method: 'get', path: '/kiosks/{kioskId}/printer', tag: 'kiosks', auth: 'token',
      summary: 'A kiosk’s ticket printer: ready, offline, out of paper … (the kiosk itself, or staff of its hall)',
      params: kioskParams,
      responses: { 200: { description: 'the printer’s last known state', schema: printerView } },
      handler: async ({ params: p, principal }) => {
        const own = principal!.kind === 'device' && principal!.device === 'kiosk' && principal!.kioskId === p.kioskId;
        const known = printing.kiosk(p.kioskId);
        // A paired kiosk the file does not list still learns it has no printer; others 404.
        if (!known && !own) throw new HttpError(404, 'not_found', 'no such kiosk');
        const hallId = known?.hall.id ?? principal!.hallId;
        if (!own && !canReadHall(principal!, hallId, ctx.halls.parentOf)) throw forbid('this token may not read this hall');
        if (!own && principal!.kind === 'device') throw forbid('only the kiosk itself or staff');
        return { status: 200, body: await printing.printer(p.kioskId, hallId) };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/printers', tag: 'kiosks', auth: 'token',
      summary: 'Every kiosk of a hall with its printer’s state (managers)',
      params: params.hall,
      responses: { 200: { description: 'kiosks and printers', schema: z.array(printerView) } },
      handler: async ({ params: p, principal }) => {
        const hall = hallOr404(p.hallId);
        if (!canManage(principal!, hall.id, ctx.halls.parentOf)) throw forbid('only a manager of this hall');
        return { status: 200, body: await printing.printers(hall.id) };
      },
    });
  };
}

/**
 * `/t/:ticketId?k=<trackToken>`: the short address the ticket's QR code holds (fewer modules, an
 * easier scan), sent on to the phone tracker page.
 */
export function trackerRedirect(req: Request, res: Response): void {
  const ticket = String(req.params.ticketId ?? '');
  const token = typeof req.query.k === 'string' ? req.query.k : '';
  const query = new URLSearchParams({ ticket, ...(token ? { token } : {}) });
  res.redirect(302, `/display/track.html?${query.toString()}`);
}
