/** A hall's public configuration as the counter uses it (GET /api/halls/:hallId, server/http/presenters.ts). */
import type { PriorityClass } from '../../server/protocol.js';

export interface ServiceInfo {
  id: string;
  name: string;
  prefix: string;
  standardMinutes: number;
}

export interface WindowInfo {
  id: string;
  number: number;
  name: string;
  kind: string;
  services: string[];
  /** Services in tiers, primary first (older hubs: absent, then `services` is one tier). */
  tiers?: string[][];
}

export interface StaffInfo {
  id: string;
  name: string;
  photo?: string;
  posts: { window: number; post: 'A' | 'B' }[];
}

export interface HallInfo {
  id: string;
  name: string;
  /** IANA zone of the hall's clock (dates and times on screen). */
  timeZone?: string;
  waitTargetMinutes?: number;
  classOrder?: PriorityClass[];
  ageingMinutes?: number;
  services: ServiceInfo[];
  windows: WindowInfo[];
  staff: StaffInfo[];
}

export const serviceName = (hall: HallInfo, id: string): string => hall.services.find((s) => s.id === id)?.name ?? id;
export const staffName = (hall: HallInfo, id: string | undefined): string | undefined => (id ? (hall.staff.find((s) => s.id === id)?.name ?? id) : undefined);
