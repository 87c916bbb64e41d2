/**
 * Who may do what. Pure: the transport authenticates, then asks here before calling a command.
 * (Whether a staffer is signed in at *this* window is the engine's rule: its scripts refuse.)
 */
import type { RatingChannel } from '../protocol.js';
import type { Principal } from './principals.js';

/** A manager or inspector oversees their own hall and the halls under it (乡镇 under 县). */
export type HallTree = (hallId: string) => string | null;

function oversees(principal: Principal, hallId: string, parentOf: HallTree): boolean {
  if (principal.kind === 'staff' && principal.role === 'admin') return true;
  for (let h: string | null = hallId; h; h = parentOf(h)) if (h === principal.hallId) return true;
  return false;
}

/** Read the hall's live state and events: its staff, its managers, its devices. */
export const canReadHall = (p: Principal, hallId: string, parentOf: HallTree): boolean => oversees(p, hallId, parentOf);

/** Issue a ticket: a kiosk of the hall, or a manager of it (for a citizen at the help desk). */
export const canIssue = (p: Principal, hallId: string, parentOf: HallTree): boolean =>
  (p.kind === 'device' && p.device === 'kiosk' && p.hallId === hallId) ||
  (p.kind === 'staff' && (p.role === 'manager' || p.role === 'admin') && oversees(p, hallId, parentOf));

/** Act at a window (call, recall, …): staff only, of that window's hall; never a device. */
export const canActAtWindow = (p: Principal, hallId: string): p is Extract<Principal, { kind: 'staff' }> =>
  p.kind === 'staff' && p.hallId === hallId;

/** Close a window, cancel any ticket: the hall's managers. */
export const canManage = (p: Principal, hallId: string, parentOf: HallTree): boolean =>
  p.kind === 'staff' && (p.role === 'manager' || p.role === 'admin') && oversees(p, hallId, parentOf);

/** Open the manager's desk (its live view, roster, alerts and actions): the hall's managers and admins; never staff, inspectors or devices. */
export const canUseDesk = (p: Principal, hallId: string, parentOf: HallTree): boolean => canManage(p, hallId, parentOf);

/** Read the archive (past tickets and events): the hall's managers and inspectors, no one else. */
export const canReadHistory = (p: Principal, hallId: string, parentOf: HallTree): boolean =>
  p.kind === 'staff' && (p.role === 'manager' || p.role === 'inspector') && oversees(p, hallId, parentOf);

/** Pair devices: admins. */
export const canPairDevices = (p: Principal): boolean => p.kind === 'staff' && p.role === 'admin';

/**
 * Who may rate, and through which channel: the citizen with no session (the phone), or the pad of
 * a hall's window. Staff never: a rating is the citizen's word about them.
 */
export function ratingChannel(p: Principal | null, hallId: string): { channel: RatingChannel; windowId?: string } | string {
  if (!p) return { channel: 'qr' };
  if (p.kind === 'device' && p.device === 'pad' && p.hallId === hallId && p.windowId) return { channel: 'pad', windowId: p.windowId };
  if (p.kind === 'staff') return 'staff cannot rate on the citizen’s behalf';
  return 'only the window’s rating pad or the citizen rates';
}

/** The rating pad paired to this window. */
export const isWindowPad = (p: Principal | null, windowId: string): boolean =>
  p?.kind === 'device' && p.device === 'pad' && p.windowId === windowId;

/** Read a hall's 月度考核 whole (every staffer, window, version, drill-down, the report): its managers and inspectors. */
export const canReadEvaluation = (p: Principal, hallId: string, parentOf: HallTree): boolean => canReadHistory(p, hallId, parentOf);

/**
 * Ask for a month to be computed again (a correction): the hall's managers — those who read it
 * whole (canReadEvaluation), not the system's admins.
 */
export const canCorrectEvaluation = (p: Principal, hallId: string, parentOf: HallTree): boolean =>
  p.kind === 'staff' && p.role === 'manager' && canReadEvaluation(p, hallId, parentOf);

/** A staffer reads their own row of their hall's evaluation, nobody else's. */
export const isOwnEvaluation = (p: Principal | null, hallId: string, staffId: string): boolean =>
  p?.kind === 'staff' && p.hallId === hallId && p.staffId === staffId;

/** Edit a hall's configuration (services, windows, staff, schedule, rules) and export it: admins. */
export const canAdminister = (p: Principal | null): boolean => p?.kind === 'staff' && p.role === 'admin';

/** Record inspections and upload their photos: the hall's inspectors and managers (督查). */
export const canInspect = (p: Principal, hallId: string, parentOf: HallTree): boolean =>
  p.kind === 'staff' && (p.role === 'inspector' || p.role === 'manager' || p.role === 'admin') && oversees(p, hallId, parentOf);

/**
 * Who may take which step of a 差评 case. Managers: every step. Inspectors: what verification
 * asks of whoever handles it (contact the rater, the verdict on a case assigned to them, the
 * revisit) and notes. The staffer the rating is about: a note on their own case (申辩), never a
 * verdict, an appeal decision or anything else — and nobody edits the rating itself (no route does).
 */
export function caseStepAllowed(p: Principal, hallId: string, parentOf: HallTree, action: string, c: { staffId: string; assignee?: string }): boolean {
  if (p.kind !== 'staff' || !oversees(p, hallId, parentOf)) return false;
  if (p.role === 'manager' || p.role === 'admin') return true;
  if (p.role === 'inspector') return ['contact', 'revisit', 'note'].includes(action) || (action === 'verify' && c.assignee === p.staffId);
  return action === 'note' && c.staffId === p.staffId;
}
