/**
 * The staffer's session in this browser tab (sessionStorage: closing the tab logs out; a reload
 * does not). It also keeps the last view of the current ticket, so a reload shows it at once even
 * when it has dropped out of the hall snapshot's recent calls.
 */
import type { TicketView } from '../../server/protocol.js';

export interface StaffSession {
  token: string;
  staff: { id: string; name: string; role: string; hallId: string };
  current?: TicketView;
}

const KEY = 'yichuang.counter.session';

export function loadSession(storage: Storage = sessionStorage): StaffSession | null {
  try {
    const raw = storage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as StaffSession) : null;
    return s && typeof s.token === 'string' && s.staff?.id ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: StaffSession | null, storage: Storage = sessionStorage): void {
  if (s) storage.setItem(KEY, JSON.stringify(s));
  else storage.removeItem(KEY);
}
