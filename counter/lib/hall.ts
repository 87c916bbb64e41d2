/** A hall's public configuration as the counter uses it (GET /api/halls/:hallId, server/http/presenters.ts). */
import type { HallInfo, ServiceInfo, StaffInfo, WindowInfo } from '../../server/protocol.js';

export type { HallInfo, ServiceInfo, StaffInfo, WindowInfo };

export const serviceName = (hall: HallInfo, id: string): string => hall.services.find((s) => s.id === id)?.name ?? id;
export const staffName = (hall: HallInfo, id: string | undefined): string | undefined => (id ? (hall.staff.find((s) => s.id === id)?.name ?? id) : undefined);
