/**
 * The desk's session: the same tab-scoped session the counter keeps (counter/terminal/session.ts),
 * so a manager who logs in at the counter arrives here already logged in.
 */
import { loadSession, saveSession, type StaffSession } from '../../counter/terminal/session.js';

export type DeskSession = StaffSession;
export const loadDeskSession = (): DeskSession | null => loadSession(sessionStorage);
export const saveDeskSession = (s: DeskSession | null): void => saveSession(s, sessionStorage);
