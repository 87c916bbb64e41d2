/** The manager's desk: acknowledge an alert; the hall's paired devices, and revoking one (admins). */
import { z } from 'zod';
import type { RouteKit } from '../kit.js';
import { canManage, canPairDevices } from '../../auth/policies.js';
import { deviceKinds } from '../../auth/principals.js';
import { acknowledgeAlert } from '../../commands/acknowledgeAlert.js';
import { HttpError } from '../route.js';
import { requestId } from '../schemas.js';

const hallAlert = z.object({ hallId: z.string().min(1).max(80), alertId: z.string().min(1).max(200) });
const hallDevice = z.object({ hallId: z.string().min(1).max(80), deviceId: z.string().min(1).max(40) });
const pairedDevice = z
  .object({ kind: z.literal('device'), device: z.enum(deviceKinds), deviceId: z.string(), hallId: z.string(), windowId: z.string().optional(), kioskId: z.string().optional(), pairedAt: z.number() })
  .meta({ id: 'PairedDevice' });

export interface DeskHooks {
  /** A pairing was revoked: end the device's open connections. */
  deviceRevoked?: (deviceId: string) => void;
}

export function deskRoutes(hooks: DeskHooks = {}) {
  return (kit: RouteKit): void => {
    const { ctx, tokens, route, hallOr404, forbid, okOrThrow } = kit;

    route({
      method: 'post', path: '/halls/{hallId}/alerts/{alertId}/ack', tag: 'desk', auth: 'token',
      summary: 'Acknowledge an alert (已知悉), with a note: once per alert; the event alert.acknowledged says who and when (managers)',
      params: hallAlert, body: z.object({ note: z.string().trim().max(200).optional(), requestId }).strict(),
      responses: { 200: { description: 'acknowledged', schema: z.object({ acknowledged: z.literal(true) }) } },
      handler: async ({ params: p, body, principal }) => {
        const hall = hallOr404(p.hallId);
        if (!canManage(principal!, hall.id, ctx.halls.parentOf)) throw forbid('only the hall’s managers acknowledge its alerts');
        const by = (principal as { staffId: string }).staffId;
        okOrThrow(await acknowledgeAlert(ctx, { hallId: hall.id, alertId: p.alertId, by, ...(body.note ? { note: body.note } : {}), ...(body.requestId ? { requestId: body.requestId } : {}) }));
        return { status: 200, body: { acknowledged: true } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/devices', tag: 'devices', auth: 'token', summary: 'The screens, kiosks and rating pads paired to the hall (admins)',
      params: z.object({ hallId: z.string().min(1).max(80) }),
      responses: { 200: { description: 'paired devices (tokens are never shown again)', schema: z.object({ items: z.array(pairedDevice) }) } },
      handler: async ({ params: p, principal }) => {
        const hall = hallOr404(p.hallId);
        if (!canPairDevices(principal!)) throw forbid('only an admin manages devices');
        return { status: 200, body: { items: await tokens.devices(hall.id) } };
      },
    });

    route({
      method: 'post', path: '/halls/{hallId}/devices/{deviceId}/revoke', tag: 'devices', auth: 'token', summary: 'Revoke a device’s pairing: its token stops working and its connections end (admins)',
      params: hallDevice, body: z.object({ requestId }).strict(),
      responses: { 200: { description: 'the revoked device', schema: z.object({ device: pairedDevice }) } },
      handler: async ({ params: p, principal }) => {
        const hall = hallOr404(p.hallId);
        if (!canPairDevices(principal!)) throw forbid('only an admin manages devices');
        const device = await tokens.revokeDevice(hall.id, p.deviceId);
        if (!device) throw new HttpError(404, 'unknown_device', 'no such device paired to this hall');
        hooks.deviceRevoked?.(device.deviceId);
        return { status: 200, body: { device } };
      },
    });
  };
}
