/**
 * What a screen knows about its hall besides the live state: the public configuration
 * (`GET /api/halls/:hallId`, server/http/presenters.ts presentHall; the type is the wire's,
 * server/protocol.ts HallInfo), and the helpers screens label things with.
 */
import type { HallInfo, ServiceInfo, StaffInfo, WindowInfo } from '../../../server/protocol.js';

export type { HallInfo, ServiceInfo, StaffInfo, WindowInfo };

export const serviceName = (hall: HallInfo, serviceId: string): string =>
  hall.services.find((s) => s.id === serviceId)?.name ?? serviceId;

export const windowInfo = (hall: HallInfo, windowId: string): WindowInfo | undefined => hall.windows.find((w) => w.id === windowId);

export const staffInfo = (hall: HallInfo, staffId: string | undefined): StaffInfo | undefined =>
  staffId === undefined ? undefined : (hall.staff.find((s) => s.id === staffId) ?? { id: staffId, name: staffId, posts: [] });

// Two-character surnames that a placeholder must not cut in half (欧阳修 → 欧阳, not 欧).
const compoundSurnames = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '令狐', '慕容', '尉迟', '长孙', '宇文', '司徒', '夏侯', '轩辕', '端木', '公孙'];

/** The surname shown on a photo placeholder. */
export function surname(name: string): string {
  const trimmed = name.trim();
  const compound = compoundSurnames.find((s) => trimmed.startsWith(s) && trimmed.length > s.length);
  return compound ?? Array.from(trimmed)[0] ?? '';
}

/** Width of a text in em: a Chinese character is a full em, a Latin letter or digit about 0.6. */
export function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : 0.6;
  return em;
}
