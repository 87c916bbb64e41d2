/**
 * A staffer logs in at a terminal. One staffer works at one desk: when another terminal is live at
 * their desk — its session holds the staffer's window sign-in — the login asks first (409
 * `live_elsewhere`) instead of silently taking that desk over; with `takeover` it ends the other
 * session, which is told so (over its socket, or 401 `taken_over` on its next request).
 */
import { checkLogin, type LoggedIn } from '../auth/login.js';
import type { TokenStore } from '../auth/tokens.js';
import type { CommandContext } from './context.js';

export interface LogInProps {
  username: string;
  password: string;
  /** The staffer answered yes to 该工号正在另一台终端使用，是否在此登录？ */
  takeover?: boolean;
}

export type LogInResult =
  | { ok: true; token: string; staff: LoggedIn; /** the id of the session taken over, to be told */ tookOver?: string }
  | { ok: false; reason: 'wrong_password' | 'live_elsewhere' };

export async function logIn(ctx: CommandContext, tokens: TokenStore, props: LogInProps): Promise<LogInResult> {
  const staff = await checkLogin(ctx.halls, props.username, props.password);
  if (!staff) return { ok: false, reason: 'wrong_password' };
  const hall = ctx.halls.get(staff.hallId);
  const live = hall ? await ctx.store.snapshot(hall.id, { windows: hall.windowIds(), services: hall.serviceIds(), classes: hall.classes }) : undefined;
  const atDesk = !!live?.windows.some((w) => w.postA === staff.id || w.postB === staff.id);
  // A desk whose session logged out or expired is nobody's: the new session takes it without asking.
  const holder = atDesk ? await tokens.deskHolder(staff.id) : null;
  if (holder && !props.takeover) return { ok: false, reason: 'live_elsewhere' };
  const token = await tokens.createSession({ kind: 'staff', staffId: staff.id, name: staff.name, role: staff.role, hallId: staff.hallId });
  if (holder) await tokens.endSessionById(holder, 'taken_over');
  if (atDesk) await tokens.holdDesk(staff.id, token);
  return { ok: true, token, staff, ...(holder ? { tookOver: holder } : {}) };
}
