/**
 * Who is calling: a signed-in staff member (any role), a paired device, or a citizen holding a
 * ticket's tracking token.
 */
import type { Role } from '../config.js';

export const deviceKinds = ['hall-screen', 'window-screen', 'kiosk', 'pad'] as const;
export type DeviceKind = (typeof deviceKinds)[number];

/** Who sent a request, for scoping its request id (server/commands/requestScope.ts). */
export const callerOf = (p: Principal): string => (p.kind === 'staff' ? `staff:${p.staffId}` : `device:${p.deviceId}`);

export type Principal =
  | { kind: 'staff'; staffId: string; name: string; role: Role; hallId: string }
  | { kind: 'device'; device: DeviceKind; deviceId: string; hallId: string; windowId?: string; kioskId?: string };
