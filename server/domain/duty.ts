/**
 * Duty at a window (AB岗, DESIGN.md §5): who acts at it, who may act, and the window's state after
 * someone arrives or leaves. The one definition: the scripts execute it atomically
 * (server/store/lua/_lib.lua onDuty, _mutate.lua actorRefusal and settle, sign_in.lua,
 * sign_out.lua, away.lua, back.lua), and tests/engine/calling-order.property.test.ts proves they agree.
 *
 * Vocabulary, one word each: a staffer signs in at a post (A or B) and signs out; a staffer is
 * *away* (离岗, with a reason) and comes *back*; a window is *paused* (暂停服务) while nobody
 * signed in there is on duty; *covering* (顶岗) is B on duty because A is absent or away.
 */
import type { RefusalReason } from '../protocol.js';
import type { AwayReason } from './ticket.js';

export type Post = 'A' | 'B';
export type WindowState = 'closed' | 'idle' | 'called' | 'serving' | 'paused';

/** A window's posts: who is signed in as A and B, and whether each is away (with the reason). */
export interface Posts {
  postA?: string;
  postB?: string;
  awayA?: AwayReason;
  awayB?: AwayReason;
}

export interface WindowDuty extends Posts {
  state: WindowState;
  /** The ticket the window holds (called or serving). */
  ticketId?: string;
}

/** Who acts at the window now: A unless A is absent or away; then B covers; else nobody. */
export function onDuty(w: Posts): string | undefined {
  if (w.postA !== undefined && w.awayA === undefined) return w.postA;
  if (w.postB !== undefined && w.awayB === undefined) return w.postB;
  return undefined;
}

/** B is on duty in A's place (顶岗). */
export const isCovering = (w: Posts): boolean => {
  const who = onDuty(w);
  return who !== undefined && who === w.postB;
};

/** The post a staffer holds at this window now, if signed in here. */
export function postOf(w: Posts, staffId: string): Post | undefined {
  if (w.postA === staffId) return 'A';
  if (w.postB === staffId) return 'B';
  return undefined;
}

/** Why this staffer may not operate the window (call, recall, start, no-show, complete, transfer); null when they may. */
export function actorRefusal(w: WindowDuty | undefined, staffId: string): RefusalReason | null {
  if (!w) return 'unknown_window';
  if (w.state === 'closed') return 'window_closed';
  const post = postOf(w, staffId);
  if (!post) return 'not_signed_in';
  if ((post === 'A' ? w.awayA : w.awayB) !== undefined) return 'staff_away';
  if (w.state === 'paused') return 'window_paused';
  return null;
}

/**
 * The window's state after who is present changed: closed with nobody signed in, paused (with the
 * away reason) while nobody signed in is on duty, open (idle) again when someone is; a window
 * holding a ticket keeps its state.
 */
export function settle(w: WindowDuty): { state: WindowState; pauseReason?: AwayReason } {
  if (w.postA === undefined && w.postB === undefined) return { state: 'closed' };
  if (onDuty(w) === undefined) return { state: 'paused', pauseReason: (w.awayA ?? w.awayB)! };
  if (w.state === 'closed' || w.state === 'paused') return { state: 'idle' };
  return { state: w.state };
}

/** Why a staffer may not sign in at this post; null when they may. `elsewhere`: the window they are signed in at, if any. */
export function signInRefusal(w: WindowDuty | undefined, staffId: string, post: Post, elsewhere: string | undefined, windowId: string): RefusalReason | null {
  if (!w) return 'unknown_window';
  if (elsewhere !== undefined && elsewhere !== windowId) return 'signed_in_elsewhere';
  const holder = post === 'A' ? w.postA : w.postB;
  if (holder === staffId) return null; // signing in again changes nothing
  if (holder !== undefined) return 'post_taken';
  if (elsewhere !== undefined) return 'signed_in_elsewhere'; // here, at the other post
  return null;
}

/** Why a staffer may not sign out; null when they may. A window holding a ticket lets it go first. */
export function signOutRefusal(w: WindowDuty | undefined, staffId: string): RefusalReason | null {
  if (!w) return 'unknown_window';
  if (!postOf(w, staffId)) return 'not_signed_in';
  if (w.ticketId !== undefined) return 'window_busy';
  return null;
}

/** Why a staffer may not step away; null when they may. Only the one handling a ticket must let it go first. */
export function awayRefusal(w: WindowDuty | undefined, staffId: string): RefusalReason | null {
  if (!w) return 'unknown_window';
  const post = postOf(w, staffId);
  if (!post) return 'not_signed_in';
  if ((post === 'A' ? w.awayA : w.awayB) !== undefined) return 'staff_away';
  if (w.ticketId !== undefined && onDuty(w) === staffId) return 'window_busy';
  return null;
}

/** Why a staffer may not come back; null when they may. */
export function backRefusal(w: WindowDuty | undefined, staffId: string): RefusalReason | null {
  if (!w) return 'unknown_window';
  const post = postOf(w, staffId);
  if (!post) return 'not_signed_in';
  if ((post === 'A' ? w.awayA : w.awayB) === undefined) return 'bad_state';
  return null;
}
